"""Importing an hours sheet (one row per person and activity): plan, then apply all or nothing.

Each row names a registered volunteer (by 证件号码, 志愿者编号 or a name only one volunteer has),
an activity by its name and date (found, or created once for all its rows), and the hours of
actual service. A row with a 确认人 is recorded 已确认 by that person; without one it is 待确认
until confirmed in the window (志愿服务记录与证明出具办法 第三条: 真实、准确). Importing the same
sheet again changes nothing; a row that contradicts hours already confirmed is an error, never an
overwrite — confirmed hours are the person's record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import ServiceCategory, Volunteer, VolunteerActivity, VolunteerHours, VolunteerTeam
from app.domain import idnumber
from app.domain.enums import HoursState
from app.domain.errors import ValidationError
from app.domain.volunteer_rules import check_within, duration
from app.services import audit
from app.services.member_import import RowError
from app.services.organisations import top_organisation
from app.services.volunteer_import import HoursRow


@dataclass(frozen=True)
class PlannedActivity:
    key: tuple[str, date]
    category_id: int | None
    team_id: int | None
    place: str | None


@dataclass(frozen=True)
class PlannedHours:
    row: int
    action: str  # 新增 / 修改
    volunteer_id: int
    name: str
    key: tuple[str, date]
    activity_id: int | None  # None: one of the new activities
    hours_id: int | None  # the entry changed by a 修改
    hours: Decimal
    confirmed_by: str | None
    notes: str | None


@dataclass
class HoursPlan:
    activities: list[PlannedActivity]  # to create
    entries: list[PlannedHours]
    unchanged: int
    errors: list[RowError]
    warnings: list[str]

    @property
    def changes(self) -> int:
        return len(self.entries)

    def summary(self) -> str:
        new = [e for e in self.entries if e.action == "新增"]
        total = sum((e.hours for e in new), Decimal("0.00"))
        pending = sum(1 for e in self.entries if not e.confirmed_by)
        return (f"服务时长：新增 {len(new)} 条（{total} 小时），修改 {len(self.entries) - len(new)} 条，"
                f"不变 {self.unchanged} 条；新建活动 {len(self.activities)} 个"
                + (f"；其中 {pending} 条无确认人，导入为待确认" if pending else "")
                + (f"；错误 {len(self.errors)} 处" if self.errors else ""))


class _Register:
    """Volunteers by 证件号码, 志愿者编号 and name, for matching the sheet's people."""

    def __init__(self, session: Session) -> None:
        self.by_number: dict[str, tuple[int, str, date | None]] = {}
        self.by_no: dict[str, tuple[int, str, date | None]] = {}
        self.by_name: dict[str, list[tuple[int, str, date | None]]] = {}
        for vid, name, number, no, registered, archived in session.execute(select(
                Volunteer.id, Volunteer.name, Volunteer.id_number, Volunteer.volunteer_no, Volunteer.registered_on,
                Volunteer.is_archived)):
            entry = (vid, name, registered)
            if number:
                self.by_number.setdefault(number, entry)
            if no:
                self.by_no.setdefault(no.upper(), entry)
            if not archived:
                self.by_name.setdefault(name, []).append(entry)

    def find(self, r: HoursRow) -> tuple[tuple | None, RowError | None]:
        h = r.headers
        if r.id_number:
            number = idnumber.normalise(r.id_number)
            hit = self.by_number.get(number)
            if hit is None:
                return None, RowError(r.row, h.get("id_number", "证件号码"),
                                      f"志愿者名册中没有证件号码为 {idnumber.mask(number)} 的人（{r.name}），请先导入或登记志愿者")
            if hit[1] != r.name:
                return None, RowError(r.row, h.get("name", "姓名"), f"证件号码登记的是“{hit[1]}”，与“{r.name}”不符")
            return hit, None
        if r.volunteer_no:
            hit = self.by_no.get(r.volunteer_no.upper())
            if hit is None:
                return None, RowError(r.row, h.get("volunteer_no", "志愿者编号"), f"名册中没有编号 {r.volunteer_no}")
            return hit, None
        named = self.by_name.get(r.name, [])
        if not named:
            return None, RowError(r.row, h.get("name", "姓名"), f"志愿者名册中没有“{r.name}”，请先导入或登记志愿者")
        if len(named) > 1:
            return None, RowError(r.row, h.get("name", "姓名"),
                                  f"名册中有 {len(named)} 名“{r.name}”，请在文件中加证件号码或志愿者编号列")
        return named[0], None


