"""志愿服务队: a team with its leader and members; archiving or deleting one keeps everyone's hours.

Leaving a team ends the membership (left_on) rather than deleting it, so who served in the
team on a given day stays known. Hours carry a copy of their team (VolunteerHours.team_id,
SET NULL when the team is deleted): a deleted team's hours stay with each person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import ServiceCategory, Volunteer, VolunteerActivity, VolunteerTeam, VolunteerTeamMember
from app.domain.errors import NotFoundError, ValidationError
from app.services.concurrency import require_version


@dataclass(frozen=True)
class TeamData:
    name: str
    org_id: int | None = None
    leader_id: int | None = None
    category_id: int | None = None
    founded_on: date | None = None
    notes: str | None = None


@dataclass(frozen=True)
class TeamMemberView:
    volunteer_id: int
    name: str
    joined_on: date | None
    left_on: date | None
    is_leader: bool


@dataclass(frozen=True)
class TeamView:
    id: int
    version: int
    data: TeamData
    category: str
    leader: str
    is_archived: bool
    archived_on: date | None
    members: tuple[TeamMemberView, ...]  # current first, then those who left

    def current(self, on: date | None = None) -> list[TeamMemberView]:
        """Members on ``on`` (today's when None)."""
        return [m for m in self.members if (m.left_on is None or (on is not None and m.left_on > on))
                and (on is None or m.joined_on is None or m.joined_on <= on)]


def get_team(session: Session, team_id: int) -> TeamView:
    t = session.get(VolunteerTeam, team_id)
    if t is None:
        raise NotFoundError("该服务队不存在（可能已被删除）。")
    category = session.get(ServiceCategory, t.category_id).name if t.category_id else ""
    rows = session.execute(
        select(VolunteerTeamMember, Volunteer.name).join(Volunteer, Volunteer.id == VolunteerTeamMember.volunteer_id)
        .where(VolunteerTeamMember.team_id == t.id)
        .order_by(VolunteerTeamMember.left_on.is_not(None), Volunteer.name_pinyin, Volunteer.id)).all()
    members = tuple(TeamMemberView(m.volunteer_id, name, m.joined_on, m.left_on, m.volunteer_id == t.leader_id)
                    for m, name in rows)
    leader = next((m.name for m in members if m.is_leader), "")
    if not leader and t.leader_id:
        leader = session.get(Volunteer, t.leader_id).name
    data = TeamData(t.name, t.org_id, t.leader_id, t.category_id, t.founded_on, t.notes)
    return TeamView(t.id, t.version, data, category, leader, t.is_archived, t.archived_on, members)


def save_team(session: Session, data: TeamData, *, team_id: int | None = None, version: int | None = None,
              today: date | None = None) -> TeamView:
    """Create or edit a team; the leader becomes a member if not one already."""
    name = " ".join((data.name or "").split())
    if not name:
        raise ValidationError("服务队名称", "不能为空")
    if len(name) > 100:
        raise ValidationError("服务队名称", "不能超过100个字")
    other = session.scalars(select(VolunteerTeam.id).where(VolunteerTeam.name == name,
                                                           VolunteerTeam.is_archived.is_(False))).first()
    if other is not None and other != team_id:
        raise ValidationError("服务队名称", f"已有名为“{name}”的服务队")
    if data.founded_on and data.founded_on > (today or date.today()):
        raise ValidationError("成立日期", "不能晚于今天")
    if data.leader_id is not None and session.get(Volunteer, data.leader_id) is None:
        raise ValidationError("队长", "该志愿者不存在")
    if team_id is None:
        t = VolunteerTeam()
        session.add(t)
    else:
        t = session.get(VolunteerTeam, team_id)
        require_version(t, version, "该服务队")
    t.name, t.org_id, t.leader_id, t.category_id = name, data.org_id, data.leader_id, data.category_id
    t.founded_on, t.notes = data.founded_on, (data.notes or "").strip() or None
    session.flush()
    if data.leader_id is not None:
        add_members(session, t.id, [data.leader_id], joined_on=data.founded_on)
    return get_team(session, t.id)


def add_members(session: Session, team_id: int, volunteer_ids: list[int], *, joined_on: date | None = None) -> int:
    """Add volunteers to a team (one who had left rejoins); returns how many joined."""
    if session.get(VolunteerTeam, team_id) is None:
        raise NotFoundError("该服务队不存在。")
    have = {m.volunteer_id: m for m in session.scalars(
        select(VolunteerTeamMember).where(VolunteerTeamMember.team_id == team_id))}
    added = 0
    for vid in dict.fromkeys(volunteer_ids):
        m = have.get(vid)
        if m is None:
            session.add(VolunteerTeamMember(team_id=team_id, volunteer_id=vid, joined_on=joined_on))
            added += 1
        elif m.left_on is not None:
            m.left_on, m.joined_on = None, joined_on or m.joined_on
            added += 1
    session.flush()
    return added


def leave_team(session: Session, team_id: int, volunteer_ids: list[int], *, on: date | None = None) -> int:
    """End memberships (the history stays); the leader cannot leave while leader."""
    t = session.get(VolunteerTeam, team_id)
    if t is None:
        raise NotFoundError("该服务队不存在。")
    if t.leader_id in volunteer_ids:
        raise ValidationError("队长", "请先为服务队另选队长，再让原队长退出")
    rows = session.scalars(select(VolunteerTeamMember).where(
        VolunteerTeamMember.team_id == team_id, VolunteerTeamMember.volunteer_id.in_(volunteer_ids),
        VolunteerTeamMember.left_on.is_(None))).all()
    for m in rows:
        m.left_on = on or date.today()
    session.flush()
    return len(rows)


def archive_team(session: Session, team_id: int, *, archived: bool = True, on: date | None = None) -> TeamView:
    """A disbanded team leaves the working lists; its activities and everyone's hours stay."""
    t = session.get(VolunteerTeam, team_id)
    if t is None:
        raise NotFoundError("该服务队不存在。")
    t.is_archived = archived
    t.archived_on = (on or date.today()) if archived else None
    session.flush()
    return get_team(session, t.id)


def delete_team(session: Session, team_id: int) -> int:
    """Delete a team created by mistake; activities lose their team, hours stay with the people (SET NULL).

    Returns the number of activities that named the team.
    """
    t = session.get(VolunteerTeam, team_id)
    if t is None:
        raise NotFoundError("该服务队不存在。")
    activities = session.scalar(select(func.count()).select_from(VolunteerActivity).where(
        VolunteerActivity.team_id == t.id)) or 0
    session.delete(t)
    session.flush()
    return activities


def team_choices(session: Session, *, include_archived: bool = False) -> list[tuple[int, str]]:
    stmt = select(VolunteerTeam.id, VolunteerTeam.name).order_by(VolunteerTeam.id)
    if not include_archived:
        stmt = stmt.where(VolunteerTeam.is_archived.is_(False))
    return [(i, n) for i, n in session.execute(stmt)]
