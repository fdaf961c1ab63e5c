"""Confirmed service hours over a period: per person, per activity, per month, per team — one set of rows.

Every total is a sum over the same confirmed entries (志愿服务记录与证明出具办法 第三条: 真实、准确、
完整), so the per-person sheet, the detail sheet, the monthly sheet for the upstream platform and
the team totals always add up to the same figure. An entry counts by its own copied date, team and
organisation, so hours whose activity or team was deleted still count for their month and year.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from app.db.models import (
    Member, Organisation, ServiceCategory, Volunteer, VolunteerActivity, VolunteerHours, VolunteerTeam,
)
from app.domain.enums import HoursState, VolunteerKind
from app.domain.volunteer_rules import Period
from app.services import audit
from app.services.organisation_tree import subtree_ids
from app.services.organisations import top_organisation

ZERO = Decimal("0.00")
NO_TEAM = "（未属服务队）"


@dataclass(frozen=True)
class HoursLine:
    hours_id: int
    activity_id: int | None
    volunteer_id: int
    name: str
    id_type: str
    id_number: str
    volunteer_no: str
    service_date: date
    title: str
    category: str
    team: str
    org_name: str
    place: str
    hours: Decimal
    confirmed_by: str
    confirmed_on: date | None
    notes: str


@dataclass(frozen=True)
class PersonTotal:
    volunteer_id: int
    name: str
    kind: str
    is_member: bool
    gender: str
    id_type: str
    id_number: str
    volunteer_no: str
    phone: str
    times: int  # entries (participations) in the period
    hours: Decimal
    first: date
    last: date


@dataclass(frozen=True)
class PersonMonth:
    person: PersonTotal
    year: int
    month: int
    times: int
    hours: Decimal


@dataclass(frozen=True)
class HoursReport:
    period: Period
    org_name: str
    people: list[PersonTotal]  # ordered by pinyin
    lines: list[HoursLine]  # ordered by person, then date

    @property
    def total(self) -> Decimal:
        return sum((line.hours for line in self.lines), ZERO)

    def by_month(self) -> dict[tuple[int, int], Decimal]:
        out = {ym: ZERO for ym in self.period.months}
        for line in self.lines:
            key = (line.service_date.year, line.service_date.month)
            out[key] = out.get(key, ZERO) + line.hours
        return out

    def by_team(self) -> dict[str, Decimal]:
        out: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for line in self.lines:
            out[line.team or NO_TEAM] += line.hours
        return dict(sorted(out.items(), key=lambda kv: (kv[0] == NO_TEAM, -kv[1], kv[0])))

    def person_months(self) -> list[PersonMonth]:
        """One row per person and month with service: the sheet upstream platforms take for batch entry."""
        people = {p.volunteer_id: p for p in self.people}
        acc: dict[tuple[int, int, int], list] = {}
        for line in self.lines:
            key = (line.volunteer_id, line.service_date.year, line.service_date.month)
            cell = acc.setdefault(key, [0, ZERO])
            cell[0] += 1
            cell[1] += line.hours
        order = {p.volunteer_id: i for i, p in enumerate(self.people)}
        return [PersonMonth(people[v], y, m, n, h)
                for (v, y, m), (n, h) in sorted(acc.items(), key=lambda kv: (order[kv[0][0]], kv[0][1], kv[0][2]))]


def scope_ids(session: Session, org_id: int | None) -> list[int] | None:
    """Organisation ids in scope, or None for everything (no organisation, or the top one)."""
    if org_id is None:
        return None
    top = top_organisation(session)
    if top is not None and top.id == org_id:
        return None
    return subtree_ids(session, org_id)


def hours_report(session: Session, period: Period, *, org_id: int | None = None,
                 volunteer_id: int | None = None) -> HoursReport:
    """Confirmed hours served in ``period`` (by organisation, sub-tree included; or one volunteer)."""
    ids = scope_ids(session, org_id)
    team, org, cat = aliased(VolunteerTeam), aliased(Organisation), aliased(ServiceCategory)
    stmt = (
        select(VolunteerHours, Volunteer, team.name, org.name, org.short_name, cat.name, VolunteerActivity.place)
        .join(Volunteer, Volunteer.id == VolunteerHours.volunteer_id)
        .outerjoin(team, team.id == VolunteerHours.team_id)
        .outerjoin(org, org.id == VolunteerHours.org_id)
        .outerjoin(VolunteerActivity, VolunteerActivity.id == VolunteerHours.activity_id)
        .outerjoin(cat, cat.id == VolunteerActivity.category_id)
        .where(VolunteerHours.state == HoursState.CONFIRMED, VolunteerHours.service_date >= period.start,
               VolunteerHours.service_date <= period.end)
        .order_by(Volunteer.name_pinyin, Volunteer.id, VolunteerHours.service_date, VolunteerHours.id)
    )
    if ids is not None:
        stmt = stmt.where(VolunteerHours.org_id.in_(ids))
    if volunteer_id is not None:
        stmt = stmt.where(VolunteerHours.volunteer_id == volunteer_id)
    lines: list[HoursLine] = []
    people: dict[int, list] = {}
    for h, v, team_name, org_name, short, category, place in session.execute(stmt):
        lines.append(HoursLine(
            h.id, h.activity_id, v.id, v.name, v.id_type.value, v.id_number or "", v.volunteer_no or "",
            h.service_date, h.activity_title, category or "", team_name or "", short or org_name or "", place or "",
            h.hours, h.confirmed_by or "", h.confirmed_on, h.notes or ""))
        acc = people.get(v.id)
        if acc is None:
            people[v.id] = [v, 1, h.hours, h.service_date, h.service_date]
        else:
            acc[1] += 1
            acc[2] += h.hours
            acc[4] = h.service_date
    totals = [PersonTotal(v.id, v.name, v.kind.value, v.member_id is not None, v.gender or "", v.id_type.value,
                          v.id_number or "", v.volunteer_no or "", v.phone or "", n, hours, first, last)
              for v, n, hours, first, last in people.values()]
    return HoursReport(period, _org_label(session, org_id), totals, lines)


def _org_label(session: Session, org_id: int | None) -> str:
    if org_id is not None:
        org = session.get(Organisation, org_id)
        if org is not None:
            return org.name
    top = top_organisation(session)
    return top.name if top else "本级党组织"


def volunteer_scope(session: Session, ids: list[int] | None):
    """A condition on Volunteer for an organisation: its own org, or for a member his branch (None: all)."""
    if ids is None:
        return None
    member_org = select(Member.org_id).where(Member.id == Volunteer.member_id).scalar_subquery()
    return or_(Volunteer.org_id.in_(ids), (Volunteer.org_id.is_(None) & member_org.in_(ids)))


def kind_label(kind: str, is_member: bool) -> str:
    if kind == VolunteerKind.GROUP.value:
        return "团体"
    return "党员" if is_member else "群众"


def record_export(session: Session, report: HoursReport, target: str) -> None:
    """A sheet with whole ID numbers leaves the program: it goes into the audit log."""
    audit.record(session, "导出", "volunteer_hours", report.period.label,
                 f"导出含完整证件号码的志愿服务时长表（{report.org_name}{report.period.label}，{len(report.people)}人，"
                 f"{report.total}小时）到 {target}")
