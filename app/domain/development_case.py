"""One 发展党员 case as the rules see it: dates the clerk entered, the people, the votes, the documents.

Plain values only; the services build a ``Case`` from the database (each person's status
on the day it matters is looked up there) and the rules in ``development_rules`` judge it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

RULES_VERSION = "2026.05"  # 《中国共产党发展党员工作细则》, revised 2026-04-02, issued 2026-05-11
RULES_NAME = "中国共产党发展党员工作细则（2026年）"


@dataclass(frozen=True)
class Person:
    """A 培养联系人 or 入党介绍人 and what the roster says of them."""

    name: str
    full_since: date | None = None  # 转正日期: a 正式党员 from this day (None: not a 正式党员 of ours)
    left_on: date | None = None  # left the branch's books (转出, 死亡 …)
    assigned_on: date | None = None
    barred: str = ""  # a discipline in its 影响期 (细则 第十四条), e.g. "留党察看"

    def full_member_on(self, day: date | None) -> bool:
        if day is None or self.full_since is None or self.full_since > day:
            return False
        return self.left_on is None or self.left_on > day


@dataclass(frozen=True)
class Vote:
    """A 支部党员大会 vote on one person (counts only; 第二十条: each person separately)."""

    eligible: int  # 应到有表决权
    present: int  # 实到有表决权
    yes: int
    no: int = 0
    abstain: int = 0


@dataclass(frozen=True)
class Document:
    kind: str  # 入党申请书, 思想汇报, 自传, 政审材料, 培训结业证明, 半年考察意见, 入党志愿书, or a local one
    period: str = ""  # "2026Q3" for a 思想汇报, "2026H1" for a 半年考察意见
    received_on: date | None = None


@dataclass(frozen=True)
class Case:
    """Every step of one person's case; None where the step has not happened (or was not entered)."""

    name: str
    birth_date: date | None = None
    transferred_in: bool = False  # a 积极分子 or 预备党员 who came from another organisation (第十二条, 第三十五条)
    leaving_on: date | None = None  # planned departure from the work or study unit (第十八条)
    applied_on: date | None = None
    talked_on: date | None = None
    activist_on: date | None = None
    activist_method: str = ""  # 党员推荐 / 群团组织推优
    activist_filed_on: date | None = None
    candidate_on: date | None = None
    publicity_start: date | None = None
    publicity_end: date | None = None
    political_review_on: date | None = None
    political_review_result: str = ""
    training_start: date | None = None
    training_end: date | None = None
    training_days: int | None = None
    training_hours: int | None = None
    training_passed_on: date | None = None
    pre_review_on: date | None = None
    form_filled_on: date | None = None
    branch_meeting_on: date | None = None
    vote: Vote | None = None
    higher_talk_on: date | None = None
    approved_on: date | None = None
    oath_on: date | None = None
    probation_extended_to: date | None = None
    extension_count: int = 0  # how many times the 预备期 was extended (at most once, 第三十一条)
    confirm_applied_on: date | None = None
    confirm_meeting_on: date | None = None
    confirm_vote: Vote | None = None
    confirm_approved_on: date | None = None
    terminated_on: date | None = None
    mentors: tuple[Person, ...] = ()
    sponsors: tuple[Person, ...] = ()  # 入党介绍人
    documents: tuple[Document, ...] = field(default_factory=tuple)

    def has(self, kind: str, period: str | None = None) -> bool:
        return any(d.kind == kind and (period is None or d.period == period) for d in self.documents)


@dataclass(frozen=True)
class Finding:
    """One warning: which rule, its article (None for local practice), and what is wrong, in Chinese."""

    code: str
    article: str | None
    message: str
    kind: str = "warning"  # too_early / overdue / order / missing / invalid / warning


@dataclass(frozen=True)
class NextStep:
    step: str  # Chinese, e.g. 确定为入党积极分子
    earliest: date | None
    deadline: date | None
    provisional: bool = False  # a working-day count lacked holiday data (暂算)
    article: str | None = None


@dataclass(frozen=True)
class LocalRules:
    """What a branch may add: reminders and required materials, never a looser national limit.

    ``min_days_to_activist`` lengthens (never shortens) the time from application to 积极分子;
    ``quarterly_reports`` asks a 思想汇报 every quarter (local practice, no article).
    """

    min_days_to_activist: int = 0
    quarterly_reports: bool = True
    extra_documents: tuple[str, ...] = ()  # required before 预审, e.g. 党校结业证书

    def __post_init__(self) -> None:
        if self.min_days_to_activist < 0:
            raise ValueError("本地规定只能在全国规定之上增加要求，不能放宽")
