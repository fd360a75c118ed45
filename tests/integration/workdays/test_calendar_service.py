"""The stored calendar: seed, replacing a year, imports, audit, the cached provider."""
from __future__ import annotations

import threading
from datetime import date

import chinese_calendar
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audit.service import entries_for
from app.errors import ValidationFailed
from app.workdays import service
from app.workdays.models import CalendarDay
from app.workdays.provider import CalendarProvider
from engine.calendar import chinesecalendar_data
from tests.factories import CHINA, make_ticket, open_task, user

D = date


def _year_2027(session) -> list[tuple[str, str, str]]:
    return [(d.day.isoformat(), d.kind, d.name) for d in service.days_in_year(session, 2027)]


@pytest.mark.parametrize("year", [2025, 2026])
def test_seeded_table_equals_chinesecalendar(db_session, year):
    expected = chinesecalendar_data(year, year)
    days = service.days_in_year(db_session, year)
    assert {d.day for d in days if d.kind == "holiday"} == expected.holidays
    assert {d.day for d in days if d.kind == "workday"} == expected.makeup_workdays
    assert {d.day: d.name for d in days} == dict(expected.holiday_names)
    assert {d.source for d in days} == {"chinesecalendar"}
    calendar = service.load_calendar(db_session)
    day = D(year, 1, 1)
    while day.year == year:
        assert calendar.is_workday(day) == chinese_calendar.is_workday(day), day
        day = day.fromordinal(day.toordinal() + 1)


def test_seed_facts_for_2026(db_session):
    calendar = service.load_calendar(db_session)
    assert calendar.is_workday(D(2026, 2, 14)) and calendar.is_workday(D(2026, 2, 28))  # make-up Saturdays
    assert calendar.holiday_name(D(2026, 2, 14)) == "春节"
    assert calendar.workdays_between(D(2025, 12, 31), D(2026, 12, 31)) == 248
    assert calendar.workdays_after(D(2025, 9, 27), 5) == D(2025, 10, 10)  # received on a Saturday
    assert calendar.confirmed_years == frozenset(range(2004, 2027))
    summary = {y.year: y for y in service.years(db_session)}
    assert summary[2026].confirmed and summary[2026].working_days == 248
    assert (summary[2026].holidays, summary[2026].makeup_workdays) == (33, 6)
    assert service.confirmed_years(db_session, years=[2026, 2027]) == {2026: True, 2027: False}


def test_set_year_confirms_it_and_is_audited(db_session):
    admin = user(db_session, "admin")
    change = service.set_year(
        db_session, year=2027, holidays={D(2027, 1, 1): "元旦", D(2027, 1, 2): "元旦"},
        makeup_workdays={D(2027, 2, 20)}, user_id=admin.id,
    )
    db_session.commit()
    assert change.before == {"holidays": 0, "workdays": 0} and change.after == {"holidays": 2, "workdays": 1}
    calendar = service.load_calendar(db_session)
    assert 2027 in calendar.confirmed_years
    assert not calendar.is_workday(D(2027, 1, 1)) and calendar.is_workday(D(2027, 2, 20))
    assert calendar.workday_deadline(D(2026, 12, 30), 2).confirmed

    # replace: one day removed, one renamed, one added
    change = service.set_year(db_session, year=2027, holidays={D(2027, 1, 1): "元旦节", D(2027, 2, 8): "春节"},
                              makeup_workdays={D(2027, 2, 20): "春节调休"}, user_id=admin.id)
    db_session.commit()
    assert [e["day"] for e in change.removed] == ["2027-01-02"]
    assert [e["day"] for e in change.added] == ["2027-02-08"]
    assert [e["day"] for e in change.changed] == ["2027-01-01", "2027-02-20"]
    assert _year_2027(db_session) == [("2027-01-01", "holiday", "元旦节"), ("2027-02-08", "holiday", "春节"),
                                      ("2027-02-20", "workday", "春节调休")]
    entries = entries_for(db_session, object_type="workday_calendar_year", object_id=2027)
    assert [e.action for e in entries] == ["calendar.set_year", "calendar.set_year"]
    assert entries[0].user_id == admin.id and entries[1].detail["before"] == {"holidays": 2, "workdays": 1}
    assert entries[1].detail["removed"] == [{"day": "2027-01-02", "kind": "holiday", "name": "元旦"}]


