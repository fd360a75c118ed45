"""Importing a year's holiday notice (节假日安排) from CSV or iCalendar text.

CSV: columns ``date,kind,name``; kind ``holiday``/``workday`` or ``休``/``班``; a header
row, a BOM, blank lines and ``#`` comments are skipped. iCalendar: all-day VEVENTs whose
SUMMARY contains 班 (make-up workday) or 休/假 (day off). Errors are ``ValueError`` in
Chinese naming the line.
"""
from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta

from engine.calendar import CalendarEntries, _is_weekend, _weekday_label

_ONE_DAY = timedelta(days=1)


_KINDS = {"holiday": "holiday", "休": "holiday", "workday": "workday", "班": "workday"}


class _EntriesBuilder:
    """Collects imported days; raises ValueError naming the source line."""

    def __init__(self) -> None:
        self.kinds: dict[date, tuple[str, int]] = {}
        self.names: dict[date, str] = {}

    def add(self, day: date, kind: str, name: str, line: int) -> None:
        if kind == "workday" and not _is_weekend(day):
            raise ValueError(f"第{line}行：调休上班日 {day} 是{_weekday_label(day)}，应为周六或周日")
        previous = self.kinds.get(day)
        if previous and previous[0] != kind:
            raise ValueError(f"第{line}行：{day} 在第{previous[1]}行已标为"
                             f"{'放假' if previous[0] == 'holiday' else '上班'}，此处矛盾")
        self.kinds.setdefault(day, (kind, line))
        if name:
            self.names.setdefault(day, name)

    def entries(self) -> CalendarEntries:
        def of(kind: str) -> frozenset[date]:
            return frozenset(d for d, (k, _) in self.kinds.items() if k == kind)

        return CalendarEntries(of("holiday"), of("workday"), self.names)


def parse_csv(text: str) -> CalendarEntries:
    """Read ``date,kind,name`` rows (kind: holiday|workday, or 休|班).

    Dates are YYYY-MM-DD; name is optional; an optional header row, blank
    lines and lines starting with # are skipped.
    """
    builder = _EntriesBuilder()
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    for row in reader:
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#") or cells[0].lower() == "date":
            continue
        builder.add(*_csv_row(cells, reader.line_num), reader.line_num)
    return builder.entries()


def _csv_row(cells: list[str], line: int) -> tuple[date, str, str]:
    if len(cells) not in (2, 3):
        raise ValueError(f"第{line}行：应有 2 或 3 列（date,kind,name），实际 {len(cells)} 列")
    try:
        day = date.fromisoformat(cells[0])
    except ValueError:
        raise ValueError(f"第{line}行：日期“{cells[0]}”无效，应为 YYYY-MM-DD") from None
    kind = _KINDS.get(cells[1].lower())
    if kind is None:
        raise ValueError(f"第{line}行：类型“{cells[1]}”无效，应为 holiday 或 workday")
    return day, kind, cells[2] if len(cells) == 3 else ""


def format_csv(entries: CalendarEntries) -> str:
    """The inverse of parse_csv (sorted by date, with a header row)."""
    rows = [(d, "holiday") for d in entries.holidays]
    rows += [(d, "workday") for d in entries.makeup_workdays]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", "kind", "name"])
    for day, kind in sorted(rows):
        writer.writerow([day.isoformat(), kind, entries.names.get(day, "")])
    return out.getvalue()


_ICS_NAME_NOISE = re.compile(r"[（(][^）)]*[）)]|第\d+天.*|共\d+天|放假|假期|调休|补班|上班|休息|[休假班]")
_ICS_DURATION = re.compile(r"^P(\d+)([DW])$")


