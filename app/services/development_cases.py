"""发展党员 cases read from the database and judged by the rules (app.domain.development_*).

A ``DevelopmentRecord`` with its people and documents becomes a domain ``Case``; each
培养联系人 and 入党介绍人 who is on the roster is looked up there (正式 since when, left
when, a discipline in its 影响期 on the day that matters). The working-day calendar is
the holiday table in the database (seeded from data/holidays.tsv; the clerk may add a year).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import DevelopmentDocument, DevelopmentPerson, DevelopmentRecord, HolidayOverride, Member
from app.db.models import MembershipEvent
from app.domain.dates import add_months
from app.domain.development_case import Case, Document, LocalRules, Person, Vote
from app.domain.development_next import Assessment, assess
from app.domain.enums import DevelopmentRole, DevelopmentStage, DisciplineType, EventKind, MemberCategory
from app.domain.workdays import WorkCalendar
from app.services import settings
from app.services.views._common import org_names

# 影响期 (中国共产党纪律处分条例 第十条): 警告 一年, 严重警告 一年半, 撤销党内职务 二年; 留党察看 until restored
DISCIPLINE_MONTHS = {DisciplineType.WARNING.value: 12, DisciplineType.SERIOUS_WARNING.value: 18,
                     DisciplineType.REMOVAL_FROM_POST.value: 24}
JSON_STAGE = {"积极分子": "入党积极分子"}  # the stage names of the 细则 in the JSON output


def work_calendar(session: Session) -> WorkCalendar:
    rows = session.execute(select(HolidayOverride.day, HolidayOverride.is_workday)).all()
    return WorkCalendar.from_rows((d, w) for d, w in rows)


def local_rules(session: Session) -> LocalRules:
    extra = settings.get(session, "development.extra_documents") or ""
    return LocalRules(
        min_days_to_activist=max(0, int(settings.get(session, "development.min_days_to_activist") or 0)),
        quarterly_reports=bool(settings.get(session, "development.quarterly_reports")),
        extra_documents=tuple(x.strip() for x in str(extra).replace("，", ",").replace("、", ",").split(",") if x.strip()),
    )


def _vote(r: DevelopmentRecord, prefix: str) -> Vote | None:
    values = [getattr(r, f"{prefix}_{k}") for k in ("eligible", "present", "yes", "no", "abstain")]
    if all(v is None for v in values):
        return None
    eligible, present, yes, no, abstain = (v or 0 for v in values)
    return Vote(eligible, present, yes, no, abstain)


@dataclass(frozen=True)
class _Roster:
    full_since: dict[int, date | None]
    left_on: dict[int, date | None]
    disciplines: dict[int, list[tuple[date, date | None, str]]]

    def person(self, p: DevelopmentPerson, day: date | None) -> Person:
        if p.member_id is None:
            return Person(p.person_name, None, None, p.assigned_on)
        when = max(day, p.assigned_on) if day and p.assigned_on else (day or p.assigned_on)
        barred = ""
        for start, ends, kind in self.disciplines.get(p.member_id, ()):
            if when is None or start > when:
                continue
            months = DISCIPLINE_MONTHS.get(kind)
            until = ends or (add_months(start, months) if months else None)
            if until is None or when < until:
                barred = kind
        return Person(p.person_name, self.full_since.get(p.member_id), self.left_on.get(p.member_id), p.assigned_on,
                      barred)


def _roster(session: Session, member_ids: set[int]) -> _Roster:
    full, left, disc = {}, {}, defaultdict(list)
    if member_ids:
        for mid, category, full_date, left_on in session.execute(select(
                Member.id, Member.category, Member.full_date, Member.left_on).where(Member.id.in_(member_ids))):
            full[mid] = full_date if category is MemberCategory.FULL else None
            if category is MemberCategory.FULL and full_date is None:
                full[mid] = date.min  # 正式 of old standing whose 转正日期 is not on file
            left[mid] = left_on
        for mid, day, kind, ends in session.execute(select(
                MembershipEvent.member_id, MembershipEvent.event_date, MembershipEvent.subtype, MembershipEvent.ends_on)
                .where(MembershipEvent.kind == EventKind.DISCIPLINE, MembershipEvent.member_id.in_(member_ids))):
            disc[mid].append((day, ends, kind or ""))
    return _Roster(full, left, dict(disc))


def build_cases(session: Session, records: list[DevelopmentRecord]) -> dict[int, Case]:
    """record id → its Case, people looked up on the roster."""
    ids = [r.id for r in records]
    people: dict[int, list[DevelopmentPerson]] = defaultdict(list)
    docs: dict[int, list[Document]] = defaultdict(list)
    if ids:
        for p in session.scalars(select(DevelopmentPerson).where(DevelopmentPerson.record_id.in_(ids))
                                 .order_by(DevelopmentPerson.id)):
            people[p.record_id].append(p)
        for d in session.scalars(select(DevelopmentDocument).where(DevelopmentDocument.record_id.in_(ids))):
            docs[d.record_id].append(Document(d.kind.value, d.period or "", d.received_on))
    roster = _roster(session, {p.member_id for ps in people.values() for p in ps if p.member_id})
    out = {}
    for r in records:
        mine = people.get(r.id, [])
        # those who served the 积极分子 period: still assigned, or until the 发展对象 stage (or later) began
        mentors = tuple(roster.person(p, r.activist_on) for p in mine if p.role is DevelopmentRole.MENTOR and (
            p.ended_on is None or (r.candidate_on is not None and p.ended_on >= r.candidate_on)))
        sponsors = tuple(roster.person(p, r.candidate_on) for p in mine if p.role is DevelopmentRole.SPONSOR)
        out[r.id] = Case(
            r.name, birth_date=r.birth_date, transferred_in=bool(r.transferred_in), leaving_on=r.leaving_on,
            applied_on=r.applied_on, talked_on=r.talked_on, activist_on=r.activist_on,
            activist_method=r.activist_method or "", activist_filed_on=r.activist_filed_on,
            candidate_on=r.candidate_on, publicity_start=r.publicity_start, publicity_end=r.publicity_end,
            political_review_on=r.political_review_on, political_review_result=r.political_review_result or "",
            training_start=r.training_start, training_end=r.training_end, training_days=r.training_days,
            training_hours=r.training_hours, training_passed_on=r.training_passed_on, pre_review_on=r.pre_review_on,
            form_filled_on=r.form_filled_on, branch_meeting_on=r.branch_meeting_on, vote=_vote(r, "vote"),
            higher_talk_on=r.higher_talk_on, approved_on=r.approved_on, oath_on=r.oath_on,
            probation_extended_to=r.probation_extended_to, extension_count=1 if r.probation_extended_to else 0,
            confirm_applied_on=r.confirm_applied_on, confirm_meeting_on=r.confirm_meeting_on,
            confirm_vote=_vote(r, "confirm_vote"), confirm_approved_on=r.confirm_approved_on,
            terminated_on=r.terminated_on, mentors=mentors, sponsors=sponsors, documents=tuple(docs.get(r.id, ())),
        )
    return out


@dataclass(frozen=True)
class CaseView:
    """One case on a day: who, where it stands, what is next and by when, what is wrong."""

    record_id: int
    name: str
    id_number: str
    gender: str
    org_name: str
    phone: str
    stage: str
    next_step: str
    earliest: date | None
    deadline: date | None
    provisional: bool
    warnings: tuple[tuple[str | None, str], ...]  # (article or None for local practice, message)
    overdue: bool
    probation_end: date | None
    rule_version: str
    member_id: int | None

    def as_json(self) -> dict:
        return {
            "name": self.name, "id_number": self.id_number or None, "stage": JSON_STAGE.get(self.stage, self.stage),
            "next_step": self.next_step or None,
            "earliest": self.earliest.isoformat() if self.earliest else None,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "provisional": self.provisional,
            "warnings": [{"article": a, "message": m} for a, m in self.warnings],
        }


def _view(r: DevelopmentRecord, a: Assessment, on: date, names: dict[int, str]) -> CaseView:
    step = a.next
    return CaseView(
        r.id, r.name, r.id_number or "", r.gender.value if r.gender else "", names.get(r.org_id, ""), r.phone or "",
        a.stage.value, step.step if step else "", step.earliest if step else None, step.deadline if step else None,
        a.provisional, tuple((f.article, f.message) for f in a.findings), a.overdue(on), a.probation_end,
        r.rule_version, r.member_id,
    )


def judged(session: Session, on: date, *, record_ids: list[int] | None = None,
           open_only: bool = False) -> list[CaseView]:
    """Every case (or those asked for) judged as of ``on``, by stage, then the earliest application first."""
    stmt = select(DevelopmentRecord).order_by(DevelopmentRecord.applied_on, DevelopmentRecord.id)
    if record_ids is not None:
        stmt = stmt.where(DevelopmentRecord.id.in_(record_ids))
    records = [r for r in session.scalars(stmt) if r.applied_on is None or r.applied_on <= on]
    cases = build_cases(session, records)
    calendar, local = work_calendar(session), local_rules(session)
    names = org_names(session, qualify_groups=True)
    out = []
    for r in records:
        a = assess(cases[r.id], on, calendar, local)
        if open_only and not a.open:
            continue
        out.append(_view(r, a, on, names))
    order = {s.value: i for i, s in enumerate(DevelopmentStage)}
    out.sort(key=lambda v: order[v.stage])  # stable: within a stage, the earliest application first
    return out


def open_cases(session: Session, on: date) -> list[CaseView]:
    """The cases still on their way (入党申请人 … 预备党员) as of ``on``."""
    return judged(session, on, open_only=True)


def due_within(session: Session, on: date, days: int = 30) -> list[CaseView]:
    """首页: open cases whose next step falls due within ``days`` (or is overdue), soonest first."""
    from datetime import timedelta

    horizon = on + timedelta(days=days)
    due = [c for c in open_cases(session, on) if c.deadline is not None and c.deadline <= horizon]
    return sorted(due, key=lambda c: (c.deadline, c.name))
