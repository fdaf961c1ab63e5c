"""Demo 发展党员 records at every stage, dates in the order the 细则 requires.

发展党员工作细则 (2026): 谈话 within a month of the application (第七条); at least one
year as 积极分子 before 发展对象 (第十三条), 公示 of 5 working days before that; 2
正式党员 入党介绍人 (第十四条); 集中培训 ≥ 3 days (第十七条); the 支部大会 within a month
of the 预审 (第十九条); approval within 3 months (第二十五条); 宣誓 within a month (第二十
九条); one year of probation from the 支部大会 (第三十一条). Admitted people are the
members generated as 预备党员 (or recently confirmed) with ``member_id`` set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from app.db.models import DevelopmentDocument, DevelopmentPerson, DevelopmentRecord
from app.domain.dates import add_months, add_years
from app.domain.enums import DevelopmentDocumentKind as Doc
from app.domain.enums import DevelopmentRole, EventKind, Gender
from app.domain.enums import CommitteePostKind as Post
from app.services.demo.members import EDUCATION, JOBS, DemoMember
from app.services.demo.organisation import Branch
from app.services.demo.people import People, texts
from app.services.demo.writer import Writer
from app.services.reference import load_holiday_table

# besides every 预备党员 admitted here: (stage, one case per this many members, at least)
PIPELINE = (("正式党员", 800, 2), ("入党申请人", 800, 2), ("积极分子", 450, 2), ("发展对象", 1000, 1), ("终止", 3000, 1))


@dataclass
class Case:
    branch: Branch
    row: dict
    people: list[tuple[DevelopmentRole, DemoMember, date, date | None]] = field(default_factory=list)
    docs: list[tuple[Doc, str | None, date]] = field(default_factory=list)


@dataclass(frozen=True)
class Agenda:
    """A vote the 支部党员大会 takes on ``day`` about one case (接收 or 转正)."""

    branch: Branch
    day: date
    subject: str
    case: Case
    prefix: str  # "vote" or "confirm_vote"


@cache
def _days_off() -> tuple[frozenset, frozenset]:
    table = load_holiday_table()
    return frozenset(d for d, work, _n in table if not work), frozenset(d for d, work, _n in table if work)


def is_workday(day: date) -> bool:
    off, on = _days_off()
    return day in on or (day.weekday() < 5 and day not in off)


def fifth_workday(start: date) -> date:
    """The end of a 公示 of 5 working days starting on ``start`` (a working day)."""
    day, left = start, 4
    while left:
        day += timedelta(days=1)
        left -= is_workday(day)
    return day


def _days(rng, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, high))


def _timeline(rng, stage: str, today: date, meeting: date | None) -> dict:
    """All step dates of one case; ``meeting`` is the 支部大会 (入党日期) of admitted people."""
    r: dict = {}
    if meeting is not None:
        candidate = meeting - _days(rng, 75, 150)
    elif stage == "发展对象":
        candidate = today - _days(rng, 10, 150)
    else:
        candidate = None
    if candidate is not None:
        pub = candidate - _days(rng, 10, 14)
        while not is_workday(pub):
            pub += timedelta(days=1)
        r.update(publicity_start=pub, publicity_end=fifth_workday(pub))
        candidate = max(candidate, r["publicity_end"] + timedelta(days=1))
        activist = add_months(candidate, -rng.randint(12, 20))
        r.update(candidate_on=candidate, political_review_on=candidate + _days(rng, 7, 25),
                 political_review_result="政治审查合格")
        pre = meeting - _days(rng, 7, 20) if meeting else candidate + _days(rng, 60, 100)
        end = max(candidate + _days(rng, 14, 20), pre - _days(rng, 3, 20))
        start = end - _days(rng, 2, 4)
        r.update(training_start=start, training_end=end, training_days=(end - start).days + 1,
                 training_hours=8 * ((end - start).days + 1), training_passed_on=end, pre_review_on=pre,
                 form_filled_on=pre + _days(rng, 1, 4))
        if meeting is None and rng.random() < 0.2:  # resolution passed, approval pending
            meeting = r["form_filled_on"] + _days(rng, 2, 10)
        if meeting is not None:
            r["branch_meeting_on"] = meeting
    elif stage == "积极分子":
        activist = today - _days(rng, 20, 500)
    elif stage == "终止":
        activist = today - _days(rng, 200, 900) if rng.random() < 0.6 else None
    else:
        activist = None
    applied = add_months(activist, -rng.randint(3, 10)) if activist else today - _days(rng, 5, 150)
    if stage == "终止" and activist is None:
        applied = today - _days(rng, 200, 800)
    r.update(applied_on=applied, talked_on=applied + _days(rng, 3, 25))
    if activist is not None:
        r.update(activist_on=activist, activist_filed_on=activist + _days(rng, 3, 15))
    if stage == "终止":
        r.update(terminated_on=today - _days(rng, 10, 150), termination_reason=rng.choice(texts()["终止"]))
    if stage in ("预备党员", "正式党员"):
        approved = meeting + _days(rng, 20, min(75, max(20, (today - meeting).days)))
        probation_end = add_years(meeting, 1)
        r.update(higher_talk_on=meeting + _days(rng, 5, max(5, (approved - meeting).days - 3)), approved_on=approved,
                 probation_start=meeting, probation_end=probation_end)
        oath = approved + _days(rng, 3, 28)
        r["oath_on"] = oath if oath <= today else None
        if stage == "正式党员":
            confirm = probation_end + _days(rng, 0, 20)
            r.update(confirm_applied_on=probation_end - _days(rng, 7, 30), confirm_meeting_on=confirm,
                     confirm_approved_on=confirm + _days(rng, 10, 60))
    return {k: v for k, v in r.items() if not isinstance(v, date) or v <= today}


def _person(rng, people: People, today: date) -> tuple[dict, date]:
    sex = "女" if rng.random() < 0.55 else "男"
    age = rng.randint(23, 45)  # the earliest application stays after the 18th birthday (细则 第五条)
    birth = people.birth_for_age(age, today)
    name = people.name(sex, birth.year)
    cohort = "中" if birth.year < 1985 else "青"
    return {"name": name, "name_pinyin": people.keys(name).pinyin, "gender": Gender(sex), "ethnicity": "汉族",
            "birth_date": birth, "id_number": people.id_number(birth, sex), "education": EDUCATION[cohort].pick(rng),
            "job_post": JOBS["community"].pick(rng), "phone": people.phone(),
            "political_status": "共青团员" if age <= 28 and rng.random() < 0.7 else "群众"}, birth


def _full_members(b: Branch, day: date, exclude: set[int]) -> list[DemoMember]:
    return [m for m in b.members if m.full_on(day) and m.id not in exclude and m.away_on(day) is None
            and not any(k is EventKind.DISCIPLINE and d <= day < x.get("ends_on", d) for k, d, x in m.events)]


def _secretary(b: Branch, day: date) -> DemoMember | None:
    for t in b.terms:
        if t.start <= day and (t.ended_on is None or day < t.ended_on):
            return next((m for p, m in t.posts if p in (Post.SECRETARY, Post.ORGANISATION)), None)
    return None


def plan_development(rng, people: People, branches: list[Branch], members: list[DemoMember],
                     today: date) -> tuple[list[Case], list[Agenda]]:
    cases: list[Case] = []
    local = [m for m in members if m.full is None and not m.transferred_in]
    recent = [m for m in members if m.full is not None and not m.transferred_in and m.left_on is None
              and add_years(today, -3) <= m.join and (m.join - m.birth).days > 21 * 366]
    n = len(members)
    counts = {stage: max(low, round(n / per)) for stage, per, low in PIPELINE}
    plan = [("预备党员", m) for m in local]
    plan += [("正式党员", m) for m in rng.sample(recent, min(len(recent), counts["正式党员"]))]
    developing = [b for b in branches if b.kind != "retired"] or branches
    for stage in ("入党申请人", "积极分子", "发展对象", "终止"):
        plan += [(stage, None)] * counts[stage]
    agendas: list[Agenda] = []
    for stage, m in plan:
        if m is not None:
            b, meeting = m.branch, m.join
            row = {"member_id": m.id, "name": m.name, "name_pinyin": m.row["name_pinyin"], "gender": m.row["gender"],
                   "ethnicity": m.row["ethnicity"], "birth_date": m.birth, "id_number": m.row["id_number"],
                   "education": m.row["education"], "job_post": m.job, "phone": m.row["phone"],
                   "work_unit": m.row["work_unit"], "political_status": "共青团员" if m.age <= 28 else "群众"}
        else:
            b, meeting = rng.choice(developing), None
            row, _birth = _person(rng, people, today)
        row.update(org_id=b.id, rule_version="2026.05")
        dates = _timeline(rng, stage, today, meeting)
        if dates.get("activist_on"):
            dates["activist_method"] = "群团组织推优" if row["political_status"] == "共青团员" else "党员推荐"
        row.update(dates)
        case = Case(b, row)
        _people_and_documents(rng, case, today)
        cases.append(case)
        if row.get("branch_meeting_on"):
            agendas.append(Agenda(b, row["branch_meeting_on"], f"讨论接收{row['name']}为预备党员", case, "vote"))
        if row.get("confirm_meeting_on"):
            agendas.append(Agenda(b, row["confirm_meeting_on"], f"讨论{row['name']}同志预备党员转为正式党员", case,
                                  "confirm_vote"))
    return cases, agendas


def _people_and_documents(rng, case: Case, today: date) -> None:
    r, b = case.row, case.branch
    end = r.get("terminated_on") or r.get("confirm_approved_on") or today
    talker = _secretary(b, r["applied_on"])
    if talker is not None and r.get("talked_on"):
        case.people.append((DevelopmentRole.INTERVIEWER, talker, r["talked_on"], r["talked_on"]))
    mentors: list[DemoMember] = []
    if r.get("activist_on"):
        pool = _full_members(b, r["activist_on"], {r.get("member_id") or 0})
        mentors = rng.sample(pool, min(2, len(pool)))
        ended = r.get("terminated_on") or r.get("approved_on")
        for m in mentors:
            case.people.append((DevelopmentRole.MENTOR, m, r["activist_on"], ended))
    if r.get("candidate_on"):
        day = r["candidate_on"] + _days(rng, 3, 10)
        if day <= today:
            pool = _full_members(b, day, {r.get("member_id") or 0})
            sponsors = [m for m in mentors if m in pool] if rng.random() < 0.7 else []
            others = [m for m in pool if m not in sponsors]
            sponsors += rng.sample(others, min(2 - len(sponsors), len(others)))
            for m in sponsors[:2]:
                case.people.append((DevelopmentRole.SPONSOR, m, day, None))
    docs = case.docs
    docs.append((Doc.APPLICATION, None, r["applied_on"]))
    quarter = add_months(r["applied_on"], 3)
    while quarter <= end:
        q = (quarter.month - 1) // 3 + 1
        docs.append((Doc.THOUGHT_REPORT, f"{quarter.year}Q{q}", quarter))
        quarter = add_months(quarter, 3)
    if r.get("activist_on"):
        half = add_months(r["activist_on"], 6)
        while half <= min(end, r.get("candidate_on") or end):
            docs.append((Doc.HALF_YEAR_REVIEW, f"{half.year}H{1 if half.month <= 6 else 2}", half))
            half = add_months(half, 6)
    for kind, key in ((Doc.AUTOBIOGRAPHY, "candidate_on"), (Doc.POLITICAL_REVIEW, "political_review_on"),
                      (Doc.TRAINING_CERTIFICATE, "training_end"), (Doc.VOLUNTEER_FORM, "form_filled_on")):
        if r.get(key):
            docs.append((kind, None, r[key]))


def write_development(w: Writer, cases: list[Case]) -> None:
    rec, per, doc = DevelopmentRecord.__table__, DevelopmentPerson.__table__, DevelopmentDocument.__table__
    for case in cases:
        rid = w.add(rec, case.row)
        for role, m, on, ended in case.people:
            w.add(per, {"record_id": rid, "role": role, "member_id": m.id, "person_name": m.name,
                        "assigned_on": on, "ended_on": ended})
        for kind, period, on in case.docs:
            w.add(doc, {"record_id": rid, "kind": kind, "period": period, "received_on": on})
