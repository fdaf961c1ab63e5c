"""The next step of an open 发展党员 case, its earliest date and its deadline (细则 2026).

With ``judge`` (development_rules) this is all the clerk needs for a case: where it stands,
what comes next, by when, and what is wrong so far.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.domain.dates import add_months, add_years
from app.domain.development import derive_stage
from app.domain.development_case import Case, Finding, LocalRules, NextStep
from app.domain.development_rules import PUBLICITY_DAYS, as_of, confirm_limit, judge, probation_end
from app.domain.enums import DevelopmentStage
from app.domain.workdays import WorkCalendar


def stage_of(case: Case, on: date | None = None) -> DevelopmentStage:
    return derive_stage(applied_on=case.applied_on, activist_on=case.activist_on, candidate_on=case.candidate_on,
                        branch_meeting_on=case.branch_meeting_on, approved_on=case.approved_on,
                        confirm_approved_on=case.confirm_approved_on, terminated_on=case.terminated_on, as_of=on)


def _latest(*days: date | None) -> date | None:
    known = [d for d in days if d is not None]
    return max(known) if known else None


def next_step(case: Case, on: date, calendar: WorkCalendar, local: LocalRules | None = None) -> NextStep | None:
    """What the branch does next on ``case`` as of ``on``; None for a case that is closed (正式党员 or 终止)."""
    local = local or LocalRules()
    c = as_of(case, on)
    if c.terminated_on is not None or c.applied_on is None or c.confirm_approved_on is not None:
        return None
    if c.talked_on is None:
        return NextStep("党组织派人谈话", c.applied_on, add_months(c.applied_on, 1), article="第七条")
    if c.activist_on is None:
        earliest = _latest(c.talked_on, c.applied_on + timedelta(days=local.min_days_to_activist))
        return NextStep("确定为入党积极分子", earliest, None, article="第八条")
    if c.candidate_on is None:
        year = add_years(c.activist_on, 1)
        if c.publicity_start is None:
            return NextStep("发展对象公示（报上级党委同意后）", year, None, article="第十三条")
        end = calendar.add_workdays(c.publicity_start, PUBLICITY_DAYS)
        return NextStep("列为发展对象", _latest(year, end.day), None, end.provisional, "第十三条")
    if len(c.sponsors) < 2:
        return NextStep("确定入党介绍人", c.candidate_on, None, article="第十四条")
    if c.political_review_on is None:
        return NextStep("政治审查", c.candidate_on, None, article="第十六条")
    if c.training_passed_on is None:
        return NextStep("短期集中培训", c.candidate_on, None, article="第十七条")
    if c.pre_review_on is None:
        return NextStep("基层党委预审", _latest(c.political_review_on, c.training_passed_on), None, article="第十八条")
    month = add_months(c.pre_review_on, 1)
    if c.form_filled_on is None:
        return NextStep("填写入党志愿书", c.pre_review_on, month, article="第十八条")
    if c.branch_meeting_on is None:
        return NextStep("支部大会讨论接收", _latest(c.pre_review_on, c.form_filled_on), month, article="第十九条")
    three = add_months(c.branch_meeting_on, 3)
    if c.higher_talk_on is None and c.approved_on is None:
        return NextStep("上级党委派人谈话", c.branch_meeting_on, three, article="第二十三条")
    if c.approved_on is None:
        return NextStep("上级党委审批", _latest(c.branch_meeting_on, c.higher_talk_on), three, article="第二十五条")
    if c.oath_on is None:
        return NextStep("入党宣誓", c.approved_on, add_months(c.approved_on, 1), article="第二十九条")
    end = probation_end(c)
    if c.confirm_meeting_on is None:
        if c.confirm_applied_on is None:
            return NextStep("提出转正申请", add_months(end, -1), end, article="第三十二条")
        return NextStep("支部大会讨论转正", end, confirm_limit(c, end),
                        article="第三十五条" if c.transferred_in else "第三十二条")
    return NextStep("上级党委审批转正", c.confirm_meeting_on, add_months(c.confirm_meeting_on, 3), article="第三十三条")


@dataclass(frozen=True)
class Assessment:
    """A case judged on a day: its stage, the next step and every finding."""

    stage: DevelopmentStage
    next: NextStep | None
    findings: tuple[Finding, ...]
    provisional: bool  # some working-day count lacked holiday data (暂算)
    probation_end: date | None

    @property
    def open(self) -> bool:
        return self.stage not in (DevelopmentStage.FULL, DevelopmentStage.TERMINATED)

    def overdue(self, on: date) -> bool:
        return self.next is not None and self.next.deadline is not None and self.next.deadline < on


def assess(case: Case, on: date, calendar: WorkCalendar, local: LocalRules | None = None) -> Assessment:
    findings = tuple(judge(case, on, calendar, local))
    step = next_step(case, on, calendar, local)
    provisional = (step is not None and step.provisional) or any("暂算" in f.message for f in findings)
    c = as_of(case, on)
    return Assessment(stage_of(case, on), step, findings, provisional, probation_end(c))
