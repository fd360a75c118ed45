"""Excel import of the roster (all rows checked first, 「第N行」 errors, duplicates not doubled) and the template."""
from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from app.roster.models import CaseWorker
from tests.integration.roster.helpers import MACAO_ID, login, mainland_id, wrong_check

HEADER = ["姓名", "证件类型", "证件号码", "联系电话", "是否农民工", "欠薪金额", "已支付金额", "备注"]
GOOD = [
    ["林志华", "居民身份证", mainland_id(), "13900139002", "是", 8460, 0, "钢筋工"],
    ["陈大文", "澳门居民身份证", MACAO_ID, "+853 6123 4567", "否", "12000.50", "2000", None],
    ["王强", "居民身份证", mainland_id("44040219920715321"), None, "是", 5000.5, None, ""],
]


def workbook(rows, header=HEADER) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return buffer


def upload(client, case_id, rows, name="名册.xlsx", **kwargs):
    return client.post(f"/cases/{case_id}/workers/import", data={"file": (workbook(rows, **kwargs), name)},
                       content_type="multipart/form-data")


def workers(session):
    session.expire_all()
    return session.scalars(select(CaseWorker).order_by(CaseWorker.id)).all()


def test_import_three_good_rows_and_reimport_reports_duplicates(app, db_session, case):
    client = login(app, "officer1")
    r = upload(client, case.id, GOOD)
    assert r.status_code == 302
    rows = workers(db_session)
    assert [(w.name, w.id_type, w.id_number, w.is_migrant_worker) for w in rows] == [
        ("林志华", "resident_id", mainland_id(), True), ("陈大文", "macao_id", MACAO_ID, False),
        ("王强", "resident_id", mainland_id("44040219920715321"), True)]
    assert [str(w.amount_owed) for w in rows] == ["8460.00", "12000.50", "5000.50"]
    assert [str(w.amount_paid) for w in rows] == ["0.00", "2000.00", "0.00"]
    assert rows[1].phone == "+85361234567"
    page = client.get(f"/cases/{case.id}/workers").get_data(as_text=True)
    assert "已导入3名工人" in page and '<dd id="total-people">3 人</dd>' in page

    again = GOOD[:1] + [["新工人", "护照", "E12345678", None, "否", 100, 0, None]]
    r = upload(client, case.id, again)
    assert r.status_code == 302
    page = client.get(f"/cases/{case.id}/workers").get_data(as_text=True)
    assert "已导入1名工人，1行重复未导入" in page and "第2行：林志华 的证件号码已在名册中" in page
    assert db_session.scalar(select(func.count(CaseWorker.id))) == 4


def test_one_bad_row_imports_nothing_and_names_the_row(app, db_session, case):
    bad = ["黄小明", "居民身份证", wrong_check(mainland_id("44040219900101456")), None, "是", 3000, 0, None]
    client = login(app, "officer1")
    r = upload(client, case.id, [GOOD[0], bad, GOOD[2]])  # the bad worker is on spreadsheet row 3
    assert r.status_code == 400
    page = r.get_data(as_text=True)
    assert "第3行：证件号码：居民身份证校验位错误" in page and "未导入任何数据" in page
    assert workers(db_session) == []


def test_every_bad_row_and_field_is_listed(app, db_session, case):
    rows = [GOOD[0], ["", "居民身份证", mainland_id(), None, "也许", -5, 0, None],
            ["赵六", "驾驶证", "123", None, "否", 100, 200, None]]
    r = upload(login(app, "chief"), case.id, rows)
    page = r.get_data(as_text=True)
    assert r.status_code == 400
    for line in ("第3行：姓名：请填写姓名", "第3行：是否农民工：请填写“是”或“否”", "第3行：欠薪金额：欠薪金额不能为负数",
                 "第4行：证件类型：证件类型无效", "第4行：已支付金额：已支付金额不能大于欠薪金额"):
        assert line in page, line
    assert workers(db_session) == []


def test_a_file_that_is_not_a_roster_is_refused(app, db_session, case):
    client = login(app, "officer1")
    r = client.post(f"/cases/{case.id}/workers/import", data={"file": (io.BytesIO(b"not a workbook"), "x.xlsx")},
                    content_type="multipart/form-data")
    assert r.status_code == 400 and "无法读取该文件" in r.get_data(as_text=True)
    r = upload(client, case.id, GOOD, header=["姓名", "证件号码", "欠薪金额"])
    assert r.status_code == 400 and "缺少列：证件类型、是否农民工" in r.get_data(as_text=True)
    assert workers(db_session) == []


def test_template_download_has_the_header(app, case):
    r = login(app, "officer2").get(f"/cases/{case.id}/workers/template.xlsx")
    assert r.status_code == 200
    assert r.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "filename*=UTF-8''" in r.headers["Content-Disposition"]
    ws = load_workbook(io.BytesIO(r.data)).worksheets[0]
    assert [c.value for c in ws[1]] == HEADER
    assert ws.max_row >= 1 and all(c.value is None for c in ws[2])
    assert login(app, "admin").get(f"/cases/{case.id}/workers/template.xlsx").status_code == 403


def test_the_template_filled_in_imports(app, db_session, case):
    client = login(app, "officer1")
    wb = load_workbook(io.BytesIO(client.get(f"/cases/{case.id}/workers/template.xlsx").data))
    ws = wb.worksheets[0]
    for row in GOOD:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    r = client.post(f"/cases/{case.id}/workers/import", data={"file": (buffer, "填好的模板.xlsx")},
                    content_type="multipart/form-data")
    assert r.status_code == 302
    assert len(workers(db_session)) == 3
