"""首页 "接下来要做的事": the first things a new clerk does, each ticked when the data shows it done."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import DuesAssessment, Meeting, Member, Organisation
from app.services import settings


@dataclass(frozen=True)
class NextStep:
    key: str  # what the 首页 button does with it: branches, roster, dues, meeting, backup
    title: str
    hint: str
    done: bool


def _any(session: Session, model) -> bool:
    return session.scalar(select(func.count()).select_from(model)) > 0


def next_steps(session: Session) -> list[NextStep]:
    """The checklist in the order a clerk works through it; each ``done`` read from the data."""
    orgs = session.scalar(select(func.count()).select_from(Organisation))
    return [
        NextStep("branches", "建立党支部和党小组", "在“组织”中添加下属党支部、党小组和支部委员会", orgs > 1),
        NextStep("roster", "从 Excel 导入党员名册", "把现有的党员花名册（.xlsx 或 .xls）导入，程序会逐行检查",
                 _any(session, Member)),
        NextStep("dues", "核定党费计算基数", "在“党费”中导入党费核算表或逐人核定，之后每月按名单收缴",
                 _any(session, DuesAssessment)),
        NextStep("meeting", "记录一次三会一课", "在“三会一课”中登记会议、签到和会议记录", _any(session, Meeting)),
        NextStep("backup", "选好备份位置", "在“设置与备份”中选择备份文件夹（最好是U盘或另一块硬盘）",
                 bool(settings.get(session, "backup.folder"))),
    ]
