"""Small helpers the page queries share: year bounds, organisation names, member scope."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Organisation
from app.domain.enums import OrgLevel


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def org_names(session: Session, *, qualify_groups: bool = False) -> dict[int, str]:
    """id → name of every organisation (short name preferred where the clerk set one).

    With ``qualify_groups`` a 党小组 carries its 党支部's name (第三党支部·第一党小组),
    since every branch has a 第一党小组.
    """
    rows = session.execute(
        select(Organisation.id, Organisation.name, Organisation.short_name, Organisation.parent_id,
               Organisation.level)
    ).all()
    names = {org_id: short or name for org_id, name, short, _parent, _level in rows}
    if qualify_groups:
        for org_id, _name, _short, parent_id, level in rows:
            if level is OrgLevel.GROUP and parent_id in names:
                names[org_id] = f"{names[parent_id]}·{names[org_id]}"
    return names


def month_index(day: date) -> int:
    """A month as one integer, so spans of months are plain ranges."""
    return day.year * 12 + day.month - 1


def month_of(index: int) -> tuple[int, int]:
    year, month0 = divmod(index, 12)
    return year, month0 + 1
