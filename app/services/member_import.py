"""Importing members: plan (validate every row, compare with the database), then apply all or nothing.

Rows come from app.io.member_sheet as plain values keyed by field. Members are matched
by ID number; rows without one by name within the same branch among members whose
number is still 待补充, so importing the same file twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.db.models import Member, Organisation
from app.domain.enums import OrgLevel, OrgType
from app.domain.errors import ValidationError
from app.domain.bulk import paused_gc
from app.domain.member_rules import MemberData, check_member, check_record, new_memo
from app.services import audit, crashpoints
from app.services.members import _apply, member_data
from app.services.organisations import ensure_top_organisation

FIELD_LABELS = {
    "name": "姓名", "gender": "性别", "ethnicity": "民族", "birth_date": "出生日期", "id_number": "公民身份号码",
    "education": "学历", "native_place": "籍贯", "category": "人员类别", "join_date": "入党日期",
    "full_date": "转正日期", "work_start_date": "参加工作日期", "job_post": "工作岗位", "work_unit": "工作单位及职务",
    "party_post": "党内职务", "phone": "联系电话", "address": "家庭住址", "org": "所在党支部", "group": "党小组",
    "notes": "备注",
}
_DATA_FIELDS = {f.name for f in fields(MemberData)}
_NOT_TOP = "党员应编入党支部，而不是本级党委"


@dataclass(slots=True)
class ImportRow:
    row: int  # the row number Excel shows
    values: dict[str, object] = field(default_factory=dict)  # field -> converted value, never blank
    headers: dict[str, str] = field(default_factory=dict)  # field -> the column header in the file
    warnings: tuple[str, ...] = ()  # from the fields' own rules when the reader ran them
    fields_checked: bool = False  # values already went through member_rules.check_field


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"第{self.row}行 {self.column}: {self.reason}"


@dataclass(slots=True)
class PlannedRow:
    row: int
    action: str  # 新增 / 修改 / 不变
    values: dict  # checked MemberData fields (see member_rules.check_record)
    org_name: str
    group_name: str | None
    member_id: int | None
    changes: tuple[tuple[str, str, str], ...] = ()  # (field label, before, after)
    warnings: tuple[str, ...] = ()
    prepared: dict | None = None  # a new member's column values but its organisation (prepare_new_rows)
    audit_changes: dict | None = None  # and what the audit log keeps of them (ID and phone masked)

    @property
    def data(self) -> MemberData:
        return MemberData(**self.values)


@dataclass
class ImportPlan:
    rows: list[PlannedRow]
    errors: list[RowError]
    new_orgs: list[str]  # branches (and 党小组 as 支部/小组) the import will create
    top_name: str | None  # a top organisation to create in an empty database

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        return (f"新增 {self.count('新增')} 人，修改 {self.count('修改')} 人，不变 {self.count('不变')} 人"
                + (f"，新建组织 {len(self.new_orgs)} 个" if self.new_orgs else "")
                + (f"，错误 {len(self.errors)} 处" if self.errors else ""))


def _shown(value) -> str:
    return "" if value is None else str(value)


def plan_import(
    session: Session, rows: list[ImportRow], *, default_org_id: int | None = None, sheet_title: str | None = None,
    today: date | None = None,
) -> ImportPlan:
    """Validate every row and compare it with the database; writes nothing."""
    with paused_gc():
        return _plan(session, rows, default_org_id, sheet_title, today or date.today())


def _plan(session: Session, rows: list[ImportRow], default_org_id, sheet_title, today: date) -> ImportPlan:
    memo = new_memo()
    errors: list[RowError] = []
    planned: list[PlannedRow] = []
    all_orgs = list(session.scalars(select(Organisation)))
    orgs = {o.name: o for o in all_orgs if o.level is not OrgLevel.GROUP}
    top = next((o for o in orgs.values() if o.parent_id is None), None)
    top_name = None if top else _top_name(sheet_title)
    new_orgs: dict[str, None] = {}  # ordered set
    # only members still on the books: a returning member who left gets a new record
    by_id = {m.id_number: m for m in session.scalars(
        select(Member).where(Member.id_number.is_not(None), Member.is_active.is_(True)))}
    seen_ids: dict[str, int] = {}
    for row in rows:
        values = row.values
        org_name = str(values.get("org") or "").strip()
        if not org_name:
            if default_org_id is not None:
                org_name = session.get(Organisation, default_org_id).name
            elif top is not None and len([o for o in orgs.values() if o.level is OrgLevel.BRANCH]) == 1:
                org_name = next(o.name for o in orgs.values() if o.level is OrgLevel.BRANCH)
            else:
                errors.append(RowError(row.row, row.headers.get("org", "所在党支部"),
                                       "未填所在党支部（文件中没有该列时，请在导入时选择默认党支部）"))
                continue
        if top is not None and org_name == top.name:
            errors.append(RowError(row.row, row.headers.get("org", "所在党支部"), _NOT_TOP))
            continue
        if org_name not in orgs:
            new_orgs[org_name] = None
        group_name = str(values.get("group") or "").strip() or None
        record = dict(values)  # never blank: app.io.member_sheet leaves empty cells out
        record.pop("org", None)
        record.pop("group", None)
        if not record.keys() <= _DATA_FIELDS:  # a hand-made row with unknown keys
            record = {k: v for k, v in record.items() if k in _DATA_FIELDS}
        record["name"] = str(values.get("name") or "")
        try:
            checked = check_record(record, today=today, memo=memo, fields_checked=row.fields_checked)
        except ValidationError as exc:
            column = next((h for f, h in row.headers.items() if FIELD_LABELS.get(f) == exc.field), exc.field)
            errors.append(RowError(row.row, column, exc.message))
            continue
        clean = checked.values
        number = clean["id_number"]
        if number:
            if number in seen_ids:
                errors.append(RowError(row.row, row.headers.get("id_number", "公民身份号码"),
                                       f"与第{seen_ids[number]}行的号码重复"))
                continue
            seen_ids[number] = row.row
        existing = _match(session, clean, org_name, orgs, by_id)
        warnings = row.warnings + checked.warnings if row.warnings else checked.warnings
        if existing is None:
            planned.append(PlannedRow(row.row, "新增", clean, org_name, group_name, None, (), warnings))
            continue
        merged, changes = _merge(existing, clean, row, org_name, group_name, orgs, all_orgs)
        planned.append(PlannedRow(row.row, "修改" if changes else "不变", merged.__dict__.copy(), org_name,
                                  group_name, existing.id, changes, warnings))
    new_org_list = list(new_orgs)
    if top_name is not None and top_name in new_orgs:
        # the title names a branch (“第一党支部党员名册”): it is not the top organisation
        new_org_list.remove(top_name)
        new_org_list.insert(0, top_name)
        top_name = "本级党组织"
    return ImportPlan(planned, errors, new_org_list, top_name)


def prepare_new_rows(plan: ImportPlan) -> None:
    """Compute each new member's column values (rules, pinyin keys) before the write begins.

    ``apply_import`` calls it before its first statement, so no transaction is open while
    it runs; a caller may call it earlier (after the preview, on a worker thread). The write
    then is batches of INSERTs: the transaction stays short.
    """
    for p in plan.rows:
        if p.action == "新增" and p.prepared is None:
            row = Member()
            _apply(row, check_member(p.data))
            p.prepared = {k: v for k, v in row.__dict__.items() if not k.startswith("_")}
            p.audit_changes = audit.new_changes(p.prepared)


def _top_name(title: str | None) -> str:
    if title:
        for suffix in ("党员花名册", "花名册", "党员名册", "名册", "党员信息表", "信息表"):
            if title.endswith(suffix) and len(title) > len(suffix):
                return title[: -len(suffix)].strip()
    return "本级党组织"


def _match(session, clean: dict, org_name: str, orgs, by_id) -> Member | None:
    if clean["id_number"]:
        return by_id.get(clean["id_number"])
    org = orgs.get(org_name)
    if org is None:
        return None
    return session.scalars(
        select(Member).where(Member.name == clean["name"], Member.org_id == org.id, Member.id_number.is_(None),
                             Member.is_active.is_(True))
    ).first()


def _merge(existing: Member, clean: dict, row: ImportRow, org_name, group_name, orgs, all_orgs):
    """Fields present in the file replace the stored ones; absent columns keep what is stored."""
    current = member_data(existing)
    updates = {k: clean.get(k) for k in row.values if k in _DATA_FIELDS}
    for derived in ("gender", "birth_date"):  # filled from the ID number
        if getattr(current, derived) is None and clean.get(derived) is not None:
            updates[derived] = clean[derived]
    merged = replace(current, **updates)
    changes = [(FIELD_LABELS.get(k, k), _shown(getattr(current, k)), _shown(getattr(merged, k)))
               for k in updates if getattr(current, k) != getattr(merged, k)]
    names = {o.id: o.name for o in all_orgs}
    org = orgs.get(org_name)
    if org is None or org.id != existing.org_id:
        changes.append(("所在党支部", names.get(existing.org_id, ""), org_name))
    if "group" in row.values:
        group = next((o for o in all_orgs if org is not None and o.parent_id == org.id and o.name == group_name), None)
        if (group.id if group else None) != existing.group_id:
            changes.append(("党小组", names.get(existing.group_id, ""), group_name or ""))
    return merged, tuple(changes)


def apply_import(session: Session, plan: ImportPlan, *, source: str = "") -> dict[str, int]:
    """Write a plan that has no errors, all in the caller's unit of work."""
    if plan.errors:
        raise ValidationError("", f"有 {len(plan.errors)} 处错误，未导入任何数据")
    prepare_new_rows(plan)  # pure computation, before the transaction begins
    top = ensure_top_organisation(session, plan.top_name)
    existing = list(session.scalars(select(Organisation)))
    orgs = {o.name: o for o in existing if o.level is not OrgLevel.GROUP}
    groups = {(o.parent_id, o.name): o for o in existing if o.level is OrgLevel.GROUP}
    for name in plan.new_orgs:
        org = Organisation(name=name, level=OrgLevel.BRANCH, org_type=OrgType.COMMUNITY, parent_id=top.id)
        session.add(org)
        orgs[name] = org
    session.flush()
    crashpoints.maybe_crash("after_validate")
    new_rows: list[dict] = []
    for p in plan.rows:
        if p.action == "不变":
            continue
        org = orgs[p.org_name]
        group_id = None
        if p.group_name:
            group = groups.get((org.id, p.group_name))
            if group is None:
                group = Organisation(name=p.group_name, level=OrgLevel.GROUP, parent_id=org.id)
                session.add(group)
                session.flush()
                groups[(org.id, p.group_name)] = group
            group_id = group.id
        if p.member_id is None:
            new_rows.append((dict(p.prepared, org_id=org.id, group_id=group_id),
                             dict(p.audit_changes or {}, org_id=[None, org.id],
                                  **({"group_id": [None, group_id]} if group_id else {}))))
            continue
        data = replace(p.data, org_id=org.id, group_id=group_id)
        row = session.get(Member, p.member_id)
        _apply(row, check_member(data))
    session.flush()
    _insert_new(session, new_rows)
    counts = {"新增": plan.count("新增"), "修改": plan.count("修改"), "不变": plan.count("不变"),
              "新建组织": len(plan.new_orgs)}
    audit.record(session, "导入", "member", "", f"从 {source} 导入党员：{plan.summary()}", counts)
    session.flush()
    crashpoints.maybe_crash("before_commit")
    return counts


