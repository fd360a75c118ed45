"""Dates in order: the date-order constraints a form declares on its date fields.

A `format: date` or `date-time` property may carry
- `"x-notBefore": [ref, ...]`: the date may not be earlier than each referenced date. A ref is a
  field name, or `{"field": name, "workdays": n}` / `{"field": name, "days": n}` for "at least n
  working (calendar) days after". A name is looked up in the same form first, then among the
  known dates of the ticket or case (`KnownDate`: its record's dates such as the filing date, and
  the dates submitted on its earlier tasks). A reference that has no value yet is skipped.
- `"x-notAfter": [name, ...]`: the date may not be later than each referenced date, looked up the
  same way (e.g. a service date not after the rectify-by date the served order states).
- `"x-notFuture": true`: the date records something that happened, so it may not be after today
  (a date-time: not after now) by the application's clock.
- `"x-dateTitle"`: the name of the date in messages when the title alone is ambiguous
  (e.g. 送达日期 → 处罚决定书送达日期); other forms' messages use it too.

Dates are compared as dates in the bureau's time zone; two date-times without an offset in days
are compared as instants. Errors name both dates in Chinese, e.g. “作出决定日期不得早于立案日期（2026-12-03）”.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from app.errors import ValidationFailed
from app.forms.registry import FormDefinition

DATE_FORMATS = ("date", "date-time")


@dataclass(frozen=True)
class KnownDate:
    """A date the form may refer to that is not one of its own fields."""

    value: date | datetime
    title: str


def date_title(prop: Mapping[str, Any], name: str) -> str:
    return prop.get("x-dateTitle") or prop.get("title") or name


def parse(value: Any, tz: tzinfo) -> date | datetime | None:
    """A cleaned form value (ISO text) as a date, or an aware date-time in `tz`."""
    if isinstance(value, datetime):
        return value.astimezone(tz) if value.tzinfo else value.replace(tzinfo=tz)
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        if "T" in text or " " in text:
            return parse(datetime.fromisoformat(text), tz)
        return date.fromisoformat(text)
    except ValueError:
        return None


def _day(value: date | datetime, tz: tzinfo) -> date:
    return value.astimezone(tz).date() if isinstance(value, datetime) else value


def _reference(ref: Any) -> tuple[str, int, int]:
    """(field, working days, calendar days) of one `x-notBefore` entry."""
    if isinstance(ref, str):
        return ref, 0, 0
    return ref["field"], int(ref.get("workdays", 0)), int(ref.get("days", 0))


def _earliest(base: date | datetime, workdays: int, days: int, tz: tzinfo,
              workdays_after: Callable[[date, int], date]) -> date | datetime:
    if workdays:
        return workdays_after(_day(base, tz), workdays)
    if days:
        return _day(base, tz) + timedelta(days=days)
    return base


def _before(value: date | datetime, limit: date | datetime, tz: tzinfo) -> bool:
    if isinstance(value, datetime) and isinstance(limit, datetime):
        return value < limit
    return _day(value, tz) < _day(limit, tz)


def _shown(value: date | datetime, tz: tzinfo) -> str:
    if isinstance(value, datetime):
        return value.astimezone(tz).strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def _other(form: FormDefinition, cleaned: Mapping[str, Any], known: Mapping[str, KnownDate], field: str,
           tz: tzinfo) -> tuple[date | datetime | None, str]:
    """The referenced date and its title: the same submission first, then the known dates."""
    if field in form.properties:
        return parse(cleaned.get(field), tz), date_title(form.properties[field], field)
    if field in known:
        return known[field].value, known[field].title
    return None, field


def outside_references(form: FormDefinition) -> set[str]:
    """The dates the form's rules name that are not its own fields (the ticket's or case's known dates):
    none means the check needs no lookup."""
    names = set()
    for prop in form.properties.values():
        names.update(_reference(ref)[0] for ref in prop.get("x-notBefore", []))
        names.update(prop.get("x-notAfter", []))
    return names - set(form.properties)


def date_order_errors(
    form: FormDefinition, cleaned: Mapping[str, Any], *, known: Mapping[str, KnownDate], now: datetime,
    tz: tzinfo, workdays_after: Callable[[date, int], date],
) -> dict[str, list[str]]:
    """The date-order errors of a cleaned submission, keyed by field (empty when all is in order)."""
    errors: dict[str, list[str]] = {}
    today = now.astimezone(tz).date()
    for name, prop in form.properties.items():
        if prop.get("format") not in DATE_FORMATS:
            continue
        value = parse(cleaned.get(name), tz)
        if value is None:
            continue
        title, messages = date_title(prop, name), []
        if prop.get("x-notFuture") and isinstance(value, datetime) and value > now:
            messages.append(f"{title}不得晚于当前时间（{_shown(now, tz)}）")
        elif prop.get("x-notFuture") and not isinstance(value, datetime) and value > today:
            messages.append(f"{title}不得晚于今天（{today.isoformat()}）")
        for ref in prop.get("x-notBefore", []):
            field, workdays, days = _reference(ref)
            other, other_title = _other(form, cleaned, known, field, tz)
            if other is None:
                continue
            limit = _earliest(other, workdays, days, tz, workdays_after)
            if not _before(value, limit, tz):
                continue
            if workdays or days:
                unit = "个工作日" if workdays else "日"
                messages.append(f"{title}应在{other_title}（{_shown(other, tz)}）后至少{workdays or days}{unit}，"
                                f"即不早于{_shown(limit, tz)}")
            else:
                messages.append(f"{title}不得早于{other_title}（{_shown(other, tz)}）")
        for field in prop.get("x-notAfter", []):
            other, other_title = _other(form, cleaned, known, field, tz)
            if other is not None and _before(other, value, tz):
                messages.append(f"{title}不得晚于{other_title}（{_shown(other, tz)}）")
        if messages:
            errors[name] = messages
    return errors


def check_now(env, form: FormDefinition, cleaned: Mapping[str, Any], *,
              known: Mapping[str, KnownDate] | None = None) -> None:
    """`check` as of the workflow environment's clock, time zone and working-day calendar."""
    calendar = env.calendar()
    check(form, cleaned, known=known or {}, now=env.clock.now(), tz=env.tz,
          workdays_after=lambda day, n: calendar.workdays_after(day, n, strict=False))


def check(form: FormDefinition, cleaned: Mapping[str, Any], **context: Any) -> None:
    """Raise ValidationFailed naming the dates out of order (see `date_order_errors`)."""
    errors = date_order_errors(form, cleaned, **context)
    if errors:
        raise ValidationFailed("；".join(m for messages in errors.values() for m in messages), fields=errors)
