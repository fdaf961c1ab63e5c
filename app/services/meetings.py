"""Recording 三会一课 and other organisational life: a plan, a held meeting's record, its attendance and votes.

Attendance is stored as the exceptions (请假, 缺席, 列席) — everyone expected on the date
who is not among them was present — plus the named participants of a 指定人员 meeting
(谈心谈话). 应到 is computed from who belonged on the date (services.meeting_attendees)
and kept on the record when it is saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Meeting, MeetingAttendance, MeetingType, MeetingVote, Member, Organisation
from app.domain.enums import AttendanceState, MeetingAttendees, MeetingStatus, OrgLevel
from app.domain.errors import NotFoundError, ValidationError
from app.domain.meeting_record import GROUP_ONLY, NOT_IN_GROUPS, VoteCounts, check_times, check_vote
from app.services.concurrency import require_version
from app.services.meeting_attendees import expected_attendees, taking_part

TEXT_LIMITS = (("place", "地点", 100), ("host", "主持人", 40), ("recorder", "记录人", 40), ("lecturer", "主讲人", 40),
               ("lecturer_post", "主讲人职务", 60), ("title", "党课题目", 200), ("theme", "会议主题", 200))


@dataclass(frozen=True)
class AttendanceEntry:
    """One person's attendance: a member (``member_id``) or a 列席 guest (``person_name``)."""

    state: str
    member_id: int | None = None
    person_name: str = ""
    reason: str = ""


@dataclass(frozen=True)
class MeetingData:
    type_name: str
    org_id: int
    meeting_date: date
    status: str = MeetingStatus.HELD.value
    start_time: time | None = None
    end_time: time | None = None
    place: str = ""
    host: str = ""
    recorder: str = ""
    lecturer: str = ""
    lecturer_post: str = ""
    title: str = ""
    theme: str = ""
    minutes: str = ""
    decisions: str = ""
    attachments: tuple[str, ...] = ()
    study_hours: str | Decimal | None = None  # blank: from the start and end times
    attendance: tuple[AttendanceEntry, ...] = field(default_factory=tuple)
    votes: tuple[VoteCounts, ...] = field(default_factory=tuple)


def meeting_type(session: Session, name: str) -> MeetingType:
    found = session.scalar(select(MeetingType).where(MeetingType.name == name))
    if found is None:
        raise ValidationError("会议类型", f"未知的会议类型“{name}”")
    return found


def _status(text: str) -> MeetingStatus:
    try:
        return MeetingStatus(text)
    except ValueError:
        raise ValidationError("状态", "应为：" + "、".join(s.value for s in MeetingStatus)) from None


def _org(session: Session, org_id: int, type_name: str, day: date) -> Organisation:
    org = session.get(Organisation, org_id)
    if org is None:
        raise ValidationError("组织", "请选择召开会议的党组织")
    if type_name in GROUP_ONLY and org.level is not OrgLevel.GROUP:
        raise ValidationError("组织", f"{type_name}由党小组召开，请选择一个党小组")
    if type_name in NOT_IN_GROUPS and org.level is OrgLevel.GROUP:
        raise ValidationError("组织", f"{type_name}由党支部召开，不能选择党小组")
    if org.dissolved_on is not None and day >= org.dissolved_on:
        raise ValidationError("日期", f"“{org.name}”已于 {org.dissolved_on.isoformat()} 撤销")
    return org


def _hours(value) -> Decimal | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        hours = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError("学时", f"“{value}”不是数字") from None
    if not Decimal(0) <= hours <= Decimal(24) or hours != hours.quantize(Decimal("0.1")):
        raise ValidationError("学时", "应在0到24之间，最多一位小数")
    return hours


