"""Every document template of the registry, rendered for a full demo case.

The case (tests/integration/documents/templates_case.py) has every table a document reads and the
process data every path records (the names of forms/*.json). Each rendered .docx is opened again
with python-docx and its text checked: the number, the party, amounts in figures and capitals,
Chinese dates, deadlines, and in the decisions all of 行政处罚法第五十九条 with the configured
reconsideration body and court. One test drives the penalty-with-hearing path through the HTTP
API and issues its documents from the real process data at their steps; one converts every
rendered template to PDF with LibreOffice.
"""
from __future__ import annotations

import io
import re
import subprocess
import xml.etree.ElementTree as ET
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.shared import Pt
from sqlalchemy import select

from app.config import ROOT
from app.documents import authoring
from app.documents import context as contexts
from app.documents import registry as registry_module
from app.documents.models import SERVICE_METHODS
from app.documents.rendering import render_docx, template_variables
from engine.clocks import GUANGDONG_DEFAULTS
from tests.integration.documents import templates_case as demo
from tests.integration.documents.pdf_required import require_pdf_tools

TEMPLATES = ROOT / "document_templates"
REGISTRY = registry_module.load(TEMPLATES)
CODES = sorted(REGISTRY.kinds)
STAGES = {"受理", "立案", "调查取证", "延期中止", "处理决定", "行政处罚", "送达", "执行", "结案归档"}
SETTINGS = contexts.settings_from_config({"DOCUMENT_ADDRESS": "珠海市横琴新区宝华路6号", "DOCUMENT_PHONE": "0756-8841234"})
TITLES = {spec.file: spec.title for spec in authoring.SPECS}
DECISIONS = ("penalty_decision", "handling_decision", "rectification_order", "no_penalty_decision")


# --- the registry ----------------------------------------------------------------------------------------

def _bpmn_tasks() -> dict[str, set[str]]:
    ns = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL"}
    found: dict[str, set[str]] = {}
    for path in (ROOT / "bpmn").glob("*.bpmn"):
        for process in ET.parse(path).getroot().findall("bpmn:process", ns):
            found[process.get("id")] = {e.get("id") for e in process.iter()
                                        if e.tag.endswith("Task") or e.tag.endswith("}task")}
    return found


def test_the_registry_names_real_templates_steps_clocks_and_context_paths():
    tasks = _bpmn_tasks()
    rule_codes = {r.code for r in GUANGDONG_DEFAULTS}
    assert len(CODES) >= 38
    for code, kind in REGISTRY.kinds.items():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", code), code
        assert (TEMPLATES / kind.template).is_file(), kind.template
        assert kind.subject in ("case", "ticket") and kind.stage in STAGES, (code, kind.stage)
        if kind.step is not None:
            process, _, task = kind.step.partition(":")
            assert process in tasks and task in tasks[process], f"{code}: {kind.step} is not a task of a process"
            assert process.startswith(kind.subject), (code, kind.step)
        assert kind.service_clock is None or kind.service_clock in rule_codes, (code, kind.service_clock)
        if kind.service_clock:
            assert kind.served, code
        if kind.number_pattern:
            number = kind.number_pattern.format(prefix="横琴", year=2026, seq=8)
            assert number.startswith("横琴人社监") and number.endswith("〔2026〕第8号"), number
        for path, label in kind.required:
            assert path.split(".")[0] in {"org", "case", "ticket", "party", "complainant", "inspectors", "data",
                                          "labels", "deadlines", "input", "penalty", "handling", "rectification",
                                          "no_penalty", "doc"}, (code, path)
            assert label.strip(), (code, path)
            if path.startswith("input."):
                assert path[6:] in {i.name for i in kind.inputs}, (code, path)
        for spec in kind.inputs:
            assert spec.type in ("string", "text", "date", "datetime", "money", "integer"), (code, spec)
    numbers = [k.number_pattern for k in REGISTRY.kinds.values() if k.number_pattern]
    assert len(numbers) == len(set(numbers)), "two kinds share a number pattern"
    # the specific clocks of the brief
    assert REGISTRY.get("penalty_prior_notice").service_clock == "statement_defence"
    assert REGISTRY.get("handling_prior_notice").service_clock == "statement_defence"
    assert REGISTRY.get("penalty_decision").service_clock == "fine_payment"
    assert REGISTRY.get("enforcement_demand").service_clock == "enforcement_demand"
    assert REGISTRY.get("penalty_decision").number_pattern == "{prefix}人社监罚字〔{year}〕第{seq}号"
    # orders name a fixed pay-by date (no statutory period from service): no clock (docs/documents.md §3)
    assert REGISTRY.get("rectification_order").service_clock is None
    assert REGISTRY.get("handling_decision").service_clock is None


