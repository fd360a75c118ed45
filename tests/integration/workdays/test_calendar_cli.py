"""`flask calendar workdays-after | is-workday | import | years`."""
from __future__ import annotations

import pytest

from app.workdays import service


@pytest.fixture
def run(app):
    runner = app.test_cli_runner()

    def invoke(*args):
        return runner.invoke(args=["calendar", *args])

    return invoke


def test_workdays_after_does_not_count_the_start_day(run):
    r = run("workdays-after", "2025-09-27", "5")  # received on a Saturday before 国庆
    assert r.exit_code == 0
    lines = r.output.splitlines()
    assert lines[0] == "2025-10-10" and "周五" in lines[1] and len(lines) == 2
    assert run("workdays-after", "2026-02-13", "1").output.splitlines()[0] == "2026-02-14"  # make-up Saturday


def test_workdays_after_flags_an_unconfirmed_year(run, db_session, notice_2027):
    r = run("workdays-after", "2026-12-30", "2")
    assert r.exit_code == 0
    assert r.output.splitlines()[0] == "2027-01-01"
    assert "注意：2027年节假日安排尚未录入（日历未确认），按周一至周五推算" in r.output
    service.enter_manual(db_session, year=2027, text=notice_2027, user_id=None)
    db_session.commit()
    r = run("workdays-after", "2026-12-30", "2")
    assert r.output.splitlines()[0] == "2027-01-04" and "日历未确认" not in r.output


@pytest.mark.parametrize("day, answer, reason", [
    ("2026-10-01", "no", "国庆节放假"),
    ("2026-02-14", "yes", "春节调休上班"),
    ("2026-12-05", "no", "周末"),
    ("2026-12-03", "yes", "周一至周五"),
])
def test_is_workday(run, day, answer, reason):
    r = run("is-workday", day)
    assert r.exit_code == 0
    lines = r.output.splitlines()
    assert lines[0] == answer and reason in lines[1] and len(lines) == 2


def test_is_workday_in_an_unconfirmed_year(run):
    r = run("is-workday", "2027-01-01")
    assert r.exit_code == 0
    assert r.output.splitlines()[0] == "yes" and "2027年节假日安排尚未录入（日历未确认）" in r.output


@pytest.mark.parametrize("args, message", [
    (("is-workday", "2026-02-30"), "日期“2026-02-30”无效，应为 YYYY-MM-DD"),
    (("workdays-after", "tomorrow", "5"), "日期“tomorrow”无效"),
    (("workdays-after", "2026-12-01", "0"), "天数“0”无效，应为大于等于 1 的整数"),
    (("workdays-after", "2026-12-01", "five"), "天数“five”无效"),
])
def test_bad_input_fails_with_a_chinese_message(run, args, message):
    r = run(*args)
    assert r.exit_code != 0 and message in r.output


def test_import_csv_and_ics_files(run, tmp_path, db_session):
    csv_file = tmp_path / "2027.csv"
    csv_file.write_text("date,kind,name\n2027-01-01,holiday,元旦\n2027-02-20,workday,春节调休\n", encoding="utf-8")
    r = run("import", str(csv_file))
    assert r.exit_code == 0, r.output
    assert "2027年已导入并确认：放假1天，调休上班1天" in r.output
    ics_file = tmp_path / "2028.ics"
    ics_file.write_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20280101\nSUMMARY:元旦 休\n"
                        "END:VEVENT\nEND:VCALENDAR\n", encoding="utf-8")
    assert "2028年已导入并确认：放假1天" in run("import", str(ics_file)).output
    assert service.confirmed_years(db_session, years=[2027, 2028]) == {2027: True, 2028: True}
    assert run("is-workday", "2027-01-01").output.splitlines()[0] == "no"
    assert "2028  已确认  放假1天" in run("years").output


def test_import_errors(run, tmp_path, db_session):
    bad = tmp_path / "bad.csv"
    bad.write_text("2027-02-09,workday,春节调休\n", encoding="utf-8")
    r = run("import", str(bad))
    assert r.exit_code != 0 and "第1行：调休上班日 2027-02-09 是周二" in r.output
    r = run("import", str(tmp_path / "missing.csv"))
    assert r.exit_code != 0 and "无法读取文件" in r.output
    assert not service.confirmed_years(db_session, years=[2027])[2027]
