"""Volunteers: register, edit, link to a member, archive; find them from a pasted list; the service categories.

志愿服务条例 第七条: a volunteer registers 身份信息、服务技能、服务时间、联系方式 (name, document, skills,
phone, registration date). A volunteer with service hours is archived, never deleted: the hours are
the person's record (志愿服务记录与证明出具办法 第三条: 完整).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Member, ServiceCategory, Volunteer, VolunteerHours, VolunteerTeam, VolunteerTeamMember
from app.domain import idnumber
from app.domain.enums import HoursState, IdDocumentType, VolunteerKind
from app.domain.errors import NotFoundError, ValidationError
from app.domain.names import name_keys
from app.domain.volunteer_rules import VolunteerData, check_volunteer, split_names
from app.services.concurrency import require_version

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class VolunteerView:
    id: int
    version: int
    data: VolunteerData
    member_name: str | None
    is_archived: bool
    archived_on: date | None
    hours: Decimal  # confirmed, all time
    teams: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.data.name


def _data(v: Volunteer) -> VolunteerData:
    return VolunteerData(
        name=v.name, kind=v.kind.value, member_id=v.member_id, gender=v.gender, id_type=v.id_type.value,
        id_number=v.id_number, phone=v.phone, skills=v.skills, volunteer_no=v.volunteer_no,
        registered_on=v.registered_on, contact_person=v.contact_person, group_size=v.group_size, org_id=v.org_id,
        notes=v.notes,
    )


def get_volunteer(session: Session, volunteer_id: int) -> VolunteerView:
    v = session.get(Volunteer, volunteer_id)
    if v is None:
        raise NotFoundError("该志愿者记录不存在（可能已被删除）。")
    hours = session.scalar(select(func.sum(VolunteerHours.hours)).where(
        VolunteerHours.volunteer_id == v.id, VolunteerHours.state == HoursState.CONFIRMED))
    teams = session.scalars(
        select(VolunteerTeam.name).join(VolunteerTeamMember, VolunteerTeamMember.team_id == VolunteerTeam.id)
        .where(VolunteerTeamMember.volunteer_id == v.id, VolunteerTeamMember.left_on.is_(None))
        .order_by(VolunteerTeam.id)).all()
    member = session.get(Member, v.member_id) if v.member_id else None
    return VolunteerView(v.id, v.version, _data(v), member.name if member else None, v.is_archived, v.archived_on,
                         hours if hours is not None else ZERO, tuple(teams))


def _duplicate(session: Session, clean: VolunteerData, own_id: int | None) -> None:
    """The same document, volunteer number or member twice on the register is refused."""
    checks = []
    if clean.id_number:
        checks.append(("证件号码", (Volunteer.id_type == IdDocumentType(clean.id_type))
                       & (Volunteer.id_number == clean.id_number)))
    if clean.volunteer_no:
        checks.append(("志愿者编号", Volunteer.volunteer_no == clean.volunteer_no))
    if clean.member_id:
        checks.append(("关联党员", Volunteer.member_id == clean.member_id))
    for field, condition in checks:
        stmt = select(Volunteer.name).where(condition, Volunteer.is_archived.is_(False))
        if own_id is not None:
            stmt = stmt.where(Volunteer.id != own_id)
        other = session.scalars(stmt).first()
        if other is not None:
            raise ValidationError(field, f"已登记在志愿者“{other}”名下")


def _with_member(session: Session, data: VolunteerData) -> VolunteerData:
    """A member volunteer takes what the member row already says where the form left it empty."""
    if data.member_id is None:
        return data
    m = session.get(Member, data.member_id)
    if m is None:
        raise ValidationError("关联党员", "该党员记录不存在")
    return replace(
        data, name=data.name or m.name, gender=data.gender or (m.gender.value if m.gender else None),
        id_number=data.id_number or (m.id_number if data.id_type == IdDocumentType.RESIDENT_ID.value else None),
        phone=data.phone or m.phone,
    )


def save_volunteer(session: Session, data: VolunteerData, *, volunteer_id: int | None = None,
                   version: int | None = None, today: date | None = None) -> VolunteerView:
    """Register a volunteer (``volunteer_id`` None) or save an edit; raise ``ValidationError`` naming the field."""
    data = _with_member(session, data)
    clean, _note = check_volunteer(data, today=today)
    _duplicate(session, clean, volunteer_id)
    if volunteer_id is None:
        v = Volunteer()
        session.add(v)
    else:
        v = session.get(Volunteer, volunteer_id)
        require_version(v, version, "该志愿者记录")
    keys = name_keys(clean.name) if clean.kind == VolunteerKind.PERSON.value else None
    v.kind = VolunteerKind(clean.kind)
    v.member_id, v.name = clean.member_id, clean.name
    v.name_pinyin = keys.pinyin if keys else name_keys(clean.name[:20]).pinyin
    v.name_initials = keys.initials if keys else ""
    v.gender, v.id_type, v.id_number = clean.gender, IdDocumentType(clean.id_type), clean.id_number
    v.phone, v.skills, v.volunteer_no = clean.phone, clean.skills, clean.volunteer_no
    v.registered_on = clean.registered_on or (today or date.today()) if volunteer_id is None else clean.registered_on
    v.contact_person, v.group_size, v.org_id, v.notes = clean.contact_person, clean.group_size, clean.org_id, clean.notes
    session.flush()
    return get_volunteer(session, v.id)


def register_member(session: Session, member_id: int, *, registered_on: date | None = None,
                    today: date | None = None) -> VolunteerView:
    """A party member signs up as a volunteer (党员志愿者); an existing registration is returned as it is."""
    existing = session.scalars(select(Volunteer).where(Volunteer.member_id == member_id,
                                                       Volunteer.is_archived.is_(False))).first()
    if existing is not None:
        return get_volunteer(session, existing.id)
    m = session.get(Member, member_id)
    if m is None:
        raise NotFoundError("该党员记录不存在。")
    return save_volunteer(session, VolunteerData(name=m.name, member_id=m.id, org_id=None,
                                                 registered_on=registered_on or today or date.today()), today=today)


def member_choices(session: Session, *, include_volunteers: bool = False) -> list[tuple[int, str]]:
    """Members on the books (not registered as volunteers yet, unless asked): (member id, “姓名（支部）”), by pinyin."""
    from app.db.models import Organisation

    taken = select(Volunteer.member_id).where(Volunteer.member_id.is_not(None), Volunteer.is_archived.is_(False))
    stmt = (select(Member.id, Member.name, Organisation.name).join(Organisation, Organisation.id == Member.org_id)
            .where(Member.is_active.is_(True)).order_by(Member.sort_key, Member.id))
    rows = session.execute(stmt if include_volunteers else stmt.where(Member.id.not_in(taken)))
    return [(mid, f"{name}（{org}）") for mid, name, org in rows]


def archive_volunteer(session: Session, volunteer_id: int, *, archived: bool = True,
                      on: date | None = None) -> VolunteerView:
    """注销 (or restore) a registration; the person's hours stay on record either way."""
    v = session.get(Volunteer, volunteer_id)
    if v is None:
        raise NotFoundError("该志愿者记录不存在。")
    if not archived:
        _duplicate(session, _data(v), v.id)
    v.is_archived = archived
    v.archived_on = (on or date.today()) if archived else None
    session.flush()
    return get_volunteer(session, v.id)