def test_process_fields_name_real_forms_and_their_fields():
    """A form the registry links to a document exists, and every field named is in one of its forms
    (a period the document's service starts is recorded with its service date)."""
    import json

    forms = {p.stem: json.loads(p.read_text(encoding="utf-8"))["properties"] for p in (ROOT / "forms").glob("*.json")}
    linked = {code: k.process_fields for code, k in REGISTRY.kinds.items() if k.process_fields}
    assert {"penalty_prior_notice", "penalty_decision", "enforcement_demand", "handling_prior_notice"} <= set(linked)
    for code, fields in linked.items():
        assert fields.forms and set(fields.forms) <= set(forms), (code, fields.forms)
        named = {fields.number, fields.issued_on, fields.served_on, fields.method} - {None}
        in_forms = set().union(*(forms[f] for f in fields.forms))
        assert named <= in_forms, (code, named - in_forms)
        if REGISTRY.get(code).service_clock:
            assert fields.served_on, code
        if fields.method:
            options = set().union(*(forms[f].get(fields.method, {}).get("enum", []) for f in fields.forms))
            assert {fields.form_method(m) for m in SERVICE_METHODS} <= options, (code, options)


KNOWN_ROOTS = {"org", "today", "data", "labels", "deadlines", "clocks", "periods", "parties", "party",
               "responsible_person", "complainants", "complainant", "documents", "case_file", "case", "ticket",
               "inspectors", "inspector_names", "penalty", "handling", "rectification", "no_penalty", "doc", "input"}


@pytest.mark.parametrize("code", CODES)
def test_templates_use_only_context_keys(code):
    used = template_variables(REGISTRY.template_path(REGISTRY.get(code)))
    assert used <= KNOWN_ROOTS, used - KNOWN_ROOTS


# --- rendering every template ------------------------------------------------------------------------------

def docx_text(content: bytes) -> str:
    doc = open_docx(io.BytesIO(content))
    parts: list[str] = []

    def cells(table):
        for row in table.rows:
            seen = set()
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                parts.extend(p.text for p in cell.paragraphs)
                for inner in cell.tables:
                    cells(inner)

    parts.extend(p.text for p in doc.paragraphs)
    for table in doc.tables:
        cells(table)
    for section in doc.sections:
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


@pytest.fixture
def full_case(app, db_session):
    calendar = app.extensions["calendar_provider"].calendar()
    case, ticket = demo.build_case(db_session, calendar=calendar)
    data = dict(demo.CASE_DATA, case_id=case.id)
    base = contexts.case_context(db_session, case, settings=SETTINGS, calendar=calendar, process_data=data)
    base["documents"] = demo.DOCUMENTS
    ticket_base = contexts.ticket_context(db_session, ticket, settings=SETTINGS, calendar=calendar,
                                          process_data=demo.TICKET_DATA)
    return {"case": base, "ticket": ticket_base, "calendar": calendar, "case_row": case, "ticket_row": ticket}


def number_of(kind, seq: int = 8) -> str | None:
    return kind.number_pattern.format(prefix=SETTINGS.number_prefix, year=2026, seq=seq) if kind.number_pattern else None


def render(full_case, code: str, *, inputs: dict | None = None, base: dict | None = None):
    kind = REGISTRY.get(code)
    base = base or full_case[kind.subject]
    context = contexts.document_context(base, kind=kind, number=number_of(kind), issued_on=demo.ISSUED_ON,
                                        inputs=demo.INPUTS.get(code, {}) if inputs is None else inputs, version=1)
    return context, render_docx(REGISTRY.template_path(kind), context)