@pytest.mark.parametrize("holidays, makeup, message", [
    ({D(2027, 1, 1)}, {D(2027, 2, 9)}, "调休上班日 2027-02-09 是周二，应为周六或周日"),
    ({D(2027, 1, 1)}, {D(2028, 1, 1)}, "2028-01-01 不属于2027年的节假日安排"),
    ({D(2027, 1, 1)}, {D(2027, 1, 1)}, "2027-01-01 同时被标为放假和调休上班"),
    (set(), {D(2027, 2, 20)}, "2027年未录入任何放假日"),
])
def test_set_year_rejects_bad_notices(db_session, holidays, makeup, message):
    with pytest.raises(ValidationFailed) as exc:
        service.set_year(db_session, year=2027, holidays=holidays, makeup_workdays=makeup, user_id=None)
    assert message in exc.value.message
    db_session.rollback()
    assert _year_2027(db_session) == [] and not service.confirmed_years(db_session, years=[2027])[2027]


def test_manual_lines_accept_ranges_and_name_the_bad_line(db_session, notice_2027):
    entries = service.parse_lines(notice_2027)
    assert len(entries.holidays) == 10 and entries.makeup_workdays == {D(2027, 2, 20)}
    assert entries.names[D(2027, 2, 7)] == "春节"
    with pytest.raises(ValueError, match="第3行：日期“2027-13-01”无效"):
        service.parse_lines("2027-01-01 休 元旦\n\n2027-13-01 休 元旦")
    with pytest.raises(ValueError, match="第2行：调休上班日 2027-02-09 是周二"):
        service.parse_lines("2027-02-05~2027-02-08 休 春节\n2027-02-09 班 春节调休")
    with pytest.raises(ValueError, match="第1行：日期范围"):
        service.parse_lines("2027-02-11~2027-02-05 休 春节")


def test_csv_import_with_several_years_and_a_december_spill(db_session):
    text = ("date,kind,name\n2027-01-01,holiday,元旦\n2027-02-20,workday,春节调休\n"
            "2027-12-31,holiday,元旦\n2028-01-01,休,元旦\n2028-01-29,班,春节调休\n")
    changes = service.import_csv(db_session, text=text, user_id=None, filename="notice.csv")
    db_session.commit()
    assert [c.year for c in changes] == [2027, 2028]
    assert service.confirmed_years(db_session, years=[2027, 2028]) == {2027: True, 2028: True}
    assert not service.load_calendar(db_session).is_workday(D(2027, 12, 31))
    entries = entries_for(db_session, object_type="workday_calendar_year", object_id=2028)
    assert entries[0].action == "calendar.import" and entries[0].detail["filename"] == "notice.csv"
    assert {d.source for d in service.days_in_year(db_session, 2028)} == {"csv"}


def test_december_spill_needs_the_previous_year(db_session):
    with pytest.raises(ValidationFailed, match="2027-12-31 属于未确认的2027年"):
        service.import_csv(db_session, text="2027-12-31,holiday,元旦\n2028-01-01,holiday,元旦\n", user_id=None)
    db_session.rollback()
    assert not any(service.confirmed_years(db_session, years=[2027, 2028]).values())


ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
BEGIN:VEVENT\r
DTSTART;VALUE=DATE:20270101\r
DTEND;VALUE=DATE:20270104\r
SUMMARY:元旦 休\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART;VALUE=DATE:20270220\r
SUMMARY:春节 补班\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_ics_import(db_session):
    changes = service.import_ics(db_session, text=ICS, user_id=None)
    db_session.commit()
    assert changes[0].after == {"holidays": 3, "workdays": 1}
    assert _year_2027(db_session) == [("2027-01-01", "holiday", "元旦"), ("2027-01-02", "holiday", "元旦"),
                                      ("2027-01-03", "holiday", "元旦"), ("2027-02-20", "workday", "春节")]


