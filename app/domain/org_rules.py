"""Rules of the organisation tree and committees (党章 第三十条; 支部工作条例 第六、七、八、二十二条)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.dates import add_months, add_years
from app.domain.enums import OrgLevel

# which levels may sit directly below which
ALLOWED_CHILDREN: dict[OrgLevel, tuple[OrgLevel, ...]] = {
    OrgLevel.WORKING_COMMITTEE: (OrgLevel.COMMITTEE, OrgLevel.GENERAL_BRANCH, OrgLevel.BRANCH),
    OrgLevel.COMMITTEE: (OrgLevel.GENERAL_BRANCH, OrgLevel.BRANCH),
    OrgLevel.GENERAL_BRANCH: (OrgLevel.BRANCH,),
    OrgLevel.BRANCH: (OrgLevel.GROUP,),
    OrgLevel.GROUP: (),
}

MIN_FULL_MEMBERS = 3  # 支部工作条例 第六条: 正式党员3人以上的，应当成立党支部
COMMITTEE_THRESHOLD = 7  # 第八条: 正式党员7人以上的党支部，设立支部委员会


def may_contain(parent: OrgLevel, child: OrgLevel) -> bool:
    return child in ALLOWED_CHILDREN[parent]


@dataclass(frozen=True)
class TermDue:
    due_on: date
    state: str  # 正常 / 半年内到期 / 一个月内到期 / 已逾期

    @property
    def needs_attention(self) -> bool:
        return self.state != "正常"


def term_due(started_on: date, years: int, today: date) -> TermDue:
    """换届 due date from the term length; reminders 6 months and 1 month ahead, then overdue."""
    due = add_years(started_on, years)
    if today > due:
        state = "已逾期"
    elif today >= add_months(due, -1):
        state = "一个月内到期"
    elif today >= add_months(due, -6):
        state = "半年内到期"
    else:
        state = "正常"
    return TermDue(due, state)