# what each document must say for the demo case (besides its number, the party and the date)
EXPECT = {
    "complaint_registration": ["HQGD-2026-000031", "林志华（男）", "黄小芳", "452402199001011236", "12345热线", "证件类型",
                               "2026年10月28日10时30分", "42,300.00元", "广东粤建工程集团有限公司", "陈晓"],
    "rejection_notice": ["已申请仲裁或提起诉讼", "第三十九条", "2026年10月28日", "劳动人事争议仲裁委员会"],
    "supplement_notice": ["投诉人身份证复印件", "2026年12月10日前", "一次性告知"],
    "referral_notice": ["珠海市横琴新区住房和城乡建设局"],
    "filing_approval": [demo.CASE_NUMBER, "12345热线", "拖欠农民工工资", "42,300.00元", "李明、王芳", "2026年11月2日"],
    "not_filed_notice": ["投诉人已就同一事项申请劳动人事争议仲裁"],
    "inquiry_notice": ["2026年12月8日9时30分", "横琴劳动保障监察大队三楼询问室", "营业执照副本复印件", "二千元以上二万元以下"],
    "inquiry_record": ["2026年12月3日9时30分至2026年12月3日10时45分", "横琴新家园三期项目部会议室", "项目经理王建华",
                       "44000120190123", "44000120200456", "总包单位未按时拨付工程款"],
    "site_inspection_record": ["横琴新家园三期安置房项目工地", "维权信息告示牌", "44000120190123"],
    "evidence_preservation_notice": ["工资发放表3份", "2026年11月6日", "横琴劳动保障监察大队证物室", "2026年11月17日",
                                     "第五十六条"],
    "evidence_preservation_list": ["横琴人社监保字〔2026〕第3号", "考勤记录表1册", "原件"],
    "extension_approval": ["30个工作日", "需委托审计工资台账", "同意延期"],
    "extension_notice": ["延长30个工作日"],
    "suspension_approval": ["劳动人事争议仲裁机构", "须以劳动人事争议仲裁委员会对劳动关系的裁决为依据"],
    "suspension_notice": ["2026年11月11日", "第四十五条", "中止期间不计入办案期限"],
    "resumption_notice": ["2026年11月18日", "劳动人事争议仲裁委员会已作出裁决"],
    "rectification_order": ["2026年12月10日前", "42,300.00", "肆万贰仟叁佰元整", "5人（其中农民工5人）",
                            "百分之五十以上百分之一百以下", "本指令不停止执行"],
    "handling_prior_notice": ["42,300.00", "肆万贰仟叁佰元整", "3个工作日", "《中华人民共和国劳动法》第五十条"],
    "handling_decision": ["2026年12月15日前", "肆万贰仟叁佰元整", "横琴人社监理告字〔2026〕第2号", "当事人未提交已支付工资的证据",
                          "询问笔录、工资发放表、考勤记录"],
    "arbitration_advice": ["经全面调查事实仍无法查清", "有管辖权的劳动人事争议仲裁委员会", "一年"],
    "withdrawal_approval": ["违法行为已改正，依法可以不予行政处罚"],
    "withdrawal_notice": ["违法行为已改正，依法可以不予行政处罚", "撤销立案"],
    "agency_transfer_letter": ["珠海市横琴新区市场监督管理局", "涉嫌无照经营"],
    "police_transfer": ["珠海市公安局横琴分局", "陈大明", "440402198503151234", "42,300.00", "肆万贰仟叁佰元整",
                        "横琴人社监令字〔2026〕第3号", "2026年11月19日", "第二百七十六条之一", "横琴粤澳深度合作区人民检察院",
                        "限期改正指令书及送达回证"],
    "penalty_prior_notice": ["50,000.00", "伍万元整", "3个工作日", "5个工作日", "要求举行听证", "《保障农民工工资支付条例》第五十七条"],
    "statement_record": ["2026年11月23日10时00分", "横琴人社监罚告字〔2026〕第5号", "已补发部分工资，请求从轻处罚。"],
    "review_opinion": ["不予采纳", "当事人提交的银行流水不能证明已足额支付工资", "维持原拟处罚意见"],
    "hearing_notice": ["2026年12月1日15时00分", "横琴劳动保障监察大队第一听证室", "公开举行", "刘晓燕", "一至二人"],
    "hearing_record": ["2026年12月1日15时00分", "当事人代理人质证并申辩", "维持拟处罚", "公开"],
    "legal_review_opinion": ["同意（审核通过）", "事实清楚，证据确凿，程序合法，同意。", "第五十八条"],
    "collective_discussion": ["刘强、张伟、赵静", "同意按拟处罚意见处罚", "2026年12月2日", "地点：局三楼会议室",
                              "记录人：刘晓燕"],
    "penalty_decision": ["伍万元整", "50,000.00", "横琴人社监罚告字〔2026〕第5号", "15日", "百分之三", "不予采纳",
                         "中国银行珠海横琴分行", "2026年12月1日依法举行了听证", "要求听证"],
    "no_penalty_decision": ["违法行为轻微并及时改正，没有造成危害后果", "不予行政处罚"],
    "service_receipt": ["行政处罚决定书", "横琴人社监罚字〔2026〕第8号", "直接送达", "李明、王芳", demo.PARTY_ADDRESS],
    "public_notice": ["60日", "当事人下落不明", "行政处罚决定书", "珠海市横琴新区宝华路6号"],
    "enforcement_demand": ["横琴人社监罚字〔2026〕第8号", "2026年12月18日", "4,500.00", "54,500.00", "伍万肆仟伍佰元整",
                           "10日"],
    "enforcement_application": ["横琴人社监罚字〔2026〕第8号", "横琴人社监催字〔2026〕第2号", "横琴粤澳深度合作区人民法院",
                                "伍万肆仟伍佰元整", "刘强", "第五十五条"],
    "closure_approval": ["当事人已缴纳罚款，拖欠工资已全部支付。", "42,300.00元", "2026年12月28日", "行政处罚"],
    "case_file_cover": ["共3件6页", "2026-WS-007", "长期", "2026年12月30日", "李明、王芳"],
    "case_file_index": ["横琴人社监令字〔2026〕第3号", "劳动保障监察限期改正指令书", "2-3", "4-6", "已送达",
                        "2026年12月3日"],
}


