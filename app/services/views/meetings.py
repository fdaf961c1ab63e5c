"""三会一课 page: the meeting list with attendance figures, and one meeting in full.

Attendance rows record the exceptions (请假, 缺席, 列席); everyone else expected is
present, so 实到 = 应到 − 请假 − 缺席 (支部工作条例 第十一至十九条 records).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Meeting, MeetingAttendance, MeetingType, MeetingVote, Member
from app.domain.enums import AttendanceState, MeetingAttendees, MeetingStatus
from app.domain.errors import NotFoundError, ValidationError
from app.domain.meeting_record import (
    AttendanceSummary, RecordFields, VoteCounts, check_vote, meeting_quorum_note, record_gaps, study_hours,
)
from app.services import settings
from app.services.meeting_attendees import expected_attendees, listed_attendees
from app.services.views._common import org_names, year_bounds

ABSENT_STATES = (AttendanceState.LEAVE, AttendanceState.ABSENT)


@dataclass(frozen=True)
class MeetingRow:
    id: int
    meeting_date: date
    type_name: str
    org_name: str
    subject: str  # theme, or the 党课 title
    host: str
    expected: int | None
    present: int | None
    status: str
    org_id: int = 0
    recorder: str = ""
    start_time: time | None = None
    gaps: str = ""  # what the record lacks (主持人、记录人 …)


@dataclass(frozen=True)
class AttendanceLine:
    name: str
    state: str
    reason: str
    member_id: int | None = None
    full: bool = False  # 正式党员 on the date
    group_name: str = ""
    away: str = ""
    expected: bool = True  # among 应到 (列席 guests are not)


@dataclass(frozen=True)
class VoteLine:
    subject: str
    eligible: int
    present_eligible: int
    yes: int
    no: int
    abstain: int
    result: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class MeetingDetail:
    row: MeetingRow
    start_time: time | None
    end_time: time | None
    place: str
    recorder: str
    lecturer: str
    title: str
    theme: str
    minutes: str
    decisions: str
    attendance: tuple[AttendanceLine, ...]  # the exceptions as stored
    votes: tuple[VoteLine, ...]
    version: int = 1
    lecturer_post: str = ""
    attachments: tuple[str, ...] = ()
    study_hours: Decimal | None = None  # as set on the record (None: from the times)
    effective_hours: Decimal = Decimal(0)  # what each attendant earns toward the 32 学时
    attendees_basis: str = MeetingAttendees.MEMBERS.value
    has_votes: bool = False
    people: tuple[AttendanceLine, ...] = ()  # everyone expected with their state, then 列席
    summary: AttendanceSummary | None = None
    voters_expected: int = 0  # 正式党员 among 应到
    voters_present: int = 0
    warnings: tuple[str, ...] = ()  # quorum, a stale 应到, the record's gaps


def meeting_types(session: Session) -> list[str]:
    return list(session.scalars(select(MeetingType.name).order_by(MeetingType.sort_order, MeetingType.id)))


def available_years(session: Session, *, today: date | None = None) -> list[int]:
    """Years from the earliest meeting to this year (or the latest meeting), newest first."""
    today = today or date.today()
    low, high = session.execute(select(func.min(Meeting.meeting_date), func.max(Meeting.meeting_date))).one()
    first = low.year if low else today.year
    last = max(high.year if high else today.year, today.year)
    return list(range(last, first - 1, -1))


def _absent_counts():
    return (
        select(MeetingAttendance.meeting_id, func.count().label("n"))
        .where(MeetingAttendance.state.in_(ABSENT_STATES), MeetingAttendance.member_id.is_not(None))
        .group_by(MeetingAttendance.meeting_id)
        .subquery()
    )


def _gaps(m: Meeting, type_name: str) -> list[str]:
    if m.status is not MeetingStatus.HELD:
        return []
    return record_gaps(RecordFields(type_name, m.host or "", m.recorder or "", m.theme or "", m.lecturer or "",
                                    m.title or "", m.minutes or ""))


def _row(m: Meeting, type_name: str, absent: int | None, names: dict[int, str]) -> MeetingRow:
    held = m.status is MeetingStatus.HELD  # nobody is present at a planned or cancelled meeting
    present = None if m.expected_count is None or not held else max(m.expected_count - (absent or 0), 0)
    subject = m.title if type_name == "党课" and m.title else (m.theme or m.title or "")
    return MeetingRow(
        m.id, m.meeting_date, type_name, names.get(m.org_id, ""), subject, m.host or "",
        m.expected_count, present, m.status.value, m.org_id, m.recorder or "", m.start_time,
        "、".join(_gaps(m, type_name)),
    )


def list_meetings(
    session: Session, *, year: int | None = None, type_name: str | None = None, org_id: int | None = None,
    org_ids: set[int] | None = None, first: date | None = None, last: date | None = None,
    status: str | None = None,
) -> list[MeetingRow]:
    """Meetings, newest first, optionally of one year (or ``first``..``last``), type, organisation(s) and status."""
    absent = _absent_counts()
    stmt = (
        select(Meeting, MeetingType.name, absent.c.n)
        .join(MeetingType, MeetingType.id == Meeting.type_id)
        .outerjoin(absent, absent.c.meeting_id == Meeting.id)
    )
    if year is not None:
        first, last = year_bounds(year)
    if first is not None:
        stmt = stmt.where(Meeting.meeting_date >= first)
    if last is not None:
        stmt = stmt.where(Meeting.meeting_date <= last)
    if type_name:
        stmt = stmt.where(MeetingType.name == type_name)
    if org_id is not None:
        stmt = stmt.where(Meeting.org_id == org_id)
    if org_ids is not None:
        stmt = stmt.where(Meeting.org_id.in_(org_ids))
    if status:
        stmt = stmt.where(Meeting.status == MeetingStatus(status))
    stmt = stmt.order_by(Meeting.meeting_date.desc(), Meeting.start_time.desc(), Meeting.id.desc())
    names = org_names(session, qualify_groups=True)
    return [_row(m, t, n, names) for m, t, n in session.execute(stmt)]


def effective_hours(session: Session, mtype: MeetingType, m: Meeting) -> Decimal:
    """学时 an attendant earns: as set on the record, else from the times for a study type."""
    if m.study_hours is not None:
        return m.study_hours
    if not mtype.counts_study:
        return Decimal(0)
    return study_hours(m.start_time, m.end_time, int(settings.get(session, "meeting.study_minutes"))) or Decimal(0)


def meeting_detail(session: Session, meeting_id: int) -> MeetingDetail:
    """One meeting with everyone expected and their attendance, the votes judged, what the record lacks."""
    found = session.execute(
        select(Meeting, MeetingType).join(MeetingType, MeetingType.id == Meeting.type_id).where(Meeting.id == meeting_id)
    ).first()
    if found is None:
        raise NotFoundError("该会议记录不存在（可能已被删除）。")
    m, mtype = found
    stored = session.execute(
        select(MeetingAttendance.member_id, MeetingAttendance.person_name, Member.name, MeetingAttendance.state,
               MeetingAttendance.reason)
        .outerjoin(Member, Member.id == MeetingAttendance.member_id)
        .where(MeetingAttendance.meeting_id == meeting_id)
        .order_by(MeetingAttendance.state, MeetingAttendance.id)
    ).all()
    exceptions = {mid: (state, reason or "") for mid, _p, _n, state, reason in stored if mid is not None}
    if mtype.attendees is MeetingAttendees.LISTED:
        ids = [mid for mid, _p, _n, state, _r in stored if mid is not None and state is not AttendanceState.OBSERVER]
        expected = listed_attendees(session, ids, m.meeting_date)
    else:
        expected = expected_attendees(session, m.org_id, mtype.attendees, m.meeting_date)
    people = [AttendanceLine(a.name, exceptions.get(a.member_id, (AttendanceState.PRESENT, ""))[0].value,
                             exceptions.get(a.member_id, (None, ""))[1], a.member_id, a.full, a.group_name, a.away)
              for a in expected]
    seen = {a.member_id for a in expected}
    people += [AttendanceLine(member_name or person or "", state.value, reason or "", mid, expected=False)
               for mid, person, member_name, state, reason in stored
               if mid not in seen or mid is None]
    held = m.status is MeetingStatus.HELD
    leave = sum(1 for p in people if p.expected and p.state == AttendanceState.LEAVE.value)
    absent = sum(1 for p in people if p.expected and p.state == AttendanceState.ABSENT.value)
    observers = sum(1 for p in people if p.state == AttendanceState.OBSERVER.value)
    count = m.expected_count if m.expected_count is not None else len(expected)
    summary = AttendanceSummary(count, leave, absent, observers)
    voters = [p for p in people if p.expected and p.full]
    voters_present = sum(1 for p in voters if p.state not in (AttendanceState.LEAVE.value, AttendanceState.ABSENT.value))
    warnings = []
    if held and m.expected_count is not None and m.expected_count != len(expected) and \
            mtype.attendees is not MeetingAttendees.LISTED:
        warnings.append(f"按现有党员变动记录，应到为 {len(expected)} 人（保存时为 {m.expected_count} 人）；"
                        "重新保存本记录即按现有记录计算")
    if held:
        note = meeting_quorum_note(mtype.name, summary.expected, summary.present, voters_expected=len(voters),
                                   voters_present=voters_present)
        if note:
            warnings.append(note)
        gaps = _gaps(m, mtype.name)
        if gaps:
            warnings.append("记录缺少：" + "、".join(gaps))
    votes = []
    for v in session.scalars(select(MeetingVote).where(MeetingVote.meeting_id == meeting_id).order_by(MeetingVote.id)):
        try:
            checked = check_vote(VoteCounts(v.subject, v.eligible, v.present_eligible, v.yes, v.no, v.abstain))
            result, notes = checked.result, checked.notes
        except ValidationError as exc:  # written by an older release or by hand: say so, never hide it
            result, notes = "计票有误", (str(exc),)
        votes.append(VoteLine(v.subject, v.eligible, v.present_eligible, v.yes, v.no, v.abstain, result, notes))
    absent_n = sum(1 for mid, _p, _n, state, _r in stored if mid is not None and state in ABSENT_STATES)
    row = _row(m, mtype.name, absent_n, org_names(session, qualify_groups=True))
    return MeetingDetail(
        row, m.start_time, m.end_time, m.place or "", m.recorder or "", m.lecturer or "", m.title or "",
        m.theme or "", m.minutes or "", m.decisions or "",
        tuple(AttendanceLine(member_name or person or "", state.value, reason or "", mid)
              for mid, person, member_name, state, reason in stored),
        tuple(votes), m.version, m.lecturer_post or "",
        tuple(n for n in (m.attachments or "").splitlines() if n.strip()), m.study_hours,
        effective_hours(session, mtype, m), mtype.attendees.value, mtype.has_votes, tuple(people), summary,
        len(voters), voters_present, tuple(warnings),
    )


@dataclass(frozen=True)
class ExpectedPeople:
    basis: str  # 全体党员 / 委员会委员 / 指定人员
    has_votes: bool
    people: tuple[AttendanceLine, ...]  # everyone expected, 出席 by default


def expected_people(session: Session, org_id: int, type_name: str, day: date) -> ExpectedPeople:
    """Who a new record (or a record whose date, organisation or type changed) expects."""
    mtype = session.scalar(select(MeetingType).where(MeetingType.name == type_name))
    if mtype is None:
        raise NotFoundError(f"未知的会议类型“{type_name}”。")
    people = expected_attendees(session, org_id, mtype.attendees, day)
    return ExpectedPeople(mtype.attendees.value, mtype.has_votes, tuple(
        AttendanceLine(a.name, AttendanceState.PRESENT.value, "", a.member_id, a.full, a.group_name, a.away)
        for a in people))


def member_names(session: Session) -> list[tuple[int, str, str]]:
    """(id, name, organisation) of every member, those on the books first, for the record dialog's pickers."""
    names = org_names(session, qualify_groups=True)
    rows = session.execute(select(Member.id, Member.name, Member.org_id, Member.group_id)
                           .order_by(Member.is_active.desc(), Member.sort_key, Member.id))
    return [(mid, name, names.get(group or org, "")) for mid, name, org, group in rows]