def plan_hours_import(session: Session, rows: list[HoursRow], *, today: date | None = None) -> HoursPlan:
    """Check every row against the register and the recorded hours; writes nothing."""
    today = today or date.today()
    errors: list[RowError] = []
    warnings: list[str] = []
    people = _Register(session)
    cats = {n: i for i, n in session.execute(select(ServiceCategory.id, ServiceCategory.name))}
    teams: dict[str, int] = {}
    for i, n in session.execute(select(VolunteerTeam.id, VolunteerTeam.name).order_by(
            VolunteerTeam.is_archived, VolunteerTeam.id)):
        teams.setdefault(n, i)  # a working team before an archived one of the same name
    existing: dict[tuple[str, date], list[VolunteerActivity]] = {}
    if rows:
        first, last = min(r.service_date for r in rows), max(r.service_date for r in rows)
        for a in session.scalars(select(VolunteerActivity).where(VolunteerActivity.activity_date >= first,
                                                                 VolunteerActivity.activity_date <= last)):
            existing.setdefault((a.title, a.activity_date), []).append(a)
    entries = {}
    if existing:
        ids = [a.id for group in existing.values() for a in group]
        entries = {(h.activity_id, h.volunteer_id): h for h in session.scalars(
            select(VolunteerHours).where(VolunteerHours.activity_id.in_(ids)))}
    new_activities: dict[tuple[str, date], PlannedActivity] = {}
    planned: list[PlannedHours] = []
    seen: dict[tuple, int] = {}
    unchanged = 0
    for r in rows:
        h = r.headers
        if r.service_date > today:
            errors.append(RowError(r.row, h.get("service_date", "服务日期"), "不能晚于今天"))
            continue
        person, error = people.find(r)
        if error is not None:
            errors.append(error)
            continue
        vid, name, registered = person
        key = (r.title, r.service_date)
        if (vid, key) in seen:
            errors.append(RowError(r.row, h.get("name", "姓名"), f"与第{seen[(vid, key)]}行是同一人同一活动"))
            continue
        seen[(vid, key)] = r.row
        if registered is not None and registered > r.service_date:
            warnings.append(f"第{r.row}行 {name}：注册日期 {registered.isoformat()} 晚于服务日期")
        category_id = team_id = None
        if r.category:
            if r.category not in cats:
                errors.append(RowError(r.row, h.get("category", "服务类别"),
                                       f"没有“{r.category}”这个服务类别（可在“服务类别”中添加）"))
                continue
            category_id = cats[r.category]
        if r.team:
            if r.team not in teams:
                errors.append(RowError(r.row, h.get("team", "服务队"), f"没有名为“{r.team}”的服务队"))
                continue
            team_id = teams[r.team]
        found = existing.get(key, [])
        if len(found) > 1:
            errors.append(RowError(r.row, h.get("title", "活动名称"),
                                   f"{r.service_date.isoformat()}有 {len(found)} 个“{r.title}”活动，请在窗口中逐一登记"))
            continue
        activity = found[0] if found else None
        if activity is None:
            new_activities.setdefault(key, PlannedActivity(key, category_id, team_id, r.place))
            planned.append(PlannedHours(r.row, "新增", vid, name, key, None, None, r.hours, r.confirmed_by, r.notes))
            continue
        try:
            check_within(r.hours, duration(activity.start_time, activity.end_time))
        except ValidationError as exc:
            errors.append(RowError(r.row, h.get("hours", "服务时长"), exc.message))
            continue
        old = entries.get((activity.id, vid))
        if old is None:
            planned.append(PlannedHours(r.row, "新增", vid, name, key, activity.id, None, r.hours, r.confirmed_by,
                                        r.notes))
        elif old.state is HoursState.CONFIRMED:
            if old.hours != r.hours:
                errors.append(RowError(r.row, h.get("hours", "服务时长"),
                                       f"已确认为 {old.hours} 小时，与文件中的 {r.hours} 小时不同；已确认的时长请在窗口中撤销确认后再改"))
            else:
                unchanged += 1
        elif old.hours != r.hours or (r.confirmed_by and not old.confirmed_by):
            planned.append(PlannedHours(r.row, "修改", vid, name, key, activity.id, old.id, r.hours, r.confirmed_by,
                                        r.notes))
        else:
            unchanged += 1
    return HoursPlan(list(new_activities.values()), planned, unchanged, errors, warnings)


def apply_hours_import(session: Session, plan: HoursPlan, *, source: str = "", today: date | None = None) -> int:
    """Write a plan without errors, in the caller's unit of work; returns the entries written."""
    if plan.errors:
        raise ValidationError("", f"有 {len(plan.errors)} 处错误，未导入任何数据")
    today = today or date.today()
    top = top_organisation(session)
    team_orgs = dict(session.execute(select(VolunteerTeam.id, VolunteerTeam.org_id)).all())
    created: dict[tuple[str, date], VolunteerActivity] = {}
    for p in plan.activities:
        org_id = team_orgs.get(p.team_id) if p.team_id else None
        a = VolunteerActivity(title=p.key[0], activity_date=p.key[1], category_id=p.category_id, team_id=p.team_id,
                              org_id=org_id or (top.id if top else None), place=p.place, beneficiaries=0,
                              description=f"由服务时长表导入（{source}）" if source else "由服务时长表导入")
        session.add(a)
        created[p.key] = a
    session.flush()
    for e in plan.entries:
        a = created[e.key] if e.activity_id is None else session.get(VolunteerActivity, e.activity_id)
        state = HoursState.CONFIRMED if e.confirmed_by else HoursState.PENDING
        if e.hours_id is None:
            session.add(VolunteerHours(
                volunteer_id=e.volunteer_id, activity_id=a.id, service_date=a.activity_date, activity_title=a.title,
                team_id=a.team_id, org_id=a.org_id, hours=e.hours, state=state, notes=e.notes,
                confirmed_by=e.confirmed_by[:40] if e.confirmed_by else None,
                confirmed_on=today if e.confirmed_by else None))
        else:
            h = session.get(VolunteerHours, e.hours_id)
            h.hours = e.hours
            if e.confirmed_by:
                h.state, h.confirmed_by, h.confirmed_on = state, e.confirmed_by[:40], today
            if e.notes:
                h.notes = e.notes[:200]
    session.flush()
    audit.record(session, "导入", "volunteer_hours", "", f"从 {source} 导入服务时长：{plan.summary()}",
                 {"新增或修改": len(plan.entries), "不变": plan.unchanged, "新建活动": len(plan.activities)})
    return len(plan.entries)
