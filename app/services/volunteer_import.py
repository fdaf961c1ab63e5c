"""Importing a volunteer roster: plan (check every row, compare with the register), then apply all or nothing.

Rows come from app.io.volunteer_sheet as plain values. A row is matched to a registered volunteer
by 证件号码, else by 志愿者编号, else by a name that only one volunteer without a number has — so
importing the same file twice changes nothing. A resident ID that belongs to a member on the books
links the volunteer to the member (党员志愿者). A 服务队 named in the file is created if new and the
volunteer joins it. 志愿服务条例 第七条: 身份信息、服务技能、联系方式 are what registration records.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Member, Volunteer, VolunteerTeam, VolunteerTeamMember
from app.domain.enums import VolunteerKind
from app.domain.errors import ValidationError
from app.domain.volunteer_rules import VolunteerData, check_volunteer, id_type_of
from app.services import audit
from app.services.member_import import RowError

LABELS = {"name": "姓名", "kind": "类型", "gender": "性别", "id_type": "证件类型", "id_number": "证件号码",
          "phone": "联系电话", "skills": "服务技能", "volunteer_no": "志愿者编号", "registered_on": "注册日期",
          "contact_person": "联系人", "group_size": "人数", "notes": "备注"}
_DATA = {f.name for f in fields(VolunteerData)}


@dataclass(slots=True)
class RosterRow:
    row: int  # the row number Excel shows
    values: dict[str, object] = field(default_factory=dict)  # field -> value, never blank
    headers: dict[str, str] = field(default_factory=dict)  # field -> the column header in the file


@dataclass(frozen=True, slots=True)
class HoursRow:
    row: int
    name: str
    id_number: str | None
    volunteer_no: str | None
    title: str
    service_date: date
    hours: Decimal
    category: str | None
    team: str | None
    place: str | None
    confirmed_by: str | None
    notes: str | None
    headers: dict[str, str]


@dataclass(frozen=True)
class PlannedVolunteer:
    row: int
    action: str  # 新增 / 修改 / 不变
    data: VolunteerData
    volunteer_id: int | None
    team: str | None
    changes: tuple[tuple[str, str, str], ...] = ()  # (field label, before, after)
    joins_team: bool = False


@dataclass
class RosterPlan:
    rows: list[PlannedVolunteer]
    errors: list[RowError]
    warnings: list[str]
    new_teams: list[str]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def changes(self) -> int:
        return self.count("新增") + self.count("修改") + len(self.new_teams) + sum(r.joins_team for r in self.rows)

    def summary(self) -> str:
        joins = sum(r.joins_team for r in self.rows)
        return (f"志愿者：新增 {self.count('新增')} 名，修改 {self.count('修改')} 名，不变 {self.count('不变')} 名"
                + (f"，新建服务队 {len(self.new_teams)} 支" if self.new_teams else "")
                + (f"，加入服务队 {joins} 人次" if joins else "")
                + (f"，错误 {len(self.errors)} 处" if self.errors else ""))


def _column(row: RosterRow, exc: ValidationError) -> str:
    for f, label in LABELS.items():
        if label == exc.field or (exc.field == "证件号码" and f == "id_number"):
            return row.headers.get(f, label)
    return row.headers.get("name", exc.field) if exc.field in ("姓名", "团体名称") else exc.field


def _shown(value) -> str:
    return "" if value is None else str(value)


def plan_roster_import(session: Session, rows: list[RosterRow], *, today: date | None = None) -> RosterPlan:
    """Check every row and compare it with the register; writes nothing."""
    today = today or date.today()
    errors: list[RowError] = []
    warnings: list[str] = []
    planned: list[PlannedVolunteer] = []
    register = list(session.scalars(select(Volunteer).where(Volunteer.is_archived.is_(False))))
    by_number = {(v.id_type.value, v.id_number): v for v in register if v.id_number}
    by_no = {v.volunteer_no: v for v in register if v.volunteer_no}
    by_name: dict[str, list[Volunteer]] = {}
    for v in register:
        if not v.id_number:
            by_name.setdefault(v.name, []).append(v)
    members = {n: mid for mid, n in session.execute(
        select(Member.id, Member.id_number).where(Member.is_active.is_(True), Member.id_number.is_not(None)))}
    teams = {name: tid for tid, name in session.execute(
        select(VolunteerTeam.id, VolunteerTeam.name).where(VolunteerTeam.is_archived.is_(False)))}
    in_team = {(t, v) for t, v in session.execute(
        select(VolunteerTeamMember.team_id, VolunteerTeamMember.volunteer_id).where(
            VolunteerTeamMember.left_on.is_(None)))}
    new_teams: dict[str, None] = {}
    seen: dict[tuple, int] = {}
    for row in rows:
        values = row.values
        try:
            kind = _kind(values.get("kind"))
            id_type = id_type_of(values.get("id_type")).value if kind == "个人" else "其他"
        except ValidationError as exc:
            errors.append(RowError(row.row, row.headers.get("kind" if exc.field == "类型" else "id_type", exc.field),
                                   exc.message))
            continue
        record = {k: v for k, v in values.items() if k in _DATA}
        record.update(kind=kind, id_type=id_type)
        try:
            clean, note = check_volunteer(VolunteerData(**record), today=today)
        except ValidationError as exc:
            errors.append(RowError(row.row, _column(row, exc), exc.message))
            continue
        if note:
            warnings.append(f"第{row.row}行 {clean.name}：{note}")
        duplicate = next(((key, first) for key in _keys(clean) if (first := seen.get(key))), None)
        if duplicate:
            what = "证件号码" if duplicate[0][0] == "number" else "志愿者编号"
            errors.append(RowError(row.row, row.headers.get("id_number" if what == "证件号码" else "volunteer_no", what),
                                   f"与第{duplicate[1]}行的{what}相同"))
            continue
        for key in _keys(clean):
            seen[key] = row.row
        if clean.id_number and clean.id_type == "居民身份证" and clean.id_number in members:
            clean = replace(clean, member_id=members[clean.id_number])
        elif "党员" in str(values.get("political") or "") and "非" not in str(values.get("political")):
            warnings.append(f"第{row.row}行 {clean.name}：政治面貌为党员，但党员名册中没有这个证件号码，按群众志愿者登记"
                            "（到社区报到的在职党员请在“报到”中登记）")
        existing = by_number.get((clean.id_type, clean.id_number)) if clean.id_number else None
        existing = existing or (by_no.get(clean.volunteer_no) if clean.volunteer_no else None)
        if existing is None and not clean.id_number:
            same = by_name.get(clean.name, [])
            if len(same) > 1:
                errors.append(RowError(row.row, row.headers.get("name", "姓名"),
                                       f"名册中有 {len(same)} 名没有证件号码的“{clean.name}”，请在文件中加证件号码列"))
                continue
            existing = same[0] if same else None
        team = " ".join(str(values.get("team") or "").split()) or None
        if team and team not in teams:
            new_teams[team] = None
        if existing is None:
            planned.append(PlannedVolunteer(row.row, "新增", clean, None, team, (), bool(team)))
            continue
        merged, changes = _merge(existing, clean, values)
        joins = bool(team) and (team not in teams or (teams[team], existing.id) not in in_team)
        planned.append(PlannedVolunteer(row.row, "修改" if changes else "不变", merged, existing.id, team, changes,
                                        joins))
    return RosterPlan(planned, errors, warnings, list(new_teams))


def _kind(text) -> str:
    value = "".join(str(text or "").split())
    if value in ("", "个人", "个人志愿者", "志愿者", "义工"):
        return VolunteerKind.PERSON.value
    if value in ("团体", "团体志愿者", "组织", "单位"):
        return VolunteerKind.GROUP.value
    raise ValidationError("类型", f"应为“个人”或“团体”，不能是“{value}”")


def _keys(clean: VolunteerData) -> list[tuple]:
    keys = []
    if clean.id_number:
        keys.append(("number", clean.id_type, clean.id_number))
    if clean.volunteer_no:
        keys.append(("no", clean.volunteer_no))
    return keys


def _merge(v: Volunteer, clean: VolunteerData, values: dict) -> tuple[VolunteerData, tuple]:
    """Columns present in the file replace what is stored; absent columns keep it."""
    from app.services.volunteers import _data

    current = _data(v)
    updates = {k: getattr(clean, k) for k in values if k in _DATA}
    updates["name"] = clean.name
    if clean.member_id and not current.member_id:
        updates["member_id"] = clean.member_id
    if "id_number" in values:
        updates["id_type"] = clean.id_type
    if current.gender is None and clean.gender:
        updates["gender"] = clean.gender
    merged = replace(current, **updates)
    changes = tuple((LABELS.get(k, "关联党员"), _shown(getattr(current, k)), _shown(getattr(merged, k)))
                    for k in updates if getattr(current, k) != getattr(merged, k))
    return merged, changes


def apply_roster_import(session: Session, plan: RosterPlan, *, source: str = "",
                        today: date | None = None) -> dict[str, int]:
    """Write a plan without errors, in the caller's unit of work."""
    from app.services.volunteer_teams import TeamData, add_members, save_team
    from app.services.volunteers import save_volunteer

    if plan.errors:
        raise ValidationError("", f"有 {len(plan.errors)} 处错误，未导入任何数据")
    teams = {name: tid for tid, name in session.execute(
        select(VolunteerTeam.id, VolunteerTeam.name).where(VolunteerTeam.is_archived.is_(False)))}
    for name in plan.new_teams:
        teams[name] = save_team(session, TeamData(name), today=today).id
    for p in plan.rows:
        vid = p.volunteer_id
        if p.action != "不变":
            version = session.get(Volunteer, vid).version if vid else None
            vid = save_volunteer(session, p.data, volunteer_id=vid, version=version, today=today).id
        if p.team:
            add_members(session, teams[p.team], [vid], joined_on=p.data.registered_on)
    counts = {"新增": plan.count("新增"), "修改": plan.count("修改"), "不变": plan.count("不变"),
              "新建服务队": len(plan.new_teams)}
    audit.record(session, "导入", "volunteer", "", f"从 {source} 导入志愿者名册：{plan.summary()}", counts)
    return counts
