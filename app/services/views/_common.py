"""Small helpers the page queries share: year bounds, organisation names, member scope."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Organisation


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def org_names(session: Session) -> dict[int, str]:
    """id → name of every organisation (short name preferred where the clerk set one)."""
    return {
        org_id: short or name
        for org_id, name, short in session.execute(
            select(Organisation.id, Organisation.name, Organisation.short_name)
        )
    }


def month_index(day: date) -> int:
    """A month as one integer, so spans of months are plain ranges."""
    return day.year * 12 + day.month - 1


def month_of(index: int) -> tuple[int, int]:
    year, month0 = divmod(index, 12)
    return year, month0 + 1
