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
