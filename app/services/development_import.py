"""Import of existing 发展党员 records: every row checked first, then all written or nothing.

A row is the same person as a record already here when the ID number matches, or, with no
ID number, the name and the application date. Importing the same file again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import DevelopmentPerson, DevelopmentRecord, Organisation
from app.domain.enums import DevelopmentRole, OrgLevel
from app.domain.errors import ValidationError
from app.services import development as dev
from app.services.member_import import RowError

ROLES = {"mentors": DevelopmentRole.MENTOR, "sponsors": DevelopmentRole.SPONSOR,
         "interviewers": DevelopmentRole.INTERVIEWER}
COMPARED = tuple(f for f in dev.DATE_FIELDS + dev.INT_FIELDS + dev.TEXT_FIELDS)


@dataclass
class PlannedCase:
    row: int
    action: str  # 新增 / 修改 / 无变化
    record_id: int | None
    org_id: int
    data: dev.RecordData
    people: dict[str, list[str]]
    changed: tuple[str, ...] = ()


@dataclass
class DevelopmentPlan:
    cases: list[PlannedCase] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for c in self.cases if c.action == action)

    @property
    def changes(self) -> int:
        return self.count("新增") + self.count("修改")

    def summary(self) -> str:
        return f"共 {len(self.cases)} 人：新增 {self.count('新增')}，修改 {self.count('修改')}，无变化 {self.count('无变化')}"


def _orgs(session: Session) -> dict[str, int]:
    out = {}
    for oid, name, short, level in session.execute(select(Organisation.id, Organisation.name, Organisation.short_name,
                                                           Organisation.level).where(Organisation.dissolved_on.is_(None))):
        if level is OrgLevel.BRANCH:
            out[name] = oid
            if short:
                out[short] = oid
    return out


def plan_development_import(session: Session, rows, *, default_org_id: int | None = None,
                            today: date | None = None) -> DevelopmentPlan:
    """``rows``: objects with ``row`` (Excel row), ``values`` (field → value) and ``columns`` (field → header)."""
    today = today or date.today()
    plan = DevelopmentPlan()
    orgs = _orgs(session)
    if default_org_id is None and len(set(orgs.values())) == 1:
        default_org_id = next(iter(orgs.values()))
    by_id = {r.id_number: r for r in session.scalars(select(DevelopmentRecord).where(DevelopmentRecord.id_number.isnot(None)))}
    by_name = {(r.name, r.applied_on): r for r in session.scalars(select(DevelopmentRecord))}
    seen: dict[str, int] = {}
    for src in rows:
        values = dict(src.values)
        org_name = values.pop("org", None)
        people = {k: values.pop(k) for k in list(values) if k in ROLES}
        gender = values.pop("gender", None)
        org_id = orgs.get(org_name) if org_name else default_org_id
        if org_id is None:
            column = src.columns.get("org", "所在党支部")
            reason = f"没有名为“{org_name}”的党支部" if org_name else "未填写，且无法确定导入到哪个党支部（请用 --org 指定）"
            plan.errors.append(RowError(src.row, column, reason))
            continue
        data = dev.RecordData(values.get("name", ""), org_id, gender=gender, values={
            k: v for k, v in values.items() if k in COMPARED})
        try:
            clean = dev.check_record(data, today)
            if clean.get("applied_on") is None:
                raise ValidationError("递交入党申请书", "不能为空：每份档案从入党申请书开始")
        except ValidationError as exc:
            column = next((h for f, h in src.columns.items() if dev.LABELS.get(f) == exc.field or f == exc.field),
                          exc.field)
            plan.errors.append(RowError(src.row, column, exc.message))
            continue
        key = clean.get("id_number") or f"{clean['name']}|{clean['applied_on']}"
        if key in seen:
            plan.errors.append(RowError(src.row, src.columns.get("id_number", "姓名"), f"与第{seen[key]}行是同一人"))
            continue
        seen[key] = src.row
        existing = by_id.get(clean.get("id_number")) if clean.get("id_number") else by_name.get(
            (clean["name"], clean["applied_on"]))
        if existing is None:
            plan.cases.append(PlannedCase(src.row, "新增", None, org_id, data, people))
            continue
        changed = tuple(k for k, v in clean.items() if k != "gender" and getattr(existing, k) != v)
        changed += ("所在党支部",) if existing.org_id != org_id else ()
        changed += tuple(k for k, names in people.items() if names != _names(session, existing.id, ROLES[k]))
        plan.cases.append(PlannedCase(src.row, "修改" if changed else "无变化", existing.id, org_id, data, people, changed))
    return plan


def _names(session: Session, record_id: int, role: DevelopmentRole) -> list[str]:
    return list(session.scalars(select(DevelopmentPerson.person_name).where(
        DevelopmentPerson.record_id == record_id, DevelopmentPerson.role == role).order_by(DevelopmentPerson.id)))


def apply_development_import(session: Session, plan: DevelopmentPlan, *, today: date | None = None) -> int:
    """Write every new and changed case (one unit of work: the caller commits all or nothing)."""
    if plan.errors:
        raise ValidationError("导入", "文件中有错误，未导入")
    done = 0
    for c in plan.cases:
        if c.action == "无变化":
            continue
        version = session.get(DevelopmentRecord, c.record_id).version if c.record_id else None
        rid = dev.save_record(session, c.record_id, c.data, expected_version=version, today=today)
        for key, names in c.people.items():
            dev.set_people(session, rid, ROLES[key].value, [dev.PersonEntry(n) for n in names])
        done += 1
    from app.services import audit

    audit.record(session, "导入", "development_record", "", f"导入发展党员档案：{plan.summary()}",
                 {"新增": plan.count("新增"), "修改": plan.count("修改")})
    return done