def test_every_kind_has_expectations():
    assert set(EXPECT) == set(CODES)


@pytest.mark.parametrize("code", CODES)
def test_every_template_renders_for_the_full_case(full_case, code):
    kind = REGISTRY.get(code)
    context, content = render(full_case, code)
    assert contexts.missing_fields(kind, context) == [], code
    text = docx_text(content)
    for leftover in ("{{", "}}", "{%", "%}", "None", "Undefined", "\a"):
        assert leftover not in text, (code, leftover)
    assert "横琴粤澳深度合作区民生事务局" in text  # the configured issuing body
    assert TITLES[kind.template] in text
    if kind.number_pattern:
        assert number_of(kind) in text
    if kind.subject == "case" and code not in ("agency_transfer_letter",):
        assert demo.PARTY in text or "林志华" in text, code
    if kind.number_pattern and code != "service_receipt":  # numbered documents are dated by the issuing body
        assert "2026年12月3日" in text, code
    for expected in EXPECT[code]:
        assert expected in text, (code, expected)


@pytest.mark.parametrize("code", DECISIONS)
def test_decisions_carry_every_item_of_apl_article_59_with_the_configured_bodies(full_case, code, db_session):
    settings = contexts.DocumentSettings(
        issuing_body="测试市人力资源和社会保障局", number_prefix="测", reconsideration_body="测试市人民政府",
        court="测试市第一人民法院", address="测试市幸福路1号", phone="0000-1234567")
    case = full_case["case_row"]
    base = contexts.case_context(db_session, case, settings=settings, calendar=full_case["calendar"],
                                 process_data=dict(demo.CASE_DATA, case_id=case.id))
    _, content = render(full_case, code, base=base)
    text = docx_text(content)
    # (1) the party: name, credit code, legal representative, address
    for item in (demo.PARTY, demo.PARTY_CREDIT_CODE, demo.LEGAL_REP, demo.PARTY_ADDRESS, "统一社会信用代码"):
        assert item in text, (code, item)
    # (2) facts and evidence, (3) the decision and its legal basis
    assert "经查明" in text and "拖欠" in text
    if code == "penalty_decision":
        assert "以上事实有现场检查笔录、询问笔录" in text
        assert "《保障农民工工资支付条例》第十五条" in text and "《保障农民工工资支付条例》第五十七条" in text
        assert "罚款人民币50,000.00元（大写：伍万元整）" in text
        # (4) manner and deadline of performance, the surcharge warning
        assert "自收到本决定书之日起15日内" in text and "每日按罚款数额的百分之三加处罚款" in text
    if code == "handling_decision":
        assert "支付工资人民币42,300.00元（大写：肆万贰仟叁佰元整）" in text and "2026年12月15日前" in text
        assert "以上事实有询问笔录、工资发放表、考勤记录等证据证实" in text
    if code == "rectification_order":
        assert "2026年12月10日前" in text and "肆万贰仟叁佰元整" in text and "第二十六条" in text
    if code == "no_penalty_decision":
        assert "第三十三条" in text and "不予行政处罚" in text
    # (5) remedies: the configured reconsideration body (60 days) and court (6 months), not suspended
    assert "60日内向测试市人民政府申请行政复议" in text
    assert "6个月内直接向测试市第一人民法院提起行政诉讼" in text
    if code != "no_penalty_decision":
        assert "不停止执行" in text
    # (6) the deciding body and the date
    assert "测试市人力资源和社会保障局" in text and "横琴粤澳深度合作区" not in text
    assert "2026年12月3日" in text


