"""The working-day calendar kept in the database: read it, replace a year, import notices.

Every change replaces whole notices (one year at a time, validated like
``CalendarData.with_year``), marks the year confirmed, bumps the revision row
and writes an audit entry. ``CalendarProvider`` keeps a ``WorkingDayCalendar``
in memory for web workers and the scheduler and re-reads the tables when the
revision changes.
"""
from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from app.audit import service as audit
from app.database import utcnow
from app.errors import ValidationFailed
from app.workdays.models import HOLIDAY, SOURCES, WORKDAY, CalendarDay, CalendarRevision, CalendarYear
from engine.calendar import CalendarData, CalendarEntries, WorkingDayCalendar
from engine.calendar_import import parse_csv, parse_ics

log = logging.getLogger(__name__)
MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_RANGE_DAYS = 31
WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class YearSummary:
    year: int
    confirmed: bool
    source: str
    note: str
    updated_at: datetime | None
    holidays: int  # days off, weekend days of the notice included
    makeup_workdays: int
    working_days: int  # working days in the whole year


@dataclass(frozen=True)
class YearChange:
    """What one replaced notice changed (also the audit detail)."""

    year: int
    before: dict[str, int]
    after: dict[str, int]
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[dict] = field(default_factory=list)


def weekday_label(day: date) -> str:
    return "周" + WEEKDAYS[day.weekday()]


def unconfirmed_message(year: int) -> str:
    return f"{year}年节假日安排尚未录入，涉及{year}年的期限按周一至周五推算并标注“日历未确认”"


# --- reading ---------------------------------------------------------------------

def current_revision(session: Session) -> int:
    return session.scalar(select(CalendarRevision.revision).where(CalendarRevision.id == 1)) or 0


def load_data(session: Session) -> CalendarData:
    confirmed = set(session.scalars(select(CalendarYear.year).where(CalendarYear.confirmed.is_(True))))
    rows = session.execute(select(CalendarDay.day, CalendarDay.kind, CalendarDay.name)).all()
    rows = [r for r in rows if r.day.year in confirmed]
    return CalendarData(
        frozenset(r.day for r in rows if r.kind == HOLIDAY),
        frozenset(r.day for r in rows if r.kind == WORKDAY),
        frozenset(confirmed),
        {r.day: r.name for r in rows if r.name},
    )


def load_calendar(session: Session) -> WorkingDayCalendar:
    return WorkingDayCalendar(load_data(session))


def days_in_year(session: Session, year: int) -> list[CalendarDay]:
    return list(session.scalars(select(CalendarDay).where(CalendarDay.year == year).order_by(CalendarDay.day)))


def confirmed_years(session: Session, *, years: Iterable[int]) -> dict[int, bool]:
    """{year: confirmed} for the given years (False when the year has no row)."""
    wanted = list(years)
    stmt = select(CalendarYear.year, CalendarYear.confirmed).where(CalendarYear.year.in_(wanted))
    found = {y: c for y, c in session.execute(stmt)}
    return {y: bool(found.get(y, False)) for y in wanted}


def years(session: Session) -> list[YearSummary]:
    """Every stored year, newest first, with its counts."""
    counts: dict[tuple[int, str], int] = {
        (y, k): n for y, k, n in session.execute(
            select(CalendarDay.year, CalendarDay.kind, func.count()).group_by(CalendarDay.year, CalendarDay.kind))
    }
    calendar = load_calendar(session)
    out = []
    for row in session.scalars(select(CalendarYear).order_by(CalendarYear.year.desc())):
        working = calendar.workdays_between(date(row.year - 1, 12, 31), date(row.year, 12, 31), strict=False)
        out.append(YearSummary(row.year, row.confirmed, row.source, row.note, row.updated_at,
                               counts.get((row.year, HOLIDAY), 0), counts.get((row.year, WORKDAY), 0), working))
    return out


def notice_lines(session: Session, year: int) -> str:
    """The stored notice of a year in the manual-entry format (`2027-01-01 休 元旦`)."""
    return "".join(f"{d.day.isoformat()} {'休' if d.kind == HOLIDAY else '班'} {d.name}".rstrip() + "\n"
                   for d in days_in_year(session, year))


# --- changing --------------------------------------------------------------------

def set_year(
    session: Session,
    *,
    year: int,
    holidays: Mapping[date, str] | Iterable[date],
    makeup_workdays: Mapping[date, str] | Iterable[date],
    source: str = "manual",
    user_id: int | None,
    note: str = "",
) -> YearChange:
    """Replace the notice of `year` (days in `year`, or December of year - 1) and confirm it."""
    if source not in SOURCES:
        raise ValueError(f"unknown calendar source {source!r}")
    _check_year(year)
    holidays, makeup_workdays = _named(holidays), _named(makeup_workdays)
    _bump_revision(session)  # first: serialises concurrent calendar writers (row lock)
    data = load_data(session)
    _validated(data, year, holidays, makeup_workdays)
    return _apply(session, year=year, holidays=holidays, makeup=makeup_workdays, source=source,
                  user_id=user_id, note=note, action="calendar.set_year", extra={})


