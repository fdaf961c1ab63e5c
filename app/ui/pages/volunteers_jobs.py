"""The 志愿服务 page's work on the database (run on the task runner's worker thread, one session each).

Each function takes the session first; the services do the checking. No Qt here beyond being in ui/.
"""

from __future__ import annotations


def reference(s):
    """(orgs, active categories, working teams, registered volunteers) as (id, name) choices."""
    from app.services.views._common import org_names
    from app.services.views.volunteers import list_volunteers
    from app.services.volunteer_teams import team_choices
    from app.services.volunteers import list_categories

    orgs = sorted(org_names(s, qualify_groups=True).items())
    cats = [(c.id, c.name) for c in list_categories(s, include_inactive=False)]
    people = [(v.id, v.name) for v in list_volunteers(s) if v.kind == "个人"]
    return orgs, cats, team_choices(s), people


def people(s, include_archived):
    from app.services.views.volunteers import list_volunteers

    return list_volunteers(s, include_archived=include_archived)


def get_volunteer(s, volunteer_id):
    from app.services.volunteers import get_volunteer as get

    return get(s, volunteer_id)


def save_volunteer(s, volunteer_id, version, data):
    """``form`` passes the dialog's values last."""
    from app.services.volunteers import save_volunteer as save

    return save(s, data, volunteer_id=volunteer_id, version=version)


def archive_volunteer(s, volunteer_id, archived):
    from app.services.volunteers import archive_volunteer as archive

    return archive(s, volunteer_id, archived=archived)


def member_choices(s):
    from app.services.volunteers import member_choices as choices

    return choices(s)


def register_members(s, member_ids):
    from app.services.volunteers import register_member

    return [register_member(s, mid).id for mid in member_ids]


def teams(s, include_archived):
    from app.services.views.volunteers import list_teams

    return list_teams(s, include_archived=include_archived)


def get_team(s, team_id):
    from app.services.volunteer_teams import get_team as get

    return get(s, team_id)


def save_team(s, team_id, version, data):
    """``form`` passes the dialog's values last."""
    from app.services.volunteer_teams import save_team as save

    return save(s, data, team_id=team_id, version=version)


def archive_team(s, team_id, archived):
    from app.services.volunteer_teams import archive_team as archive

    return archive(s, team_id, archived=archived)


def delete_team(s, team_id):
    from app.services.volunteer_teams import delete_team as delete

    return delete(s, team_id)


def join_team(s, team_id, text, joined_on):
    from app.services.volunteer_teams import add_members
    from app.services.volunteers import resolve_entries

    found = resolve_entries(s, text)
    added = add_members(s, team_id, [v for v, _n in found.found], joined_on=joined_on)
    return added, found.unknown + tuple(n for _m, n in found.members) + tuple(e for e, _n in found.ambiguous)


def leave_team(s, team_id, volunteer_ids):
    from app.services.volunteer_teams import leave_team as leave

    return leave(s, team_id, volunteer_ids)


def years(s):
    from app.services.views.volunteers import available_years

    return available_years(s)


def activities(s, year, include_archived):
    from app.services.views.volunteers import list_activities

    return list_activities(s, year=year, include_archived=include_archived)


def get_activity(s, activity_id):
    from app.services.volunteer_activities import get_activity as get

    return get(s, activity_id)


def save_activity(s, activity_id, version, data):
    """``form`` passes the dialog's values last."""
    from app.services.volunteer_activities import save_activity as save

    return save(s, data, activity_id=activity_id, version=version)


