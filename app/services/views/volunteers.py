"""志愿服务 page: volunteers with their confirmed hours, teams, and activities.

Only confirmed hours (已确认) count (志愿服务记录与证明出具办法 第八条: hours are
recorded after the service is confirmed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app.db.models import (
    ServiceCategory,
    Volunteer,
    VolunteerActivity,
    VolunteerHours,
    VolunteerTeam,
    VolunteerTeamMember,
)
from app.domain.enums import HoursState
from app.services.views._common import org_names, year_bounds

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class VolunteerRow:
    id: int
    name: str
    kind: str
    is_member: bool
    gender: str
    phone: str
    registered_on: date | None
    volunteer_no: str
    skills: str
    hours: Decimal


@dataclass(frozen=True)
class TeamRow:
    id: int
    name: str
    org_name: str
    category: str
    leader: str
    founded_on: date | None
    members: int
    activities: int


@dataclass(frozen=True)
class ActivityRow:
    id: int
    activity_date: date
    title: str
    category: str
    team: str
    place: str
    beneficiaries: int
    participants: int
    hours: Decimal


def _confirmed():
    return VolunteerHours.state == HoursState.CONFIRMED


def list_volunteers(session: Session, *, include_archived: bool = False) -> list[VolunteerRow]:
    hours = (
        select(VolunteerHours.volunteer_id, func.sum(VolunteerHours.hours).label("h"))
        .where(_confirmed())
        .group_by(VolunteerHours.volunteer_id)
        .subquery()
    )
    stmt = select(Volunteer, hours.c.h).outerjoin(hours, hours.c.volunteer_id == Volunteer.id)
    if not include_archived:
        stmt = stmt.where(Volunteer.is_archived.is_(False))
    stmt = stmt.order_by(Volunteer.name_pinyin, Volunteer.id)
    return [
        VolunteerRow(
            v.id, v.name, v.kind.value, v.member_id is not None, v.gender or "", v.phone or "", v.registered_on,
            v.volunteer_no or "", v.skills or "", h if h is not None else ZERO,
        )
        for v, h in session.execute(stmt)
    ]


def list_teams(session: Session) -> list[TeamRow]:
    names = org_names(session)
    leader = aliased(Volunteer)
    members = (
        select(VolunteerTeamMember.team_id, func.count().label("n"))
        .where(VolunteerTeamMember.left_on.is_(None))
        .group_by(VolunteerTeamMember.team_id)
        .subquery()
    )
    activities = (
        select(VolunteerActivity.team_id, func.count().label("n")).group_by(VolunteerActivity.team_id).subquery()
    )
    stmt = (
        select(VolunteerTeam, ServiceCategory.name, leader.name, members.c.n, activities.c.n)
        .outerjoin(ServiceCategory, ServiceCategory.id == VolunteerTeam.category_id)
        .outerjoin(leader, leader.id == VolunteerTeam.leader_id)
        .outerjoin(members, members.c.team_id == VolunteerTeam.id)
        .outerjoin(activities, activities.c.team_id == VolunteerTeam.id)
        .where(VolunteerTeam.is_archived.is_(False))
        .order_by(VolunteerTeam.id)
    )
    return [
        TeamRow(t.id, t.name, names.get(t.org_id, "") if t.org_id else "", cat or "", lead or "", t.founded_on,
                m or 0, a or 0)
        for t, cat, lead, m, a in session.execute(stmt)
    ]


def list_activities(session: Session, *, year: int | None = None) -> list[ActivityRow]:
    """Activities, newest first, with participants (people with hours) and confirmed hours."""
    per_activity = (
        select(
            VolunteerHours.activity_id,
            func.count(func.distinct(VolunteerHours.volunteer_id)).label("people"),
            func.sum(VolunteerHours.hours).filter(_confirmed()).label("h"),
        )
        .where(VolunteerHours.activity_id.is_not(None))
        .group_by(VolunteerHours.activity_id)
        .subquery()
    )
    stmt = (
        select(VolunteerActivity, ServiceCategory.name, VolunteerTeam.name, per_activity.c.people, per_activity.c.h)
        .outerjoin(ServiceCategory, ServiceCategory.id == VolunteerActivity.category_id)
        .outerjoin(VolunteerTeam, VolunteerTeam.id == VolunteerActivity.team_id)
        .outerjoin(per_activity, per_activity.c.activity_id == VolunteerActivity.id)
        .where(VolunteerActivity.is_archived.is_(False))
    )
    if year is not None:
        first, last = year_bounds(year)
        stmt = stmt.where(VolunteerActivity.activity_date >= first, VolunteerActivity.activity_date <= last)
    stmt = stmt.order_by(VolunteerActivity.activity_date.desc(), VolunteerActivity.id.desc())
    return [
        ActivityRow(a.id, a.activity_date, a.title, cat or "", team or "", a.place or "", a.beneficiaries or 0,
                    people or 0, h if h is not None else ZERO)
        for a, cat, team, people, h in session.execute(stmt)
    ]


@dataclass(frozen=True)
class VolunteerTotals:
    volunteers: int
    member_volunteers: int
    teams: int
    activities: int
    beneficiaries: int
    hours: Decimal


def totals(session: Session, year: int) -> VolunteerTotals:
    """Counts for the home page and the statistics: registered by the year's end, and the year's service."""
    first, last = year_bounds(year)
    registered = (Volunteer.is_archived.is_(False)) & (
        Volunteer.registered_on.is_(None) | (Volunteer.registered_on <= last)
    )
    volunteers = session.scalar(select(func.count()).select_from(Volunteer).where(registered)) or 0
    members = session.scalar(
        select(func.count()).select_from(Volunteer).where(registered, Volunteer.member_id.is_not(None))
    ) or 0
    teams = session.scalar(
        select(func.count()).select_from(VolunteerTeam).where(
            VolunteerTeam.is_archived.is_(False),
            VolunteerTeam.founded_on.is_(None) | (VolunteerTeam.founded_on <= last),
        )
    ) or 0
    in_year = (VolunteerActivity.activity_date >= first) & (VolunteerActivity.activity_date <= last)
    activities, beneficiaries = session.execute(
        select(func.count(), func.coalesce(func.sum(VolunteerActivity.beneficiaries), 0)).where(
            in_year, VolunteerActivity.is_archived.is_(False)
        )
    ).one()
    hours = session.scalar(
        select(func.sum(VolunteerHours.hours)).where(
            _confirmed(), VolunteerHours.service_date >= first, VolunteerHours.service_date <= last
        )
    )
    return VolunteerTotals(volunteers, members, teams, activities or 0, int(beneficiaries or 0),
                           hours if hours is not None else ZERO)
