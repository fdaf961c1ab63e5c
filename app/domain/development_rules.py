"""The checks of 《中国共产党发展党员工作细则》(2026) on one case, each with its article.

``judge(case, on, calendar)`` looks at the case as it stood on ``on`` (dates after it are
not yet facts) and returns the findings. Local practice (quarterly 思想汇报, the branch's
own materials and intervals) is reported with ``article=None``. The checks only warn:
the app never decides for the branch, and never invents a date.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from app.domain.dates import add_months, add_years
from app.domain.development_case import Case, Finding, LocalRules, Person, Vote
from app.domain.workdays import WorkCalendar

RECOMMENDATION_METHODS = ("党员推荐", "群团组织推优")  # 第八条
PUBLICITY_DAYS = 5  # 第十三条: 公示期不少于5个工作日
TRAINING_DAYS, TRAINING_HOURS = 3, 24  # 第十七条: 不少于3天或24学时
FAILED_REVIEW = ("不合格", "不通过", "不宜")


def probation_end(case: Case) -> date | None:
    """预备期满: one year from the 支部大会 (第三十一条, 党章第七条), or the end of the one extension."""
    if case.branch_meeting_on is None:
        return None
    return case.probation_extended_to or add_years(case.branch_meeting_on, 1)


def as_of(case: Case, on: date) -> Case:
    """The case as it stood on ``on``: later dates are not yet facts, later documents not yet received."""
    changes = {f.name: None for f in dataclasses.fields(case)
               if isinstance(getattr(case, f.name), date) and getattr(case, f.name) > on
               and f.name not in ("birth_date", "leaving_on", "probation_extended_to")}
    if case.branch_meeting_on and case.branch_meeting_on > on:
        changes["vote"] = None
    if case.confirm_meeting_on and case.confirm_meeting_on > on:
        changes["confirm_vote"] = None
    docs = tuple(d for d in case.documents if d.received_on is None or d.received_on <= on)
    return dataclasses.replace(case, documents=docs, **changes)


def judge(case: Case, on: date, calendar: WorkCalendar, local: LocalRules | None = None) -> list[Finding]:
    """Every finding on ``case`` as of ``on``; an ended case (终止) has none."""
    local = local or LocalRules()
    c = as_of(case, on)
    if c.terminated_on is not None or c.applied_on is None:
        return []
    out: list[Finding] = []
    for check in (_applicant, _activist, _candidate, _admission, _probation, _order):
        out += check(c, on, calendar, local)
    return out


def _f(code: str, article: str | None, message: str, kind: str = "warning") -> Finding:
    return Finding(code, article, message, kind)


def _late(code, article, what: str, done: date | None, deadline: date, on: date, limit_text: str) -> list[Finding]:
    """A step done after its deadline, or not done with the deadline passed."""
    if done is not None:
        if done > deadline:
            return [_f(code, article, f"{what}在{done}，超过{limit_text}（应不晚于{deadline}）", "late")]
        return []
    if on > deadline:
        return [_f(code, article, f"{what}已逾期：应不晚于{deadline}（{limit_text}）", "overdue")]
    return []


# -- 申请入党 -----------------------------------------------------------------------

def _applicant(c: Case, on: date, cal: WorkCalendar, local: LocalRules) -> list[Finding]:
    out = []
    if c.birth_date is not None and c.applied_on < add_years(c.birth_date, 18):
        out.append(_f("age", "第五条", f"递交入党申请书时未满十八周岁（{c.birth_date} 出生，{c.applied_on} 申请）", "invalid"))
    out += _late("talk", "第七条", "与入党申请人谈话", c.talked_on, add_months(c.applied_on, 1), on, "收到申请书后一个月内")
    if not c.has("入党申请书"):
        out.append(_f("doc_application", "第三十六条", "缺少入党申请书（归档材料）", "missing"))
    return out


# -- 入党积极分子 --------------------------------------------------------------------

def _activist(c: Case, on: date, cal: WorkCalendar, local: LocalRules) -> list[Finding]:
    if c.activist_on is None:
        return []
    out = []
    if local.min_days_to_activist and c.activist_on < c.applied_on + timedelta(days=local.min_days_to_activist):
        out.append(_f("local_activist_interval", None, f"本支部规定递交申请书{local.min_days_to_activist}天后方可确定为积极分子"
                                                      f"（{c.applied_on} 申请，{c.activist_on} 确定）", "too_early"))
    if c.activist_method not in RECOMMENDATION_METHODS:
        out.append(_f("activist_method", "第八条", "确定积极分子应经党员推荐或群团组织推优，请填写推荐方式", "missing"))
    if c.activist_filed_on is None and (on > add_months(c.activist_on, 1) or c.publicity_start or c.candidate_on):
        # the 细则 sets no time for the 备案; a month is the reminder, and 发展对象 needs it in any case
        out.append(_f("activist_filed", "第八条", "确定积极分子后应报上级党委备案，未填写备案日期", "missing"))
    out += _people("mentor", "第九条", "培养联系人", c.mentors, 1, 2, c.activist_on)
    until = min(d for d in (c.candidate_on, on) if d is not None)
    halves = _months_between(c.activist_on, until) // 6
    have = sum(1 for d in c.documents if d.kind == "半年考察意见")
    if have < halves:
        out.append(_f("half_year_review", "第十一条", f"培养考察已满{halves}个半年，应有{halves}次半年考察意见（现有{have}次）",
                      "missing"))
    if local.quarterly_reports:
        stop = c.confirm_approved_on or on
        missing = [q for q in _quarters(c.activist_on, stop) if not c.has("思想汇报", q)]
        if missing:
            out.append(_f("thought_reports", None, f"缺少思想汇报（每季度一次，本地做法）：{'、'.join(missing)}", "missing"))
    return out


def _people(code: str, article: str, role: str, people: tuple[Person, ...], low: int, high: int,
            day: date) -> list[Finding]:
    out = []
    if not low <= len(people) <= high:
        want = f"{low}至{high}名" if low != high else f"{low}名"
        out.append(_f(code, article, f"{role}应为{want}正式党员，现有{len(people)}名", "missing"))
    for p in people:
        when = max(day, p.assigned_on) if p.assigned_on else day
        if not p.full_member_on(when):
            out.append(_f(f"{code}_status", article, f"{role}{p.name}在{when}不是本组织的正式党员", "invalid"))
        elif p.barred:
            out.append(_f(f"{code}_barred", "第十四条", f"{role}{p.name}受{p.barred}处分且在影响期内，不宜（或不能）担任", "invalid"))
    return out


def _months_between(first: date, last: date) -> int:
    """Whole calendar months from ``first`` to ``last`` (month-end clamping as in add_months)."""
    n = (last.year - first.year) * 12 + last.month - first.month
    if add_months(first, n) > last:
        n -= 1
    return max(n, 0)


def _quarters(first: date, before: date) -> list[str]:
    """The calendar quarters that begin on or after ``first`` and end before ``before``: “2026Q3”."""
    out = []
    q = (first.month - 1) // 3 + 1
    year = first.year
    start = date(year, 3 * (q - 1) + 1, 1)
    if start < first:
        q, year = (1, year + 1) if q == 4 else (q + 1, year)
    while True:
        end = add_months(date(year, 3 * (q - 1) + 1, 1), 3) - timedelta(days=1)
        if end >= before:
            return out
        out.append(f"{year}Q{q}")
        q, year = (1, year + 1) if q == 4 else (q + 1, year)


# -- 发展对象 ------------------------------------------------------------------------

def _candidate(c: Case, on: date, cal: WorkCalendar, local: LocalRules) -> list[Finding]:
    if c.candidate_on is None:
        return []
    out = []
    if c.activist_on is not None and c.candidate_on < add_years(c.activist_on, 1):
        out.append(_f("activist_year", "第十三条", f"培养教育考察不满一年即确定为发展对象（{c.activist_on} 确定积极分子，"
                                                 f"应不早于{add_years(c.activist_on, 1)}）", "too_early"))
    if c.publicity_start is None or c.publicity_end is None:
        out.append(_f("publicity", "第十三条", "确定发展对象前应公示，公示期不少于5个工作日；未填写公示起止日期", "missing"))
    else:
        needed = cal.add_workdays(c.publicity_start, PUBLICITY_DAYS)
        if c.publicity_end < needed.day:
            out.append(_f("publicity", "第十三条", f"公示期不足5个工作日（{c.publicity_start} 至 {c.publicity_end}，"
                                                 f"应至少到{needed.day}{'，暂算' if needed.provisional else ''}）", "invalid"))
        elif c.candidate_on < c.publicity_end:
            out.append(_f("publicity", "第十三条", f"公示结束（{c.publicity_end}）前已列为发展对象（{c.candidate_on}）", "order"))
    if c.pre_review_on is None:
        return out
    out += _people("sponsor", "第十四条", "入党介绍人", c.sponsors, 2, 2, c.candidate_on)
    if c.political_review_on is None or not c.political_review_result.strip():
        out.append(_f("political_review", "第十六条", "预审前应完成政治审查并形成结论性材料", "missing"))
    elif any(word in c.political_review_result for word in FAILED_REVIEW):
        out.append(_f("political_review", "第十六条", f"政治审查结论为“{c.political_review_result}”，不能发展入党", "invalid"))
    elif not c.has("政审材料"):
        out.append(_f("doc_review", "第十六条", "缺少政治审查结论性材料", "missing"))
    enough = (c.training_days or 0) >= TRAINING_DAYS or (c.training_hours or 0) >= TRAINING_HOURS
    if not enough or c.training_passed_on is None:
        told = f"{c.training_days or 0}天、{c.training_hours or 0}学时" + ("" if c.training_passed_on else "，未结业")
        out.append(_f("training", "第十七条", f"短期集中培训应不少于3天或24学时并结业（现为{told}）", "missing"))
    elif not c.has("培训结业证明"):
        out.append(_f("doc_training", "第十七条", "缺少培训结业证明", "missing"))
    if not c.has("自传"):
        out.append(_f("doc_autobiography", None, "预审前应交自传（本地做法）", "missing"))
    for extra in local.extra_documents:
        if not c.has(extra):
            out.append(_f(f"local_doc:{extra}", None, f"本支部要求预审前交{extra}", "missing"))
    if c.leaving_on is not None and c.pre_review_on <= c.leaving_on <= add_months(c.pre_review_on, 3):
        out.append(_f("leaving", "第十八条", f"发展对象将于{c.leaving_on}离开工作、学习单位（3个月内），一般不办理接收手续"))
    return out


# -- 预备党员的接收 --------------------------------------------------------------------

def vote_findings(code: str, article: str, what: str, vote: Vote | None) -> list[Finding]:
    """第十九条 quorum (实到有表决权 more than half of 应到) and 第二十条 majority (赞成 more than half of 应到)."""
    if vote is None:
        return [_f(code, article, f"{what}未填写表决情况（应到、实到有表决权人数和赞成、反对、弃权票数）", "missing")]
    if not (0 <= vote.yes + vote.no + vote.abstain <= vote.present <= vote.eligible) or min(
            vote.eligible, vote.present, vote.yes, vote.no, vote.abstain) < 0:
        return [_f(code, article, f"{what}的票数不成立：应到{vote.eligible}、实到{vote.present}，"
                                  f"赞成{vote.yes}、反对{vote.no}、弃权{vote.abstain}", "invalid")]
    out = []
    if vote.present * 2 <= vote.eligible:
        out.append(_f(code, "第十九条", f"{what}实到有表决权的党员（{vote.present}）未超过应到（{vote.eligible}）的半数，会议无效",
                      "invalid"))
    elif vote.yes * 2 <= vote.eligible:
        out.append(_f(code, "第二十条", f"{what}赞成票（{vote.yes}）未超过应到有表决权党员（{vote.eligible}）的半数，未通过",
                      "invalid"))
    return out


def _admission(c: Case, on: date, cal: WorkCalendar, local: LocalRules) -> list[Finding]:
    if c.pre_review_on is None:
        return []
    out = _late("meeting", "第十九条", "支部大会讨论接收", c.branch_meeting_on, add_months(c.pre_review_on, 1), on,
                "预审后一个月内")
    if c.branch_meeting_on is None:
        return out
    out += vote_findings("vote", "第二十条", "接收预备党员的支部大会", c.vote)
    if c.approved_on is not None and c.higher_talk_on is None:
        out.append(_f("higher_talk", "第二十三条", "上级党委审批前应派人与发展对象谈话，未填写谈话日期", "missing"))
    three, six = add_months(c.branch_meeting_on, 3), add_months(c.branch_meeting_on, 6)
    if c.approved_on is not None and c.approved_on > six:
        out.append(_f("approval", "第二十五条", f"上级党委审批在{c.approved_on}，超过支部大会后6个月（最迟{six}）", "invalid"))
    else:
        out += _late("approval", "第二十五条", "上级党委审批", c.approved_on, three, on, "支部大会后3个月内，特殊情况可延长至6个月")
    if c.approved_on is not None:
        out += _late("oath", "第二十九条", "入党宣誓", c.oath_on, add_months(c.approved_on, 1), on, "批准后一个月内")
    return out


# -- 预备期与转正 ---------------------------------------------------------------------

def _probation(c: Case, on: date, cal: WorkCalendar, local: LocalRules) -> list[Finding]:
    if c.approved_on is None or c.branch_meeting_on is None:
        return []
    out = []
    base_end = add_years(c.branch_meeting_on, 1)
    if c.probation_extended_to is not None:
        if c.extension_count > 1:
            out.append(_f("extension", "第三十一条", "预备期只能延长一次", "invalid"))
        elif not add_months(base_end, 6) <= c.probation_extended_to <= add_months(base_end, 12):
            out.append(_f("extension", "第三十一条", f"延长预备期应不少于半年、不超过一年（预备期满{base_end}，"
                                                   f"延长至{c.probation_extended_to}）", "invalid"))
    end = probation_end(c)
    if c.confirm_meeting_on is not None:
        if c.confirm_meeting_on < end:
            out.append(_f("confirm_early", "第三十二条", f"预备期满（{end}）前讨论转正（{c.confirm_meeting_on}）", "too_early"))
        out += vote_findings("confirm_vote", "第三十二条", "讨论转正的支部大会", c.confirm_vote)
        out += _late("confirm_approval", "第三十三条", "上级党委审批转正", c.confirm_approved_on,
                     add_months(c.confirm_meeting_on, 3), on, "支部大会后3个月内")
        if c.confirm_applied_on is None:
            out.append(_f("confirm_application", "第三十二条", "转正应由本人提出书面申请，未填写转正申请日期", "missing"))
    else:
        limit = confirm_limit(c, end)
        if on > limit:
            why = "转入的预备党员可推迟至多6个月（第三十五条）" if c.transferred_in else "预备期满应及时讨论，按一个月提醒"
            out.append(_f("confirm_due", "第三十五条" if c.transferred_in else "第三十二条",
                          f"预备期已于{end}期满，尚未召开支部大会讨论转正（{why}）", "overdue"))
    return out


def confirm_limit(c: Case, end: date) -> date:
    """By when the 支部大会 should discuss 转正: 第三十二条 says 及时 (the app reminds after a month);
    for a 预备党员 who transferred in the branch may postpone it up to six months (第三十五条)."""
    return add_months(end, 6) if c.transferred_in else add_months(end, 1)


# -- dates in order -------------------------------------------------------------------

ORDER = (  # (earlier field, later field, what, article of the later step)
    ("applied_on", "talked_on", "谈话早于递交入党申请书", "第七条"),
    ("applied_on", "activist_on", "确定积极分子早于递交入党申请书", "第八条"),
    ("talked_on", "activist_on", "确定积极分子早于谈话", "第八条"),
    ("activist_on", "activist_filed_on", "积极分子备案早于确定积极分子", "第八条"),
    ("activist_on", "publicity_start", "发展对象公示早于确定积极分子", "第十三条"),
    ("publicity_start", "publicity_end", "公示结束早于公示开始", "第十三条"),
    ("activist_on", "candidate_on", "确定发展对象早于确定积极分子", "第十三条"),
    ("candidate_on", "pre_review_on", "预审早于确定发展对象", "第十八条"),
    ("political_review_on", "pre_review_on", "预审早于政治审查", "第十八条"),
    ("training_passed_on", "pre_review_on", "预审早于培训结业", "第十八条"),
    ("pre_review_on", "form_filled_on", "填写入党志愿书早于预审", "第十八条"),
    ("form_filled_on", "branch_meeting_on", "支部大会早于填写入党志愿书", "第十九条"),
    ("pre_review_on", "branch_meeting_on", "支部大会早于预审", "第十九条"),
    ("branch_meeting_on", "higher_talk_on", "上级党委谈话早于支部大会", "第二十三条"),
    ("higher_talk_on", "approved_on", "上级党委审批早于派人谈话", "第二十三条"),
    ("branch_meeting_on", "approved_on", "上级党委审批早于支部大会", "第二十五条"),
    ("approved_on", "oath_on", "入党宣誓早于上级党委审批", "第二十九条"),
    ("approved_on", "confirm_applied_on", "转正申请早于上级党委审批", "第三十二条"),
    ("confirm_applied_on", "confirm_meeting_on", "讨论转正早于转正申请", "第三十二条"),
    ("confirm_meeting_on", "confirm_approved_on", "转正审批早于讨论转正的支部大会", "第三十三条"),
)


def _order(c: Case, on: date, cal: WorkCalendar, local: LocalRules) -> list[Finding]:
    out = []
    for earlier, later, what, article in ORDER:
        a, b = getattr(c, earlier), getattr(c, later)
        if a is not None and b is not None and b < a:
            out.append(_f(f"order:{later}", article, f"日期顺序有误：{what}（{b} 早于 {a}）", "order"))
    return out


