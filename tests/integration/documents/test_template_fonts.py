"""The bureau's fonts travel with every template: the font table names a Chinese (GB2312) font and
an alternative every Chinese Windows has, so Word on a clerk's machine without 仿宋_GB2312 or
方正小标宋简体 substitutes FangSong / SimSun / SimHei; and the PDF conversion falls back to the
installed Noto CJK fonts (app/documents/fonts.conf), embedded in the PDF."""
from __future__ import annotations

import subprocess
import zipfile
from xml.etree import ElementTree as ET

import pytest

from app.documents import pdf
from tests.integration.documents.pdf_required import require_pdf_tools
from tests.integration.documents.test_templates import CODES, REGISTRY, full_case, render  # noqa: F401 - fixture

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EXPECTED = {"仿宋_GB2312": "仿宋", "方正小标宋简体": "宋体", "黑体": "SimHei", "宋体": "SimSun"}


def _fonts(path) -> dict[str, tuple[str | None, str | None]]:
    with zipfile.ZipFile(path) as package:
        root = ET.fromstring(package.read("word/fontTable.xml"))
    found = {}
    for font in root.iter(f"{W}font"):
        alt, charset = font.find(f"{W}altName"), font.find(f"{W}charset")
        found[font.get(f"{W}name")] = (alt.get(f"{W}val") if alt is not None else None,
                                       charset.get(f"{W}val") if charset is not None else None)
    return found


@pytest.mark.parametrize("code", CODES)
def test_every_template_names_the_fallback_of_its_chinese_fonts(code):
    path = REGISTRY.template_path(REGISTRY.get(code))
    fonts = _fonts(path)
    assert {name: fonts.get(name) for name in EXPECTED} == {name: (alt, "86") for name, alt in EXPECTED.items()}
    with zipfile.ZipFile(path) as package:
        styles = package.read("word/styles.xml").decode("utf-8")
    assert 'w:eastAsia="zh-CN"' in styles and 'w:eastAsia="仿宋_GB2312"' in styles


def test_a_rendered_document_keeps_the_font_table(full_case, tmp_path):  # noqa: F811 - the fixture
    _, content = render(full_case, "penalty_decision")
    (tmp_path / "d.docx").write_bytes(content)
    assert _fonts(tmp_path / "d.docx")["仿宋_GB2312"] == ("仿宋", "86")


def test_the_pdf_embeds_a_cjk_font_in_place_of_the_bureaus(full_case, tmp_path):  # noqa: F811 - the fixture
    require_pdf_tools()
    _, content = render(full_case, "penalty_decision")
    source = tmp_path / "penalty_decision.docx"
    source.write_bytes(content)
    (produced,) = pdf.convert([source], tmp_path / "pdf")  # with app/documents/fonts.conf
    listing = subprocess.run(["pdffonts", str(produced)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:]]
    embedded = {row[0].split("+", 1)[-1] for row in rows if len(row) >= 5 and "yes" in row[-5:-2]}
    assert any(name.startswith("NotoSerifCJK") for name in embedded), listing
    assert not any("Calibri" in name or "DejaVu" in name for name in embedded), listing