def test_the_hearing_paragraph_appears_only_when_the_hearing_right_arises(full_case):
    _, content = render(full_case, "penalty_prior_notice")
    assert "要求举行听证的权利" in docx_text(content)
    base = dict(full_case["case"], penalty=dict(full_case["case"]["penalty"], hearing_right=False))
    _, content = render(full_case, "penalty_prior_notice", base=base)
    text = docx_text(content)
    assert "听证" not in text and "陈述、申辩的权利" in text


def test_the_case_context_reads_parties_inspectors_clocks_and_labels(full_case):
    base = full_case["case"]
    assert base["party"]["name"] == demo.PARTY and base["party"]["role_label"] == "欠薪直接责任单位"
    assert [p["role"] for p in base["parties"]] == ["construction_unit", "general_contractor", "responsible_unit",
                                                    "responsible_person"]
    assert base["responsible_person"]["identifier"] == "440402198503151234"
    assert base["responsible_person"]["identifier_label"] == "居民身份证号码"
    assert [c["name"] for c in base["complainants"]] == ["林志华", "黄小芳"]
    assert base["inspectors"] == [
        {"name": "李明", "certificate_no": "44000120190123", "username": "tmp_officer1"},
        {"name": "王芳", "certificate_no": "44000120200456", "username": "tmp_officer2"}]
    assert base["case"]["handlers"] == "李明、王芳" and base["case"]["source"] == "12345热线"
    assert base["case"]["amount"] == Decimal("42300.00") and base["case"]["filed_on"] == demo.FILED_ON
    assert base["ticket"]["number"] == demo.TICKET_NUMBER and base["ticket"]["registered_by"] == "陈晓"
    # process data typed by the forms, coded values labelled, user names resolved
    assert base["data"]["proposed_fine"] == Decimal("50000.00") and base["data"]["proposed_on"] == date(2026, 11, 20)
    assert base["data"]["hearing_at"].hour == 15 and base["data"]["overdue_days"] == 3
    assert base["labels"]["severity"] == "一般" and base["labels"]["retention"] == "长期"
    assert base["labels"]["legal_reviewer"] == "赵静" and base["labels"]["project_stoppage"] == "否"
    # deadlines: the BPMN's and the case's legal clock (45 + 30 working days from 2 Nov 2026)
    assert base["deadlines"]["fine_payment"] == date(2026, 12, 18)
    assert base["deadlines"]["decision"] == full_case["calendar"].workdays_after(demo.FILED_ON, 75, strict=False)
    assert base["periods"]["statement_defence"]["text"] == "3个工作日"
    assert base["periods"]["fine_payment"]["text"] == "15日" and base["org"]["reconsideration_days"] == 60
    # derived values for the templates
    assert base["penalty"]["fine"] == Decimal("50000.00") and base["penalty"]["total_due"] == Decimal("54500.00")
    assert base["handling"]["proposed_amount"] == Decimal("42300.00")
    assert base["today"] == date(2026, 12, 3)


