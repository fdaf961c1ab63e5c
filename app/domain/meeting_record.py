"""What one meeting record must hold and what its figures mean.

- 应到 / 实到 / 出席率: everyone expected who is not 请假 or 缺席 is present; 列席 never counts.
- 党员大会 (支部工作条例 第十一条): valid when more than half of the members with a vote are
  present; a resolution passes when 赞成 is more than half of those entitled to vote
  (应到有表决权). 预备党员 have no vote (党章 第七条).
- 支部委员会 (第十二条): valid when more than half of the committee is present.
- 学时: 党员教育管理工作条例 第二十条 — 党员每年集中学习培训时间一般不少于32学时.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from decimal import ROUND_HALF_UP, Decimal

from app.domain.errors import ValidationError

STUDY_HOURS_TARGET = 32  # 党员教育管理工作条例 第二十条
GENERAL_MEETING = "支部党员大会"
COMMITTEE_MEETING = "支部委员会"
GROUP_MEETING = "党小组会"
LECTURE = "党课"
GROUP_ONLY = frozenset({GROUP_MEETING})  # held by a 党小组
NOT_IN_GROUPS = frozenset({GENERAL_MEETING, COMMITTEE_MEETING, "民主评议党员"})  # held by the 党支部 itself


@dataclass(frozen=True)
class AttendanceSummary:
    expected: int  # 应到
    leave: int  # 请假
    absent: int  # 缺席
    observers: int  # 列席

    @property
    def present(self) -> int:  # 实到
        return max(self.expected - self.leave - self.absent, 0)

    @property
    def rate(self) -> Decimal | None:
        """出席率 in percent with one decimal (None when nobody was expected)."""
        if not self.expected:
            return None
        return (Decimal(100 * self.present) / self.expected).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def text(self) -> str:
        parts = [f"应到{self.expected}人", f"实到{self.present}人"]
        if self.leave:
            parts.append(f"请假{self.leave}人")
        if self.absent:
            parts.append(f"缺席{self.absent}人")
        if self.observers:
            parts.append(f"列席{self.observers}人")
        if self.rate is not None:
            parts.append(f"出席率{self.rate}%")
        return "，".join(parts)


def more_than_half(part: int, whole: int) -> bool:
    """``part`` > ½ ``whole``, in integers: exactly half is not enough."""
    return 2 * part > whole


@dataclass(frozen=True)
class VoteCounts:
    subject: str
    eligible: int  # 应到有表决权
    present_eligible: int  # 实到有表决权
    yes: int
    no: int
    abstain: int


@dataclass(frozen=True)
class VoteCheck:
    quorum: bool  # more than half of those with a vote present
    passed: bool  # quorum, and 赞成 more than half of those entitled
    notes: tuple[str, ...]

    @property
    def result(self) -> str:
        if not self.quorum:
            return "不足法定人数，表决无效"
        return "通过" if self.passed else "未通过"


def check_vote(v: VoteCounts) -> VoteCheck:
    """Refuse impossible counts (ValidationError naming the field); judge the quorum and majority."""
    if not v.subject.strip():
        raise ValidationError("表决事项", "请写明表决的事项")
    for label, value in (("应到有表决权", v.eligible), ("实到有表决权", v.present_eligible), ("赞成", v.yes),
                         ("反对", v.no), ("弃权", v.abstain)):
        if value < 0:
            raise ValidationError(label, "人数不能为负数")
    if v.eligible == 0:
        raise ValidationError("应到有表决权", "应大于0（预备党员没有表决权）")
    if v.present_eligible > v.eligible:
        raise ValidationError("实到有表决权", f"不能多于应到有表决权的 {v.eligible} 人")
    cast = v.yes + v.no + v.abstain
    if cast > v.present_eligible:
        raise ValidationError("赞成", f"赞成、反对、弃权合计 {cast} 票，多于实到有表决权的 {v.present_eligible} 人")
    notes = []
    quorum = more_than_half(v.present_eligible, v.eligible)
    if not quorum:
        notes.append(f"实到有表决权的党员 {v.present_eligible} 人，未超过应到有表决权的 {v.eligible} 人的半数，"
                     "会议不能作出决议（支部工作条例 第十一条）")
    majority = more_than_half(v.yes, v.eligible)
    if quorum and not majority:
        notes.append(f"赞成 {v.yes} 票，未超过应到有表决权的 {v.eligible} 人的半数，决议未通过（支部工作条例 第十一条）")
    if cast < v.present_eligible:
        notes.append(f"有 {v.present_eligible - cast} 名到会有表决权的党员未投票")
    return VoteCheck(quorum, quorum and majority, tuple(notes))


def meeting_quorum_note(type_name: str, expected: int, present: int, *, voters_expected: int | None = None,
                        voters_present: int | None = None) -> str | None:
    """The 党员大会 / 支委会 attendance a valid meeting needs, when the record falls short of it."""
    if type_name == GENERAL_MEETING and voters_expected:
        if not more_than_half(voters_present or 0, voters_expected):
            return (f"到会的有表决权党员 {voters_present} 人，未超过应到的 {voters_expected} 人的半数，"
                    "不能作出决议（支部工作条例 第十一条）")
    if type_name == COMMITTEE_MEETING and expected and not more_than_half(present, expected):
        return f"到会委员 {present} 人，未超过委员总数 {expected} 人的半数（支部工作条例 第十二条）"
    return None


def study_hours(start: time | None, end: time | None, minutes_per_hour: int) -> Decimal | None:
    """学时 of a session from its start and end (one decimal); None when a time is missing."""
    if start is None or end is None or end <= start or minutes_per_hour <= 0:
        return None
    minutes = (datetime.combine(datetime.min, end) - datetime.combine(datetime.min, start)).seconds // 60
    return (Decimal(minutes) / minutes_per_hour).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True)
class RecordFields:
    type_name: str
    host: str
    recorder: str
    theme: str
    lecturer: str
    title: str
    minutes: str


def record_gaps(r: RecordFields) -> list[str]:
    """What a held meeting's record lacks that the higher level checks for (shown, not refused)."""
    gaps = []
    if not r.host.strip():
        gaps.append("主持人")
    if not r.recorder.strip() and r.type_name != "谈心谈话":
        gaps.append("记录人")
    if r.type_name == LECTURE:
        if not r.lecturer.strip():
            gaps.append("主讲人")
        if not r.title.strip():
            gaps.append("党课题目")
    elif not r.theme.strip():
        gaps.append("会议主题")
    if not r.minutes.strip():
        gaps.append("会议内容（记录）")
    return gaps


def check_times(start: time | None, end: time | None) -> None:
    if start is not None and end is not None and end <= start:
        raise ValidationError("结束时间", "应晚于开始时间")


def meeting_title(org_name: str, type_name: str) -> str:
    """第一党支部 + 支部党员大会 → 第一党支部党员大会; + 支部委员会 → 第一党支部委员会会议."""
    name = type_name[2:] if org_name.endswith("支部") and type_name.startswith("支部") else type_name
    return org_name + name + ("会议" if name.endswith("委员会") else "")