def _check_fields(data: MeetingData, status: MeetingStatus, today: date, *, was_date: date | None) -> None:
    for attr, label, limit in TEXT_LIMITS:
        if len(getattr(data, attr).strip()) > limit:
            raise ValidationError(label, f"不能超过{limit}个字")
    check_times(data.start_time, data.end_time)
    if status is MeetingStatus.HELD:
        if data.meeting_date > today:
            raise ValidationError("日期", "已召开的会议，日期不能晚于今天；以后的会议请登记为计划")
        if not data.host.strip():
            raise ValidationError("主持人", "请填写主持人")
        if data.type_name == "党课" and not data.title.strip():
            raise ValidationError("党课题目", "请填写党课题目")
        if data.type_name != "党课" and not data.theme.strip():
            raise ValidationError("会议主题", "请填写会议主题")
    if status is MeetingStatus.PLANNED and data.meeting_date < today and data.meeting_date != was_date:
        raise ValidationError("日期", "计划的日期已过；已经召开的会议请直接登记会议记录")
    for name in data.attachments:
        if len(name.strip()) > 200:
            raise ValidationError("附件", f"文件名过长：{name[:30]}…")


def _attendance(session: Session, data: MeetingData, mtype: MeetingType) -> tuple[list[MeetingAttendance], int]:
    """The rows to keep and the 应到 count; refuses anyone who did not belong that day."""
    expected = {a.member_id: a for a in expected_attendees(session, data.org_id, mtype.attendees, data.meeting_date)}
    listed = mtype.attendees is MeetingAttendees.LISTED
    names = dict(session.execute(select(Member.id, Member.name).where(
        Member.id.in_([e.member_id for e in data.attendance if e.member_id is not None]))).all())
    members = [e.member_id for e in data.attendance if e.member_id is not None]
    if len(members) != len(set(members)):
        raise ValidationError("出勤", "同一名党员登记了两次")
    on_books = taking_part(session, members, data.meeting_date) if listed else set()
    rows, participants = [], 0
    for e in data.attendance:
        try:
            state = AttendanceState(e.state)
        except ValueError:
            raise ValidationError("出勤", f"未知的出勤情况“{e.state}”") from None
        reason = e.reason.strip()
        if len(reason) > 200:
            raise ValidationError(f"{state.value}原因", "不能超过200个字")
        if e.member_id is None:
            if state is not AttendanceState.OBSERVER or not e.person_name.strip():
                raise ValidationError("列席人员", "非党员或外单位人员只能登记为列席，并填写姓名")
            rows.append(MeetingAttendance(person_name=e.person_name.strip()[:40], state=state, reason=reason or None))
            continue
        name = names.get(e.member_id)
        if name is None:
            raise ValidationError("出勤", "所选党员不存在（可能已被删除）")
        belongs = e.member_id in on_books if listed else e.member_id in expected
        if state is AttendanceState.OBSERVER:
            if belongs and not listed:
                raise ValidationError("出勤", f"{name}是应到人员，不能登记为列席")
        elif not belongs:
            raise ValidationError("出勤", f"{name} {data.meeting_date.isoformat()} 不在应到人员之列"
                                  + ("（当日不在册或党籍停止）" if listed else ""))
        if state in (AttendanceState.LEAVE, AttendanceState.ABSENT) and not reason:
            raise ValidationError(f"{state.value}原因", f"请写明{name}{state.value}的原因")
        if listed and state is not AttendanceState.OBSERVER:
            participants += 1
        if state is AttendanceState.PRESENT and not listed:
            continue  # present is the default: nothing to keep
        rows.append(MeetingAttendance(member_id=e.member_id, state=state, reason=reason or None))
    return rows, participants if listed else len(expected)