def test_a_penalty_on_an_individual_addresses_the_person_responsible(full_case, db_session):
    case = full_case["case_row"]
    base = contexts.case_context(db_session, case, settings=SETTINGS, calendar=full_case["calendar"],
                                 process_data=dict(demo.CASE_DATA, party_kind="individual"))
    assert base["party"]["role"] == "responsible_person"
    kind = REGISTRY.get("penalty_decision")
    context = contexts.document_context(base, kind=kind, number="x", issued_on=demo.ISSUED_ON, inputs={}, version=1)
    assert contexts.missing_fields(kind, context) == []  # a person has no legal representative
    text = docx_text(render_docx(REGISTRY.template_path(kind), context))
    assert "当事人：陈大明" in text and "居民身份证号码：440402198503151234" in text
    assert "法定代表人（负责人）" not in text


def test_missing_fields_names_what_a_document_cannot_lack(full_case):
    base = full_case["case"]
    kind = REGISTRY.get("penalty_decision")
    party = dict(base["party"], credit_code=None, identifier=None, address="  ")
    penalty = dict(base["penalty"], fine=None, prior_notice_number="")
    context = contexts.document_context(dict(base, party=party, penalty=penalty), kind=kind, number=None,
                                        issued_on=demo.ISSUED_ON, inputs={}, version=1)
    assert contexts.missing_fields(kind, context) == [
        "当事人统一社会信用代码（身份证件号码）", "当事人地址", "罚款金额", "行政处罚事先告知书文号"]
    inquiry = REGISTRY.get("inquiry_notice")
    context = contexts.document_context(base, kind=inquiry, number=None, issued_on=demo.ISSUED_ON,
                                        inputs={"inquiry_place": "三楼"}, version=1)
    assert contexts.missing_fields(inquiry, context) == ["询问时间", "需携带的材料"]
    # without a party at all
    context = contexts.document_context(dict(base, party=None), kind=kind, number=None, issued_on=demo.ISSUED_ON,
                                        inputs={}, version=1)
    assert contexts.missing_fields(kind, context)[:2] == ["当事人名称（姓名）", "当事人统一社会信用代码（身份证件号码）"]


def test_absent_optional_values_print_as_blank_lines_and_values_are_escaped(full_case):
    base = full_case["case"]
    party = dict(base["party"], name="A&B<建筑>\"劳务\"公司", phone=None)
    _, content = render(full_case, "inquiry_notice", base=dict(base, party=party, org=dict(base["org"], phone=None)))
    text = docx_text(content)
    assert "A&B<建筑>\"劳务\"公司" in text
    assert "联系电话：＿＿＿＿" in text


def test_ticket_documents_use_the_ticket_and_its_complainants(full_case):
    base = full_case["ticket"]
    assert base["case"]["number"] == demo.CASE_NUMBER and base["inspector_names"] == "李明"
    _, content = render(full_case, "rejection_notice")
    text = docx_text(content)
    assert text.count("林志华") == 1 and "HQGD-2026-000031" in text


def test_the_case_file_cover_and_index_without_page_counts(full_case):
    base = dict(full_case["case"], documents=[
        {"seq": 1, "number": "", "title": "立案审批表", "issuer": "横琴粤澳深度合作区民生事务局",
         "issued_on": date(2026, 11, 2), "pages": "", "note": ""}], voided_count=1, pages_note="服务器未安装 LibreOffice")
    context, content = render(full_case, "case_file_index", base=base)
    assert context["documents"][0]["name"] == "立案审批表" and context["documents"][0]["page_range"] is None
    assert "立案审批表" in docx_text(content) and "注：服务器未安装 LibreOffice" in docx_text(content)
    _, content = render(full_case, "case_file_cover", base=base)
    assert "共1件＿＿＿＿页" in docx_text(content) and "注：服务器未安装 LibreOffice" in docx_text(content)
    _, content = render(full_case, "case_file_cover")  # counted: no note
    assert "注：" not in docx_text(content)


# --- layout --------------------------------------------------------------------------------------------------

def _fonts(style) -> dict[str, str]:
    from docx.oxml.ns import qn

    fonts = style.element.rPr.find(qn("w:rFonts"))
    return {name: fonts.get(qn(f"w:{name}")) for name in ("ascii", "hAnsi", "eastAsia")}


