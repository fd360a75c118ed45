"""/admin/calendar: years list, one year, manual entry, CSV/ICS upload, permissions."""
from __future__ import annotations

import io
from datetime import date

from app.audit.service import entries_for
from app.workdays import service

BANNER_2027 = "2027年节假日安排尚未录入，涉及2027年的期限按周一至周五推算并标注“日历未确认”"


def _upload(client, name: str, content: bytes):
    return client.post("/admin/calendar/upload", data={"file": (io.BytesIO(content), name)},
                       content_type="multipart/form-data")


def test_years_page_shows_states_counts_and_the_banner(login):
    page = login("admin").get("/admin/calendar/").get_data(as_text=True)
    assert BANNER_2027 in page
    assert "2026年</a>" in page and "已确认" in page and "未录入" in page
    assert 'name="csrf_token"' in page and 'enctype="multipart/form-data"' in page
    assert "<td class=\"num\">248</td>" in page  # working days of 2026


def test_year_page_lists_days_with_weekday_and_name(login):
    page = login("admin").get("/admin/calendar/2026").get_data(as_text=True)
    assert "<td>2026-02-14</td><td>周六</td>" in page and "调休上班" in page and "春节" in page
    assert "2026-02-14 班 春节" in page  # the edit form is prefilled
    page = login("admin").get("/admin/calendar/2027").get_data(as_text=True)
    assert "2027年尚未录入节假日安排" in page and 'id="year-state">未确认' in page


def test_admin_enters_2027_by_hand(login, db_session, notice_2027):
    client = login("admin")
    r = client.post("/admin/calendar/manual", data={"year": "2027", "lines": notice_2027})
    assert r.status_code == 302 and r.headers["Location"].endswith("/admin/calendar/2027")
    page = client.get("/admin/calendar/2027").get_data(as_text=True)
    assert "2027年节假日安排已保存：放假10天，调休上班1天" in page and 'id="year-state">已确认' in page
    assert "<td>2027-02-20</td><td>周六</td>" in page
    assert BANNER_2027 not in client.get("/admin/calendar/").get_data(as_text=True)
    calendar = service.load_calendar(db_session)
    assert not calendar.is_workday(date(2027, 2, 9)) and calendar.is_workday(date(2027, 2, 20))
    entry = entries_for(db_session, object_type="workday_calendar_year", object_id=2027)[-1]
    assert entry.action == "calendar.set_year" and entry.detail["after"] == {"holidays": 10, "workdays": 1}
    assert entry.user_id is not None and len(entry.detail["added"]) == 11


def _assert_nothing_saved(db_session):
    db_session.expire_all()
    assert service.days_in_year(db_session, 2027) == []
    assert not service.confirmed_years(db_session, years=[2027])[2027]
    assert entries_for(db_session, object_type="workday_calendar_year", object_id=2027) == []


def test_make_up_day_on_a_tuesday_is_refused(login, db_session):
    lines = "2027-01-01 休 元旦\n2027-02-09 班 春节调休\n"
    r = login("admin").post("/admin/calendar/manual", data={"year": "2027", "lines": lines})
    assert r.status_code == 400
    page = r.get_data(as_text=True)
    assert '<span class="field-error" id="manual-error">第2行：调休上班日 2027-02-09 是周二，应为周六或周日</span>' in page
    textarea = page.split('id="f-lines"')[1].split("</textarea>")[0]
    assert "2027-02-09 班 春节调休" in textarea and 'value="2027"' in page  # input kept
    _assert_nothing_saved(db_session)


def test_malformed_date_and_missing_year_are_refused(login, db_session):
    client = login("admin")
    r = client.post("/admin/calendar/manual", data={"year": "2027", "lines": "2027-01-01 休 元旦\n2027-02-30 休 春节"})
    assert r.status_code == 400 and "第2行：日期“2027-02-30”无效，应为 YYYY-MM-DD" in r.get_data(as_text=True)
    r = client.post("/admin/calendar/manual", data={"year": "", "lines": "2027-01-01 休 元旦"})
    assert r.status_code == 400 and "请填写年份" in r.get_data(as_text=True)
    r = client.post("/admin/calendar/manual", data={"year": "2027", "lines": "2028-01-01 休 元旦"})
    assert r.status_code == 400 and "2028-01-01 不属于2027年的节假日安排" in r.get_data(as_text=True)
    _assert_nothing_saved(db_session)


def test_csv_upload(login, db_session):
    client = login("admin")
    content = "date,kind,name\n2027-01-01,holiday,元旦\n2027-02-20,workday,春节调休\n2028-01-01,休,元旦\n"
    r = _upload(client, "notice.csv", content.encode("utf-8-sig"))
    assert r.status_code == 302
    page = client.get("/admin/calendar/").get_data(as_text=True)
    assert "2027年节假日安排已保存" in page and "2028年节假日安排已保存" in page and "导入 notice.csv" in page
    assert service.confirmed_years(db_session, years=[2027, 2028]) == {2027: True, 2028: True}
    assert [e.action for e in entries_for(db_session, object_type="workday_calendar_year", object_id=2027)] == [
        "calendar.import"]


def test_ics_upload(login, db_session):
    ics = ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270205\nDTEND;VALUE=DATE:20270212\n"
           "SUMMARY:春节放假\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270220\nSUMMARY:春节补班\n"
           "END:VEVENT\nEND:VCALENDAR\n")
    r = _upload(login("admin"), "2027.ics", ics.encode())
    assert r.status_code == 302
    calendar = service.load_calendar(db_session)
    assert not calendar.is_workday(date(2027, 2, 11)) and calendar.is_workday(date(2027, 2, 20))
    assert calendar.holiday_name(date(2027, 2, 8)) == "春节"


def test_bad_uploads_are_refused_and_save_nothing(login, db_session):
    client = login("admin")
    r = _upload(client, "notice.csv", b"2027-01-01,holiday,\xe5\x85\x83\xe6\x97\xa6\n2027-02-09,workday,x\n")
    assert r.status_code == 400
    assert '<span class="field-error" id="upload-error">第2行：调休上班日 2027-02-09 是周二' in r.get_data(as_text=True)
    r = _upload(client, "notice.xlsx", b"whatever")
    assert r.status_code == 400 and "仅支持 .csv 或 .ics 文件" in r.get_data(as_text=True)
    r = _upload(client, "big.csv", b"#" * (600 * 1024))
    assert r.status_code == 400 and "文件过大" in r.get_data(as_text=True)
    r = client.post("/admin/calendar/upload", data={}, content_type="multipart/form-data")
    assert r.status_code == 400 and "请选择要上传的" in r.get_data(as_text=True)
    _assert_nothing_saved(db_session)


def test_permissions(login, db_session, notice_2027):
    client = login("officer1")
    assert client.get("/admin/calendar/").status_code == 403
    assert client.get("/admin/calendar/2026").status_code == 403
    assert client.post("/admin/calendar/manual", data={"year": "2027", "lines": notice_2027}).status_code == 403
    client = login("chief")  # may look, may not change
    page = client.get("/admin/calendar/")
    assert page.status_code == 200 and 'id="manual-form"' not in page.get_data(as_text=True)
    assert client.post("/admin/calendar/manual", data={"year": "2027", "lines": notice_2027}).status_code == 403
    assert _upload(client, "x.csv", b"2027-01-01,holiday,x\n").status_code == 403
    _assert_nothing_saved(db_session)


def test_anonymous_visitors_are_sent_to_login(client):
    r = client.get("/admin/calendar/")
    assert r.status_code == 302 and "/login" in r.headers["Location"]
