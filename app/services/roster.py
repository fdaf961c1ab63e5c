"""The 党员花名册: every active member of an organisation (with its sub-tree), in order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from app.db.models import Member, Organisation
from app.domain.dates import PartialDate, age_on
from app.domain.enums import ACTIVE_STATUSES, DatePrecision
from app.domain.errors import ValidationError
from app.domain.strokes import stroke_key
from app.services import audit
from app.services.organisation_tree import find_by_name, subtree_ids
from app.services.organisations import top_organisation


@dataclass(frozen=True)
class RosterEntry:
    id: int
    name: str
    gender: str
    ethnicity: str
    birth: PartialDate | None
    age: int | None
    id_number: str
    education: str
    category: str
    join: PartialDate | None
    full: PartialDate | None
    party_years: int | None  # 党龄, from 转正日期 (the probation year does not count)
    job_post: str
    work_unit: str
    party_post: str
    org_name: str
    group_name: str
    phone: str
    address: str
    status: str
    is_lost_contact: bool
    is_mobile: bool
    notes: str


@dataclass(frozen=True)
class Roster:
    org_name: str
    as_of: date
    order: str
    entries: list[RosterEntry]


def _partial(value: date | None, precision: DatePrecision) -> PartialDate | None:
    return PartialDate(value, precision) if value else None


def resolve_org(session: Session, name: str | None) -> tuple[int | None, str]:
    """(org id, name) for an organisation name, or the top organisation when ``name`` is empty."""
    if name:
        org = find_by_name(session, name)
        if org is None:
            raise ValidationError("--org", f"找不到名为“{name}”的党组织（或有重名）")
        return org.id, org.name
    top = top_organisation(session)
    return (top.id, top.name) if top else (None, "本级党组织")


def build_roster(
    session: Session, *, org_id: int | None = None, order: str = "pinyin", as_of: date | None = None,
    org_name: str | None = None, member_ids: set[int] | None = None,
) -> Roster:
    """Active members of ``org_id`` and its sub-tree (all when None), ordered by pinyin or strokes.

    ``member_ids`` lists exactly these members instead, whatever their status today (a roster
    of who was on the books at a past date, as the 统计 replay found them)."""
    if order not in ("pinyin", "strokes"):
        raise ValidationError("排序", "应为 pinyin（拼音）或 strokes（姓氏笔画）")
    as_of = as_of or date.today()
    org, group = aliased(Organisation), aliased(Organisation)
    stmt = (
        select(*_COLUMNS, org.name.label("org_label"), group.name.label("group_label"))
        .join(org, org.id == Member.org_id)
        .outerjoin(group, group.id == Member.group_id)
        .order_by(Member.sort_key, Member.id)
    )
    if member_ids is None:
        stmt = stmt.where(Member.status.in_(ACTIVE_STATUSES))
    elif len(member_ids) <= 20000:  # else one scan, filtered below, beats a long IN list
        stmt = stmt.where(Member.id.in_(sorted(member_ids)))
    if org_id is not None:
        ids = subtree_ids(session, org_id)
        stmt = stmt.where(or_(Member.org_id.in_(ids), Member.group_id.in_(ids)))
        org_name = org_name or session.get(Organisation, org_id).name
    elif org_name is None:
        top = top_organisation(session)
        org_name = top.name if top else None
    entries = [_entry(m, m.org_label, m.group_label, as_of) for m in session.connection().execute(stmt)
               if member_ids is None or m.id in member_ids]  # plain rows: no ORM objects for 50,000 members
    if order == "strokes":
        entries.sort(key=lambda e: (stroke_key(e.name), e.id))
    return Roster(org_name or "本级党组织", as_of, order, entries)


_COLUMNS = (Member.id, Member.name, Member.gender, Member.ethnicity, Member.birth_date, Member.birth_precision,
            Member.id_number, Member.education, Member.category, Member.join_date, Member.join_precision,
            Member.full_date, Member.full_precision, Member.job_post, Member.work_unit, Member.party_post,
            Member.phone, Member.address, Member.status, Member.is_lost_contact, Member.is_mobile, Member.notes)


def _entry(m, org_name: str, group_name: str | None, as_of: date) -> RosterEntry:
    """One entry from a member row (the columns of ``_COLUMNS``, or a Member)."""
    full = _partial(m.full_date, m.full_precision)
    return RosterEntry(
        id=m.id, name=m.name, gender=m.gender.value if m.gender else "", ethnicity=m.ethnicity or "",
        birth=_partial(m.birth_date, m.birth_precision), age=age_on(m.birth_date, as_of) if m.birth_date else None,
        id_number=m.id_number or "", education=m.education or "", category=m.category.value,
        join=_partial(m.join_date, m.join_precision), full=full,
        party_years=age_on(m.full_date, as_of) if m.full_date and m.full_date <= as_of else None,
        job_post=m.job_post or "", work_unit=m.work_unit or "", party_post=m.party_post or "",
        org_name=org_name, group_name=group_name or "", phone=m.phone or "", address=m.address or "",
        status=m.status.value, is_lost_contact=m.is_lost_contact, is_mobile=m.is_mobile, notes=m.notes or "",
    )


def record_full_id_export(session: Session, roster: Roster, target: str) -> None:
    """A printout with whole ID numbers is a disclosure: it goes into the audit log."""
    audit.record(
        session, "导出", "roster", roster.org_name,
        f"导出含完整身份证号的花名册（{len(roster.entries)}人）到 {target}",
    )