def parse_ics(text: str) -> CalendarEntries:
    """Read all-day VEVENTs of an iCalendar file.

    DTSTART;VALUE=DATE:YYYYMMDD with an exclusive DTEND (or DURATION PnD/PnW,
    or neither = one day; DTEND equal to DTSTART is read as one day).
    SUMMARY containing 班 (补班, 上班) marks make-up workdays, otherwise 休
    or 假 marks days off; the name is the summary without those markers.
    """
    builder = _EntriesBuilder()
    for event in _ics_events(_ics_lines(text)):
        _add_ics_event(builder, event)
    return builder.entries()


def _ics_lines(text: str) -> list[tuple[int, str]]:
    """Unfold continuation lines; keep the number of each property's first line."""
    logical: list[tuple[int, str]] = []
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if line[:1] in (" ", "\t") and logical:
            logical[-1] = (logical[-1][0], logical[-1][1] + line[1:])
        elif line.strip():
            logical.append((number, line))
    return logical


def _ics_events(lines: list[tuple[int, str]]) -> list[dict[str, tuple[int, str, str]]]:
    """Properties of each VEVENT as {NAME: (line, params, value)}; BEGIN under key ''."""
    events: list[dict[str, tuple[int, str, str]]] = []
    stack: list[str] = []
    for number, line in lines:
        name, params, value = _ics_property(line)
        if name == "BEGIN":
            stack.append(value.upper())
            if stack[-1] == "VEVENT":
                events.append({"": (number, "", "")})
        elif name == "END":
            if stack:
                stack.pop()
        elif stack and stack[-1] == "VEVENT":
            events[-1].setdefault(name, (number, params, value))
    return events


def _ics_property(line: str) -> tuple[str, str, str]:
    in_quotes = False
    for index, char in enumerate(line):
        if char == '"':
            in_quotes = not in_quotes
        elif char == ":" and not in_quotes:
            head, value = line[:index], line[index + 1:]
            name, _, params = head.partition(";")
            return name.strip().upper(), params.upper(), value.strip()
    return line.strip().upper(), "", ""


def _add_ics_event(builder: _EntriesBuilder, event: dict[str, tuple[int, str, str]]) -> None:
    begin_line = event[""][0]
    if "DTSTART" not in event:
        raise ValueError(f"第{begin_line}行：事件缺少 DTSTART")
    if "SUMMARY" not in event:
        raise ValueError(f"第{begin_line}行：事件缺少 SUMMARY")
    start = _ics_date(event["DTSTART"])
    days = _ics_length(event, start)
    line, _, raw = event["SUMMARY"]
    summary = _ics_unescape(raw)
    kind = _ics_kind(summary, line)
    name = _ICS_NAME_NOISE.sub("", summary).strip(" 、,，-") or summary
    for offset in range(days):
        builder.add(start + timedelta(days=offset), kind, name, line)


def _ics_date(prop: tuple[int, str, str]) -> date:
    line, _, value = prop
    if not re.fullmatch(r"\d{8}", value):
        raise ValueError(f"第{line}行：“{value}”不是全天日期（应为 VALUE=DATE:YYYYMMDD）")
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        raise ValueError(f"第{line}行：日期“{value}”无效") from None


def _ics_length(event: dict[str, tuple[int, str, str]], start: date) -> int:
    if "DTEND" in event:
        days = (_ics_date(event["DTEND"]) - start).days
        if days < 0:
            raise ValueError(f"第{event['DTEND'][0]}行：DTEND 早于 DTSTART")
        return max(days, 1)
    if "DURATION" in event:
        line, _, value = event["DURATION"]
        match = _ICS_DURATION.match(value)
        if not match or int(match.group(1)) < 1:
            raise ValueError(f"第{line}行：不支持的 DURATION“{value}”（应为 PnD 或 PnW）")
        return int(match.group(1)) * (7 if match.group(2) == "W" else 1)
    return 1


def _ics_kind(summary: str, line: int) -> str:
    if "班" in summary:
        return "workday"
    if "休" in summary or "假" in summary:
        return "holiday"
    raise ValueError(f"第{line}行：无法从标题“{summary}”判断放假还是上班（应含“休”“假”或“班”）")


def _ics_unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)
