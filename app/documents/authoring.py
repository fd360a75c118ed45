"""Build the initial document templates (document_templates/*.docx) with python-docx.

    python -m app.documents.authoring            # writes the templates that do not exist yet
    python -m app.documents.authoring --force    # rewrites all of them (a clerk's edits are lost!)
    python -m app.documents.authoring --only penalty_decision.docx

The committed .docx files are the data: once written, a clerk edits them in Word (wording,
layout, the seal position). This script only records how they were first made and gives every
template the same layout (GB/T 9704-2012 style): A4; margins top 37 mm, bottom 35 mm, left 28 mm,
right 26 mm; the issuing body and the title in 方正小标宋简体 2号 (22 pt) centred; the number
under the title; body text 仿宋_GB2312 3号 (16 pt) at an exact line spacing of 28 pt, first line
indented two characters; headings in 黑体; the page number "— 1 —" in 宋体 4号 in the footer
(records: "第 1 页 共 2 页" and the signature of the person questioned on every page).

Templates contain plain Jinja tags only (the names of docs/documents.md): `{{ party.name }}`,
`{{ penalty.fine|capitals }}`, `{% if … %}` inside a paragraph, docxtpl's `{%p if … %}` as a
paragraph of its own and `{%tr for … %}` as a table row of its own. No body name is written in
a template: the issuing body, the reconsideration body and the court come from configuration.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from app.config import ROOT

TEMPLATE_DIR = ROOT / "document_templates"

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
PAGE_FONT = "宋体"
TEXT_WIDTH_MM = 210 - 28 - 26  # 156 mm


# --- low-level formatting --------------------------------------------------------------------------

def set_fonts(element_rpr, name: str) -> None:
    """Set ascii, hAnsi, eastAsia and cs fonts on an rPr element (theme fonts removed)."""
    fonts = element_rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        element_rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    fonts.set(qn("w:hint"), "eastAsia")  # quotes and dashes shared with Latin text take the Chinese font


# The font table tells Word what each font is when it is not installed: a Chinese (GB2312, charset 86)
# font and the name of one that every Chinese Windows has (altName), so a clerk's Word without the
# bureau's fonts substitutes a Song, FangSong or Hei face instead of a Latin one.
# (name, altName, panose, family, pitch)
FONT_FALLBACKS = [
    (TITLE_FONT, "宋体", "02010600030101010101", "auto", "variable"),
    (BODY_FONT, "仿宋", "02010609060101010101", "modern", "fixed"),
    (HEADING_FONT, "SimHei", "02010609060101010101", "modern", "fixed"),
    (PAGE_FONT, "SimSun", "02010600030101010101", "auto", "variable"),
]
GB2312_CHARSET = "86"
GB2312_SIGNATURE = {"w:usb0": "00000003", "w:usb1": "288F0000", "w:usb2": "00000016", "w:usb3": "00000000",
                    "w:csb0": "00040001", "w:csb1": "00000000"}


def font_table(doc) -> None:
    """Add the layout's Chinese fonts to word/fontTable.xml with their altName and charset 86."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    part = doc.part.part_related_by(RT.FONT_TABLE)
    root = etree.fromstring(part.blob)
    for font in root.findall(qn("w:font")):
        if font.get(qn("w:name")) in {f[0] for f in FONT_FALLBACKS}:
            root.remove(font)
    for name, alt, panose, family, pitch in FONT_FALLBACKS:
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, value in (("w:altName", alt), ("w:panose1", panose), ("w:charset", GB2312_CHARSET),
                           ("w:family", family), ("w:pitch", pitch)):
            etree.SubElement(font, qn(tag)).set(qn("w:val"), value)
        sig = etree.SubElement(font, qn("w:sig"))
        for attr, value in GB2312_SIGNATURE.items():
            sig.set(qn(attr), value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def chinese_language(doc) -> None:
    """The document's East Asian language is Chinese (python-docx's default says en-US), so Word picks
    the eastAsia fonts and Chinese line breaking."""
    lang = doc.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr") + "/"
                                   + qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


def style_font(style, name: str, size: float, bold: bool = False) -> None:
    style.font.name = name
    style.font.size = Pt(size)
    style.font.bold = bold
    set_fonts(style.element.get_or_add_rPr(), name)


def run_font(run, name: str, size: float | None = None, bold: bool | None = None) -> None:
    run.font.name = name
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    set_fonts(run._element.get_or_add_rPr(), name)


def exact_spacing(fmt, points: float) -> None:
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(points)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)


def paragraph_style(doc, name: str, *, font: str = BODY_FONT, size: float = 16, bold: bool = False,
                    line: float = 28, align=None, first_indent: float | None = None, right_indent: float | None = None,
                    before: float = 0, after: float = 0):
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.quick_style = True
    style_font(style, font, size, bold)
    fmt = style.paragraph_format
    exact_spacing(fmt, line)
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if align is not None:
        fmt.alignment = align
    fmt.first_line_indent = Pt(first_indent) if first_indent is not None else None
    fmt.right_indent = Pt(right_indent) if right_indent is not None else None
    fmt.widow_control = False
    return style