def delete_volunteer(session: Session, volunteer_id: int) -> None:
    """Only a registration made by mistake, with no hours at all, may be deleted."""
    v = session.get(Volunteer, volunteer_id)
    if v is None:
        raise NotFoundError("该志愿者记录不存在。")
    count = session.scalar(select(func.count()).select_from(VolunteerHours).where(
        VolunteerHours.volunteer_id == v.id))
    if count:
        raise ValidationError("", f"“{v.name}”有 {count} 条服务时长记录，时长属于本人，不能删除；不再参加服务请用“注销”")
    session.delete(v)
    session.flush()


@dataclass(frozen=True)
class Resolved:
    """What a pasted or scanned list of names / numbers turned out to be."""

    found: tuple[tuple[int, str], ...]  # (volunteer id, name), in the order of the list
    members: tuple[tuple[int, str], ...]  # (member id, name): not volunteers yet, one active member of that name
    unknown: tuple[str, ...]
    ambiguous: tuple[tuple[str, int], ...]  # (entry, how many volunteers have that name)


def resolve_entries(session: Session, text_or_entries: str | list[str]) -> Resolved:
    """Match each entry by 志愿者编号, then 证件号码, then name among registered volunteers."""
    entries = split_names(text_or_entries) if isinstance(text_or_entries, str) else list(text_or_entries)
    rows = session.execute(select(Volunteer.id, Volunteer.name, Volunteer.volunteer_no, Volunteer.id_number)
                           .where(Volunteer.is_archived.is_(False))).all()
    by_no = {no.upper(): (vid, name) for vid, name, no, _n in rows if no}
    by_number = {number: (vid, name) for vid, name, _no, number in rows if number}
    by_name: dict[str, list[tuple[int, str]]] = {}
    for vid, name, _no, _n in rows:
        by_name.setdefault(name, []).append((vid, name))
    found, members, unknown, ambiguous, taken = [], [], [], [], set()
    member_names: dict[str, list[int]] | None = None
    for entry in entries:
        hit = by_no.get(entry.upper()) or by_number.get(idnumber.normalise(entry))
        if hit is None:
            named = by_name.get(entry, [])
            if len(named) > 1:
                ambiguous.append((entry, len(named)))
                continue
            hit = named[0] if named else None
        if hit is not None:
            if hit[0] not in taken:
                taken.add(hit[0])
                found.append(hit)
            continue
        if member_names is None:
            member_names = {}
            for mid, name in session.execute(select(Member.id, Member.name).where(Member.is_active.is_(True))):
                member_names.setdefault(name, []).append(mid)
        ids = member_names.get(entry, [])
        if len(ids) == 1:
            members.append((ids[0], entry))
        else:
            unknown.append(entry)
    return Resolved(tuple(found), tuple(members), tuple(unknown), tuple(ambiguous))


