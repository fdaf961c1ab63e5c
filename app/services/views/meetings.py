"""三会一课 page: the meeting list with attendance figures, and one meeting in full.

Attendance rows record the exceptions (请假, 缺席, 列席); everyone else expected is
present, so 实到 = 应到 − 请假 − 缺席 (支部工作条例 第十五条 records).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Meeting, MeetingAttendance, MeetingType, MeetingVote, Member
from app.domain.enums import AttendanceState, MeetingStatus
from app.domain.errors import NotFoundError
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


@dataclass(frozen=True)
class AttendanceLine:
    name: str
    state: str
    reason: str


@dataclass(frozen=True)
class VoteLine:
    subject: str
    eligible: int
    present_eligible: int
    yes: int
    no: int
    abstain: int


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
    attendance: tuple[AttendanceLine, ...]
    votes: tuple[VoteLine, ...]


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
        .where(MeetingAttendance.state.in_(ABSENT_STATES))
        .group_by(MeetingAttendance.meeting_id)
        .subquery()
    )


def _row(m: Meeting, type_name: str, absent: int | None, names: dict[int, str]) -> MeetingRow:
    held = m.status is MeetingStatus.HELD  # nobody is present at a planned or cancelled meeting
    present = None if m.expected_count is None or not held else max(m.expected_count - (absent or 0), 0)
    return MeetingRow(
        m.id, m.meeting_date, type_name, names.get(m.org_id, ""), m.theme or m.title or "", m.host or "",
        m.expected_count, present, m.status.value,
    )


def list_meetings(
    session: Session, *, year: int | None = None, type_name: str | None = None, org_id: int | None = None
) -> list[MeetingRow]:
    """Meetings, newest first, optionally of one year, one type and one organisation."""
    absent = _absent_counts()
    stmt = (
        select(Meeting, MeetingType.name, absent.c.n)
        .join(MeetingType, MeetingType.id == Meeting.type_id)
        .outerjoin(absent, absent.c.meeting_id == Meeting.id)
    )
    if year is not None:
        first, last = year_bounds(year)
        stmt = stmt.where(Meeting.meeting_date >= first, Meeting.meeting_date <= last)
    if type_name:
        stmt = stmt.where(MeetingType.name == type_name)
    if org_id is not None:
        stmt = stmt.where(Meeting.org_id == org_id)
    stmt = stmt.order_by(Meeting.meeting_date.desc(), Meeting.id.desc())
    names = org_names(session, qualify_groups=True)
    return [_row(m, t, n, names) for m, t, n in session.execute(stmt)]


def meeting_detail(session: Session, meeting_id: int) -> MeetingDetail:
    """One meeting with its attendance exceptions and votes."""
    absent = _absent_counts()
    found = session.execute(
        select(Meeting, MeetingType.name, absent.c.n)
        .join(MeetingType, MeetingType.id == Meeting.type_id)
        .outerjoin(absent, absent.c.meeting_id == Meeting.id)
        .where(Meeting.id == meeting_id)
    ).first()
    if found is None:
        raise NotFoundError("该会议记录不存在（可能已被删除）。")
    m, type_name, n = found
    attendance = session.execute(
        select(MeetingAttendance.person_name, Member.name, MeetingAttendance.state, MeetingAttendance.reason)
        .outerjoin(Member, Member.id == MeetingAttendance.member_id)
        .where(MeetingAttendance.meeting_id == meeting_id)
        .order_by(MeetingAttendance.state, MeetingAttendance.id)
    )
    votes = session.scalars(select(MeetingVote).where(MeetingVote.meeting_id == meeting_id).order_by(MeetingVote.id))
    return MeetingDetail(
        _row(m, type_name, n, org_names(session, qualify_groups=True)), m.start_time, m.end_time, m.place or "",
        m.recorder or "",
        m.lecturer or "", m.title or "", m.theme or "", m.minutes or "", m.decisions or "",
        tuple(AttendanceLine(member_name or person or "", state.value, reason or "")
              for person, member_name, state, reason in attendance),
        tuple(VoteLine(v.subject, v.eligible, v.present_eligible, v.yes, v.no, v.abstain) for v in votes),
    )
