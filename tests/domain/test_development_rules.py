"""发展党员 rules engine on its own: calendar edges, each check at its limit, and generated cases.

The property tests build whole valid cases step by step; a valid case raises no finding on
any day along the way, and a case built with exactly one rule broken raises exactly that
rule's finding (its code), whatever the other dates are.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.dates import add_months, add_years
from app.domain.development_case import Case, Document, LocalRules, Person, Vote
from app.domain.development_next import assess, next_step, stage_of
from app.domain.development_rules import judge, vote_findings
from app.domain.workdays import WorkCalendar
from app.services.reference import load_holiday_table

CAL = WorkCalendar.from_rows((d, w) for d, w, _n in load_holiday_table())
EMPTY = WorkCalendar.from_rows([], years=range(2000, 2100))  # weekends only, every year known


def codes(case: Case, on: date, local: LocalRules | None = None) -> list[str]:
    return sorted(f.code for f in judge(case, on, CAL, local))


# -- calendar ---------------------------------------------------------------------------

@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2026, 3, 31), -1, date(2026, 2, 28)),
    (date(2024, 2, 29), 12, date(2025, 2, 28)),  # a year from 02-29 ends on 02-28
    (date(2026, 8, 31), 6, date(2027, 2, 28)),
    (date(2026, 12, 15), 1, date(2027, 1, 15)),
])
def test_calendar_months_clamp_to_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(("start", "fifth", "provisional"), [
    (date(2026, 11, 2), date(2026, 11, 6), False),  # Monday to Friday, the first day counts
    (date(2026, 11, 7), date(2026, 11, 13), False),  # a Saturday start: counting begins on Monday
    (date(2026, 9, 28), date(2026, 10, 9), False),  # across 国庆: 28, 29, 30, then 8 and 9 October
    (date(2026, 9, 29), date(2026, 10, 10), False),  # … and Saturday 10 October is a 调休 working day
    (date(2026, 9, 24), date(2026, 10, 8), False),  # 中秋 on Friday 25 September
    (date(2026, 2, 12), date(2026, 2, 25), False),  # 春节: 12, 13, 14 (a Saturday, 调休), then 24 and 25
    (date(2026, 12, 28), date(2027, 1, 1), True),  # 2027's notice is not in the table: 暂算
])
def test_five_working_days_of_publicity(start, fifth, provisional):
    counted = CAL.add_workdays(start, 5)
    assert (counted.day, counted.provisional) == (fifth, provisional)


def test_working_days_between_and_a_year_the_clerk_adds():
    assert CAL.count_workdays(date(2026, 10, 1), date(2026, 10, 11)) == (3, False)  # 8, 9 and 10 October
    cal = WorkCalendar.from_rows([(d, w) for d, w, _ in load_holiday_table()] + [(date(2027, 1, 1), False)])
    assert cal.add_workdays(date(2026, 12, 28), 5).day == date(2027, 1, 4) and cal.knows(date(2027, 6, 1))


# -- each rule at its edge --------------------------------------------------------------

APPLIED = date(2024, 3, 15)
DOCS = (Document("入党申请书"),)


def applicant(**kw) -> Case:
    return Case("王小明", birth_date=date(2000, 5, 20), applied_on=APPLIED, documents=DOCS, **kw)


def test_eighteen_on_the_day_of_application():
    assert "age" not in codes(replace(applicant(), birth_date=date(2006, 3, 15)), APPLIED)
    assert "age" in codes(replace(applicant(), birth_date=date(2006, 3, 16)), APPLIED)  # one day short
    leap = replace(applicant(), birth_date=date(2008, 2, 29), applied_on=date(2026, 2, 28))
    assert codes(leap, date(2026, 2, 28)) == []  # born on 29 February: eighteen on 28 February


def test_talk_within_one_month():
    assert codes(applicant(talked_on=date(2024, 4, 15)), date(2024, 5, 1)) == []
    assert codes(applicant(talked_on=date(2024, 4, 16)), date(2024, 5, 1)) == ["talk"]
    assert codes(applicant(), date(2024, 4, 15)) == []  # still time
    overdue = judge(applicant(), date(2024, 4, 16), CAL)
    assert [(f.code, f.kind, f.article) for f in overdue] == [("talk", "overdue", "第七条")]
    end_of_month = replace(applicant(), applied_on=date(2026, 1, 31))
    assert next_step(end_of_month, date(2026, 2, 1), CAL).deadline == date(2026, 2, 28)


def test_one_year_as_activist_and_five_working_days_of_publicity():
    base = full_case(random.Random(1))
    activist = base.activist_on
    ok = replace(base, candidate_on=add_years(activist, 1), publicity_start=add_years(activist, 1) - timedelta(days=30))
    ok = replace(ok, publicity_end=CAL.add_workdays(ok.publicity_start, 5).day)
    assert "activist_year" not in codes(ok, ok.candidate_on)
    early = replace(ok, candidate_on=add_years(activist, 1) - timedelta(days=1))
    assert "activist_year" in codes(early, early.candidate_on)
    short = replace(ok, publicity_end=CAL.add_workdays(ok.publicity_start, 4).day)
    assert "publicity" in codes(short, ok.candidate_on)


def test_training_three_days_or_24_hours():
    base = full_case(random.Random(2))
    assert "training" not in codes(replace(base, training_days=3, training_hours=None), base.pre_review_on)
    assert "training" not in codes(replace(base, training_days=1, training_hours=24), base.pre_review_on)
    assert "training" in codes(replace(base, training_days=2, training_hours=23), base.pre_review_on)


@pytest.mark.parametrize(("eligible", "present", "yes", "finding"), [
    (20, 11, 11, None), (20, 10, 10, "第十九条"),  # exactly half present: no quorum
    (21, 11, 11, None), (20, 20, 10, "第二十条"),  # exactly half of those entitled in favour: not passed
    (20, 12, 10, "第二十条"),  # a majority of those present is not enough
    (20, 21, 11, "invalid"), (20, 12, 13, "invalid"),
])
def test_quorum_and_majority(eligible, present, yes, finding):
    found = vote_findings("vote", "第二十条", "支部大会", Vote(eligible, present, yes, max(0, present - yes - 1), 0)
                          if yes <= present else Vote(eligible, present, yes))
    if finding is None:
        assert found == []
    elif finding == "invalid":
        assert found[0].kind == "invalid" and "不成立" in found[0].message
    else:
        assert [f.article for f in found] == [finding]


def test_approval_within_three_months_at_most_six_and_the_oath_within_one():
    base = full_case(random.Random(3))
    meeting = base.branch_meeting_on
    talk = replace(base, higher_talk_on=meeting + timedelta(days=1))
    assert "approval" not in codes(replace(talk, approved_on=add_months(meeting, 3), oath_on=add_months(meeting, 3)),
                                   add_months(meeting, 3))
    late = judge(replace(talk, approved_on=add_months(meeting, 3) + timedelta(days=1), oath_on=None),
                 add_months(meeting, 3) + timedelta(days=1), CAL)
    assert [(f.code, f.kind) for f in late] == [("approval", "late")]
    too_late = judge(replace(talk, approved_on=add_months(meeting, 6) + timedelta(days=1), oath_on=None),
                     add_months(meeting, 6) + timedelta(days=1), CAL)
    assert [(f.code, f.kind) for f in too_late] == [("approval", "invalid")]
    approved = talk.approved_on
    assert codes(replace(talk, oath_on=add_months(approved, 1)), add_months(approved, 1)) == []
    assert codes(replace(talk, oath_on=add_months(approved, 1) + timedelta(days=1)),
                 add_months(approved, 1) + timedelta(days=1)) == ["oath"]


def test_probation_of_one_year_extended_once_by_six_to_twelve_months():
    base = full_case(random.Random(4))
    end = add_years(base.branch_meeting_on, 1)
    open_ = replace(base, confirm_applied_on=None, confirm_meeting_on=None, confirm_vote=None, confirm_approved_on=None)
    assert codes(open_, add_months(end, 1)) == []  # 及时: reminded a month after the 预备期 ends
    assert codes(open_, add_months(end, 1) + timedelta(days=1)) == ["confirm_due"]
    transferred = replace(open_, transferred_in=True)
    assert codes(transferred, add_months(end, 6)) == []  # 第三十五条: may be postponed up to six months
    assert codes(transferred, add_months(end, 6) + timedelta(days=1)) == ["confirm_due"]
    for months, ok in ((6, True), (12, True), (5, False), (13, False)):
        extended = replace(open_, probation_extended_to=add_months(end, months), extension_count=1)
        assert (codes(extended, end) == []) is ok
    twice = replace(open_, probation_extended_to=add_months(end, 6), extension_count=2)
    assert codes(twice, end) == ["extension"]
    early = replace(base, confirm_applied_on=end - timedelta(days=20), confirm_meeting_on=end - timedelta(days=1))
    assert "confirm_early" in codes(early, end)


def test_sponsors_must_be_full_members_on_the_day():
    base = full_case(random.Random(5))
    day = base.candidate_on
    probationary = Person("钱预备", full_since=day + timedelta(days=1))
    assert "sponsor_status" in codes(replace(base, sponsors=(base.sponsors[0], probationary)), base.pre_review_on)
    left = Person("孙已转出", full_since=date(2000, 1, 1), left_on=day)
    assert "sponsor_status" in codes(replace(base, sponsors=(base.sponsors[0], left)), base.pre_review_on)
    barred = Person("李处分", full_since=date(2000, 1, 1), barred="留党察看")
    assert "sponsor_barred" in codes(replace(base, sponsors=(base.sponsors[0], barred)), base.pre_review_on)
    assert "sponsor" in codes(replace(base, sponsors=base.sponsors[:1]), base.pre_review_on)


def test_local_rules_add_never_relax():
    base = full_case(random.Random(6))
    strict = LocalRules(min_days_to_activist=(base.activist_on - base.applied_on).days + 1)
    assert "local_activist_interval" in codes(base, base.activist_on, strict)
    assert "local_doc:党校结业证书" in codes(base, base.pre_review_on, LocalRules(extra_documents=("党校结业证书",)))
    assert "thought_reports" not in codes(replace(base, documents=()), base.activist_on + timedelta(days=400),
                                          LocalRules(quarterly_reports=False))
    with pytest.raises(ValueError, match="不能放宽"):
        LocalRules(min_days_to_activist=-30)
    finding = next(f for f in judge(replace(base, documents=tuple(d for d in base.documents if d.kind != "自传")),
                                    base.pre_review_on, CAL) if f.code == "doc_autobiography")
    assert finding.article is None  # local practice carries no article


# -- generated cases --------------------------------------------------------------------

RULES = ("age", "talk", "activist_method", "activist_filed", "mentor", "mentor_status", "half_year_review",
         "thought_reports", "activist_year", "publicity", "sponsor", "sponsor_status", "sponsor_barred",
         "political_review", "doc_review", "training", "doc_training", "doc_autobiography", "leaving", "meeting",
         "vote", "higher_talk", "approval", "oath", "extension", "confirm_early", "confirm_vote", "confirm_approval",
         "confirm_application", "order:oath_on", "doc_application")


def _between(rng: random.Random, low: date, high: date) -> date:
    return low + timedelta(days=rng.randint(0, max(0, (high - low).days)))


def full_case(rng: random.Random, broken: str | None = None, cal: WorkCalendar = CAL) -> Case:
    """A whole case from application to 转正 that keeps every rule, or breaks exactly ``broken``."""
    def brk(rule: str) -> bool:
        return broken == rule

    full = date(1995, 7, 1)
    applied = date(2021, 1, 1) + timedelta(days=rng.randint(0, 700))
    birth = add_years(applied, -rng.randint(18, 45)) - timedelta(days=rng.randint(0, 300))
    if brk("age"):
        birth = add_years(applied, -18) + timedelta(days=rng.randint(1, 300))
    talked = applied + timedelta(days=rng.randint(0, 27))
    if brk("talk"):
        talked = add_months(applied, 1) + timedelta(days=rng.randint(1, 20))
    activist = applied + timedelta(days=rng.randint(60, 300))
    filed = activist + timedelta(days=rng.randint(0, 20))
    mentors = tuple(Person(f"联系人{i}", full_since=full, assigned_on=activist) for i in range(rng.randint(1, 2)))
    if brk("mentor"):
        mentors = () if rng.random() < 0.5 else mentors + (Person("多余", full_since=full),) * (3 - len(mentors))
    if brk("mentor_status"):
        mentors = (Person("预备党员甲", full_since=activist + timedelta(days=30), assigned_on=activist),)
    year = add_years(activist, 1)
    start = year + timedelta(days=rng.randint(0, 40))
    end = cal.add_workdays(start, 5).day + timedelta(days=rng.randint(0, 3))
    if brk("publicity"):
        end = cal.add_workdays(start, 4).day
    candidate = end + timedelta(days=rng.randint(0, 10))
    if brk("activist_year"):  # the 积极分子 date moved so that the 发展对象 comes less than a year after it
        activist = add_years(candidate, -1) + timedelta(days=rng.randint(1, 30))
        filed = activist
    sponsors = (Person("介绍人甲", full_since=full), Person("介绍人乙", full_since=full))
    if brk("sponsor"):
        sponsors = sponsors[:1]
    if brk("sponsor_status"):
        sponsors = (sponsors[0], Person("预备党员乙", full_since=candidate + timedelta(days=1)))
    if brk("sponsor_barred"):
        sponsors = (sponsors[0], Person("受处分", full_since=full, barred="严重警告"))
    review = candidate + timedelta(days=rng.randint(1, 30))
    trained = candidate + timedelta(days=rng.randint(5, 40))
    days, hours = (rng.randint(3, 5), None) if rng.random() < 0.5 else (None, rng.randint(24, 40))
    if brk("training"):
        days, hours = 2, 20
    pre = max(review, trained) + timedelta(days=rng.randint(1, 20))
    filled = pre + timedelta(days=rng.randint(0, 10))
    meeting = _between(rng, filled, add_months(pre, 1))
    if brk("meeting"):
        meeting = add_months(pre, 1) + timedelta(days=rng.randint(1, 15))
    eligible = rng.randint(5, 40)
    present = rng.randint(eligible // 2 + 1, eligible)
    yes = rng.randint(eligible // 2 + 1, present)
    vote = Vote(eligible, present, yes, rng.randint(0, present - yes), 0)
    if brk("vote"):
        vote = Vote(eligible, eligible // 2, eligible // 2) if rng.random() < 0.5 else Vote(eligible, eligible,
                                                                                             eligible // 2)
    higher = meeting + timedelta(days=rng.randint(1, 30))
    approved = _between(rng, higher, add_months(meeting, 3))
    if brk("approval"):
        approved = add_months(meeting, 3) + timedelta(days=rng.randint(1, 60))
    oath = approved + timedelta(days=rng.randint(0, 27))
    if brk("oath"):
        oath = add_months(approved, 1) + timedelta(days=rng.randint(1, 20))
    if brk("order:oath_on"):
        oath = approved - timedelta(days=rng.randint(1, 5))
    extended, count = None, 0
    if rng.random() < 0.2 or brk("extension"):
        extended, count = add_months(add_years(meeting, 1), rng.randint(6, 12)), 1
        if brk("extension"):
            extended = add_months(add_years(meeting, 1), rng.choice((3, 13)))
    p_end = extended or add_years(meeting, 1)
    c_meeting = p_end + timedelta(days=rng.randint(0, 20))
    if brk("confirm_early"):
        c_meeting = p_end - timedelta(days=rng.randint(1, 20))
    c_applied = c_meeting - timedelta(days=rng.randint(1, 20))
    c_vote = Vote(eligible, present, yes)
    if brk("confirm_vote"):
        c_vote = Vote(eligible, eligible // 2, eligible // 2)
    c_approved = c_meeting + timedelta(days=rng.randint(1, 80))
    if brk("confirm_approval"):
        c_approved = add_months(c_meeting, 3) + timedelta(days=rng.randint(1, 30))
    quarters = tuple(Document("思想汇报", f"{y}Q{q}") for y in range(2021, 2032) for q in range(1, 5))
    if brk("thought_reports"):
        first = activist + timedelta(days=200)
        quarters = tuple(d for d in quarters if d.period != f"{first.year}Q{(first.month - 1) // 3 + 1}")
    docs = {"入党申请书", "政审材料", "培训结业证明", "自传"} - {
        {"doc_application": "入党申请书", "doc_review": "政审材料", "doc_training": "培训结业证明",
         "doc_autobiography": "自传"}.get(broken or "", "")}
    reviews = () if brk("half_year_review") else (Document("半年考察意见"),) * 12
    return Case(
        "候选人", birth_date=birth, applied_on=applied, talked_on=talked, activist_on=activist,
        activist_method="" if brk("activist_method") else rng.choice(("党员推荐", "群团组织推优")),
        activist_filed_on=None if brk("activist_filed") else filed, candidate_on=candidate, publicity_start=start,
        publicity_end=end, political_review_on=review,
        political_review_result="不合格" if brk("political_review") else "政治审查合格",
        training_days=days, training_hours=hours, training_passed_on=trained, pre_review_on=pre,
        leaving_on=pre + timedelta(days=30) if brk("leaving") else None, form_filled_on=filled,
        branch_meeting_on=meeting, vote=vote, higher_talk_on=None if brk("higher_talk") else higher,
        approved_on=approved, oath_on=oath, probation_extended_to=extended, extension_count=count,
        confirm_applied_on=None if brk("confirm_application") else c_applied, confirm_meeting_on=c_meeting,
        confirm_vote=c_vote, confirm_approved_on=c_approved, mentors=mentors, sponsors=sponsors,
        documents=tuple(Document(k) for k in sorted(docs)) + quarters + reviews,
    )


STEPS = ("applied_on", "talked_on", "activist_on", "activist_filed_on", "candidate_on", "political_review_on",
         "training_passed_on", "pre_review_on", "form_filled_on", "branch_meeting_on", "higher_talk_on", "approved_on",
         "oath_on", "confirm_applied_on", "confirm_meeting_on", "confirm_approved_on")


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 10**9))
def test_a_valid_case_raises_nothing_on_any_day_along_the_way(seed):
    case = full_case(random.Random(seed))
    days = sorted({getattr(case, step) for step in STEPS})
    for on in days + [case.confirm_approved_on + timedelta(days=400)]:
        assert judge(case, on, CAL) == [], on
    assert stage_of(case) .value == "正式党员" and next_step(case, days[-1], CAL) is None


@settings(max_examples=400, deadline=None)
@given(st.integers(0, 10**9), st.sampled_from(RULES))
def test_one_broken_rule_raises_exactly_its_finding(seed, rule):
    case = full_case(random.Random(seed), rule)
    found = {f.code for f in judge(case, case.confirm_approved_on + timedelta(days=400), CAL)}
    assert found == {rule}


def test_the_next_step_walks_the_whole_procedure():
    case = full_case(random.Random(7))
    seen = []
    for step in STEPS:
        day = getattr(case, step)
        nxt = assess(case, day, CAL).next
        seen.append(nxt.step if nxt else None)
    assert seen[0] == "党组织派人谈话" and seen[-1] is None
    assert "列为发展对象" in seen or "发展对象公示（报上级党委同意后）" in seen
    for expected in ("支部大会讨论接收", "上级党委审批", "入党宣誓", "上级党委审批转正"):
        assert any(s == expected for s in seen), expected
    approval = assess(replace(case, approved_on=None, oath_on=None, confirm_applied_on=None, confirm_meeting_on=None,
                              confirm_vote=None, confirm_approved_on=None), case.higher_talk_on, CAL).next
    assert approval.step == "上级党委审批" and approval.deadline == add_months(case.branch_meeting_on, 3)
