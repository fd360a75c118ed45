"""Gapless numbering: the increment lives in the caller's transaction.

The UPDATE takes a row lock, so concurrent issuers queue on it; if the
caller's transaction rolls back, so does the number — no gaps, no duplicates.
"""
from __future__ import annotations

from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.numbering.models import NumberSequence


def next_number(session: Session, *, kind: str, year: int) -> int:
    stmt = (
        update(NumberSequence)
        .where(NumberSequence.kind == kind, NumberSequence.year == year)
        .values(last=NumberSequence.last + 1)
        .returning(NumberSequence.last)
    )
    value = session.execute(stmt).scalar()
    if value is not None:
        return value
    try:
        with session.begin_nested():
            session.execute(insert(NumberSequence).values(kind=kind, year=year, last=1))
        return 1
    except IntegrityError:  # another transaction created the row first
        return session.execute(stmt).scalar_one()


# Number patterns per kind (configuration: TICKET_NUMBER_PATTERN, CASE_NUMBER_PATTERN),
# set by create_app; `{year}` and `{seq}` (with an optional format such as `{seq:06d}`).
PATTERNS: dict[str, str] = {"ticket": "HQGD-{year}-{seq:06d}", "case": "横琴劳监立〔{year}〕第{seq}号"}


def configure(patterns: dict[str, str]) -> None:
    for kind, pattern in patterns.items():
        try:
            pattern.format(year=2026, seq=1)
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError(f"编号格式 {pattern!r} 无效：只能使用 {{year}} 和 {{seq}}") from exc
        if "{seq" not in pattern:
            raise ValueError(f"编号格式 {pattern!r} 必须包含 {{seq}}")
        PATTERNS[kind] = pattern


def issue_number(session: Session, *, kind: str, year: int) -> tuple[str, int]:
    """The next gapless number of `kind` in `year`, formatted: (number, sequence)."""
    seq = next_number(session, kind=kind, year=year)
    return PATTERNS[kind].format(year=year, seq=seq), seq