def test_import_file_decodes_gb18030_and_checks_the_extension(db_session):
    changes = service.import_file(db_session, filename="2027.CSV",
                                  content="2027-01-01,休,元旦\n".encode("gb18030"), user_id=None)
    assert changes[0].added == [{"day": "2027-01-01", "kind": "holiday", "name": "元旦"}]
    with pytest.raises(ValidationFailed, match="仅支持 .csv 或 .ics 文件"):
        service.import_file(db_session, filename="2027.xlsx", content=b"x", user_id=None)


def test_provider_refreshes_after_a_change_in_another_session(app, db_session):
    from app.extensions import db

    now = [0.0]
    provider = CalendarProvider(db.engine, check_seconds=30, monotonic=lambda: now[0])
    before = provider.calendar()
    assert 2027 not in before.confirmed_years and provider.calendar() is before

    with Session(db.engine) as other:  # e.g. another gunicorn worker
        service.set_year(other, year=2027, holidays={D(2027, 1, 1): "元旦"}, makeup_workdays=set(), user_id=None)
        other.commit()
    now[0] = 29.0
    assert provider.calendar() is before  # not checked yet
    now[0] = 30.0
    after = provider.calendar()
    assert 2027 in after.confirmed_years and not after.is_workday(D(2027, 1, 1))
    now[0] = 70.0
    assert provider.calendar() is after  # revision unchanged: no reload


def test_provider_is_thread_safe_and_invalidate_forces_a_check(app, db_session):
    app_provider = app.extensions["calendar_provider"]
    results = []
    threads = [threading.Thread(target=lambda: results.append(app_provider.calendar())) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 8 and all(r is results[0] for r in results)
    service.set_year(db_session, year=2027, holidays={D(2027, 1, 1)}, makeup_workdays=set(), user_id=None)
    db_session.commit()
    assert 2027 not in app_provider.calendar().confirmed_years  # cached for up to 30 s
    app_provider.invalidate()
    assert 2027 in app_provider.calendar().confirmed_years


def test_bpmn_helper_uses_the_stored_calendar(app, db_session, env):
    def evaluate(expression):
        return env.runtime.script_engine.environment.evaluate(expression, {})

    assert evaluate("workdays_after('2026-12-30', 2)") == "2027-01-01T23:59:59+08:00"  # Mon-Fri guess
    assert evaluate("workdays_after('2025-09-27', 5)") == "2025-10-10T23:59:59+08:00"
    first = make_ticket(db_session, env, received_at="2026-12-30T09:00:00+08:00")
    service.set_year(db_session, year=2027, holidays={D(2027, 1, 1): "元旦", D(2027, 1, 2): "元旦",
                                                      D(2027, 1, 3): "元旦"}, makeup_workdays=set(), user_id=None)
    db_session.commit()
    app.extensions["calendar_provider"].invalidate()
    assert evaluate("workdays_after('2026-12-30', 2)") == "2027-01-04T23:59:59+08:00"
    second = make_ticket(db_session, env, received_at="2026-12-30T09:00:00+08:00")
    due = [open_task(db_session, t.id).due_at.astimezone(CHINA).date() for t in (first, second)]
    assert due == [D(2027, 1, 6), D(2027, 1, 7)]  # a running case keeps its timer; new cases use 2027


def test_calendar_rows_count(db_session):
    assert db_session.scalar(select(func.count()).select_from(CalendarDay).where(CalendarDay.year == 2026)) == 39
