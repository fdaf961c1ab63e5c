"""Per member: the meetings a member was expected at in a year, how many attended, and 学时 against 32.

A member is expected at a held meeting when they belonged that day (services.meeting_attendees);
present unless recorded 请假 or 缺席. 学时 come from the study meetings attended (党课, 集中学习,
主题党日 and any type marked so, or a record's own 学时) — 党员教育管理工作条例 第二十条:
党员每年集中学习培训时间一般不少于32学时.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Meeting, MeetingAttendance, MeetingType, Organisation
from app.domain.enums import AttendanceState, MeetingAttendees, MeetingStatus, OrgLevel
from app.domain.meeting_record import STUDY_HOURS_TARGET, study_hours
from app.services import settings
from app.services.meeting_attendees import MembershipBook, committee_member_ids, org_scope
from app.services.views._common import org_names


@dataclass(frozen=True)
class Participation:
    member_id: int
    name: str
    org_name: str
    category: str  # on the last day counted
    expected: int  # meetings the member should have attended
    attended: int
    leave: int
    absent: int
    study_hours: Decimal
    note: str  # joined or left during the year

    @property
    def rate(self) -> Decimal | None:
        if not self.expected:
            return None
        return (Decimal(100 * self.attended) / self.expected).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def meets_target(self) -> bool:
        return self.study_hours >= STUDY_HOURS_TARGET


def participation(session: Session, year: int, *, org_id: int | None = None, today: date | None = None
                  ) -> list[Participation]:
    """Everyone who belonged at some time in ``year`` (to ``org_id`` and below, or everywhere), in pinyin order."""
    today = today or date.today()
    first, last = date(year, 1, 1), min(date(year, 12, 31), today)
    orgs = session.execute(select(Organisation.id, Organisation.parent_id, Organisation.level)).all()
    level = {oid: lvl for oid, _p, lvl in orgs}
    if org_id is not None:
        _org, scope = org_scope(session, org_id)
        book = MembershipBook(session, group_id=org_id) if level.get(org_id) is OrgLevel.GROUP else \
            MembershipBook(session, org_ids=scope)
    else:
        book = MembershipBook(session)
    people = {p.id: p for p in book.people.values()
              if any((s is None or s <= last) and (e is None or e > first) for s, e in p.spans)}
    minutes = int(settings.get(session, "meeting.study_minutes"))
    rows = session.execute(
        select(Meeting.id, Meeting.org_id, Meeting.meeting_date, Meeting.start_time, Meeting.end_time,
               Meeting.study_hours, MeetingType.attendees, MeetingType.counts_study)
        .join(MeetingType, MeetingType.id == Meeting.type_id)
        .where(Meeting.status == MeetingStatus.HELD, Meeting.meeting_date >= first, Meeting.meeting_date <= last)
        .order_by(Meeting.meeting_date)
    ).all()
    marks: dict[int, dict[int, AttendanceState]] = defaultdict(dict)
    for mid, member_id, state in session.execute(
        select(MeetingAttendance.meeting_id, MeetingAttendance.member_id, MeetingAttendance.state)
        .join(Meeting, Meeting.id == MeetingAttendance.meeting_id)
        .where(Meeting.status == MeetingStatus.HELD, Meeting.meeting_date >= first, Meeting.meeting_date <= last,
               MeetingAttendance.member_id.is_not(None))
    ):
        marks[mid][member_id] = state
    scopes: dict[int, set[int]] = {}
    by_org: dict[int, list[int]] = defaultdict(list)
    by_group: dict[int, list[int]] = defaultdict(list)
    for p in people.values():
        by_org[p.org_id].append(p.id)
        if p.group_id is not None:
            by_group[p.group_id].append(p.id)
    counts = {pid: [0, 0, 0, 0, Decimal(0)] for pid in people}  # expected, attended, leave, absent, hours
    for mid, m_org, day, start, end, own_hours, basis, counts_study in rows:
        hours = own_hours if own_hours is not None else (
            (study_hours(start, end, minutes) or Decimal(0)) if counts_study else Decimal(0))
        if basis is MeetingAttendees.LISTED:
            expected = [pid for pid, st in marks.get(mid, {}).items() if st is not AttendanceState.OBSERVER]
        elif basis is MeetingAttendees.COMMITTEE:
            expected = committee_member_ids(session, m_org, day)
        elif level.get(m_org) is OrgLevel.GROUP:
            expected = by_group.get(m_org, [])
        else:
            if m_org not in scopes:
                scopes[m_org] = org_scope(session, m_org)[1]
            expected = [pid for oid in scopes[m_org] for pid in by_org.get(oid, ())]
        for pid in expected:
            person = people.get(pid)
            if person is None or not _on(person, day):
                continue
            c = counts[pid]
            state = marks.get(mid, {}).get(pid)
            c[0] += 1
            if state is AttendanceState.LEAVE:
                c[2] += 1
            elif state is AttendanceState.ABSENT:
                c[3] += 1
            else:
                c[1] += 1
                c[4] += hours
        for pid, state in marks.get(mid, {}).items():  # a member sitting in (列席) learns too
            if state is AttendanceState.OBSERVER and pid in counts:
                counts[pid][4] += hours
    names = org_names(session, qualify_groups=True)
    out = []
    for pid, p in people.items():
        expected, attended, leave, absent, hours = counts[pid]
        out.append(Participation(pid, p.name, names.get(p.group_id or p.org_id, ""),
                                 "正式党员" if p.full_on(last) else "预备党员", expected, attended, leave, absent,
                                 hours, _note(p.spans, first, last)))
    return out


def _on(person, day: date) -> bool:
    return any((s is None or s <= day) and (e is None or day < e) for s, e in person.spans)


def _note(spans, first: date, last: date) -> str:
    parts = []
    for s, e in spans:
        if s is not None and first < s <= last:
            parts.append(f"{s.month}月{s.day}日起")
        if e is not None and first <= e <= last:
            parts.append(f"{e.month}月{e.day}日止")
    return "，".join(parts)
