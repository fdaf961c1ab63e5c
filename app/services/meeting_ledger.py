"""三会一课台账: the held meetings of a quarter or a year, one line each, with counts per type and month.

Columns as higher levels ask for them: 日期, 类型, 组织, 主题, 主持人, 记录人, 应到, 实到,
缺席人员及原因 (请假 and 缺席 alike), 内容摘要.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Meeting, MeetingAttendance, MeetingType, Member, Organisation
from app.domain.dates import quarter_bounds
from app.domain.enums import AttendanceState, MeetingStatus, OrgLevel
from app.domain.errors import ValidationError
from app.services.meeting_attendees import org_scope
from app.services.views._common import org_names

SUMMARY_CHARS = 120


@dataclass(frozen=True)
class LedgerLine:
    meeting_id: int
    meeting_date: date
    type_name: str
    org_name: str
    theme: str
    host: str
    recorder: str
    expected: int | None
    present: int | None
    absentees: str  # 李四（请假：出差）；王五（缺席：未请假）
    summary: str


@dataclass(frozen=True)
class MeetingLedger:
    org_name: str
    year: int
    quarter: int | None
    first: date
    last: date
    lines: tuple[LedgerLine, ...]
    types: tuple[str, ...]  # every type, in the usual order
    months: tuple[int, ...]
    counts: dict[tuple[str, int], int]  # (type, month) → held

    @property
    def title(self) -> str:
        period = f"{self.year}年第{'一二三四'[self.quarter - 1]}季度" if self.quarter else f"{self.year}年"
        return f"{self.org_name}{period}“三会一课”台账"

    def type_total(self, type_name: str) -> int:
        return sum(self.counts.get((type_name, m), 0) for m in self.months)

    def month_total(self, month: int) -> int:
        return sum(self.counts.get((t, month), 0) for t in self.types)


def _summary(minutes: str | None, decisions: str | None) -> str:
    text = " ".join((minutes or "").split())
    if decisions:
        text += ("　决定：" if text else "决定：") + " ".join(decisions.split())
    return text if len(text) <= SUMMARY_CHARS else text[:SUMMARY_CHARS - 1] + "…"


def build_meeting_ledger(session: Session, year: int, *, quarter: int | None = None, org_id: int | None = None
                         ) -> MeetingLedger:
    """The 台账 of ``year`` (or one quarter), for ``org_id`` with its branches and groups, or everything."""
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise ValidationError("季度", "应为1到4")
    first, last = quarter_bounds(year, quarter) if quarter else (date(year, 1, 1), date(year, 12, 31))
    stmt = (select(Meeting, MeetingType.name).join(MeetingType, MeetingType.id == Meeting.type_id)
            .where(Meeting.status == MeetingStatus.HELD, Meeting.meeting_date >= first, Meeting.meeting_date <= last)
            .order_by(Meeting.meeting_date, Meeting.start_time, Meeting.id))
    names = org_names(session, qualify_groups=True)
    if org_id is not None:
        _org, scope = org_scope(session, org_id)
        groups = set(session.scalars(select(Organisation.id).where(
            Organisation.parent_id.in_(scope), Organisation.level == OrgLevel.GROUP)))
        stmt = stmt.where(Meeting.org_id.in_(scope | groups | {org_id}))
        org_name = names.get(org_id, "")
    else:
        org_name = session.scalar(select(Organisation.name).where(Organisation.parent_id.is_(None))
                                  .order_by(Organisation.id)) or ""
    found = session.execute(stmt).all()
    away: dict[int, list[str]] = defaultdict(list)
    absent_n: dict[int, int] = defaultdict(int)
    ids = [m.id for m, _t in found]
    for mid, name, state, reason in session.execute(
        select(MeetingAttendance.meeting_id, Member.name, MeetingAttendance.state, MeetingAttendance.reason)
        .join(Member, Member.id == MeetingAttendance.member_id)
        .join(Meeting, Meeting.id == MeetingAttendance.meeting_id)
        .where(Meeting.status == MeetingStatus.HELD, Meeting.meeting_date >= first, Meeting.meeting_date <= last,
               MeetingAttendance.state.in_((AttendanceState.LEAVE, AttendanceState.ABSENT)))
        .order_by(MeetingAttendance.meeting_id, MeetingAttendance.state, MeetingAttendance.id)
    ):
        away[mid].append(f"{name}（{state.value}：{reason}）" if reason else f"{name}（{state.value}）")
        absent_n[mid] += 1
    wanted = set(ids)
    lines = []
    counts: dict[tuple[str, int], int] = defaultdict(int)
    for m, type_name in found:
        if m.id not in wanted:
            continue
        present = None if m.expected_count is None else max(m.expected_count - absent_n.get(m.id, 0), 0)
        theme = m.title if type_name == "党课" and m.title else (m.theme or m.title or "")
        if type_name == "党课" and m.lecturer:
            theme += f"（主讲：{m.lecturer}{('，' + m.lecturer_post) if m.lecturer_post else ''}）"
        lines.append(LedgerLine(m.id, m.meeting_date, type_name, names.get(m.org_id, ""), theme, m.host or "",
                                m.recorder or "", m.expected_count, present, "；".join(away.get(m.id, [])),
                                _summary(m.minutes, m.decisions)))
        counts[(type_name, m.meeting_date.month)] += 1
    types = tuple(session.scalars(select(MeetingType.name).order_by(MeetingType.sort_order, MeetingType.id)))
    return MeetingLedger(org_name, year, quarter, first, last, tuple(lines), types,
                         tuple(range(first.month, last.month + 1)), dict(counts))
