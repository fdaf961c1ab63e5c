"""党员 page: one page of the roster at a time, the filter lists, and one member in full.

The roster query itself lives in services.member_search (LIKE on name, pinyin and
initials — not FTS5, whose trigram index finds nothing for 1–2 character names).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.services import member_search, members, settings
from app.services.member_search import MemberPage, MemberQuery
from app.services.members import MemberDetail
from app.services.views.organisations import OrgChoice, org_choices

PAGE_SIZE = 200


@dataclass(frozen=True)
class RosterFilters:
    """What the filter bar offers: organisations (indented), categories, scopes."""

    organisations: list[OrgChoice]
    categories: tuple[str, ...]
    scopes: tuple[str, ...]
    mask_id_numbers: bool


def roster_filters(session: Session) -> RosterFilters:
    return RosterFilters(
        org_choices(session),
        ("正式党员", "预备党员"),
        (member_search.SCOPE_ACTIVE, member_search.SCOPE_LEFT, member_search.SCOPE_ALL),
        bool(settings.get(session, "privacy.mask_id_numbers")),
    )


def roster_page(
    session: Session,
    *,
    text: str = "",
    org_id: int | None = None,
    category: str | None = None,
    occupation: str | None = None,
    flag: str | None = None,
    scope: str = member_search.SCOPE_ACTIVE,
    order: str = "pinyin",
    offset: int = 0,
    limit: int = PAGE_SIZE,
    today: date | None = None,
) -> MemberPage:
    """One batch of the roster (``offset``/``limit``) and the total number of matches."""
    query = MemberQuery(text=text, org_id=org_id, category=category or None, occupation=occupation or None,
                        flags=(flag,) if flag else (), scope=scope, order=order, offset=offset, limit=limit)
    return member_search.search(session, query, today=today)


def member_detail(session: Session, member_id: int) -> MemberDetail:
    """Every field of one member and the membership event history."""
    return members.get_member(session, member_id)
