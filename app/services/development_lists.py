"""The 发展党员 lists higher levels ask for (rules-and-peers C) and the year's 发展党员工作情况统计.

Each list is the cases at one point of the procedure as of a day, with the dates its
layout prints. The figures of the statistics count at the year's end, ages reckoned then.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import DevelopmentPerson, DevelopmentRecord
from app.domain.dates import add_months, age_on
from app.domain.enums import DevelopmentRole
from app.domain.stats_bands import ADMISSION_AGES
from app.services.development_cases import judged

LISTS = {  # --list key → title, in the order of the command's choices
    "applicants": "入党申请人名册",
    "uninterviewed": "未谈话入党申请人名单",
    "activists": "入党积极分子名册",
    "candidates": "发展对象名册",
    "to-admit": "拟吸收预备党员名单",
    "probationary": "预备党员名册",
    "due-conversion": "可转正预备党员名单",
}


@dataclass(frozen=True)
class ListRow:
    record_id: int
    org_name: str
    name: str
    gender: str
    ethnicity: str
    birth_date: date | None
    id_number: str
    education: str
    work: str  # 工作单位及职务
    phone: str
    applied_on: date | None
    talked_on: date | None
    talk_deadline: date | None
    activist_on: date | None
    activist_method: str
    mentors: str
    candidate_on: date | None
    sponsors: str
    political_review: str  # date and conclusion
    training_passed_on: date | None
    pre_review_on: date | None
    branch_meeting_on: date | None
    higher_talk_on: date | None
    approved_on: date | None
    oath_on: date | None
    probation_end: date | None
    confirm_applied_on: date | None
    next_step: str
    deadline: date | None


def _people(session: Session, ids: list[int]) -> dict[tuple[int, DevelopmentRole], list[str]]:
    out: dict[tuple[int, DevelopmentRole], list[str]] = defaultdict(list)
    if ids:
        for rid, role, name, ended in session.execute(select(
                DevelopmentPerson.record_id, DevelopmentPerson.role, DevelopmentPerson.person_name,
                DevelopmentPerson.ended_on).where(DevelopmentPerson.record_id.in_(ids)).order_by(DevelopmentPerson.id)):
            if ended is None:
                out[(rid, role)].append(name)
    return out


def _selected(kind: str, stage: str, r: DevelopmentRecord, on: date) -> bool:
    if kind == "applicants":
        return stage == "入党申请人"
    if kind == "uninterviewed":
        return stage == "入党申请人" and r.talked_on is None
    if kind == "activists":
        return stage == "积极分子"
    if kind == "candidates":
        return stage == "发展对象"
    if kind == "to-admit":  # passed the 预审, awaiting 支部大会 or approval (第十八至二十五条)
        return stage == "发展对象" and r.pre_review_on is not None
    if kind == "probationary":
        return stage == "预备党员"
    if kind == "due-conversion":  # the 预备期 ends within two months, or has ended without 转正
        end = r.probation_extended_to or (add_months(r.branch_meeting_on, 12) if r.branch_meeting_on else None)
        return stage == "预备党员" and end is not None and end <= add_months(on, 2)
    raise KeyError(kind)


def development_list(session: Session, kind: str, on: date, *, org_ids: set[int] | None = None) -> list[ListRow]:
    """The cases of one list (a key of ``LISTS``) as of ``on``."""
    return development_lists(session, [kind], on, org_ids=org_ids)[kind]


def development_lists(session: Session, kinds, on: date, *, org_ids: set[int] | None = None
                      ) -> dict[str, list[ListRow]]:
    """Several lists at once, every case judged once."""
    unknown = [k for k in kinds if k not in LISTS]
    if unknown:
        raise KeyError(unknown[0])
    views = {v.record_id: v for v in judged(session, on)}
    records = [r for r in session.scalars(select(DevelopmentRecord).order_by(
        DevelopmentRecord.org_id, DevelopmentRecord.applied_on, DevelopmentRecord.id)) if r.id in views
        and (org_ids is None or r.org_id in org_ids)]
    people = _people(session, [r.id for r in records])
    out = {kind: [] for kind in kinds}
    for r in records:
        v = views[r.id]
        chosen = [kind for kind in kinds if _selected(kind, v.stage, r, on)]
        if not chosen:
            continue
        review = " ".join(x for x in ((r.political_review_on.isoformat() if r.political_review_on else ""),
                                      r.political_review_result or "") if x)
        row = ListRow(
            r.id, v.org_name, r.name, v.gender, r.ethnicity or "", r.birth_date, r.id_number or "", r.education or "",
            "".join(x for x in (r.work_unit, r.job_post) if x), r.phone or "", r.applied_on, r.talked_on,
            add_months(r.applied_on, 1) if r.applied_on and r.talked_on is None else None, r.activist_on,
            r.activist_method or "", "、".join(people.get((r.id, DevelopmentRole.MENTOR), [])), r.candidate_on,
            "、".join(people.get((r.id, DevelopmentRole.SPONSOR), [])), review, r.training_passed_on, r.pre_review_on,
            r.branch_meeting_on, r.higher_talk_on, r.approved_on, r.oath_on, v.probation_end, r.confirm_applied_on,
            v.next_step, v.deadline,
        )
        for kind in chosen:
            out[kind].append(row)
    return out


# -- 发展党员工作情况统计 ----------------------------------------------------------------

COLLEGE = ("研究生", "大学本科", "大学专科")
SECONDARY = ("中专", "高中", "中技", "中等专科", "职业高中", "技工学校")


@dataclass(frozen=True)
class StageFigures:
    total: int
    female: int
    minority: int
    age_35_and_under: int
    college_and_above: int
    secondary: int


@dataclass(frozen=True)
class DevelopmentStats:
    year: int
    admitted: int  # 发展党员: admitted (上级党委审批) in the year
    admitted_female: int
    admitted_minority: int
    admitted_by_age: dict[str, int]
    admitted_by_education: dict[str, int]
    admitted_by_occupation: dict[str, int]
    converted: int  # 转正 approved in the year
    stages: dict[str, StageFigures]  # 入党申请人 / 积极分子 / 发展对象 / 预备党员 at the year's end
    applications: int  # applications received in the year


def _band(age: int | None) -> str:
    """The 发展党员情况（一） age band (the one set in domain.stats_bands)."""
    return "未知" if age is None else ADMISSION_AGES.label_of(age)


def _education_band(text: str | None) -> str:
    text = text or ""
    if any(x in text for x in ("研究生", "博士", "硕士")):
        return "研究生"
    if "本科" in text:
        return "大学本科"
    if "专科" in text or "大专" in text:
        return "大学专科"
    if any(x in text for x in SECONDARY):
        return "中专、高中、中技"
    return "初中及以下" if text else "未填"


def development_stats(session: Session, year: int) -> DevelopmentStats:
    end = date(year, 12, 31)
    records = list(session.scalars(select(DevelopmentRecord)))
    views = {v.record_id: v for v in judged(session, end)}
    figures: dict[str, list] = defaultdict(list)
    admitted = [r for r in records if r.approved_on and r.approved_on.year == year]
    for r in records:
        v = views.get(r.id)
        if v is not None and v.stage in ("入党申请人", "积极分子", "发展对象", "预备党员"):
            figures[v.stage].append(r)

    def count(rows) -> StageFigures:
        ages = [age_on(r.birth_date, end) if r.birth_date else None for r in rows]
        edu = [_education_band(r.education) for r in rows]
        return StageFigures(
            len(rows), sum(1 for r in rows if r.gender and r.gender.value == "女"),
            sum(1 for r in rows if r.ethnicity and r.ethnicity != "汉族"),
            sum(1 for a in ages if a is not None and a <= 35), sum(1 for e in edu if e in COLLEGE),
            sum(1 for e in edu if e == "中专、高中、中技"),
        )

    def tally(values) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for v in values:
            out[v] += 1
        return dict(sorted(out.items()))

    return DevelopmentStats(
        year, len(admitted), sum(1 for r in admitted if r.gender and r.gender.value == "女"),
        sum(1 for r in admitted if r.ethnicity and r.ethnicity != "汉族"),
        {label: n for label, n in tally(_band(age_on(r.birth_date, end) if r.birth_date else None)
                                        for r in admitted).items()},
        tally(_education_band(r.education) for r in admitted),
        tally((r.job_post or "未填") for r in admitted),
        sum(1 for r in records if r.confirm_approved_on and r.confirm_approved_on.year == year),
        {stage: count(rows) for stage, rows in ((s, figures.get(s, [])) for s in
                                                ("入党申请人", "积极分子", "发展对象", "预备党员"))},
        sum(1 for r in records if r.applied_on and r.applied_on.year == year),
    )