def save_meeting(
    session: Session, data: MeetingData, *, meeting_id: int | None = None, expected_version: int | None = None,
    today: date | None = None,
) -> int:
    """Create or replace a meeting record (or plan) with its attendance and votes; returns its id.

    Nothing is written unless every part is valid.
    """
    today = today or date.today()
    meeting = None
    if meeting_id is not None:
        meeting = session.get(Meeting, meeting_id)
        require_version(meeting, expected_version, "该会议记录")
    mtype = meeting_type(session, data.type_name)
    status = _status(data.status)
    _org(session, data.org_id, mtype.name, data.meeting_date)
    _check_fields(data, status, today, was_date=meeting.meeting_date if meeting else None)
    hours = _hours(data.study_hours)
    if status is MeetingStatus.CANCELLED and meeting is None:
        raise ValidationError("状态", "新的会议不能登记为取消")
    rows, expected = _attendance(session, data, mtype)
    if data.votes and not mtype.has_votes:
        raise ValidationError("表决", f"{mtype.name}不登记表决结果")
    if data.votes and status is not MeetingStatus.HELD:
        raise ValidationError("表决", "会议召开后才能登记表决结果")
    for v in data.votes:
        check_vote(v)
    if meeting is None:
        meeting = Meeting()
        session.add(meeting)
    else:
        meeting.attendance.clear()
        meeting.votes.clear()
        session.flush()
    meeting.org_id, meeting.type_id, meeting.status = data.org_id, mtype.id, status
    meeting.meeting_date, meeting.start_time, meeting.end_time = data.meeting_date, data.start_time, data.end_time
    for attr, _label, _limit in TEXT_LIMITS:
        setattr(meeting, attr, getattr(data, attr).strip() or None)
    meeting.minutes = data.minutes.strip() or None
    meeting.decisions = data.decisions.strip() or None
    meeting.attachments = "\n".join(n.strip() for n in data.attachments if n.strip()) or None
    meeting.study_hours = hours
    meeting.expected_count = expected
    away = sum(1 for r in rows if r.member_id is not None and r.state in (AttendanceState.LEAVE, AttendanceState.ABSENT))
    meeting.present_count = max(expected - away, 0) if status is MeetingStatus.HELD and expected is not None else None
    meeting.attendance.extend(rows)
    meeting.votes.extend(MeetingVote(subject=v.subject.strip()[:200], eligible=v.eligible,
                                     present_eligible=v.present_eligible, yes=v.yes, no=v.no, abstain=v.abstain)
                         for v in data.votes)
    session.flush()
    return meeting.id


def cancel_meeting(session: Session, meeting_id: int) -> None:
    """A planned meeting that will not take place (kept, marked 取消, never counted)."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFoundError("该会议记录不存在（可能已被删除）。")
    if meeting.status is MeetingStatus.HELD:
        raise ValidationError("状态", "已召开的会议不能取消；如登记有误，请删除该记录")
    meeting.status = MeetingStatus.CANCELLED
    session.flush()


def delete_meeting(session: Session, meeting_id: int) -> None:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFoundError("该会议记录不存在（可能已被删除）。")
    session.delete(meeting)
    session.flush()


@dataclass(frozen=True)
class TypeView:
    id: int
    name: str
    is_builtin: bool
    has_votes: bool
    attendees: str
    counts_study: bool


def type_views(session: Session) -> list[TypeView]:
    return [TypeView(t.id, t.name, t.is_builtin, t.has_votes, t.attendees.value, t.counts_study)
            for t in session.scalars(select(MeetingType).order_by(MeetingType.sort_order, MeetingType.id))]


def add_meeting_type(session: Session, name: str, *, attendees: str = MeetingAttendees.MEMBERS.value,
                     counts_study: bool = False, has_votes: bool = False) -> TypeView:
    """A type of the clerk's own (e.g. 党建工作例会, 警示教育): who is expected, and whether it counts toward 学时."""
    name = name.strip()
    if not name:
        raise ValidationError("类型名称", "请填写类型名称")
    if len(name) > 30:
        raise ValidationError("类型名称", "不能超过30个字")
    if session.scalar(select(MeetingType.id).where(MeetingType.name == name)) is not None:
        raise ValidationError("类型名称", f"已有“{name}”")
    try:
        basis = MeetingAttendees(attendees)
    except ValueError:
        raise ValidationError("应到人员", "应为：" + "、".join(a.value for a in MeetingAttendees)) from None
    order = (session.scalar(select(func.max(MeetingType.sort_order))) or 0) + 1
    row = MeetingType(name=name, is_builtin=False, sort_order=order, has_votes=has_votes, attendees=basis,
                      counts_study=counts_study)
    session.add(row)
    session.flush()
    return TypeView(row.id, row.name, False, has_votes, basis.value, counts_study)


def delete_meeting_type(session: Session, name: str) -> None:
    """Remove a custom type no record uses."""
    row = meeting_type(session, name)
    if row.is_builtin:
        raise ValidationError("类型名称", "内置的会议类型不能删除")
    if session.scalar(select(func.count()).select_from(Meeting).where(Meeting.type_id == row.id)):
        raise ValidationError("类型名称", f"已有“{name}”的会议记录，不能删除")
    session.delete(row)
    session.flush()
