"""A quick on-screen preview of a generated .docx: its paragraphs and tables in reading order
(the layout itself is judged in Word or in the PDF)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx import Document as open_docx
from docx.table import Table
from docx.text.paragraph import Paragraph


@dataclass(frozen=True)
class Block:
    kind: str  # paragraph | table
    text: str = ""
    centered: bool = False
    rows: tuple[tuple[str, ...], ...] = ()


def blocks(path: Path) -> list[Block]:
    doc = open_docx(str(path))
    found: list[Block] = []
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, doc)
            found.append(Block("paragraph", paragraph.text,
                               centered=paragraph.alignment is not None and int(paragraph.alignment) == 1))
        elif tag == "tbl":
            table = Table(child, doc)
            found.append(Block("table", rows=tuple(tuple(cell.text for cell in row.cells) for row in table.rows)))
    return found