def find_volunteer(session: Session, text: str) -> int:
    """The one volunteer meant by an id (#12 or 12), a 志愿者编号, a document number or a name."""
    text = (text or "").strip()
    if not text:
        raise ValidationError("--volunteer", "请给出志愿者姓名、编号或证件号码")
    plain = text.lstrip("#")
    if plain.isdigit() and len(plain) < 9 and session.get(Volunteer, int(plain)) is not None:
        return int(plain)
    for condition in (Volunteer.volunteer_no == text, Volunteer.id_number == idnumber.normalise(text),
                      Volunteer.name == "".join(text.split())):
        ids = session.scalars(select(Volunteer.id).where(condition).order_by(Volunteer.is_archived, Volunteer.id)).all()
        if len(ids) == 1:
            return ids[0]
        if len(ids) > 1:
            raise ValidationError("--volunteer", f"有 {len(ids)} 名志愿者符合“{text}”（编号 {'、'.join(map(str, ids))}），"
                                                 "请改用编号或证件号码")
    raise ValidationError("--volunteer", f"没有找到志愿者“{text}”")


# -- service categories (an editable list seeded with the common ones) ---------------------------

@dataclass(frozen=True)
class CategoryView:
    id: int
    name: str
    is_builtin: bool
    is_active: bool
    used: int  # activities and teams tagged with it


def list_categories(session: Session, *, include_inactive: bool = True) -> list[CategoryView]:
    from app.db.models import VolunteerActivity

    used_a = dict(session.execute(select(VolunteerActivity.category_id, func.count())
                                  .group_by(VolunteerActivity.category_id)).all())
    used_t = dict(session.execute(select(VolunteerTeam.category_id, func.count())
                                  .group_by(VolunteerTeam.category_id)).all())
    stmt = select(ServiceCategory).order_by(ServiceCategory.sort_order, ServiceCategory.id)
    if not include_inactive:
        stmt = stmt.where(ServiceCategory.is_active.is_(True))
    return [CategoryView(c.id, c.name, c.is_builtin, c.is_active, used_a.get(c.id, 0) + used_t.get(c.id, 0))
            for c in session.scalars(stmt)]


def _category_name(session: Session, name: str, own_id: int | None = None) -> str:
    name = "".join((name or "").split())
    if not name:
        raise ValidationError("类别名称", "不能为空")
    if len(name) > 30:
        raise ValidationError("类别名称", "不能超过30个字")
    other = session.scalars(select(ServiceCategory.id).where(ServiceCategory.name == name)).first()
    if other is not None and other != own_id:
        raise ValidationError("类别名称", f"已有“{name}”")
    return name


def add_category(session: Session, name: str) -> CategoryView:
    name = _category_name(session, name)
    last = session.scalar(select(func.max(ServiceCategory.sort_order))) or 0
    c = ServiceCategory(name=name, is_builtin=False, sort_order=last + 1, is_active=True)
    session.add(c)
    session.flush()
    return next(v for v in list_categories(session) if v.id == c.id)


def rename_category(session: Session, category_id: int, name: str) -> None:
    """A category the clerk added may be renamed; the built-in list stays as shipped (停用 hides one)."""
    c = session.get(ServiceCategory, category_id)
    if c is None:
        raise NotFoundError("该服务类别不存在。")
    if c.is_builtin:
        raise ValidationError("类别名称", "内置类别不能改名；不用时可“停用”，另行添加新类别")
    c.name = _category_name(session, name, c.id)
    session.flush()


def set_category_active(session: Session, category_id: int, active: bool) -> None:
    c = session.get(ServiceCategory, category_id)
    if c is None:
        raise NotFoundError("该服务类别不存在。")
    c.is_active = active
    session.flush()


def delete_category(session: Session, category_id: int) -> None:
    view = next((v for v in list_categories(session) if v.id == category_id), None)
    if view is None:
        raise NotFoundError("该服务类别不存在。")
    if view.is_builtin:
        raise ValidationError("", "内置类别不能删除，可“停用”")
    if view.used:
        raise ValidationError("", f"“{view.name}”已用于 {view.used} 个活动或服务队，不能删除，可“停用”")
    session.delete(session.get(ServiceCategory, category_id))
    session.flush()