def add_participants(s, activity_id, values) -> str:
    """A team and/or a pasted list onto an activity; what happened, in one sentence for the clerk."""
    from app.domain.errors import ValidationError
    from app.services import volunteer_activities as acts
    from app.services.volunteers import register_member, resolve_entries

    found = resolve_entries(s, values["text"]) if values["text"].strip() else None
    ids = [v for v, _n in found.found] if found else []
    registered = []
    if found and values["register"]:
        registered = [register_member(s, mid).id for mid, _n in found.members]
    if values["team_id"]:
        from app.services.volunteer_teams import get_team

        a = acts.get_activity(s, activity_id)
        ids = [m.volunteer_id for m in get_team(s, values["team_id"]).current(a.data.activity_date)] + ids
    ids += registered
    if not ids:
        raise ValidationError("名单", "没有可添加的人：请选择服务队或填写名单"
                              + (f"（未找到：{'、'.join(found.unknown)}）" if found and found.unknown else ""))
    result = acts.add_participants(s, activity_id, ids, hours=values["hours"])
    parts = [f"添加 {result.added} 人"]
    if result.already:
        parts.append(f"已在名单中 {result.already} 人")
    if registered:
        parts.append(f"新登记党员志愿者 {len(registered)} 人")
    if found and found.unknown:
        parts.append("未找到：" + "、".join(found.unknown))
    if found and found.members and not values["register"]:
        parts.append("是党员但未登记为志愿者：" + "、".join(n for _m, n in found.members))
    if found and found.ambiguous:
        parts.append("重名（请用编号或证件号码）：" + "、".join(e for e, _n in found.ambiguous))
    if result.skipped:
        parts.append("未添加：" + "、".join(result.skipped))
    return "；".join(parts)


def confirm(s, hours_ids, by, on):
    from app.services.volunteer_activities import confirm as do

    return do(s, hours_ids, by=by, on=on)


def unconfirm(s, hours_ids):
    from app.services.volunteer_activities import unconfirm as do

    return do(s, hours_ids)


def remove_participants(s, hours_ids):
    from app.services.volunteer_activities import remove_participants as do

    return do(s, hours_ids)


def set_hours(s, hours_id, text, version):
    from app.services.volunteer_activities import set_hours as do

    return do(s, hours_id, text.strip(), version=version)


def archive_activity(s, activity_id, archived):
    from app.services.volunteer_activities import archive_activity as do

    return do(s, activity_id, archived=archived)


def delete_activity(s, activity_id):
    from app.services.volunteer_activities import delete_activity as do

    return do(s, activity_id)


def clerk_name(s):
    from app.services import settings

    return settings.get(s, "clerk.name") or ""


def period_report(s, year, quarter, org_id):
    from app.domain.volunteer_rules import period_of
    from app.services.volunteer_hours import hours_report
    from app.services.volunteer_stats import volunteer_statistics

    period = period_of(year, quarter)
    return hours_report(s, period, org_id=org_id), volunteer_statistics(s, period, org_id=org_id)


def export_hours(s, year, quarter, org_id, path, platform):
    """Write the workbook (or the monthly sheet only) and note the export of whole ID numbers."""
    from app.io.volunteer_xlsx import write_hours_xlsx, write_platform_xlsx
    from app.services.volunteer_hours import record_export

    report, stats = period_report(s, year, quarter, org_id)
    out = write_platform_xlsx(report, path) if platform else write_hours_xlsx(report, path, stats=stats)
    record_export(s, report, str(out))
    return str(out)


def issuer(s):
    from app.services.volunteer_certificate import load_issuer

    return load_issuer(s)


def issue_certificate(s, volunteer_id, values, path):
    """Number, keep and audit the certificate and write its PDF, in one unit of work (a failed write undoes it)."""
    from app.io.volunteer_pdf import write_certificate_pdf
    from app.services.volunteer_certificate import issue_certificate as issue

    cert = issue(s, volunteer_id, values["period"], issuer=values["issuer"], issued_on=values["issued_on"],
                 target=path)
    write_certificate_pdf(cert, path)
    return cert


def plan_file(s, path, kind):
    from app.io.volunteer_sheet import plan_hours_file, plan_roster_file

    return (plan_hours_file if kind == "hours" else plan_roster_file)(s, path)


def apply_file(s, plan, path, kind, database):
    from app.services import maintenance
    from app.services.volunteer_hours_import import apply_hours_import
    from app.services.volunteer_import import apply_roster_import

    maintenance.backup_before_import(database)
    (apply_hours_import if kind == "hours" else apply_roster_import)(s, plan, source=path)
    return plan.summary()