def test_layout_of_a_government_document(full_case):
    _, content = render(full_case, "penalty_decision")
    doc = open_docx(io.BytesIO(content))
    section = doc.sections[0]
    mm = lambda length: round(length.mm, 1)  # noqa: E731 - stored in twips
    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.bottom_margin), mm(section.left_margin), mm(section.right_margin)) == (
        37, 35, 28, 26)
    styles = doc.styles
    assert _fonts(styles["文书标题"]) == dict.fromkeys(("ascii", "hAnsi", "eastAsia"), "方正小标宋简体")
    assert styles["文书标题"].font.size == Pt(22)
    body = styles["文书正文"]
    assert _fonts(body) == dict.fromkeys(("ascii", "hAnsi", "eastAsia"), "仿宋_GB2312")
    assert body.font.size == Pt(16) and body.paragraph_format.line_spacing == Pt(28)
    assert body.paragraph_format.first_line_indent == Pt(32)
    assert _fonts(styles["文书小标题"])["eastAsia"] == "黑体"
    paragraphs = [p for p in doc.paragraphs if p.text.strip()]
    assert (paragraphs[0].text, paragraphs[0].style.name) == ("横琴粤澳深度合作区民生事务局", "文书机关")
    assert (paragraphs[1].text, paragraphs[1].style.name) == ("行政处罚决定书", "文书标题")
    assert (paragraphs[2].text, paragraphs[2].style.name) == ("横琴人社监罚字〔2026〕第8号", "文书文号")
    assert [p.text for p in paragraphs[-3:-1]] == ["横琴粤澳深度合作区民生事务局（印章）", "2026年12月3日"]
    footer = section.footer._element.xml
    assert "PAGE" in footer and "— " in section.footer.paragraphs[0].text
    record = open_docx(io.BytesIO(render(full_case, "inquiry_record")[1]))
    assert "NUMPAGES" in record.sections[0].footer._element.xml
    assert "被询问人（签名）" in record.sections[0].footer.paragraphs[0].text


def test_no_body_name_is_written_in_a_template():
    for code in CODES:
        xml = _document_xml(REGISTRY.template_path(REGISTRY.get(code)))
        # bodies come from configuration (org.*); a template may only name them generically
        assert "横琴" not in xml and "民生事务局" not in xml and "执行委员会" not in xml, code


