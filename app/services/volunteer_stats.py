"""The 志愿服务 figures street and community reports quote, for a period and an organisation.

The reports count registered volunteers (党员/群众, 团体), teams, service categories, activities,
beneficiaries (人次), trainings and participation (人次), and the 在职党员 who reported to the
community (what-branches-report.md §6 and R9–R12, R24, R25, R35). Hours are added, totalled from
the same confirmed entries as the hours sheets (volunteer_hours).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.db.models import (
    CommunityReport, ServiceCategory, ServicePost, ServicePostClaim, Volunteer, VolunteerActivity, VolunteerHours,
    VolunteerTeam, VolunteerTraining, VolunteerTrainingParticipant,
)
from app.domain.enums import HoursState, VolunteerKind
from app.domain.volunteer_rules import Period
from app.services.volunteer_hours import ZERO, _org_label, scope_ids, volunteer_scope


@dataclass(frozen=True)
class StatLine:
    group: str
    label: str
    value: str
    how: str


@dataclass(frozen=True)
class VolunteerStats:
    period: Period
    org_name: str
    lines: list[StatLine]

    def value(self, label: str) -> str:
        return next(line.value for line in self.lines if line.label == label)


def _registered_by(day: date):
    """Registered on or before ``day`` and not yet 注销 then."""
    return and_(or_(Volunteer.registered_on.is_(None), Volunteer.registered_on <= day),
                or_(Volunteer.is_archived.is_(False),
                    and_(Volunteer.archived_on.is_not(None), Volunteer.archived_on > day)))


def _count(session: Session, stmt) -> int:
    return session.scalar(stmt) or 0


@dataclass(frozen=True)
class Headline:
    """The five 志愿服务 numbers of 统计 and every 工作总结: the same counts as ``volunteer_statistics``."""

    volunteers: int  # registered at the end, people and groups (each group 1)
    teams: int
    activities: int
    beneficiaries: int
    hours: Decimal  # confirmed


def _alive_team(end: date):
    """Founded by ``end`` and not dissolved then."""
    return and_(or_(VolunteerTeam.founded_on.is_(None), VolunteerTeam.founded_on <= end),
                or_(VolunteerTeam.is_archived.is_(False),
                    and_(VolunteerTeam.archived_on.is_not(None), VolunteerTeam.archived_on > end)))


def headline(session: Session, period: Period, *, org_id: int | None = None) -> Headline:
    """Only what 统计 shows of the volunteers, in four queries (``volunteer_statistics`` runs a dozen more)."""
    ids = scope_ids(session, org_id)
    end, start = period.end, period.start

    def scoped(stmt, column):
        return stmt if ids is None else stmt.where(column.in_(ids))

    vscope = volunteer_scope(session, ids)
    registered = select(func.count()).select_from(Volunteer).where(
        _registered_by(end), Volunteer.kind.in_((VolunteerKind.PERSON, VolunteerKind.GROUP)))
    teams = scoped(select(func.count()).select_from(VolunteerTeam).where(_alive_team(end)), VolunteerTeam.org_id)
    activities, beneficiaries = session.execute(scoped(select(
        func.count(), func.coalesce(func.sum(VolunteerActivity.beneficiaries), 0)).where(
        VolunteerActivity.activity_date >= start, VolunteerActivity.activity_date <= end), VolunteerActivity.org_id)).one()
    hours = session.scalar(scoped(select(func.sum(VolunteerHours.hours)).where(
        VolunteerHours.service_date >= start, VolunteerHours.service_date <= end,
        VolunteerHours.state == HoursState.CONFIRMED), VolunteerHours.org_id))
    return Headline(_count(session, registered if vscope is None else registered.where(vscope)),
                    _count(session, teams), activities or 0, int(beneficiaries or 0),
                    hours if hours is not None else ZERO)


def volunteer_statistics(session: Session, period: Period, *, org_id: int | None = None) -> VolunteerStats:
    ids = scope_ids(session, org_id)
    end, start = period.end, period.start

    def scoped(stmt, column):
        return stmt if ids is None else stmt.where(column.in_(ids))

    vscope = volunteer_scope(session, ids)
    reporters = select(CommunityReport.volunteer_id).where(CommunityReport.volunteer_id.is_not(None))

    def volunteers(*conditions) -> int:
        stmt = select(func.count()).select_from(Volunteer).where(_registered_by(end), *conditions)
        return _count(session, stmt if vscope is None else stmt.where(vscope))

    person = Volunteer.kind == VolunteerKind.PERSON
    members = volunteers(person, or_(Volunteer.member_id.is_not(None), Volunteer.id.in_(reporters)))
    people = volunteers(person)
    groups = volunteers(Volunteer.kind == VolunteerKind.GROUP)
    sizes = select(func.coalesce(func.sum(Volunteer.group_size), 0)).where(
        _registered_by(end), Volunteer.kind == VolunteerKind.GROUP)
    group_people = session.scalar(sizes if vscope is None else sizes.where(vscope))
    new = volunteers(Volunteer.registered_on >= start)
    alive_team = _alive_team(end)
    teams = _count(session, scoped(select(func.count()).select_from(VolunteerTeam).where(alive_team),
                                   VolunteerTeam.org_id))
    new_teams = _count(session, scoped(select(func.count()).select_from(VolunteerTeam).where(
        alive_team, VolunteerTeam.founded_on >= start), VolunteerTeam.org_id))
    in_period = and_(VolunteerActivity.activity_date >= start, VolunteerActivity.activity_date <= end)
    activities, beneficiaries = session.execute(scoped(select(
        func.count(), func.coalesce(func.sum(VolunteerActivity.beneficiaries), 0)).where(in_period),
        VolunteerActivity.org_id)).one()
    categories = session.scalars(scoped(
        select(ServiceCategory.name).join(VolunteerActivity, VolunteerActivity.category_id == ServiceCategory.id)
        .where(in_period).group_by(ServiceCategory.id, ServiceCategory.name, ServiceCategory.sort_order)
        .order_by(ServiceCategory.sort_order), VolunteerActivity.org_id)).all()
    served = and_(VolunteerHours.service_date >= start, VolunteerHours.service_date <= end)
    times, hours, servers = session.execute(scoped(select(
        func.count(), func.sum(VolunteerHours.hours), func.count(func.distinct(VolunteerHours.volunteer_id)))
        .where(served, VolunteerHours.state == HoursState.CONFIRMED), VolunteerHours.org_id)).one()
    hours = hours if hours is not None else ZERO
    pending = session.scalar(scoped(select(func.sum(VolunteerHours.hours)).where(
        served, VolunteerHours.state == HoursState.PENDING), VolunteerHours.org_id)) or ZERO
    average = (hours / servers).quantize(Decimal("0.01")) if servers else ZERO
    trained = and_(VolunteerTraining.trained_on >= start, VolunteerTraining.trained_on <= end)
    trainings = _count(session, scoped(select(func.count()).select_from(VolunteerTraining).where(trained),
                                       VolunteerTraining.org_id))
    trainees = _count(session, scoped(select(func.count()).select_from(VolunteerTrainingParticipant).join(
        VolunteerTraining, VolunteerTraining.id == VolunteerTrainingParticipant.training_id).where(trained),
        VolunteerTraining.org_id))
    on_books = and_(CommunityReport.reported_on <= end,
                    or_(CommunityReport.left_on.is_(None), CommunityReport.left_on > end))
    reported = _count(session, scoped(select(func.count()).select_from(CommunityReport).where(on_books),
                                      CommunityReport.org_id))
    new_reports = _count(session, scoped(select(func.count()).select_from(CommunityReport).where(
        on_books, CommunityReport.reported_on >= start), CommunityReport.org_id))
    report_vols = scoped(select(CommunityReport.volunteer_id).where(on_books), CommunityReport.org_id)
    r_people, r_hours = session.execute(select(
        func.count(func.distinct(VolunteerHours.volunteer_id)), func.sum(VolunteerHours.hours)).where(
        served, VolunteerHours.state == HoursState.CONFIRMED, VolunteerHours.volunteer_id.in_(report_vols))).one()
    posts = _count(session, scoped(select(func.count()).select_from(ServicePost), ServicePost.org_id))
    claims = _count(session, scoped(select(func.count()).select_from(ServicePostClaim).join(
        ServicePost, ServicePost.id == ServicePostClaim.post_id).where(
        ServicePostClaim.claimed_on <= end, or_(ServicePostClaim.ended_on.is_(None), ServicePostClaim.ended_on > end)),
        ServicePost.org_id))
    g = "志愿者"
    lines = [
        StatLine(g, "注册个人志愿者", str(people), f"截至{end.isoformat()}已注册、未注销的个人志愿者"),
        StatLine(g, "其中：党员志愿者", str(members), "与党员名册关联的志愿者，及到社区报到的在职党员"),
        StatLine(g, "其中：群众志愿者", str(people - members), "个人志愿者中的非党员"),
        StatLine(g, "团体志愿者", str(groups), f"以团体名义注册的单位或组织（登记人数合计 {group_people or 0} 人）"),
        StatLine(g, "本期新注册志愿者", str(new), "注册日期在本期内的个人和团体"),
        StatLine("队伍", "志愿服务队", str(teams), "期末已成立、未解散的服务队"),
        StatLine("队伍", "本期新成立服务队", str(new_teams), "成立日期在本期内"),
        StatLine("活动", "服务类别", str(len(categories)), "本期活动用到的类别：" + ("、".join(categories) or "无")),
        StatLine("活动", "开展志愿服务活动", str(activities or 0), "活动日期在本期内的活动次数（含已归档的）"),
        StatLine("活动", "受益群众（人次）", str(int(beneficiaries or 0)), "本期活动登记的受益人次合计"),
        StatLine("活动", "参与志愿者（人次）", str(times or 0), "本期已确认的服务记录条数（一人参加一次活动计1人次）"),
        StatLine("时长", "参加服务的志愿者", str(servers or 0), "本期有已确认时长的志愿者人数"),
        StatLine("时长", "服务时长（小时）", f"{hours:,.2f}", "本期已确认的服务时长合计，只计实际服务时间，不含往返交通"),
        StatLine("时长", "人均服务时长（小时）", f"{average:,.2f}", "服务时长 ÷ 参加服务的志愿者"),
        StatLine("时长", "待确认时长（小时）", f"{pending:,.2f}", "已登记、尚未确认的时长，不计入以上合计"),
        StatLine("培训", "志愿者培训（次）", str(trainings), "培训日期在本期内"),
        StatLine("培训", "参加培训（人次）", str(trainees), "本期各次培训的参加人数合计"),
        StatLine("报到", "到社区报到的在职党员", str(reported), f"截至{end.isoformat()}已报到、未离开的在职党员"),
        StatLine("报到", "其中：本期新报到", str(new_reports), "报到日期在本期内"),
        StatLine("报到", "其中：参加志愿服务", str(r_people or 0), "本期有已确认服务时长的报到党员"),
        StatLine("报到", "报到党员服务时长（小时）", f"{(r_hours or ZERO):,.2f}", "上述党员本期已确认的服务时长"),
        StatLine("岗位", "党员示范岗/责任区/服务岗", str(posts), "登记的岗位数"),
        StatLine("岗位", "认领岗位（人次）", str(claims), f"截至{end.isoformat()}认领中的岗位人次"),
    ]
    return VolunteerStats(period, _org_label(session, org_id), lines)
