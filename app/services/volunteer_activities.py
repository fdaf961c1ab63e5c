"""Volunteer activities and the hours of each participant: record, add many at once, confirm.

Hours are actual service time, travel excluded, and cannot exceed the activity's own span
(志愿服务记录与证明出具办法 第三条: 真实、准确). Hours are recorded 待确认 and count only once
someone confirms them (已确认, with who and when). Confirmed hours belong to the person:
they are never removed with an activity — deleting one drops only the unconfirmed entries
and leaves each confirmed entry, with its copied date, title, team and organisation, on the
person's record (VolunteerHours.activity_id is SET NULL).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import ServiceCategory, Volunteer, VolunteerActivity, VolunteerHours, VolunteerTeam
from app.domain.enums import HoursState
from app.domain.errors import NotFoundError, ValidationError
from app.domain.volunteer_rules import check_hours, check_within, duration
from app.services.concurrency import require_version
from app.services.volunteer_teams import get_team


@dataclass(frozen=True)
class ActivityData:
    title: str
    activity_date: date
    start_time: time | None = None
    end_time: time | None = None
    place: str | None = None
    category_id: int | None = None
    team_id: int | None = None
    org_id: int | None = None
    beneficiaries: int = 0  # 受益人次
    description: str | None = None
    recorder: str | None = None


@dataclass(frozen=True)
class ParticipantView:
    hours_id: int
    version: int
    volunteer_id: int
    name: str
    volunteer_no: str
    hours: Decimal
    state: str
    confirmed_by: str
    confirmed_on: date | None
    notes: str


@dataclass(frozen=True)
class ActivityView:
    id: int
    version: int
    data: ActivityData
    category: str
    team: str
    is_archived: bool
    span: Decimal | None  # end − start, the most anyone can have served
    participants: tuple[ParticipantView, ...]

    @property
    def confirmed_hours(self) -> Decimal:
        return sum((p.hours for p in self.participants if p.state == HoursState.CONFIRMED.value), Decimal("0.00"))


def get_activity(session: Session, activity_id: int) -> ActivityView:
    a = session.get(VolunteerActivity, activity_id)
    if a is None:
        raise NotFoundError("该活动不存在（可能已被删除）。")
    rows = session.execute(
        select(VolunteerHours, Volunteer.name, Volunteer.volunteer_no)
        .join(Volunteer, Volunteer.id == VolunteerHours.volunteer_id)
        .where(VolunteerHours.activity_id == a.id).order_by(Volunteer.name_pinyin, Volunteer.id)).all()
    people = tuple(ParticipantView(h.id, h.version, h.volunteer_id, name, no or "", h.hours, h.state.value,
                                   h.confirmed_by or "", h.confirmed_on, h.notes or "") for h, name, no in rows)
    data = ActivityData(a.title, a.activity_date, a.start_time, a.end_time, a.place, a.category_id, a.team_id,
                        a.org_id, a.beneficiaries or 0, a.description, a.recorder)
    category = session.get(ServiceCategory, a.category_id).name if a.category_id else ""
    team = session.get(VolunteerTeam, a.team_id).name if a.team_id else ""
    return ActivityView(a.id, a.version, data, category, team, a.is_archived, duration(a.start_time, a.end_time),
                        people)


def _check(data: ActivityData, today: date) -> tuple[str, Decimal | None]:
    title = " ".join((data.title or "").split())
    if not title:
        raise ValidationError("活动名称", "不能为空")
    if len(title) > 200:
        raise ValidationError("活动名称", "不能超过200个字")
    if data.activity_date is None:
        raise ValidationError("活动日期", "不能为空")
    if data.activity_date > today:
        raise ValidationError("活动日期", "不能晚于今天（计划中的活动请在开展后登记）")
    if data.beneficiaries is None or data.beneficiaries < 0:
        raise ValidationError("受益人次", "应为0或正整数")
    return title, duration(data.start_time, data.end_time)


def save_activity(session: Session, data: ActivityData, *, activity_id: int | None = None,
                  version: int | None = None, today: date | None = None) -> ActivityView:
    """Create or edit an activity; an edit carries its date, title, team and organisation to its hours rows."""
    title, span = _check(data, today or date.today())
    if activity_id is None:
        a = VolunteerActivity()
        session.add(a)
    else:
        a = session.get(VolunteerActivity, activity_id)
        require_version(a, version, "该活动")
    hours = list(session.scalars(select(VolunteerHours).where(VolunteerHours.activity_id == a.id))) if a.id else []
    for h in hours:
        if span is not None and h.hours > span:
            name = session.get(Volunteer, h.volunteer_id).name
            raise ValidationError("结束时间", f"活动时长{span}小时短于“{name}”已登记的{h.hours}小时")
    a.title, a.activity_date, a.start_time, a.end_time = title, data.activity_date, data.start_time, data.end_time
    a.place = " ".join((data.place or "").split()) or None
    a.category_id, a.team_id, a.org_id = data.category_id, data.team_id, data.org_id
    a.beneficiaries = data.beneficiaries or 0
    a.description = (data.description or "").strip() or None
    a.recorder = " ".join((data.recorder or "").split()) or None
    for h in hours:  # the copies on each person's record follow the activity
        if (h.service_date, h.activity_title, h.team_id, h.org_id) != (a.activity_date, title, a.team_id, a.org_id):
            h.service_date, h.activity_title, h.team_id, h.org_id = a.activity_date, title, a.team_id, a.org_id
    session.flush()
    return get_activity(session, a.id)


@dataclass(frozen=True)
class Added:
    added: int
    already: int  # were on the list before
    skipped: tuple[str, ...]  # names not added, with the reason


def add_participants(session: Session, activity_id: int, volunteer_ids: list[int], *,
                     hours: Decimal | str | None = None) -> Added:
    """Put volunteers on an activity with ``hours`` each (default: the activity's span), as 待确认.

    Someone already on the list keeps his entry; someone registered after the day is skipped.
    """
    a = session.get(VolunteerActivity, activity_id)
    if a is None:
        raise NotFoundError("该活动不存在。")
    span = duration(a.start_time, a.end_time)
    if hours is None or hours == "":
        if span is None:
            raise ValidationError("服务时长", "活动没有起止时间，请填写每人的服务时长")
        each = span
    else:
        each = check_hours(Decimal(str(hours)))
    check_within(each, span)
    have = set(session.scalars(select(VolunteerHours.volunteer_id).where(VolunteerHours.activity_id == a.id)))
    people = {v.id: v for v in session.scalars(select(Volunteer).where(Volunteer.id.in_(volunteer_ids)))}
    added, already, skipped = 0, 0, []
    for vid in dict.fromkeys(volunteer_ids):
        v = people.get(vid)
        if v is None:
            continue
        if vid in have:
            already += 1
            continue
        if v.registered_on is not None and v.registered_on > a.activity_date:
            skipped.append(f"{v.name}（{v.registered_on.isoformat()}注册，晚于活动日期）")
            continue
        session.add(VolunteerHours(volunteer_id=vid, activity_id=a.id, service_date=a.activity_date,
                                   activity_title=a.title, team_id=a.team_id, org_id=a.org_id, hours=each,
                                   state=HoursState.PENDING))
        added += 1
    session.flush()
    return Added(added, already, tuple(skipped))


def add_team(session: Session, activity_id: int, team_id: int | None = None, *,
             hours: Decimal | str | None = None) -> Added:
    """Everyone who was in the team (the activity's own when None) on the activity's day."""
    a = session.get(VolunteerActivity, activity_id)
    if a is None:
        raise NotFoundError("该活动不存在。")
    team_id = team_id or a.team_id
    if team_id is None:
        raise ValidationError("服务队", "活动没有组织服务队，请选择一个服务队")
    members = get_team(session, team_id).current(a.activity_date)
    return add_participants(session, activity_id, [m.volunteer_id for m in members], hours=hours)


def _entry(session: Session, hours_id: int, version: int | None = None) -> VolunteerHours:
    h = session.get(VolunteerHours, hours_id)
    require_version(h, version, "该时长记录")
    return h


def set_hours(session: Session, hours_id: int, hours, *, notes: str | None = None,
              version: int | None = None) -> Decimal:
    """Change an unconfirmed entry's hours (and note); confirmed hours must be un-confirmed first."""
    h = _entry(session, hours_id, version)
    if h.state is HoursState.CONFIRMED:
        raise ValidationError("服务时长", "已确认的时长不能直接修改；如确有错误，请先“撤销确认”")
    value = check_hours(Decimal(str(hours)))
    a = session.get(VolunteerActivity, h.activity_id) if h.activity_id else None
    if a is not None:
        check_within(value, duration(a.start_time, a.end_time))
    h.hours = value
    if notes is not None:
        h.notes = notes.strip()[:200] or None
    session.flush()
    return value


def confirm(session: Session, hours_ids: list[int], *, by: str, on: date | None = None) -> int:
    """已确认: the organiser (or the person served) vouches for the hours; returns how many changed."""
    by = " ".join((by or "").split())
    if not by:
        raise ValidationError("确认人", "请填写确认人（活动组织者或服务对象）")
    rows = session.scalars(select(VolunteerHours).where(VolunteerHours.id.in_(hours_ids),
                                                        VolunteerHours.state == HoursState.PENDING)).all()
    for h in rows:
        h.state, h.confirmed_by, h.confirmed_on = HoursState.CONFIRMED, by[:40], on or date.today()
    session.flush()
    return len(rows)


def unconfirm(session: Session, hours_ids: list[int]) -> int:
    """Back to 待确认 (a mistake found); the change is in the audit log like every other."""
    rows = session.scalars(select(VolunteerHours).where(VolunteerHours.id.in_(hours_ids),
                                                        VolunteerHours.state == HoursState.CONFIRMED)).all()
    for h in rows:
        h.state, h.confirmed_by, h.confirmed_on = HoursState.PENDING, None, None
    session.flush()
    return len(rows)


def remove_participants(session: Session, hours_ids: list[int]) -> int:
    """Take unconfirmed entries off an activity; a confirmed entry is the person's record and stays."""
    rows = session.scalars(select(VolunteerHours).where(VolunteerHours.id.in_(hours_ids))).all()
    confirmed = [h for h in rows if h.state is HoursState.CONFIRMED]
    if confirmed:
        raise ValidationError("", f"{len(confirmed)} 条时长已确认，属于本人的服务记录，不能移除；如确属错误，请先“撤销确认”")
    for h in rows:
        session.delete(h)
    session.flush()
    return len(rows)


def archive_activity(session: Session, activity_id: int, *, archived: bool = True) -> None:
    """A finished project leaves the working list; it and its hours still count in every total."""
    a = session.get(VolunteerActivity, activity_id)
    if a is None:
        raise NotFoundError("该活动不存在。")
    a.is_archived = archived
    session.flush()


@dataclass(frozen=True)
class Deleted:
    kept: int  # confirmed entries now standing on their own on each person's record
    removed: int  # unconfirmed entries dropped with the activity


def delete_activity(session: Session, activity_id: int) -> Deleted:
    """Delete an activity: unconfirmed entries go with it, confirmed hours stay with each person."""
    a = session.get(VolunteerActivity, activity_id)
    if a is None:
        raise NotFoundError("该活动不存在。")
    rows = session.scalars(select(VolunteerHours).where(VolunteerHours.activity_id == a.id)).all()
    kept = 0
    for h in rows:
        if h.state is HoursState.CONFIRMED:
            h.activity_id = None
            h.notes = (((h.notes + "；") if h.notes else "") + "活动记录已删除")[-200:]
            kept += 1
        else:
            session.delete(h)
    session.flush()
    session.delete(a)
    session.flush()
    return Deleted(kept, len(rows) - kept)
