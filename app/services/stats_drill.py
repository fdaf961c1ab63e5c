"""What is behind a 统计 figure that does not count members: the meetings, cases, money or activities.

``behind(session, period, org, key)`` gives a title, column headers and rows (plain values),
read when the clerk opens the figure, so that computing the figures never pays for lists
nobody looks at. Member figures open through ``stats_figures.people_behind`` instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.services.stats_figures import Period, org_scope


@dataclass(frozen=True)
class Behind:
    title: str
    headers: tuple[str, ...]
    rows: list[tuple]


MEETING_KEYS = ("meeting_attendance",)
DEVELOPMENT_KEYS = {"applications": "递交入党申请书", "activists": "入党积极分子", "candidates": "发展对象"}
DUES_KEYS = ("dues_due", "dues_paid")
VOLUNTEER_KEYS = ("volunteer_activities", "volunteer_beneficiaries", "volunteer_hours")


def can_open(key: str) -> bool:
    return (key.startswith("meetings.") or key in MEETING_KEYS or key in DEVELOPMENT_KEYS or key in DUES_KEYS
            or key in VOLUNTEER_KEYS)


def behind(session: Session, period: Period, org: str | None, key: str) -> Behind:
    scope, org_name = org_scope(session, org)
    if key.startswith("meetings.") or key in MEETING_KEYS:
        return _meetings(session, period, scope, key.split(".", 1)[1] if "." in key else None)
    if key in DEVELOPMENT_KEYS:
        return _development(session, period, scope, key)
    if key in DUES_KEYS:
        return _dues(session, period, org)
    if key in VOLUNTEER_KEYS:
        return _volunteers(session, period, org, key)
    raise KeyError(key)


def _meetings(session: Session, period: Period, scope, type_name: str | None) -> Behind:
    from app.services.views.meetings import list_meetings

    rows = list_meetings(session, first=period.start, last=period.end, org_ids=scope, status="已召开",
                         type_name=type_name)
    rows.sort(key=lambda r: (r.meeting_date, r.id))
    return Behind(f"{type_name or '已召开的会议'}（{len(rows)} 次，实到合计 {sum(r.present or 0 for r in rows)} 人次）",
                  ("日期", "类型", "组织", "主题", "应到", "实到"),
                  [(r.meeting_date, r.type_name, r.org_name, r.subject, r.expected, r.present) for r in rows])


def _development(session: Session, period: Period, scope, key: str) -> Behind:
    from app.db.models import DevelopmentRecord
    from app.services.views._common import org_names
    from app.services.views.development import stage_of

    names = org_names(session)
    out = []
    for r in session.scalars(select(DevelopmentRecord).order_by(DevelopmentRecord.applied_on, DevelopmentRecord.id)):
        if scope is not None and r.org_id not in scope:
            continue
        stage = stage_of(r, as_of=period.end).value
        if key == "applications":
            if not (r.applied_on and period.start <= r.applied_on <= period.end):
                continue
        elif stage != DEVELOPMENT_KEYS[key]:
            continue
        out.append((r.name, names.get(r.org_id, ""), stage, r.applied_on, r.activist_on, r.candidate_on))
    return Behind(f"{DEVELOPMENT_KEYS[key]}（{len(out)} 人）", ("姓名", "所在支部", f"{period.end}所处阶段", "递交申请书",
                                                          "确定积极分子", "确定发展对象"), out)


def _dues(session: Session, period: Period, org: str | None) -> Behind:
    from app.services.roster import resolve_org
    from app.services.stats_dues import period_dues

    scope, _name = org_scope(session, org)
    org_id = resolve_org(session, org)[0] if scope is not None else None
    lines = period_dues(session, period.start, period.end, org_id)
    return Behind(f"本期党费（{len(lines)} 人）", ("姓名", "所在支部", "类别", "月应缴", "本期应缴", "本期实缴", "未交"),
                  [(d.name, d.org_name, d.category, d.monthly, d.due, d.paid, d.due - d.paid) for d in lines])


def _volunteers(session: Session, period: Period, org: str | None, key: str) -> Behind:
    from app.db.models import VolunteerActivity, VolunteerTeam
    from app.domain.volunteer_rules import Period as VolunteerPeriod
    from app.services.roster import resolve_org
    from app.services.volunteer_hours import hours_report, kind_label, scope_ids

    org_id = resolve_org(session, org)[0] if org else None
    if key == "volunteer_hours":
        report = hours_report(session, VolunteerPeriod(period.start, period.end, period.label), org_id=org_id)
        return Behind(f"已确认的服务时长（{len(report.people)} 人，{report.total} 小时）",
                      ("姓名", "类别", "服务次数", "服务时长（小时）", "首次", "末次"),
                      [(p.name, kind_label(p.kind, p.is_member), p.times, p.hours, p.first, p.last)
                       for p in report.people])
    ids = scope_ids(session, org_id)
    stmt = (select(VolunteerActivity.activity_date, VolunteerActivity.title, VolunteerTeam.name,
                   VolunteerActivity.place, VolunteerActivity.beneficiaries)
            .outerjoin(VolunteerTeam, VolunteerTeam.id == VolunteerActivity.team_id)
            .where(VolunteerActivity.activity_date >= period.start, VolunteerActivity.activity_date <= period.end)
            .order_by(VolunteerActivity.activity_date, VolunteerActivity.id))
    if ids is not None:
        stmt = stmt.where(VolunteerActivity.org_id.in_(ids))
    rows = [tuple(r) for r in session.execute(stmt)]
    return Behind(f"志愿服务活动（{len(rows)} 次，受益 {sum(r[4] or 0 for r in rows)} 人次）",
                  ("日期", "活动", "服务队", "地点", "受益人次"), rows)
