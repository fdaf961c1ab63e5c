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
    CommunityReport,
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
    id_type: str = ""
    id_number: str = ""
    is_archived: bool = False
    teams: str = ""
    search: str = ""  # name, pinyin, initials, numbers: what the page's search box matches

    @property
    def category(self) -> str:
        return "团体" if self.kind == "团体" else ("党员" if self.is_member else "群众")


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
    is_archived: bool = False
    hours: Decimal = ZERO  # confirmed hours of the team's activities (kept after an activity is deleted)


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
    pending: int = 0  # participants whose hours wait for confirmation
    is_archived: bool = False


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
    stmt = stmt.order_by(Volunteer.is_archived, Volunteer.name_pinyin, Volunteer.id)
    teams: dict[int, list[str]] = {}
    for vid, name in session.execute(
            select(VolunteerTeamMember.volunteer_id, VolunteerTeam.name)
            .join(VolunteerTeam, VolunteerTeam.id == VolunteerTeamMember.team_id)
            .where(VolunteerTeamMember.left_on.is_(None), VolunteerTeam.is_archived.is_(False))
            .order_by(VolunteerTeam.id)):
        teams.setdefault(vid, []).append(name)
    return [
        VolunteerRow(
            v.id, v.name, v.kind.value, v.member_id is not None, v.gender or "", v.phone or "", v.registered_on,
            v.volunteer_no or "", v.skills or "", h if h is not None else ZERO, v.id_type.value, v.id_number or "",
            v.is_archived, "、".join(teams.get(v.id, [])),
            " ".join(x for x in (v.name, v.name_pinyin.replace(" ", ""), v.name_initials, v.volunteer_no or "",
                                 v.id_number or "", v.phone or "") if x).lower(),
        )
        for v, h in session.execute(stmt)
    ]


def list_teams(session: Session, *, include_archived: bool = False) -> list[TeamRow]:
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
    served = (
        select(VolunteerHours.team_id, func.sum(VolunteerHours.hours).label("h")).where(_confirmed())
        .group_by(VolunteerHours.team_id).subquery()
    )
    stmt = (
        select(VolunteerTeam, ServiceCategory.name, leader.name, members.c.n, activities.c.n, served.c.h)
        .outerjoin(ServiceCategory, ServiceCategory.id == VolunteerTeam.category_id)
        .outerjoin(leader, leader.id == VolunteerTeam.leader_id)
        .outerjoin(members, members.c.team_id == VolunteerTeam.id)
        .outerjoin(activities, activities.c.team_id == VolunteerTeam.id)
        .outerjoin(served, served.c.team_id == VolunteerTeam.id)
        .order_by(VolunteerTeam.is_archived, VolunteerTeam.id)
    )
    if not include_archived:
        stmt = stmt.where(VolunteerTeam.is_archived.is_(False))
    return [
        TeamRow(t.id, t.name, names.get(t.org_id, "") if t.org_id else "", cat or "", lead or "", t.founded_on,
                m or 0, a or 0, t.is_archived, h if h is not None else ZERO)
        for t, cat, lead, m, a, h in session.execute(stmt)
    ]


def list_activities(session: Session, *, year: int | None = None,
                    include_archived: bool = False) -> list[ActivityRow]:
    """Activities, newest first, with participants (people with hours) and confirmed hours."""
    per_activity = (
        select(
            VolunteerHours.activity_id,
            func.count(func.distinct(VolunteerHours.volunteer_id)).label("people"),
            func.sum(VolunteerHours.hours).filter(_confirmed()).label("h"),
            func.count().filter(VolunteerHours.state == HoursState.PENDING).label("pending"),
        )
        .where(VolunteerHours.activity_id.is_not(None))
        .group_by(VolunteerHours.activity_id)
        .subquery()
    )
    stmt = (
        select(VolunteerActivity, ServiceCategory.name, VolunteerTeam.name, per_activity.c.people, per_activity.c.h,
               per_activity.c.pending)
        .outerjoin(ServiceCategory, ServiceCategory.id == VolunteerActivity.category_id)
        .outerjoin(VolunteerTeam, VolunteerTeam.id == VolunteerActivity.team_id)
        .outerjoin(per_activity, per_activity.c.activity_id == VolunteerActivity.id)
    )
    if not include_archived:
        stmt = stmt.where(VolunteerActivity.is_archived.is_(False))
    if year is not None:
        first, last = year_bounds(year)
        stmt = stmt.where(VolunteerActivity.activity_date >= first, VolunteerActivity.activity_date <= last)
    stmt = stmt.order_by(VolunteerActivity.activity_date.desc(), VolunteerActivity.id.desc())
    return [
        ActivityRow(a.id, a.activity_date, a.title, cat or "", team or "", a.place or "", a.beneficiaries or 0,
                    people or 0, h if h is not None else ZERO, pending or 0, a.is_archived)
        for a, cat, team, people, h, pending in session.execute(stmt)
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
    """Counts for the home page and the statistics: registered by the year's end, and the year's service.

    An archived activity (a closed project) still happened and counts; a 注销 volunteer counts until then.
    """
    first, last = year_bounds(year)
    registered = (Volunteer.is_archived.is_(False) | (Volunteer.archived_on > last)) & (
        Volunteer.registered_on.is_(None) | (Volunteer.registered_on <= last)
    )
    volunteers = session.scalar(select(func.count()).select_from(Volunteer).where(registered)) or 0
    reporters = select(CommunityReport.volunteer_id).where(CommunityReport.volunteer_id.is_not(None))
    members = session.scalar(  # members of this community, and 在职党员 who reported to it
        select(func.count()).select_from(Volunteer).where(
            registered, Volunteer.member_id.is_not(None) | Volunteer.id.in_(reporters))
    ) or 0
    teams = session.scalar(
        select(func.count()).select_from(VolunteerTeam).where(
            VolunteerTeam.is_archived.is_(False),
            VolunteerTeam.founded_on.is_(None) | (VolunteerTeam.founded_on <= last),
        )
    ) or 0
    in_year = (VolunteerActivity.activity_date >= first) & (VolunteerActivity.activity_date <= last)
    activities, beneficiaries = session.execute(
        select(func.count(), func.coalesce(func.sum(VolunteerActivity.beneficiaries), 0)).where(in_year)
    ).one()
    hours = session.scalar(
        select(func.sum(VolunteerHours.hours)).where(
            _confirmed(), VolunteerHours.service_date >= first, VolunteerHours.service_date <= last
        )
    )
    return VolunteerTotals(volunteers, members, teams, activities or 0, int(beneficiaries or 0),
                           hours if hours is not None else ZERO)


def available_years(session: Session, *, today: date | None = None) -> list[int]:
    """Years with activities or hours, and this year, newest first."""
    today = today or date.today()
    first = session.scalar(select(func.min(VolunteerHours.service_date)))
    first_activity = session.scalar(select(func.min(VolunteerActivity.activity_date)))
    starts = [d.year for d in (first, first_activity) if d is not None]
    return list(range(today.year, min(starts + [today.year]) - 1, -1))