INSERT_BATCH = 1000


def _insert_new(session: Session, rows: list[tuple[dict, dict]]) -> None:
    """New members in batches of INSERT … RETURNING, each with its audit row (ID and phone masked)."""
    done = 0
    returned = (Member.id, Member.sort_key, Member.org_id, Member.id_number, Member.phone, Member.birth_date)
    for start in range(0, len(rows), INSERT_BATCH):
        batch = _uniform([values for values, _changes in rows[start:start + INSERT_BATCH]])
        changes = [c for _values, c in rows[start:start + INSERT_BATCH]]
        # One multi-row INSERT per batch; RETURNING's order is not promised, so each id is matched
        # back to its row by what the row holds (asking SQLAlchemy for the order costs a statement a row).
        slots: dict[tuple, list[int]] = {}
        for n, r in enumerate(batch):
            slots.setdefault(_row_key(r), []).append(n)
        ids: list[int | None] = [None] * len(batch)
        for got in session.execute(insert(Member.__table__).returning(*returned), batch):
            ids[slots[tuple(got[1:])].pop(0)] = got[0]
        audit.record_new(session, "member", list(zip(ids, batch, changes)))
        done += len(batch)
        crashpoints.maybe_crash("mid_insert", done)


def _uniform(batch: list[dict]) -> list[dict]:
    """One multi-row INSERT needs the same columns in every row: a column some rows leave out gets its default."""
    keys = set().union(*batch)
    missing = [k for k in keys if any(k not in r for r in batch)]
    if not missing:
        return batch
    table = Member.__table__
    fill = {}
    for k in missing:
        default = table.c[k].default
        fill[k] = default.arg if default is not None and default.is_scalar else None
    return [r if len(r) == len(keys) else {**fill, **r} for r in batch]


def _row_key(row: dict) -> tuple:
    return (row.get("sort_key"), row.get("org_id"), row.get("id_number"), row.get("phone"), row.get("birth_date"))