def enter_manual(session: Session, *, year: int | str | None, text: str, user_id: int | None) -> YearChange:
    """Replace one year from lines like `2027-01-01 休 元旦` / `2027-02-06 班 春节调休` (ranges allowed)."""
    year = _parse_year(year)
    entries = _validated_entries(parse_lines, text)
    return set_year(session, year=year, holidays=_names_of(entries, entries.holidays),
                    makeup_workdays=_names_of(entries, entries.makeup_workdays), source="manual",
                    user_id=user_id, note="手工录入")


def import_csv(session: Session, *, text: str, user_id: int | None, filename: str = "") -> list[YearChange]:
    return _import(session, _validated_entries(parse_csv, text), source="csv", user_id=user_id, filename=filename)


def import_ics(session: Session, *, text: str, user_id: int | None, filename: str = "") -> list[YearChange]:
    return _import(session, _validated_entries(parse_ics, text), source="ics", user_id=user_id, filename=filename)


def import_file(session: Session, *, filename: str, content: bytes, user_id: int | None) -> list[YearChange]:
    """A .csv or .ics upload (UTF-8, or GB18030 as saved by Excel on Chinese Windows)."""
    name = (filename or "").strip()
    kind = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if kind not in ("csv", "ics"):
        raise ValidationFailed("仅支持 .csv 或 .ics 文件", fields={"file": ["仅支持 .csv 或 .ics 文件"]})
    text = _decode(content)
    importer = import_csv if kind == "csv" else import_ics
    return importer(session, text=text, user_id=user_id, filename=name)


def _import(session: Session, entries: CalendarEntries, *, source: str, user_id: int | None,
            filename: str) -> list[YearChange]:
    notices = _group_by_notice(entries)
    if not notices:
        raise ValidationFailed("文件中没有任何日期", fields={"file": ["文件中没有任何日期"]})
    _bump_revision(session)
    data = load_data(session)
    for year, (holidays, makeup) in notices.items():  # validate all years before writing any
        _check_year(year)
        data = _validated(data, year, holidays, makeup)
    note = f"导入 {filename}" if filename else f"{source.upper()} 导入"
    return [_apply(session, year=year, holidays=holidays, makeup=makeup, source=source, user_id=user_id,
                   note=note[:200], action="calendar.import", extra={"filename": filename})
            for year, (holidays, makeup) in notices.items()]


def _group_by_notice(entries: CalendarEntries) -> dict[int, tuple[dict[date, str], dict[date, str]]]:
    """Group days by notice year; December days of a year with nothing else go to the next year's notice."""
    all_days = entries.holidays | entries.makeup_workdays
    file_years = {d.year for d in all_days}

    def notice_year(day: date) -> int:
        only_december = all(d.month == 12 for d in all_days if d.year == day.year)
        return day.year + 1 if only_december and day.year + 1 in file_years else day.year

    notices: dict[int, tuple[dict[date, str], dict[date, str]]] = {}
    for day in sorted(all_days):
        holidays, makeup = notices.setdefault(notice_year(day), ({}, {}))
        (holidays if day in entries.holidays else makeup)[day] = entries.names.get(day, "")
    return dict(sorted(notices.items()))


def _validated(data: CalendarData, year: int, holidays: dict[date, str], makeup: dict[date, str]) -> CalendarData:
    if not holidays:
        raise ValidationFailed(f"{year}年未录入任何放假日", fields={"entries": [f"{year}年未录入任何放假日"]})
    names = {d: n for d, n in {**holidays, **makeup}.items() if n}
    try:
        return data.with_year(year, holidays, makeup, names)
    except ValueError as exc:
        raise ValidationFailed(str(exc), fields={"entries": [str(exc)]}) from None


def _apply(session: Session, *, year: int, holidays: dict[date, str], makeup: dict[date, str], source: str,
           user_id: int | None, note: str, action: str, extra: dict) -> YearChange:
    now = utcnow()
    new = {d: (HOLIDAY, n) for d, n in holidays.items()} | {d: (WORKDAY, n) for d, n in makeup.items()}
    spill = [d for d in new if d.year != year]
    stmt = select(CalendarDay).where(or_(CalendarDay.year == year, CalendarDay.day.in_(spill)))
    old = {row.day: row for row in session.scalars(stmt)}
    change = YearChange(year, _counts(old[d].kind for d in old if d.year == year),
                        _counts(k for d, (k, _) in new.items() if d.year == year))
    for day in sorted(old.keys() - new.keys()):
        change.removed.append(_entry(day, old[day].kind, old[day].name))
        session.delete(old[day])
    for day, (kind, name) in sorted(new.items()):
        row = old.get(day)
        if row is None:
            change.added.append(_entry(day, kind, name))
            session.add(CalendarDay(day=day, kind=kind, name=name, year=day.year, source=source,
                                    updated_at=now, updated_by_id=user_id))
        elif (row.kind, row.name) != (kind, name):
            change.changed.append({"day": day.isoformat(), "before": _entry(day, row.kind, row.name),
                                   "after": _entry(day, kind, name)})
            row.kind, row.name, row.source, row.updated_at, row.updated_by_id = kind, name, source, now, user_id
    _confirm_year(session, year=year, source=source, note=note, user_id=user_id, now=now)
    detail = {"year": year, "source": source, "before": change.before, "after": change.after,
              "added": change.added, "removed": change.removed, "changed": change.changed, **extra}
    audit.record(session, user_id=user_id, action=action, object_type="workday_calendar_year",
                 object_id=year, detail=detail)
    session.flush()
    return change