def _document_xml(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml").decode("utf-8")


def test_the_authoring_script_writes_only_missing_templates(tmp_path):
    first = authoring.write(authoring.SPECS[:2], tmp_path)
    assert [p.name for p in first] == [s.file for s in authoring.SPECS[:2]]
    assert authoring.write(authoring.SPECS[:2], tmp_path) == []
    assert len(authoring.write(authoring.SPECS[:2], tmp_path, force=True)) == 2
    assert {s.file for s in authoring.SPECS} == {k.template for k in REGISTRY.kinds.values()}


# --- the penalty path, documents issued from the real process data ----------------------------------------

@pytest.fixture
def flow(app, clock, env, db_session):
    from tests.integration.cases.helpers import Api, CaseDriver

    app.config["API_TOKEN_HOURS"] = 24 * 400
    return CaseDriver(Api(app), clock=clock, env=env, session=db_session)


def test_penalty_documents_from_the_real_process_data_at_their_steps(app, flow, env, db_session):
    from app.cases.models import Case
    from app.parties.models import Party
    from tests.integration.cases import helpers as h

    calendar = app.extensions["calendar_provider"].calendar()
    flow.filed_case(checked=False)
    case = db_session.get(Case, flow.case_id)
    # the unit registered with the ticket, completed as the parties page would
    party = db_session.scalar(select(Party).where(Party.case_id == case.id, Party.role == "responsible_unit"))
    if party is None:
        party = Party(case_id=case.id, role="responsible_unit", name=case.respondent_name, position=0)
        db_session.add(party)
    party.credit_code, party.legal_representative = demo.PARTY_CREDIT_CODE, demo.LEGAL_REP
    party.address = demo.PARTY_ADDRESS
    db_session.commit()

    def issue(code: str, inputs: dict | None = None, *, missing: list[str] | None = None) -> str:
        kind = REGISTRY.get(code)
        db_session.expire_all()
        data = demo.merged_process_data(db_session, env, business_type="case", business_id=case.id)
        base = contexts.case_context(db_session, db_session.get(Case, case.id), settings=SETTINGS, calendar=calendar,
                                     process_data=data)
        context = contexts.document_context(base, kind=kind, number=number_of(kind), issued_on=demo.ISSUED_ON,
                                            inputs=inputs or {}, version=1)
        assert contexts.missing_fields(kind, context) == (missing or []), code
        return docx_text(render_docx(REGISTRY.template_path(kind), context))

    flow.complete("officer1", "调查取证记录", h.record("conclude"))
    flow.complete("officer1", "拟定处理意见", h.proposal("penalty", party_kind="organisation", proposed_fine="150000.00",
                                                       project_stoppage=False, major_case=True))
    flow.complete("chief", "审核处理意见", h.review())
    flow.complete("officer1", "拟处罚", h.penalty_proposal("150000.00", major_case=True, severity="serious"))
    # step 事先告知书送达 (case_penalty:serve_prior_notice) is open: 150,000 for a unit gives the hearing right
    text = issue("penalty_prior_notice")
    assert "壹拾伍万元整" in text and "要求举行听证的权利" in text and "5个工作日" in text
    assert "《保障农民工工资支付条例》第五十七条" in text
    flow.complete("officer1", "事先告知书送达", h.prior_notice())
    flow.complete("officer1", "听证申请登记", h.hearing_request())
    flow.complete("officer1", "陈述申辩登记", h.statement(raised=True))
    text = issue("statement_record", {"started_at": "2026-12-03T10:00", "statement_place": "监察大队", "speaker": "陈某"})
    assert "已补发部分工资，请求从轻处罚。" in text and "横劳监告〔2026〕12号" in text
    flow.complete("officer1", "复核陈述申辩意见", h.statement_review("rejected"))
    assert "经复核，当事人理由不成立。" in issue("review_opinion")
    # 听证通知 open: the notice needs the time, place and chair; typed, or taken from the form once saved
    issue("hearing_notice", missing=["听证时间", "听证地点", "听证主持人"])
    flow.complete("officer1", "听证通知", h.hearing_notice())
    text = issue("hearing_notice")
    assert "横琴劳动保障监察大队第一听证室" in text and "赵静" in text and "2026年12月14日15时00分" in text
    flow.advance_to(datetime.fromisoformat(h.HEARING_AT))  # heard 7 working days after the notice
    flow.complete("officer1", "举行听证", h.hearing_held())
    flow.complete("officer1", "听证笔录", h.hearing_record())
    assert "当事人代理人质证并申辩" in issue("hearing_record")
    flow.complete("reviewer", "法制审核", h.legal_review(h.HEARING_DAY))
    assert "赵静" in issue("legal_review_opinion")
    flow.complete("leader", "集体讨论", h.deliberation(h.HEARING_DAY), claim=False)
    assert "刘强" in issue("collective_discussion")
    flow.complete("leader", "负责人审批", h.leader_approval("150000.00", h.HEARING_DAY))
    # step 制作处罚决定书 (case_penalty:issue_decision) is open
    text = issue("penalty_decision")
    for expected in ("罚款人民币150,000.00元（大写：壹拾伍万元整）", "横劳监告〔2026〕12号", demo.PARTY_CREDIT_CODE,
                     demo.PARTY_ADDRESS, "依法举行了听证", "不予采纳", "横琴粤澳深度合作区执行委员会",
                     "横琴粤澳深度合作区人民法院"):
        assert expected in text, expected


# --- PDF -----------------------------------------------------------------------------------------------------------

def test_every_rendered_template_converts_to_pdf_with_its_number_and_party(full_case, tmp_path):
    soffice = require_pdf_tools()
    source = tmp_path / "docx"
    source.mkdir()
    expected: dict[str, list[str]] = {}
    for code in CODES:
        kind = REGISTRY.get(code)
        _, content = render(full_case, code)
        (source / f"{code}.docx").write_bytes(content)
        expected[code] = [s for s in (number_of(kind), demo.PARTY if kind.subject == "case" else "林志华") if s]
    out = tmp_path / "pdf"
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", "pdf",
         "--outdir", str(out), *sorted(str(p) for p in source.glob("*.docx"))],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    for code, strings in expected.items():
        pdf = out / f"{code}.pdf"
        assert pdf.is_file(), (code, result.stdout, result.stderr)
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        flat = re.sub(r"\s+", "", text)
        for string in strings:
            assert string in flat, (code, string)