def setup_document(title: str):
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(24)
    normal = doc.styles["Normal"]
    style_font(normal, BODY_FONT, 16)
    exact_spacing(normal.paragraph_format, 28)
    normal.paragraph_format.widow_control = False
    # the document defaults too, so that table cells and new paragraphs keep the Chinese fonts
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            set_fonts(rpr, BODY_FONT)
    paragraph_style(doc, "文书机关", font=TITLE_FONT, size=22, line=36, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph_style(doc, "文书标题", font=TITLE_FONT, size=22, line=36, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph_style(doc, "文书文号", size=16, line=28, align=WD_ALIGN_PARAGRAPH.CENTER, before=6, after=12)
    paragraph_style(doc, "文书正文", size=16, line=28, align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_indent=32)
    paragraph_style(doc, "文书顶格", size=16, line=28, align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_indent=0)
    paragraph_style(doc, "文书小标题", font=HEADING_FONT, size=16, line=28, first_indent=32)
    paragraph_style(doc, "文书落款", size=16, line=28, align=WD_ALIGN_PARAGRAPH.RIGHT, right_indent=32)
    paragraph_style(doc, "文书附注", size=12, line=18, align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_indent=0)
    paragraph_style(doc, "表格文字", size=12, line=20, align=WD_ALIGN_PARAGRAPH.LEFT, first_indent=0)
    paragraph_style(doc, "表格标签", size=12, line=20, align=WD_ALIGN_PARAGRAPH.CENTER, first_indent=0)
    paragraph_style(doc, "表后", size=1, line=1, first_indent=0)
    paragraph_style(doc, "页码", font=PAGE_FONT, size=14, line=20, align=WD_ALIGN_PARAGRAPH.CENTER)
    props = doc.core_properties
    props.title, props.author, props.comments = title, "劳动保障智慧+系统", "docxtpl 模板，由 app/documents/authoring.py 生成"
    # the empty first paragraph of a new document
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    return doc


def add_text(paragraph, text: str, *, font: str | None = None, size: float | None = None) -> None:
    """Add `text` as runs; **…** marks bold. A Jinja tag never spans two runs."""
    for index, segment in enumerate(re.split(r"\*\*", text)):
        if not segment:
            continue
        run = paragraph.add_run(segment)
        if index % 2:
            run.font.bold = True
        if font:
            run_font(run, font, size)
        elif size:
            run.font.size = Pt(size)


def _field(paragraph, instruction: str, placeholder: str = "1") -> None:
    def char(kind: str):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._element.append(element)
        return run

    char("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._element.append(instr)
    char("separate")
    paragraph.add_run(placeholder)
    char("end")


def page_footer(doc, signer: str | None = None) -> None:
    """— PAGE — centred; for records "签名：＿＿  第 PAGE 页 共 NUMPAGES 页"."""
    footer = doc.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.style = doc.styles["页码"]
    if signer:
        paragraph.add_run(f"{signer}（签名）：＿＿＿＿＿＿　　第 ")
        _field(paragraph, "PAGE")
        paragraph.add_run(" 页　共 ")
        _field(paragraph, "NUMPAGES")
        paragraph.add_run(" 页")
    else:
        paragraph.add_run("— ")
        _field(paragraph, "PAGE")
        paragraph.add_run(" —")


# --- blocks ----------------------------------------------------------------------------------------------

Block = Callable[[object], None]


def P(text: str, style: str = "文书正文", keep: bool = False) -> Block:  # noqa: N802 - a block constructor
    """A paragraph; `keep` keeps it on the page of the next one (the last clause with the signature)."""
    def build(doc):
        paragraph = doc.add_paragraph(style=doc.styles[style])
        add_text(paragraph, text)
        if keep:
            paragraph.paragraph_format.keep_with_next = True
    return build


def L(text: str) -> Block:  # noqa: N802 - a line at the left margin (主送, 当事人 …)
    return P(text, "文书顶格")


def H(text: str) -> Block:  # noqa: N802 - a heading (一、…)
    return P(text, "文书小标题")


def NOTE(text: str) -> Block:  # noqa: N802
    return P(text, "文书附注")


def TAG(tag: str) -> Block:  # noqa: N802 - a docxtpl paragraph tag: {%p if x %}, {%p endif %} …
    return P("{%p " + tag + " %}", "文书顶格")


def BLANK(lines: int = 1) -> Block:  # noqa: N802
    def build(doc):
        for _ in range(lines):
            doc.add_paragraph(style=doc.styles["文书顶格"])
    return build


def SIGN(date: str = "{{ doc.issued_on|cn_date }}", seal: bool = True, body: str = "{{ org.name }}") -> Block:  # noqa: N802
    def build(doc):
        for _ in range(2):
            doc.add_paragraph(style=doc.styles["文书顶格"]).paragraph_format.keep_with_next = True
        lines = ([f"{body}（印章）"] if seal else [body]) + [date]
        for index, text in enumerate(lines):
            paragraph = doc.add_paragraph(style=doc.styles["文书落款"])
            add_text(paragraph, text)
            paragraph.paragraph_format.keep_with_next = index < len(lines) - 1
    return build


def CONTACT() -> Block:  # noqa: N802
    def build(doc):
        for text in ("{%p if org.address %}", "本机关地址：{{ org.address }}{% if org.postcode %}　邮政编码：{{ org.postcode }}{% endif %}",
                     "{%p endif %}",
                     "联系人：{{ inspector_names }}　　联系电话：{{ org.phone }}"):
            paragraph = doc.add_paragraph(style=doc.styles["文书顶格"])
            add_text(paragraph, text)
            paragraph.paragraph_format.keep_with_next = True  # with the signature
    return build


def PARTY(label: str = "当事人") -> Block:  # noqa: N802
    """The party's identification (行政处罚法第五十九条第一款第（一）项)."""
    def build(doc):
        for text in (f"{label}：{{{{ party.name }}}}",
                     "{{ party.identifier_label }}：{{ party.identifier }}",
                     "{%p if party.is_organisation %}",
                     "法定代表人（负责人）：{{ party.legal_representative or party.manager_name }}",
                     "{%p endif %}",
                     "地址：{{ party.address }}"):
            add_text(doc.add_paragraph(style=doc.styles["文书顶格"]), text)
    return build


def remedies(document: str = "本决定书", act: str = "本决定", not_suspended: bool = True) -> str:
    """The remedies clause (行政处罚法第五十九条第一款第（五）项; 行政复议法第二十条、第四十二条;
    行政诉讼法第四十六条、第五十六条), naming the configured reconsideration body and court."""
    text = (f"如不服{act}，可以在收到{document}之日起{{{{ org.reconsideration_days }}}}日内向"
            "{{ org.reconsideration_body }}申请行政复议，也可以在收到" + document
            + "之日起{{ org.litigation_months }}个月内直接向{{ org.court }}提起行政诉讼。")
    if not_suspended:
        text += f"行政复议或者行政诉讼期间，{act}不停止执行。"
    return text


REMEDIES = remedies()


@dataclass
class Cell:
    text: str = ""
    span: int = 1
    label: bool = False  # a label cell: centred


def C(text: str = "", span: int = 1) -> Cell:  # noqa: N802 - a value cell
    return Cell(text, span)


def K(text: str, span: int = 1) -> Cell:  # noqa: N802 - a label cell
    return Cell(text, span, True)


@dataclass
class Row:
    cells: list[Cell]
    height_mm: float | None = None


def R(*cells: Cell | str, height: float | None = None) -> Row:  # noqa: N802
    return Row([c if isinstance(c, Cell) else C(c) for c in cells], height)


def TR(tag: str) -> Row:  # noqa: N802 - a docxtpl row tag: {%tr for … %}, {%tr endfor %}
    return Row([Cell("{%tr " + tag + " %}", 0)])


def TABLE(widths_mm: list[float], rows: list[Row], size: float | None = None) -> Block:  # noqa: N802
    def build(doc):
        table = doc.add_table(rows=0, cols=len(widths_mm))
        table.style = doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for index, width in enumerate(widths_mm):
            table.columns[index].width = Mm(width)  # the grid LibreOffice lays out by
        for row_spec in rows:
            row = table.add_row()
            if row_spec.height_mm:
                row.height = Mm(row_spec.height_mm)
                row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            for index, cell in enumerate(row.cells):
                cell.width = Mm(widths_mm[index])
            column = 0
            for cell_spec in row_spec.cells:
                span = len(widths_mm) - column if cell_spec.span == 0 else cell_spec.span
                cell = row.cells[column]
                if span > 1:
                    cell = cell.merge(row.cells[column + span - 1])
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                paragraph = cell.paragraphs[0]
                paragraph.style = doc.styles["表格标签" if cell_spec.label else "表格文字"]
                add_text(paragraph, cell_spec.text, size=size)
                column += span
        doc.add_paragraph(style=doc.styles["表后"])  # Word needs a paragraph after a table; kept tiny
    return build


@dataclass
class Spec:
    file: str
    title: str
    body: list[Block]
    numbered: bool = True
    signer: str | None = None  # a record: the footer asks this person to sign every page
    org_line: bool = True  # the issuing body's name above the title
    extra: list[Block] = field(default_factory=list)


_DROPPED_PARTS = ("stylesWithEffects", "customXml", "webSettings", "thumbnail")


def slim(doc) -> None:
    """Leave out what python-docx's default package carries but a template never uses: the Word 2010
    stylesWithEffects copy, customXml, webSettings, the thumbnail, and the ~150 styles no paragraph,
    run or table refers to (800 KB of XML that every rendering would parse and write again)."""
    for owner in (doc.part, doc.part.package):
        for rel_id, rel in list(owner.rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in _DROPPED_PARTS:
                del owner.rels[rel_id]
    styles = doc.styles.element
    used: set[str] = set()
    parts = [doc.element] + [s.footer._element for s in doc.sections if not s.footer.is_linked_to_previous]
    for element in parts:
        for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
            used.update(e.get(qn("w:val")) for e in element.iter(qn(tag)))
    by_id = {e.get(qn("w:styleId")): e for e in styles.iterchildren(qn("w:style"))}
    keep = {sid for sid, e in by_id.items() if e.get(qn("w:default")) == "1" or e.get(qn("w:customStyle")) == "1"}
    pending = list(keep | used)
    while pending:
        sid = pending.pop()
        if sid not in by_id:
            continue
        keep.add(sid)
        for tag in ("w:basedOn", "w:link", "w:next"):
            ref = by_id[sid].find(qn(tag))
            if ref is not None and ref.get(qn("w:val")) not in keep:
                pending.append(ref.get(qn("w:val")))
    for sid, element in by_id.items():
        if sid not in keep:
            styles.remove(element)


def build(spec: Spec):
    doc = setup_document(spec.title)
    if spec.org_line:
        add_text(doc.add_paragraph(style=doc.styles["文书机关"]), "{{ org.name }}")
    add_text(doc.add_paragraph(style=doc.styles["文书标题"]), spec.title)
    if spec.numbered:
        add_text(doc.add_paragraph(style=doc.styles["文书文号"]), "{{ doc.number }}")
    else:
        doc.add_paragraph(style=doc.styles["文书附注"])
    for block in spec.body:
        block(doc)
    page_footer(doc, spec.signer)
    slim(doc)
    font_table(doc)
    chinese_language(doc)
    return doc


# --- the documents ---------------------------------------------------------------------------------------------

W4 = [28, 50, 28, 50]  # label, value, label, value (mm)
CASE_ROWS = [
    R(K("案件编号"), C("{{ case.number }}"), K("案由"), C("{{ case.cause }}")),
    R(K("当事人"), C("{{ party.name }}", 3)),
    R(K("{{ party.identifier_label }}"), C("{{ party.identifier }}"), K("法定代表人（负责人）"),
      C("{{ party.legal_representative or party.manager_name }}")),
    R(K("立案日期"), C("{{ case.filed_on }}"), K("承办人"), C("{{ case.handlers }}")),
]
COMPLAINT_REF = ("你（们）于{{ ticket.received_at|cn_date }}反映{{ party.name }}拖欠工资一事"
                 "（工单编号：{{ ticket.number }}），本机关已收悉。")
CASE_REF = "你（们）投诉{{ party.name }}{{ case.cause }}一案（案件编号：{{ case.number }}）"
SIGN_LINE = "＿＿＿＿＿＿＿＿"
DATE_LINE = "＿＿＿＿年＿＿月＿＿日"
STATEMENT_RIGHTS = ("根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）享有陈述、申辩的权利。"
                    "你（单位）可以在收到本告知书之日起{{ periods.statement_defence.text }}内向本机关提出陈述、申辩；"
                    "逾期未提出的，视为放弃陈述、申辩的权利。")
HEARING_RIGHTS = ("根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你（单位）有要求举行听证的权利。"
                  "你（单位）要求听证的，应当在收到本告知书之日起{{ periods.hearing_request.text }}内向本机关提出；"
                  "逾期未提出的，视为放弃听证的权利。")
INSPECTOR_IDS = ("{% for i in inspectors %}{{ i.name }}（执法证号：{{ i.certificate_no }}）"
                 "{% if not loop.last %}、{% endif %}{% endfor %}")

# the case file says why its page numbers are blank (no LibreOffice to count them)
PAGES_NOTE = [TAG("{%p if case_file.pages_note %}"), NOTE("注：{{ case_file.pages_note }}"), TAG("{%p endif %}")]

SPECS: list[Spec] = [
    # --- 受理 (ticket) ------------------------------------------------------------------------------------
    Spec("complaint_registration.docx", "劳动保障监察投诉登记表", numbered=False, body=[
        P("工单编号：{{ ticket.number }}", "文书落款"),
        TABLE(W4, [
            R(K("投诉来源"), C("{{ ticket.channel }}"), K("来访时间"), C("{{ ticket.received_at|cn_datetime }}")),
            R(K("**投诉人**", 4)),
            TR("for c in complainants"),
            R(K("姓名"), C("{{ c.name }}{% if c.gender %}（{{ c.gender }}）{% endif %}"), K("联系电话"), C("{{ c.phone }}")),
            R(K("{{ c.id_type_label or '证件' }}号码"), C("{{ c.id_number }}"), K("是否农民工"), C("{{ c.is_migrant_worker }}")),
            R(K("指定送达地址"), C("{{ c.service_address }}", 3)),
            TR("endfor"),
            R(K("**被投诉单位（人）**", 4)),
            TR("for p in parties"),
            R(K("{{ p.role_label }}"), C("{{ p.name }}", 3)),
            R(K("{{ p.identifier_label }}"), C("{{ p.identifier }}"),
              K("{% if p.is_organisation %}法定代表人（负责人）{% else %}证件类型{% endif %}"),
              C("{% if p.is_organisation %}{{ p.legal_representative or p.manager_name }}"
                "{% else %}{{ p.id_type_label }}{% endif %}")),
            R(K("地址"), C("{{ p.address }}"), K("联系电话"), C("{{ p.phone }}")),
            TR("endfor"),
            R(K("项目名称"), C("{{ ticket.project_name }}", 3)),
            R(K("涉及人数"), C("{{ ticket.people_count }}人（其中农民工{{ ticket.migrant_worker_count }}人）"),
              K("涉及金额"), C("{{ ticket.amount|money }}元")),
            R(K("投诉事实及请求"), C("{{ ticket.summary }}", 3), height=50),
            R(K("登记人"), C("{{ ticket.registered_by }}"), K("登记日期"), C("{{ ticket.received_at|cn_date }}")),
            R(K("投诉人确认"), C("以上登记内容经本人核对无误。\n投诉人（签名）：" + SIGN_LINE + "　" + DATE_LINE, 3), height=22),
        ]),
        NOTE("注：投诉人应当提供本人身份证件、投诉书和劳动关系证明等材料；法律文书按上述指定送达地址送达"
             "（《广东省劳动保障监察条例》第三十六条、第三十七条）。"),
    ]),
    Spec("rejection_notice.docx", "不予受理通知书", body=[
        L("{{ complainant.name }}："),
        P(COMPLAINT_REF),
        P("经审查，该投诉属于“{{ labels.reject_ground }}”的情形。根据《广东省劳动保障监察条例》"
          "第三十九条的规定，本机关决定不予受理。"),
        P("{% if data.reject_ground in ['in_arbitration_or_litigation', 'labour_dispute_procedure'] %}"
          "你（们）可以依法向劳动人事争议仲裁委员会申请仲裁或者向人民法院提起诉讼。{% endif %}"
          "如不服本决定，可以在收到本通知书之日起{{ org.reconsideration_days }}日内向{{ org.reconsideration_body }}"
          "申请行政复议，也可以在{{ org.litigation_months }}个月内向{{ org.court }}提起行政诉讼。"),
        P("特此通知。"),
        CONTACT(),
        SIGN(),
    ]),
    Spec("supplement_notice.docx", "补正通知书", body=[
        L("{{ complainant.name }}："),
        P(COMPLAINT_REF),
        P("经审查，你（们）提交的投诉材料不齐全。根据《广东省劳动保障监察条例》第三十六条、第三十七条、第三十九条的规定，"
          "现一次性告知你（们）补正下列材料："),
        P("{{ data.supplement_items|paragraphs }}"),
        P("请你（们）{% if input.supplement_by %}于{{ input.supplement_by }}前{% else %}及时{% endif %}"
          "向本机关补正上述材料。补正材料齐全的，本机关依法予以受理；逾期未补正的，本机关将不予受理。"),
        P("特此通知。"),
        CONTACT(),
        SIGN(),
    ]),
    Spec("referral_notice.docx", "告知书", body=[
        L("{{ complainant.name }}："),
        P(COMPLAINT_REF),
        P("经审查，"
          "{% if data.refer_type == 'transfer' %}该事项不属于本机关管辖，本机关已将其移送{{ data.refer_to }}依法处理，"
          "你（们）可以向该部门了解处理情况。"
          "{% else %}该事项不属于劳动保障监察职责范围或者不属于本机关管辖，请你（们）向{{ data.refer_to }}反映。{% endif %}"),
        P("根据《广东省劳动保障监察条例》第三十九条的规定，特此告知。"),
        CONTACT(),
        SIGN(),
    ]),
    # --- 立案 ----------------------------------------------------------------------------------------------------
    Spec("filing_approval.docx", "劳动保障监察立案审批表", numbered=False, body=[
        TABLE(W4, [
            R(K("案件编号"), C("{{ case.number }}"), K("案件来源"), C("{{ case.source }}")),
            R(K("受理时间"), C("{{ case.received_at|cn_date }}"), K("工单编号"), C("{{ case.ticket_number }}")),
            R(K("案由"), C("{{ case.cause }}", 3)),
            R(K("当事人"), C("{{ party.name }}", 3)),
            R(K("{{ party.identifier_label }}"), C("{{ party.identifier }}"), K("法定代表人（负责人）"),
              C("{{ party.legal_representative or party.manager_name }}")),
            R(K("地址"), C("{{ party.address }}"), K("联系电话"), C("{{ party.phone }}")),
            R(K("投诉人"), C("{% for c in complainants %}{{ c.name }}{% if not loop.last %}、{% endif %}{% endfor %}"),
              K("联系电话"), C("{{ complainant.phone }}")),
            R(K("项目名称"), C("{{ case.project_name }}", 3)),
            R(K("涉及人数"), C("{{ case.people_count }}人（其中农民工{{ case.migrant_worker_count }}人）"),
              K("涉及金额"), C("{{ case.amount|money }}元")),
            R(K("案情摘要"), C("{{ case.summary }}", 3), height=32),
            R(K("立案审批意见"), C("{{ labels.filing_approval }}。{{ data.filing_opinion }}\n\n"
                                  "审批人（签名）：" + SIGN_LINE + "　　{{ data.filed_on }}", 3), height=26),
            R(K("立案日期"), C("{{ case.filed_on }}"), K("承办人"), C("{{ case.handlers }}")),
        ]),
        NOTE("依据：《劳动保障监察条例》第十四条；《广东省劳动保障监察条例》第三十二条、第三十六条。"),
    ]),
    Spec("not_filed_notice.docx", "不予立案告知书", body=[
        L("{{ complainant.name }}："),
        P("你（们）反映{{ party.name }}拖欠工资一事（{% if case.ticket_number %}工单编号：{{ case.ticket_number }}，{% endif %}"
          "案件编号：{{ case.number }}），经本机关审查，{{ data.reject_reason|clause }}。本机关决定不予立案。"),
        P("如不服本决定，可以在收到本告知书之日起{{ org.reconsideration_days }}日内向{{ org.reconsideration_body }}"
          "申请行政复议，也可以在{{ org.litigation_months }}个月内向{{ org.court }}提起行政诉讼。"),
        P("特此告知。"),
        CONTACT(),
        SIGN(),
    ]),
    # --- 调查取证 ------------------------------------------------------------------------------------------------
    Spec("inquiry_notice.docx", "劳动保障监察询问通知书", body=[
        L("{{ input.addressee or party.name }}："),
        P("为调查{{ party.name }}{{ case.cause }}一案（案件编号：{{ case.number }}），根据《劳动保障监察条例》第十五条和"
          "《广东省劳动保障监察条例》第四十条的规定，请你（单位）{% if party.is_organisation %}法定代表人（负责人）"
          "或者委托代理人{% endif %}于**{{ input.inquiry_at|cn_datetime }}**到**{{ input.inquiry_place }}**接受询问调查，"
          "并携带下列材料："),
        P("{{ input.materials|paragraphs }}"),
        P("委托他人到场的，受托人应当携带授权委托书和本人身份证件。"),
        P("无正当理由拒不到场接受询问，或者拒不提供有关材料、提供虚假材料的，本机关将依据《劳动保障监察条例》"
          "第三十条和《广东省劳动保障监察条例》第五十二条的规定，处二千元以上二万元以下的罚款。"),
        CONTACT(),
        SIGN(),
    ]),
    Spec("inquiry_record.docx", "询问笔录", numbered=False, signer="被询问人", body=[
        L("时间：{{ input.started_at|cn_datetime }}至{{ input.ended_at|cn_datetime }}"),
        L("地点：{{ input.record_place }}"),
        L("询问人：{{ inspector_names }}　　记录人：{{ input.recorder }}"),
        L("被询问人：{{ input.record_persons }}　　性别：{{ input.interviewee_gender }}"),
        L("身份证件号码：{{ input.interviewee_id_number }}　　联系电话：{{ input.interviewee_phone }}"),
        L("工作单位及职务：{{ input.interviewee_position }}"),
        L("住址：{{ input.interviewee_address }}"),
        L("在场人：{{ input.present }}"),
        L("问：我们是{{ org.name }}的劳动保障监察员" + INSPECTOR_IDS + "，这是我们的执法证件，请你过目。"
          "现就{{ party.name }}{{ case.cause }}一案（案件编号：{{ case.number }}）依法向你进行调查询问。你有如实回答问题、"
          "提供有关材料的义务，也有陈述和申辩的权利；认为我们与本案有直接利害关系、可能影响公正处理的，可以申请回避。"
          "你听清楚了吗？是否申请回避？"),
        L("答：" + SIGN_LINE * 2),
        TAG("if input.content"),
        L("{{ input.content|paragraphs }}"),
        TAG("else"),
        L("问："), BLANK(3), L("答："), BLANK(3),
        TAG("endif"),
        L("问：以上笔录你看一下（或者向你宣读），是否与你所说的一致？"),
        L("答：" + SIGN_LINE * 2),
        BLANK(),
        L("被询问人（签名）：" + SIGN_LINE + "　　" + DATE_LINE),
        L("询问人（签名）：" + SIGN_LINE + "　" + SIGN_LINE),
        L("记录人（签名）：" + SIGN_LINE),
        NOTE("注：笔录应当交被询问人核对，对没有阅读能力的，应当向其宣读；被询问人拒绝签名的，由询问人在笔录上注明情况。"),
    ]),
    Spec("site_inspection_record.docx", "现场检查笔录", numbered=False, signer="被检查单位现场负责人", body=[
        L("检查时间：{{ input.started_at|cn_datetime }}至{{ input.ended_at|cn_datetime }}"),
        L("检查地点：{{ input.record_place }}"),
        L("被检查单位：{{ party.name }}"),
        L("法定代表人（负责人）：{{ party.legal_representative or party.manager_name }}　　联系电话：{{ party.phone }}"),
        L("现场负责人（在场人）：{{ input.record_persons }}　　职务：{{ input.present_position }}"),
        L("检查人：{{ inspector_names }}　　记录人：{{ input.recorder }}"),
        P("检查人员向被检查单位现场负责人出示执法证件：" + INSPECTOR_IDS + "，说明来意，告知其有如实提供情况、"
          "配合检查的义务，以及陈述、申辩和申请回避的权利。"),
        L("检查情况："),
        TAG("if input.content"),
        P("{{ input.content|paragraphs }}"),
        TAG("else"),
        BLANK(8),
        TAG("endif"),
        BLANK(),
        L("被检查单位现场负责人（签名）：" + SIGN_LINE + "　" + DATE_LINE),
        L("检查人（签名）：" + SIGN_LINE + "　" + SIGN_LINE),
        L("记录人（签名）：" + SIGN_LINE),
        L("见证人（签名）：" + SIGN_LINE),
        NOTE("注：现场负责人拒绝签名的，由检查人员注明情况，并可以邀请见证人签名或者以录音录像记录。"),
    ]),
    Spec("evidence_preservation_notice.docx", "证据登记保存通知书", body=[
        L("{{ party.name }}："),
        P("本机关在调查{{ case.cause }}一案（案件编号：{{ case.number }}）中，因下列证据可能灭失或者以后难以取得，"
          "经本机关负责人{% if input.approved_by %}{{ input.approved_by }}{% endif %}批准，根据《中华人民共和国行政处罚法》"
          "第五十六条和《广东省劳动保障监察条例》第四十条第一款第（五）项的规定，决定自{{ input.preserved_on }}起对你（单位）"
          "的下列证据予以先行登记保存（详见《证据登记保存清单》）："),
        P("{{ input.items|paragraphs }}"),
        P("保存地点：{{ input.place }}　　保存人：{{ input.keeper }}"),
        P("在登记保存期间，你（单位）及有关人员不得销毁、转移或者擅自动用上述证据。本机关将在七个工作日内"
          "{% if deadlines.evidence_preservation %}（{{ deadlines.evidence_preservation }}前）{% endif %}依法作出处理决定。"),
        CONTACT(),
        SIGN(),
    ]),
    Spec("evidence_preservation_list.docx", "证据登记保存清单", numbered=False, body=[
        L("当事人：{{ party.name }}"),
        L("案件编号：{{ case.number }}"),
        L("证据登记保存通知书文号：{{ input.document_no }}"),
        TABLE([14, 30, 72, 40], [
            R(K("序号"), K("证据名称、数量及特征", 2), K("备注")),
            R(C("1"), C("{{ input.items }}", 2), C("{{ input.list_remark or '' }}"), height=70),
            R(K("保存地点", 2), C("{{ input.place }}", 2)),
            R(K("保存人", 2), C("{{ input.keeper }}", 2)),
            R(K("登记保存日期", 2), C("{{ input.preserved_on }}", 2)),
        ]),
        L("当事人（签名或者盖章）：" + SIGN_LINE),
        L("执法人员（签名）：" + SIGN_LINE + "　" + SIGN_LINE),
        L("日期：" + DATE_LINE),
        NOTE("注：本清单一式两份，一份交当事人，一份附卷。"),
    ]),
    # --- 延期中止 ------------------------------------------------------------------------------------------------
    Spec("extension_approval.docx", "案件延期审批表", numbered=False, body=[
        TABLE(W4, CASE_ROWS + [
            R(K("办案期限届满日"), C("{{ deadlines.decision }}"), K("延长期限"), C("{{ data.extension_days }}个工作日")),
            R(K("延期理由"), C("{{ data.extension_reason }}", 3), height=40),
            R(K("科室审核意见"), C("{{ labels.extension_review }}。{{ data.review_opinion }}\n\n审核人（签名）：" + SIGN_LINE, 3),
              height=30),
            R(K("负责人审批意见"), C("{{ labels.extension_approval }}。{{ data.approval_opinion }}\n\n负责人（签名）："
                                    + SIGN_LINE + "　{{ data.extension_approved_on }}", 3), height=30),
        ]),
        NOTE("依据：《劳动保障监察条例》第十七条；《广东省劳动保障监察条例》第四十四条（案情复杂的，经负责人批准可以延长"
             "三十个工作日；投诉案件应当书面告知投诉人）。"),
    ]),
    Spec("extension_notice.docx", "延长办案期限告知书", body=[
        L("{{ complainant.name }}："),
        P(CASE_REF + "，本机关已于{{ case.filed_on }}立案调查。因案情复杂，经本机关负责人批准，根据《广东省劳动保障监察条例》"
          "第四十四条第二款的规定，本案办案期限延长{{ data.extension_days }}个工作日"
          "{% if deadlines.decision %}，至{{ deadlines.decision }}{% endif %}。"),
        P("特此告知。"),
        CONTACT(),
        SIGN(),
    ]),
    Spec("suspension_approval.docx", "案件中止调查审批表", numbered=False, body=[
        TABLE(W4, CASE_ROWS + [
            R(K("中止情形"), C("{{ labels.suspension_ground }}", 3)),
            R(K("具体理由"), C("{{ data.suspension_reason }}", 3), height=40),
            R(K("申请日期"), C("{{ data.applied_on }}"), K("申请人"), C("{{ case.handler }}")),
            R(K("负责人审批意见"), C("{{ labels.suspension_approval }}。{{ data.approval_opinion }}\n\n负责人（签名）："
                                    + SIGN_LINE + "　{{ data.suspension_approved_on }}", 3), height=30),
        ]),
        NOTE("依据：《广东省劳动保障监察条例》第四十五条（中止期间不计入办案期限；应当自批准之日起三个工作日内书面告知投诉人）。"),
    ]),
    Spec("suspension_notice.docx", "中止调查告知书", body=[
        L("{{ complainant.name }}："),
        P(CASE_REF + "，本机关已于{{ case.filed_on }}立案调查。因{{ labels.suspension_ground }}"
          "{% if data.suspension_reason %}（{{ data.suspension_reason|clause }}）{% endif %}，经本机关负责人于"
          "{{ data.suspension_approved_on }}批准，根据《广东省劳动保障监察条例》第四十五条的规定，本案自"
          "{{ data.suspension_approved_on }}起中止调查，中止期间不计入办案期限。"),
        P("中止调查的原因消除后，本机关将恢复调查，并书面告知你（们）。"),
        P("特此告知。"),
        CONTACT(),
        SIGN(),
    ]),
    Spec("resumption_notice.docx", "恢复调查通知书", body=[
        L("{{ input.recipient or complainant.name }}："),
        P(CASE_REF + "，本机关于{{ data.suspension_approved_on }}中止调查。现{{ input.resume_reason|clause }}，"
          "中止调查的原因已经消除。根据《广东省劳动保障监察条例》第四十五条的规定，本机关决定自{{ input.resumed_on }}起"
          "恢复调查，办案期限自恢复调查之日起继续计算。"),
        P("特此通知。"),
        CONTACT(),
        SIGN(),
    ]),
    # --- 处理决定 ------------------------------------------------------------------------------------------------
    Spec("rectification_order.docx", "劳动保障监察限期改正指令书", body=[
        PARTY(),
        P("本机关于{{ case.filed_on }}对你单位{{ case.cause }}一案（案件编号：{{ case.number }}）立案调查。经查明："
          "{{ rectification.facts|sentence|paragraphs }}"),
        P("涉及劳动者{{ rectification.worker_count }}人（其中农民工{{ rectification.migrant_worker_count }}人），"
          "应付工资人民币{{ rectification.amount|money }}元（大写：{{ rectification.amount|capitals }}）。"),
        P("你单位的上述行为违反了{{ rectification.legal_basis or '《中华人民共和国劳动法》第五十条' }}的规定。"
          "根据《劳动保障监察条例》第十八条第一款第（二）项、第二十六条和《广东省劳动保障监察条例》第四十四条、"
          "第五十一条第一款的规定，现责令你单位于**{{ input.rectify_by }}前**改正上述违法行为："),
        TAG("if input.rectify_content"),
        P("{{ input.rectify_content|paragraphs }}"),
        TAG("else"),
        P("向上述劳动者足额支付拖欠的工资人民币{{ rectification.amount|money }}元（大写：{{ rectification.amount|capitals }}）。"),
        TAG("endif"),
        P("并于改正期限届满前将改正情况及支付凭证书面报送本机关。"),
        P("逾期不改正的，本机关将依据《中华人民共和国劳动合同法》第八十五条和《劳动保障监察条例》第二十六条的规定，"
          "责令你单位按应付金额百分之五十以上百分之一百以下的标准向劳动者加付赔偿金，并依法予以行政处罚；"
          "经责令支付仍不支付，涉嫌拒不支付劳动报酬罪的，依法移送公安机关追究刑事责任，并依法列入拖欠农民工工资"
          "失信联合惩戒对象名单。"),
        P(remedies("本指令书", "本指令"), keep=True),
        SIGN(),
        NOTE("本指令书一式两份，一份送达当事人，一份附卷。"),
    ]),
    Spec("handling_prior_notice.docx", "行政处理事先告知书", body=[
        L("{{ party.name }}："),
        P("本机关于{{ case.filed_on }}对你单位{{ case.cause }}一案（案件编号：{{ case.number }}）立案调查。经查明："
          "{{ handling.facts|sentence|paragraphs }}"),
        P("你单位的上述行为违反了{{ handling.legal_basis }}的规定。根据《劳动保障监察条例》第十八条第一款第（二）项、"
          "第二十六条和《广东省劳动保障监察条例》第四十四条的规定，本机关拟作出如下行政处理决定：责令你单位向劳动者"
          "支付工资人民币{{ handling.proposed_amount|money }}元（大写：{{ handling.proposed_amount|capitals }}）。"),
        P("根据《劳动保障监察条例》第十九条和《广东省劳动保障监察条例》第二十四条的规定，你单位对上述拟作出的处理决定"
          "享有陈述、申辩的权利，可以在收到本告知书之日起{{ periods.statement_defence.text }}内向本机关提出陈述、申辩；"
          "逾期未提出的，视为放弃陈述、申辩的权利。"),
        CONTACT(),
        SIGN(),
    ]),
    Spec("handling_decision.docx", "劳动保障监察行政处理决定书", body=[
        PARTY("被处理人"),
        L("案由：{{ case.cause }}"),
        H("一、认定的事实和证据"),
        P("本机关于{{ case.filed_on }}对你单位{{ case.cause }}一案（案件编号：{{ case.number }}）立案调查。经查明："
          "{{ handling.facts|sentence|paragraphs }}"),
        P("以上事实有{{ input.evidence|clause }}等证据证实。"),
        P("本机关于{{ handling.notice_served_on }}向你单位送达了《行政处理事先告知书》（{{ handling.notice_number }}），"
          "告知了拟作出处理决定的事实、理由、依据和你单位依法享有的陈述、申辩权利。"
          "{% if data.statement_made == 'yes' %}你单位提出陈述、申辩：{{ handling.statement|clause }}。经复核，"
          "{{ handling.statement_adopted }}{% if handling.review_note %}：{{ handling.review_note|clause }}{% endif %}。"
          "{% else %}你单位在规定期限内未提出陈述、申辩。{% endif %}"),
        H("二、处理依据和处理决定"),
        P("本机关认为，你单位的上述行为违反了{{ handling.legal_basis }}的规定。根据《劳动保障监察条例》第十八条第一款"
          "第（二）项、第二十六条和《广东省劳动保障监察条例》第四十四条、第五十一条第一款的规定，本机关决定："),
        P("**责令你单位于{{ input.pay_by }}前向劳动者支付工资人民币{{ input.decided_amount|money }}元"
          "（大写：{{ input.decided_amount|capitals }}）。**"),
        TAG("if input.decision_content"),
        P("{{ input.decision_content|paragraphs }}"),
        TAG("endif"),
        H("三、履行方式和期限"),
        P("你单位应当于{{ input.pay_by }}前按本决定直接向劳动者足额支付上述款项，并将支付凭证报送本机关。"
          "逾期不履行的，本机关将依法责令你单位按应付金额百分之五十以上百分之一百以下的标准向劳动者加付赔偿金，"
          "并依法申请人民法院强制执行；涉嫌拒不支付劳动报酬罪的，依法移送公安机关。"),
        H("四、救济途径和期限"),
        P(REMEDIES, keep=True),
        SIGN(),
        NOTE("本决定书一式两份，一份送达当事人，一份附卷。"),
    ]),
    Spec("arbitration_advice.docx", "劳动人事争议仲裁告知书", body=[
        L("{{ complainant.name }}："),
        P(CASE_REF + "，本机关已于{{ case.filed_on }}立案调查。经调查，{{ input.reason|sentence }}"),
        P("根据《劳动保障监察条例》第二十一条和《广东省劳动保障监察条例》第四十四条第四款的规定，请你（们）依法向"
          "{{ input.arbitration_body or '有管辖权的劳动人事争议仲裁委员会' }}申请仲裁。劳动争议申请仲裁的时效期间为一年，"
          "从当事人知道或者应当知道其权利被侵害之日起计算（《中华人民共和国劳动争议调解仲裁法》第二十七条）。"),
        P("特此告知。"),
        CONTACT(),
        SIGN(),
    ]),
    Spec("withdrawal_approval.docx", "撤销立案审批表", numbered=False, body=[
        TABLE(W4, CASE_ROWS + [
            R(K("撤销立案情形"), C("{{ labels.withdraw_ground }}", 3)),
            R(K("事实和理由"), C("{{ data.findings }}", 3), height=40),
            R(K("承办人意见"), C("建议撤销立案。\n\n承办人（签名）：" + SIGN_LINE + "　" + SIGN_LINE, 3), height=25),
            R(K("负责人审批意见"), C("{{ labels.withdrawal_approval }}。{{ data.approval_opinion }}\n\n负责人（签名）："
                                    + SIGN_LINE + "　{{ data.approved_on }}", 3), height=30),
        ]),
        NOTE("依据：《劳动保障监察条例》第十八条第一款第（三）项；《广东省劳动保障监察条例》第四十六条。"),
    ]),
    Spec("withdrawal_notice.docx", "撤销立案告知书", body=[
        L("{{ complainant.name }}："),
        P(CASE_REF + "，本机关于{{ case.filed_on }}立案调查。经调查，本案属于“{{ labels.withdraw_ground }}”的情形"
          "{% if data.findings %}：{{ data.findings|sentence }}{% else %}。{% endif %}"),
        P("经本机关负责人批准，根据《劳动保障监察条例》第十八条第一款第（三）项和《广东省劳动保障监察条例》第四十六条的"
          "规定，本机关决定撤销立案。"),
        P("如不服本决定，可以在收到本告知书之日起{{ org.reconsideration_days }}日内向{{ org.reconsideration_body }}"
          "申请行政复议，也可以在{{ org.litigation_months }}个月内向{{ org.court }}提起行政诉讼。"),
        P("特此告知。"),
        CONTACT(),
        SIGN(),
    ]),
    Spec("agency_transfer_letter.docx", "案件移送函", body=[
        L("{{ input.agency }}："),
        P("本机关在办理{{ party.name }}{{ case.cause }}一案（案件编号：{{ case.number }}）中发现：{{ input.reason|sentence }}"),
        P("该事项不属于劳动保障监察职责范围，根据《劳动保障监察条例》第十八条第二款和《广东省劳动保障监察条例》"
          "第四十四条的规定，现将本案移送你单位依法处理，请将处理结果函告本机关。"),
        P("附件：{{ input.attachments or '案件有关材料' }}"),
        CONTACT(),
        SIGN(),
    ]),
    Spec("police_transfer.docx", "涉嫌犯罪案件移送书", body=[
        L("{{ input.police_unit }}："),
        P("本机关在办理{{ party.name }}{{ case.cause }}一案（案件编号：{{ case.number }}）中查明：{{ data.transfer_reason|sentence }}"),
        P("经查，{{ party.name }}拖欠{{ data.worker_count }}名劳动者{% if data.months_owed %}{{ data.months_owed }}个月{% endif %}"
          "劳动报酬共计人民币{{ data.amount_owed|money }}元（大写：{{ data.amount_owed|capitals }}）。"
          "{% if rectification.order_number %}本机关已向其送达《劳动保障监察限期改正指令书》（{{ rectification.order_number }}），"
          "责令其于{{ rectification.rectify_by }}前支付，其逾期仍未支付。{% endif %}"),
        P("被移送人：{{ data.suspect_name }}，{{ labels.suspect_id_type }}号码：{{ data.suspect_id_no }}。"),
        P("根据《中华人民共和国刑法》第二百七十六条之一、《行政执法机关移送涉嫌犯罪案件的规定》第三条和"
          "《广东省劳动保障监察条例》第四十四条的规定，{{ party.name }}涉嫌拒不支付劳动报酬罪，现将本案移送你局，"
          "请依法审查，并将立案或者不予立案的决定书面告知本机关。"),
        P("附件：{{ data.evidence_list|paragraphs }}"),
        CONTACT(),
        SIGN(),
        L("{% if input.copy_to %}抄送：{{ input.copy_to }}{% endif %}"),
    ]),
    # --- 行政处罚 ------------------------------------------------------------------------------------------------
    Spec("penalty_prior_notice.docx", "行政处罚事先告知书", body=[
        L("{{ party.name }}："),
        P("本机关于{{ case.filed_on }}对你（单位）{{ case.cause }}一案（案件编号：{{ case.number }}）立案调查。经查明："
          "{{ penalty.facts|sentence|paragraphs }}"),
        P("以上事实有{{ penalty.evidence|clause }}等证据为证。"),
        P("你（单位）的上述行为违反了{{ penalty.violated_provision }}的规定。"
          "{% if penalty.discretion_reason %}{{ penalty.discretion_reason|sentence }}{% endif %}"
          "根据{{ penalty.penalty_provision }}的规定，本机关拟对你（单位）作出如下行政处罚：**罚款人民币"
          "{{ penalty.proposed_fine|money }}元（大写：{{ penalty.proposed_fine|capitals }}）"
          "{% if penalty.project_stoppage %}，责令项目停工{% endif %}。**"),
        P(STATEMENT_RIGHTS),
        TAG("if penalty.hearing_right"),
        P(HEARING_RIGHTS),
        TAG("endif"),
        CONTACT(),
        SIGN(),
    ]),
    Spec("statement_record.docx", "陈述申辩笔录", numbered=False, signer="陈述申辩人", body=[
        L("时间：{{ input.started_at|cn_datetime }}　　地点：{{ input.statement_place }}"),
        L("案由：{{ case.cause }}（案件编号：{{ case.number }}）"),
        L("当事人：{{ party.name }}"),
        L("陈述申辩人：{{ input.speaker }}　　职务或者身份：{{ input.speaker_position }}"),
        L("承办人：{{ inspector_names }}　　记录人：{{ input.recorder }}"),
        P("本机关于{{ penalty.prior_notice_date }}向你（单位）送达了《行政处罚事先告知书》（{{ penalty.prior_notice_number }}），"
          "拟对你（单位）罚款人民币{{ penalty.proposed_fine|money }}元。现依法听取你（单位）的陈述、申辩。"),
        L("陈述、申辩的事实和理由："),
        P("{{ input.statement_summary|paragraphs }}"),
        L("提交的证据：{{ input.new_evidence }}"),
        BLANK(),
        L("以上记录已经本人核对，与所述一致。"),
        L("陈述申辩人（签名）：" + SIGN_LINE + "　　" + DATE_LINE),
        L("承办人（签名）：" + SIGN_LINE + "　" + SIGN_LINE),
        L("记录人（签名）：" + SIGN_LINE),
        NOTE("依据：《中华人民共和国行政处罚法》第四十五条（行政机关不得因当事人陈述、申辩而给予更重的处罚）。"),
    ]),
    Spec("review_opinion.docx", "陈述申辩复核意见书", numbered=False, body=[
        TABLE(W4, CASE_ROWS + [
            R(K("事先告知书"), C("{{ penalty.prior_notice_number }}"), K("拟罚款金额"),
              C("{{ penalty.proposed_fine|money }}元")),
            R(K("陈述申辩情况"), C("{{ data.statement_date }}{{ labels.statement_method }}提出：{{ penalty.statement }}", 3),
              height=40),
            R(K("提交的证据"), C("{{ data.new_evidence }}", 3)),
            R(K("复核结论"), C("{{ penalty.statement_review }}", 3)),
            R(K("复核意见及理由"), C("{{ penalty.statement_review_opinion }}", 3), height=40),
            R(K("复核后拟处罚"), C("{% if data.statement_review_changes_amount %}罚款人民币"
                                  "{{ data.statement_review_fine|money }}元{% else %}维持原拟处罚意见{% endif %}", 3)),
            R(K("复核人"), C("{{ inspector_names }}"), K("复核日期"), C("{{ data.statement_reviewed_on }}")),
        ]),
        NOTE("依据：《中华人民共和国行政处罚法》第四十五条：当事人提出的事实、理由或者证据成立的，行政机关应当采纳；"
             "不得因当事人陈述、申辩而给予更重的处罚。"),
    ]),
    Spec("hearing_notice.docx", "行政处罚听证通知书", body=[
        L("{{ party.name }}："),
        P("根据你（单位）的申请，本机关决定于**{{ input.hearing_at|cn_datetime }}**在**{{ input.hearing_place }}**"
          "{% if input.closed_reason %}不公开{% else %}公开{% endif %}举行听证，对{{ case.cause }}一案"
          "（案件编号：{{ case.number }}）拟作出的行政处罚进行听证。"
          "{% if input.closed_reason %}因本案{{ input.closed_reason }}，听证不公开举行。{% endif %}"),
        P("听证主持人：{{ input.hearing_chair }}　　听证记录员：{{ input.hearing_clerk }}"),
        P("请你（单位）法定代表人（负责人）或者委托代理人准时出席。你（单位）可以委托一至二人代理参加听证，"
          "委托代理人应当提交载明委托事项和权限的授权委托书。"),
        P("你（单位）认为主持人、记录员与本案有直接利害关系的，有权申请回避。"),
        P("你（单位）无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，本机关终止听证。"),
        P("根据《中华人民共和国行政处罚法》第六十四条的规定，特此通知。"),
        CONTACT(),
        SIGN(),
    ]),
    Spec("hearing_record.docx", "听证笔录", numbered=False, signer="当事人或委托代理人", body=[
        L("案由：{{ case.cause }}（案件编号：{{ case.number }}）"),
        L("听证时间：{{ data.hearing_held_at|cn_datetime }}"),
        L("听证地点：{{ data.hearing_place }}　　听证方式：{{ labels.hearing_public }}"),
        L("听证主持人：{{ labels.hearing_chair or data.hearing_chair }}　　记录员：{{ data.hearing_clerk }}"),
        L("当事人：{{ party.name }}　　法定代表人（负责人）：{{ party.legal_representative or party.manager_name }}"),
        L("出席人员：{{ data.hearing_attendees }}"),
        L("调查人员：{{ inspector_names }}"),
        P("主持人宣布听证开始，核对出席人员身份，宣布听证纪律，告知当事人的权利和义务，询问当事人是否申请回避。"),
        L("听证过程："),
        P("{{ data.transcript_summary|paragraphs }}"),
        TAG("if data.absence_note"),
        P("缺席或者退出情况：{{ data.absence_note }}"),
        TAG("endif"),
        P("主持人处理意见：{{ labels.chair_recommendation }}"
          "{% if data.recommended_fine %}（建议罚款人民币{{ data.recommended_fine|money }}元）{% endif %}。"),
        TAG("if data.refusal_note"),
        P("当事人拒绝签字的情况：{{ data.refusal_note }}"),
        TAG("endif"),
        BLANK(),
        L("当事人或委托代理人（签名）：" + SIGN_LINE + "　" + DATE_LINE),
        L("调查人员（签名）：" + SIGN_LINE + "　" + SIGN_LINE),
        L("听证主持人（签名）：" + SIGN_LINE + "　　记录员（签名）：" + SIGN_LINE),
        NOTE("依据：《中华人民共和国行政处罚法》第六十四条、第六十五条（听证结束后，行政机关应当根据听证笔录作出决定）。"),
    ]),
    Spec("legal_review_opinion.docx", "行政处罚法制审核意见书", numbered=False, body=[
        TABLE(W4, CASE_ROWS + [
            R(K("拟处罚意见"), C("罚款人民币{{ penalty.proposed_fine|money }}元{% if penalty.project_stoppage %}，"
                                "责令项目停工{% endif %}（依据：{{ penalty.penalty_provision }}）", 3)),
            R(K("违法事实是否清楚"), C("{{ data.facts_clear|yes_no }}"), K("证据是否确凿充分"),
              C("{{ data.evidence_sufficient|yes_no }}")),
            R(K("适用依据是否正确"), C("{{ data.basis_correct|yes_no }}"), K("程序是否合法"),
              C("{{ data.procedure_lawful|yes_no }}")),
            R(K("裁量是否适当"), C("{{ data.discretion_proper|yes_no }}"), K("审核结论"),
              C("{{ labels.legal_review_result }}")),
            R(K("审核意见"), C("{{ data.legal_review_opinion }}", 3), height=45),
            R(K("需补正事项"), C("{{ data.correction_items or '无' }}", 3)),
            R(K("法制审核人员"), C("{{ labels.legal_reviewer or data.legal_reviewer }}"), K("审核日期"),
              C("{{ data.legal_reviewed_on }}")),
        ]),
        NOTE("依据：《中华人民共和国行政处罚法》第五十八条（未经法制审核或者审核未通过的，不得作出决定）。"),
    ]),
    Spec("collective_discussion.docx", "重大案件集体讨论记录", numbered=False, signer="主持人", body=[
        L("时间：{{ data.meeting_date }}　　地点：{{ input.meeting_place }}"),
        L("主持人：{{ labels.meeting_host or data.meeting_host }}　　记录人：{{ input.recorder }}"),
        L("参加人员：{{ data.meeting_attendees }}"),
        L("列席人员（承办人）：{{ inspector_names }}"),
        L("讨论案件：{{ party.name }}{{ case.cause }}一案（案件编号：{{ case.number }}）"),
        L("承办人汇报："),
        P("经查明：{{ penalty.facts|sentence }}该行为违反了{{ penalty.violated_provision }}的规定，根据"
          "{{ penalty.penalty_provision }}，拟对当事人罚款人民币{{ penalty.proposed_fine|money }}元"
          "{% if penalty.project_stoppage %}，责令项目停工{% endif %}。"
          "{% if penalty.statement %}当事人提出陈述、申辩：{{ penalty.statement|sentence }}{% endif %}"),
        L("讨论意见："),
        P("{{ data.deliberation_minutes|paragraphs }}"),
        L("讨论决定：{{ labels.deliberation_conclusion }}{% if data.deliberation_fine %}，罚款人民币"
          "{{ data.deliberation_fine|money }}元（大写：{{ data.deliberation_fine|capitals }}）{% endif %}。"),
        BLANK(),
        L("主持人（签名）：" + SIGN_LINE),
        L("参加人员（签名）：" + SIGN_LINE * 3),
        L("记录人（签名）：" + SIGN_LINE),
        NOTE("依据：《中华人民共和国行政处罚法》第五十七条第二款（情节复杂或者重大违法行为给予行政处罚，"
             "行政机关负责人应当集体讨论决定）。"),
    ]),
    Spec("penalty_decision.docx", "行政处罚决定书", body=[
        PARTY(),
        H("一、违法事实和证据"),
        P("本机关于{{ case.filed_on }}对你（单位）{{ case.cause }}一案（案件编号：{{ case.number }}）立案调查。经查明："
          "{{ penalty.facts|sentence|paragraphs }}"),
        P("以上事实有{{ penalty.evidence|clause }}等证据为证。"),
        P("本机关于{{ penalty.prior_notice_served_on }}向你（单位）送达了《行政处罚事先告知书》"
          "（{{ penalty.prior_notice_number }}），告知了拟作出行政处罚的事实、理由、依据和你（单位）依法享有的陈述、申辩"
          "{% if penalty.hearing_right %}和要求听证{% endif %}的权利。"
          "{% if data.statement_status == 'raised' %}你（单位）于{{ data.statement_date }}提出陈述、申辩，称："
          "{{ penalty.statement|sentence }}经复核，本机关{{ penalty.statement_review }}"
          "{% if penalty.statement_review_opinion %}，理由是：{{ penalty.statement_review_opinion|clause }}{% endif %}。"
          "{% elif data.statement_status == 'waived' %}你（单位）明确表示放弃陈述、申辩。"
          "{% else %}你（单位）在规定期限内未提出陈述、申辩。{% endif %}"
          "{% if data.hearing_requested %}本机关于{{ data.hearing_held_at|cn_date }}依法举行了听证。"
          "{% elif penalty.hearing_right %}你（单位）在规定期限内未要求听证。{% endif %}"),
        H("二、行政处罚的种类和依据"),
        P("本机关认为，你（单位）的上述行为违反了{{ penalty.violated_provision }}的规定。"
          "{% if penalty.discretion_reason %}{{ penalty.discretion_reason|sentence }}{% endif %}"
          "根据{{ penalty.penalty_provision }}的规定，本机关决定对你（单位）作出如下行政处罚："),
        P("**罚款人民币{{ penalty.fine|money }}元（大写：{{ penalty.fine|capitals }}）"
          "{% if penalty.project_stoppage %}；责令项目停工{% endif %}。**"),
        H("三、履行方式和期限"),
        P("你（单位）应当自收到本决定书之日起{{ periods.fine_payment.text }}内，持本决定书到"
          "{{ input.payment_account or org.payment_bank or '指定的银行' }}缴纳罚款，或者通过电子支付系统缴纳罚款。"
          "到期不缴纳罚款的，本机关将依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项的规定，"
          "每日按罚款数额的百分之三加处罚款，加处罚款的数额不超过罚款的数额，并依法申请人民法院强制执行。"),
        H("四、救济途径和期限"),
        P(REMEDIES, keep=True),
        SIGN(),
        NOTE("本决定书一式两份，一份送达当事人，一份附卷。"),
    ]),
    Spec("no_penalty_decision.docx", "不予行政处罚决定书", body=[
        PARTY(),
        P("本机关于{{ case.filed_on }}对你（单位）{{ case.cause }}一案（案件编号：{{ case.number }}）立案调查。经查明："
          "{{ no_penalty.facts|sentence|paragraphs }}"),
        P("本机关认为，{{ input.no_penalty_basis|clause }}。根据《中华人民共和国行政处罚法》第三十三条、第五十七条第一款的规定，"
          "本机关决定对你（单位）**不予行政处罚**。"),
        P("你（单位）应当严格遵守劳动保障法律、法规，依法按时足额支付劳动者工资，切实保障劳动者的合法权益。"),
        P(remedies(not_suspended=False), keep=True),
        SIGN(),
        NOTE("本决定书一式两份，一份送达当事人，一份附卷。"),
    ]),
    # --- 送达 ------------------------------------------------------------------------------------------------------
    Spec("service_receipt.docx", "送达回证", body=[
        TABLE([40, 38, 40, 38], [
            R(K("送达文书名称"), C("{{ input.document_name }}", 3)),
            R(K("文书文号"), C("{{ input.document_number }}", 3)),
            R(K("受送达人"), C("{{ input.recipient or party.name }}", 3)),
            R(K("送达地点"), C("{{ input.service_place or party.address }}", 3)),
            R(K("送达方式"), C("{{ input.service_method }}"), K("送达人"), C("{{ inspector_names }}")),
            R(K("受送达人签名或者盖章"), C("\n\n" + SIGN_LINE + "\n{% if input.served_at %}{{ input.served_at|cn_datetime }}"
                                        "{% else %}" + DATE_LINE + "＿＿时{% endif %}", 3), height=30),
            R(K("代收人及代收理由"), C("", 3), height=20),
            R(K("见证人"), C("{{ input.witnesses or '' }}", 3), height=20),
            R(K("备注"), C("{{ input.receipt_remark or '' }}", 3), height=25),
        ]),
        NOTE("注：1. 受送达人是单位的，由其法定代表人、主要负责人或者办公室、收发室等负责收件的人签收；"
             "2. 受送达人拒绝签收的，送达人可以邀请有关基层组织或者所在单位的代表到场，说明情况，在本回证上记明拒收事由和日期，"
             "由送达人、见证人签名或者盖章，把文书留在受送达人的住所，也可以把文书留在受送达人的住所并采用拍照、录像等方式"
             "记录送达过程，即视为送达（《中华人民共和国民事诉讼法》第八十八条、第八十九条）。"),
    ]),
    Spec("public_notice.docx", "公　告", body=[
        L("{{ input.recipient or party.name }}："),
        P("本机关在办理{{ case.cause }}一案（案件编号：{{ case.number }}）中，依法作出《{{ input.document_name }}》"
          "{% if input.document_number %}（{{ input.document_number }}）{% endif %}。因{{ input.notice_reason|clause }}，"
          "无法直接送达、留置送达或者邮寄送达，根据《广东省劳动保障监察条例》第四十七条和《中华人民共和国民事诉讼法》"
          "第九十五条的规定，现依法向你（单位）公告送达。"),
        TAG("if input.content"),
        P("文书主要内容：{{ input.content|paragraphs }}"),
        TAG("endif"),
        P("自本公告发布之日起满**{{ input.notice_days }}日**，即视为送达。请你（单位）"
          "{% if org.address %}到{{ org.address }}{% else %}到本机关{% endif %}领取上述文书正本。"
          "对上述文书不服的，可以依照文书载明的途径和期限申请行政复议或者提起行政诉讼。"),
        P("特此公告。"),
        CONTACT(),
        SIGN(),
    ]),
    # --- 执行 ------------------------------------------------------------------------------------------------------
    Spec("enforcement_demand.docx", "催告书", body=[
        L("{{ party.name }}："),
        P("本机关于{{ penalty.decision_date }}对你（单位）作出《行政处罚决定书》（{{ penalty.decision_number }}），"
          "决定对你（单位）罚款人民币{{ penalty.fine|money }}元，该决定书已于{{ penalty.decision_served_on }}送达。"
          "你（单位）应当于{{ penalty.payment_due }}前缴纳罚款，但至今未履行。"),
        TAG("if penalty.surcharge"),
        P("根据《中华人民共和国行政处罚法》第七十二条第一款第（一）项的规定，自{{ data.overdue_from }}起每日按罚款数额的"
          "百分之三加处罚款，截至{{ data.calculated_on }}，加处罚款人民币{{ penalty.surcharge|money }}元"
          "（加处罚款的数额不超过罚款的数额）。"),
        TAG("endif"),
        P("根据《中华人民共和国行政强制法》第三十五条、第五十四条的规定，现催告你（单位）自收到本催告书之日起"
          "{{ periods.enforcement_demand.text }}内履行上述义务，缴纳罚款{% if penalty.surcharge %}及加处罚款{% endif %}"
          "共计人民币**{{ penalty.total_due|money }}元（大写：{{ penalty.total_due|capitals }}）**。缴纳方式："
          "{{ data.payment_account or org.payment_bank or '到指定的银行缴纳或者通过电子支付系统缴纳' }}。"),
        P("你（单位）有权进行陈述和申辩，可以在收到本催告书之日起{{ periods.enforcement_demand.text }}内向本机关提出。"
          "逾期仍不履行且无正当理由的，本机关将依法申请人民法院强制执行。"),
        CONTACT(),
        SIGN(),
    ]),
    Spec("enforcement_application.docx", "强制执行申请书", body=[
        L("申请人：{{ org.name }}"),
        L("地址：{{ org.address }}"),
        L("负责人：{{ input.applicant_representative }}"),
        L("被申请人：{{ party.name }}"),
        L("{{ party.identifier_label }}：{{ party.identifier }}"),
        TAG("if party.is_organisation"),
        L("法定代表人（负责人）：{{ party.legal_representative or party.manager_name }}"),
        TAG("endif"),
        L("地址：{{ party.address }}"),
        H("申请事项"),
        P("请求依法强制执行申请人作出的《行政处罚决定书》（{{ penalty.decision_number }}），强制被申请人缴纳罚款人民币"
          "{{ penalty.fine|money }}元{% if penalty.surcharge %}及加处罚款人民币{{ penalty.surcharge|money }}元{% endif %}，"
          "共计人民币{{ (input.amount_applied or penalty.total_due)|money }}元"
          "（大写：{{ (input.amount_applied or penalty.total_due)|capitals }}）。"),
        H("事实和理由"),
        P("申请人于{{ penalty.decision_date }}作出《行政处罚决定书》（{{ penalty.decision_number }}），对被申请人罚款人民币"
          "{{ penalty.fine|money }}元，并于{{ penalty.decision_served_on }}送达被申请人。被申请人在法定期限内未申请"
          "行政复议或者提起行政诉讼，又不履行行政处罚决定。申请人于{{ data.demand_service_date }}向被申请人送达"
          "《催告书》（{{ data.demand_no }}），催告期满后被申请人仍未履行。"),
        P("根据《中华人民共和国行政强制法》第五十三条、第五十四条、第五十五条的规定，特向你院申请强制执行。"),
        L("此致"),
        L("{{ input.enforcement_court or org.court }}"),
        P("附：1. 行政处罚决定书及送达回证；2. 催告书及送达回证；3. 当事人的意见及催告情况；4. 申请强制执行标的情况；"
          "5. 法律、行政法规规定的其他材料。"),
        SIGN(date="{{ doc.issued_on|cn_date }}"),
        P("负责人（签名）：" + SIGN_LINE, "文书落款"),
    ]),
    # --- 结案归档 --------------------------------------------------------------------------------------------------
    Spec("closure_approval.docx", "结案审批表", numbered=False, body=[
        TABLE(W4, CASE_ROWS + [
            R(K("投诉人"), C("{% for c in complainants %}{{ c.name }}{% if not loop.last %}、{% endif %}{% endfor %}"),
              K("案件来源"), C("{{ case.source }}")),
            R(K("涉及人数"), C("{{ case.people_count }}人（其中农民工{{ case.migrant_worker_count }}人）"),
              K("涉及金额"), C("{{ case.amount|money }}元")),
            R(K("处理结果"), C("{{ case.outcome }}", 3)),
            R(K("案件处理情况"), C("{{ data.closure_summary }}", 3), height=40),
            R(K("追回（支付）金额"), C("{{ data.amount_recovered|money }}元"), K("已获支付人数"),
              C("{{ data.workers_paid }}人（其中农民工{{ data.migrant_workers_paid }}人）")),
            R(K("其中农民工工资"), C("{{ data.migrant_amount_recovered|money }}元"), K("结案日期"),
              C("{{ data.closed_on }}")),
            R(K("审批意见"), C("{{ data.closure_opinion }}\n\n负责人（签名）：" + SIGN_LINE + "　" + DATE_LINE, 3), height=30),
        ]),
        NOTE("依据：《中华人民共和国行政处罚法》第四十七条（全过程记录并归档保存）。"),
    ]),
    Spec("case_file_cover.docx", "劳动保障监察案件卷宗", numbered=False, body=[
        BLANK(1),
        TABLE([40, 116], [
            R(K("案件编号"), C("{{ case.number }}"), height=12),
            R(K("案　　由"), C("{{ case.cause }}"), height=12),
            R(K("当 事 人"), C("{{ party.name }}"), height=12),
            R(K("投 诉 人"), C("{% for c in complainants %}{{ c.name }}{% if not loop.last %}、{% endif %}{% endfor %}"),
              height=12),
            R(K("处理结果"), C("{{ case.outcome }}"), height=12),
            R(K("立案日期"), C("{{ case.filed_on }}"), height=12),
            R(K("结案日期"), C("{{ case.closed_on }}"), height=12),
            R(K("承 办 人"), C("{{ case.handlers }}"), height=12),
            R(K("本卷"), C("共{{ case_file.count }}件{{ case_file.pages }}页"), height=12),
            R(K("归 档 号"), C("{{ data.archive_no }}"), height=12),
            R(K("保管期限"), C("{{ labels.retention }}"), height=12),
            R(K("归档日期"), C("{{ data.archived_on }}"), height=12),
        ], size=16),
        *PAGES_NOTE,
    ]),
    Spec("case_file_index.docx", "卷内目录", numbered=False, body=[
        L("案件编号：{{ case.number }}"),
        L("当事人：{{ party.name }}"),
        TABLE([10, 38, 26, 42, 22, 10, 8], [
            R(K("序号"), K("文号"), K("责任者"), K("题名"), K("日期"), K("页号"), K("备注")),
            TR("for d in documents"),
            R(C("{{ d.seq }}"), C("{{ d.number or '' }}"), C("{{ d.responsible or org.name }}"), C("{{ d.name }}"),
              C("{{ d.issued_on }}"), C("{{ d.page_range or '' }}"), C("{{ d.remark or '' }}")),
            TR("endfor"),
        ], size=10.5),
        *PAGES_NOTE,
    ]),
]


def write(specs: list[Spec], directory: Path, *, force: bool = False, only: set[str] | None = None) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in specs:
        if only and spec.file not in only:
            continue
        path = directory / spec.file
        if path.exists() and not force:
            continue
        build(spec).save(path)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成初始文书模板（document_templates/*.docx）")
    parser.add_argument("--force", action="store_true", help="覆盖已有模板（书记员在 Word 中的修改将丢失）")
    parser.add_argument("--only", nargs="*", help="只生成这些文件，如 penalty_decision.docx")
    parser.add_argument("--dir", default=str(TEMPLATE_DIR), help="输出目录")
    args = parser.parse_args(argv)
    written = write(SPECS, Path(args.dir), force=args.force, only=set(args.only) if args.only else None)
    for path in written:
        print(f"写入 {path}")
    if not written:
        print("没有需要生成的模板（已存在的模板不会覆盖；使用 --force 重新生成）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