def _confirm_year(session: Session, *, year: int, source: str, note: str, user_id: int | None,
                  now: datetime) -> None:
    row = session.get(CalendarYear, year)
    if row is None:
        row = CalendarYear(year=year)
        session.add(row)
    row.confirmed, row.source, row.note, row.updated_at, row.updated_by_id = True, source, note, now, user_id


def _bump_revision(session: Session) -> None:
    stmt = (update(CalendarRevision).where(CalendarRevision.id == 1)
            .values(revision=CalendarRevision.revision + 1, updated_at=utcnow()))
    if session.execute(stmt).rowcount == 0:
        session.add(CalendarRevision(id=1, revision=1, updated_at=utcnow()))
        session.flush()


def _counts(kinds: Iterable[str]) -> dict[str, int]:
    kinds = list(kinds)
    return {"holidays": kinds.count(HOLIDAY), "workdays": kinds.count(WORKDAY)}


def _entry(day: date, kind: str, name: str) -> dict:
    return {"day": day.isoformat(), "kind": kind, "name": name}


def _named(days: Mapping[date, str] | Iterable[date]) -> dict[date, str]:
    if isinstance(days, Mapping):
        return {d: (n or "").strip() for d, n in days.items()}
    return {d: "" for d in days}


def _names_of(entries: CalendarEntries, days: Iterable[date]) -> dict[date, str]:
    return {d: entries.names.get(d, "") for d in days}


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        message = f"年份应在{MIN_YEAR}至{MAX_YEAR}之间，收到 {year}"
        raise ValidationFailed(message, fields={"year": [message]})


def _parse_year(value: int | str | None) -> int:
    text = str(value if value is not None else "").strip().removesuffix("年")
    if not text.isdigit():
        raise ValidationFailed("请填写年份（如 2027）", fields={"year": ["请填写年份（如 2027）"]})
    year = int(text)
    _check_year(year)
    return year


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationFailed("无法识别文件编码，请保存为 UTF-8", fields={"file": ["无法识别文件编码，请保存为 UTF-8"]})


def _validated_entries(parse: Callable[[str], CalendarEntries], text: str) -> CalendarEntries:
    try:
        return parse(text or "")
    except ValueError as exc:
        raise ValidationFailed(str(exc), fields={"entries": [str(exc)]}) from None


# --- the manual-entry format -------------------------------------------------------

_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_RANGE_MARK = re.compile(r"(\d)\s*(?:~|～|至|到|—|\.\.)\s*(\d)")
_RANGE = re.compile(r"^(.+?)~(.+)$")


def parse_lines(text: str) -> CalendarEntries:
    """`date kind [name]` per line (whitespace or commas), kind 休/班 or holiday/workday.

    A date may be a range, `2027-02-05~2027-02-11` or `2027-02-05~02-11`;
    blank lines and lines starting with # are skipped. Errors name the line.
    """
    rows, origin = [], []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        line = _RANGE_MARK.sub(r"\1~\2", line)
        head, *rest = re.split(r"[\s,，]+", line, maxsplit=2)
        for day in _expand(head, number):
            rows.append([day, *rest])
            origin.append(number)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    try:
        return parse_csv(out.getvalue())
    except ValueError as exc:
        message = re.sub(r"^第(\d+)行", lambda m: f"第{origin[int(m.group(1)) - 1]}行", str(exc))
        raise ValueError(message) from None


def _expand(token: str, line: int) -> list[str]:
    match = _RANGE.match(token)
    if match is None:
        return [_normalise(token)]
    first = _normalise(match.group(1))
    last = match.group(2)
    if re.fullmatch(r"\d{1,2}[-/.]\d{1,2}", last):
        last = f"{first[:4]}-{last}"
    try:
        start, end = date.fromisoformat(first), date.fromisoformat(_normalise(last))
    except ValueError:
        raise ValueError(f"第{line}行：日期范围“{token}”无效，应为 YYYY-MM-DD~YYYY-MM-DD") from None
    if not 0 <= (end - start).days < MAX_RANGE_DAYS:
        raise ValueError(f"第{line}行：日期范围“{token}”应由早到晚且不超过{MAX_RANGE_DAYS}天")
    return [(start + timedelta(days=i)).isoformat() for i in range((end - start).days + 1)]


def _normalise(token: str) -> str:
    match = _DATE.match(token.strip())
    if match is None:
        return token.strip()
    year, month, day = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


# --- the cached calendar -------------------------------------------------------------
