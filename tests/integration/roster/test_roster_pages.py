"""The 欠薪工人名册 page: add/edit/delete with Chinese errors next to fields, totals, masking, permissions."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.roster.models import CaseWorker
from app.validation import mask_id_number
from tests.integration.roster.helpers import MACAO_ID, login, mainland_id, wrong_check


def worker(**overrides) -> dict:
    data = {"name": "林志华", "id_type": "resident_id", "id_number": mainland_id(), "phone": "13900139002",
            "is_migrant_worker": "是", "amount_owed": "8460.00", "amount_paid": "0", "note": ""}
    data.update(overrides)
    return data


def count(session) -> int:
    session.expire_all()
    return session.scalar(select(func.count(CaseWorker.id)))


def test_add_edit_delete_with_mainland_and_macao_ids(app, db_session, case):
    client = login(app, "officer1")
    r = client.post(f"/cases/{case.id}/workers", data=worker())
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/cases/{case.id}/workers")
    r = client.post(f"/cases/{case.id}/workers", data=worker(
        name="陈大文", id_type="macao_id", id_number="1234567 8", phone="+853 6123 4567", is_migrant_worker="否",
        amount_owed="12000", amount_paid="2000.5"))
    assert r.status_code == 302
    page = client.get(f"/cases/{case.id}/workers").get_data(as_text=True)
    assert "林志华" in page and mainland_id() in page
    assert "陈大文" in page and "澳门居民身份证" in page and MACAO_ID in page and "+85361234567" in page
    assert count(db_session) == 2

    bad = worker(name="黄小明", id_number=wrong_check(mainland_id("44040219900101456")))
    r = client.post(f"/cases/{case.id}/workers", data=bad)
    assert r.status_code == 400
    page = r.get_data(as_text=True)
    assert '<span class="field-error">居民身份证校验位错误</span>' in page
    assert 'value="黄小明"' in page  # what was typed is kept
    assert count(db_session) == 2

    macao = db_session.scalar(select(CaseWorker).where(CaseWorker.id_type == "macao_id"))
    r = client.post(f"/cases/{case.id}/workers/{macao.id}/edit", data=worker(
        name="陈大文", id_type="macao_id", id_number=MACAO_ID, amount_owed="1000", amount_paid="2000"))
    assert r.status_code == 400 and "已支付金额不能大于欠薪金额" in r.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.get(CaseWorker, macao.id).amount_owed == Decimal("12000.00")
    edit_form = client.get(f"/cases/{case.id}/workers/{macao.id}/edit").get_data(as_text=True)
    assert 'value="1234567(8)"' in edit_form
    r = client.post(f"/cases/{case.id}/workers/{macao.id}/edit", data=worker(
        name="陈大文", id_type="澳门居民身份证", id_number=MACAO_ID, amount_owed="12000", amount_paid="12000"))
    assert r.status_code == 302
    db_session.expire_all()
    assert db_session.get(CaseWorker, macao.id).amount_paid == Decimal("12000.00")

    r = client.post(f"/cases/{case.id}/workers/{macao.id}/delete")
    assert r.status_code == 302 and count(db_session) == 1
    actions = db_session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("roster.%"))).all()
    assert sorted(actions) == ["roster.add", "roster.add", "roster.delete", "roster.update"]
    details = [str(e.detail) for e in db_session.scalars(select(AuditEntry))]
    assert not any(mainland_id() in d for d in details)  # ID numbers are masked in the audit log


def test_duplicate_id_number_is_refused(app, db_session, case):
    client = login(app, "officer1")
    assert client.post(f"/cases/{case.id}/workers", data=worker()).status_code == 302
    r = client.post(f"/cases/{case.id}/workers", data=worker(name="另一人"))
    assert r.status_code == 400 and "该证件号码已在本案名册中" in r.get_data(as_text=True)
    assert count(db_session) == 1


def test_totals(app, db_session, case):
    client = login(app, "chief")
    client.post(f"/cases/{case.id}/workers", data=worker(amount_owed="8460.00", amount_paid="1000"))
    client.post(f"/cases/{case.id}/workers", data=worker(
        name="陈大文", id_type="macao_id", id_number=MACAO_ID, is_migrant_worker="否", amount_owed="12000.50"))
    client.post(f"/cases/{case.id}/workers", data=worker(
        name="王强", id_number=mainland_id("44040219920715321"), amount_owed="5000", amount_paid="5000"))
    assert count(db_session) == 3
    page = client.get(f"/cases/{case.id}/workers").get_data(as_text=True)
    assert '<dd id="total-people">3 人</dd>' in page
    assert '<dd id="total-migrant">2 人</dd>' in page
    assert '<dd id="total-owed">25,460.50 元</dd>' in page
    assert '<dd id="total-paid">6,000.00 元</dd>' in page
    assert '<dd id="total-outstanding">19,460.50 元</dd>' in page


def test_id_numbers_are_masked_for_an_officer_not_on_the_case(app, db_session, case):
    login(app, "officer1").post(f"/cases/{case.id}/workers", data=worker())
    number = mainland_id()
    handler_page = login(app, "officer1").get(f"/cases/{case.id}/workers").get_data(as_text=True)
    assert number in handler_page and "13900139002" in handler_page
    other = login(app, "officer2").get(f"/cases/{case.id}/workers")
    assert other.status_code == 200
    page = other.get_data(as_text=True)
    assert number not in page and mask_id_number(number) in page and "139****9002" in page
    assert "已脱敏" in page and "加入名册" not in page and "修改</a>" not in page
    for unmasked_role in ("chief", "leader"):
        assert number in login(app, unmasked_role).get(f"/cases/{case.id}/workers").get_data(as_text=True)


def test_who_may_not_edit_gets_403(app, db_session, case):
    login(app, "officer1").post(f"/cases/{case.id}/workers", data=worker())
    row = db_session.scalar(select(CaseWorker))
    for username in ("officer2", "leader", "reviewer"):
        client = login(app, username)
        assert client.get(f"/cases/{case.id}/workers").status_code == 200
        assert client.post(f"/cases/{case.id}/workers", data=worker(name="某人", id_number=MACAO_ID)).status_code == 403
        assert client.get(f"/cases/{case.id}/workers/{row.id}/edit").status_code == 403
        assert client.post(f"/cases/{case.id}/workers/{row.id}/edit", data=worker(amount_owed="1")).status_code == 403
        assert client.post(f"/cases/{case.id}/workers/{row.id}/delete").status_code == 403
        assert client.post(f"/cases/{case.id}/workers/import").status_code == 403
    assert count(db_session) == 1
    assert db_session.get(CaseWorker, row.id).amount_owed == Decimal("8460.00")
    # a user without access to cases at all
    assert login(app, "admin").get(f"/cases/{case.id}/workers").status_code == 403


def test_case_page_links_to_both_tabs(app, case):
    page = login(app, "officer2").get(f"/cases/{case.id}").get_data(as_text=True)
    assert f"/cases/{case.id}/workers" in page and f"/cases/{case.id}/attachments" in page
    assert "欠薪工人名册" in page and "证据与附件" in page
