"""Members: create, edit and read one member; the roster list lives in member_search."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Member, MembershipEvent, Organisation
from app.domain.dates import PartialDate
from app.domain.enums import DatePrecision, Gender, MemberCategory, OrgLevel
from app.domain.errors import NotFoundError, ValidationError
from app.domain.member_rules import Checked, MemberData, check_member
from app.domain.names import name_keys
from app.services.concurrency import require_version


@dataclass(frozen=True)
class EventView:
    id: int
    kind: str
    event_date: date
    subtype: str | None
    letter_no: str | None
    counterpart: str | None
    dues_paid_until: str | None
    document_ref: str | None
    reason: str | None
    ends_on: date | None


@dataclass(frozen=True)
class MemberDetail:
    id: int
    version: int
    data: MemberData
    org_name: str
    group_name: str | None
    status: str
    is_active: bool
    is_mobile: bool
    is_lost_contact: bool
    left_on: date | None
    id_number_note: str | None
    events: tuple[EventView, ...]


def _partial(value: date | None, precision: DatePrecision) -> PartialDate | None:
    return PartialDate(value, precision) if value is not None else None


def member_data(row: Member) -> MemberData:
    return MemberData(
        name=row.name, org_id=row.org_id, group_id=row.group_id,
        gender=row.gender.value if row.gender else None, ethnicity=row.ethnicity,
        birth_date=_partial(row.birth_date, row.birth_precision), id_number=row.id_number,
        education=row.education, native_place=row.native_place, category=row.category.value,
        join_date=_partial(row.join_date, row.join_precision), full_date=_partial(row.full_date, row.full_precision),
        work_start_date=_partial(row.work_start_date, row.work_start_precision), job_post=row.job_post, work_unit=row.work_unit,
        party_post=row.party_post, phone=row.phone, address=row.address, household_police=row.household_police,
        mobile_card_no=row.mobile_card_no, is_hardship=row.is_hardship,
        is_community_reported=row.is_community_reported, shows_identity=row.shows_identity,
        is_congress_delegate=row.is_congress_delegate, is_reserve_cadre=row.is_reserve_cadre,
        is_retired=row.is_retired, has_post=row.has_post, notes=row.notes,
    )


def event_view(e: MembershipEvent) -> EventView:
    return EventView(e.id, e.kind.value, e.event_date, e.subtype, e.letter_no, e.counterpart,
                     e.dues_paid_until, e.document_ref, e.reason, e.ends_on)


def get_member(session: Session, member_id: int) -> MemberDetail:
    row = session.get(Member, member_id)
    if row is None:
        raise NotFoundError("该党员记录不存在（可能已被删除）。")
    org = session.get(Organisation, row.org_id)
    group = session.get(Organisation, row.group_id) if row.group_id else None
    return MemberDetail(
        row.id, row.version, member_data(row), org.name if org else "", group.name if group else None,
        row.status.value, row.is_active, row.is_mobile, row.is_lost_contact, row.left_on, row.id_number_note,
        tuple(event_view(e) for e in row.events),
    )


def _check_placement(session: Session, data: MemberData) -> None:
    if data.org_id is None:
        raise ValidationError("所在党支部", "不能为空")
    org = session.get(Organisation, data.org_id)
    if org is None or org.dissolved_on is not None:
        raise ValidationError("所在党支部", "所选组织不存在或已撤销")
    if org.level is OrgLevel.GROUP:
        raise ValidationError("所在党支部", "应选择党支部（党小组请在“党小组”中选择）")
    if data.group_id is not None:
        group = session.get(Organisation, data.group_id)
        if group is None or group.level is not OrgLevel.GROUP or group.parent_id != org.id:
            raise ValidationError("党小组", f"所选党小组不属于“{org.name}”")


def _check_unique_id(session: Session, number: str | None, member_id: int | None) -> None:
    if not number:
        return
    stmt = select(Member.id, Member.name).where(Member.id_number == number, Member.is_active.is_(True))
    if member_id is not None:
        stmt = stmt.where(Member.id != member_id)
    clash = session.execute(stmt).first()
    if clash:
        raise ValidationError("公民身份号码", f"与在册党员“{clash.name}”的号码重复")


def _apply(row: Member, checked: Checked) -> None:
    d = checked.data
    keys = name_keys(d.name)
    row.name, row.name_pinyin, row.name_initials, row.sort_key = d.name, keys.pinyin, keys.initials, keys.sort_key
    row.org_id, row.group_id = d.org_id, d.group_id
    row.gender = Gender(d.gender) if d.gender else None
    row.ethnicity = d.ethnicity
    row.birth_date = d.birth_date.value if d.birth_date else None
    row.birth_precision = d.birth_date.precision if d.birth_date else DatePrecision.DAY
    if row.id_number != d.id_number:
        row.id_number_note = checked.id_note
    row.id_number = d.id_number
    row.education, row.native_place = d.education, d.native_place
    row.category = MemberCategory(d.category)
    row.join_date = d.join_date.value if d.join_date else None
    row.join_precision = d.join_date.precision if d.join_date else DatePrecision.DAY
    row.full_date = d.full_date.value if d.full_date else None
    row.full_precision = d.full_date.precision if d.full_date else DatePrecision.DAY
    row.work_start_date = d.work_start_date.value if d.work_start_date else None
    row.work_start_precision = d.work_start_date.precision if d.work_start_date else DatePrecision.DAY
    row.job_post, row.work_unit, row.party_post = d.job_post, d.work_unit, d.party_post
    row.phone, row.address, row.household_police = d.phone, d.address, d.household_police
    row.mobile_card_no = d.mobile_card_no
    row.is_hardship, row.is_community_reported = d.is_hardship, d.is_community_reported
    row.shows_identity, row.is_congress_delegate = d.shows_identity, d.is_congress_delegate
    row.is_reserve_cadre, row.is_retired, row.has_post = d.is_reserve_cadre, d.is_retired, d.has_post
    row.notes = d.notes


@dataclass(frozen=True)
class SaveResult:
    member: MemberDetail
    warnings: tuple[str, ...]


def create_member(session: Session, data: MemberData, *, today: date | None = None) -> SaveResult:
    """Add a member to the roster (status 正常)."""
    checked = check_member(data, today=today)
    _check_placement(session, checked.data)
    _check_unique_id(session, checked.data.id_number, None)
    row = Member()
    _apply(row, checked)
    session.add(row)
    session.flush()
    return SaveResult(get_member(session, row.id), checked.warnings)


def update_member(
    session: Session, member_id: int, data: MemberData, *, expected_version: int | None, today: date | None = None
) -> SaveResult:
    """Save an edited member; refused if someone saved it since the form was loaded."""
    row = session.get(Member, member_id)
    require_version(row, expected_version, f"党员“{data.name}”")
    checked = check_member(data, today=today)
    _check_placement(session, checked.data)
    if row.is_active:
        _check_unique_id(session, checked.data.id_number, member_id)
    _apply(row, checked)
    session.flush()
    return SaveResult(get_member(session, row.id), checked.warnings)
