"""Bringing in an existing 党费台账's history: plan (match members, check every cell), then apply all or nothing.

Each month's amount becomes a one-month payment. The old ledger does not say on which
day the money came, so the payment is dated the first of its month and says so in its
notes (“历史台账导入”). Importing the same file twice changes nothing: a month already
paid with the same amount is “不变”; with another amount it is an error to resolve by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import DuesAssessment, DuesPayment, Member
from app.domain import idnumber
from app.domain.enums import PaymentMethod
from app.domain.errors import ValidationError
from app.services import audit
from app.services.member_import import RowError

NOTE = "历史台账导入（交纳日期按所属月份记）"


@dataclass(frozen=True)
class PlannedPayment:
    row: int
    member_id: int
    name: str
    month: int  # 1–12
    amount: Decimal


@dataclass
class DuesImportPlan:
    year: int
    new: list[PlannedPayment]
    unchanged: int
    errors: list[RowError]
    warnings: list[str]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def changes(self) -> int:
        return len(self.new)

    def summary(self) -> str:
        total = sum((p.amount for p in self.new), Decimal("0.00"))
        people = len({p.member_id for p in self.new})
        return (f"{self.year}年：新增交纳记录 {len(self.new)} 条（{people} 人，{total} 元），不变 {self.unchanged} 条"
                + (f"，错误 {len(self.errors)} 处" if self.errors else ""))


def plan_dues_import(session: Session, rows, year: int) -> DuesImportPlan:
    """``rows``: objects with ``row``, ``name``, ``id_number`` and ``amounts`` (month → Decimal)."""
    errors: list[RowError] = []
    warnings: list[str] = []
    people = list(session.execute(select(Member.id, Member.name, Member.id_number, Member.is_active)))
    by_id = {n: mid for mid, _name, n, _a in people if n}
    by_name: dict[str, list[int]] = {}
    for mid, name, _n, active in people:
        if active:
            by_name.setdefault(name, []).append(mid)
    assessed = set(session.scalars(select(DuesAssessment.member_id).where(DuesAssessment.year == year)))
    existing: dict[tuple[int, int], Decimal] = {}
    for member_id, start, end, amount in session.execute(select(
            DuesPayment.member_id, DuesPayment.period_start, DuesPayment.period_end, DuesPayment.amount).where(
            DuesPayment.period_end >= date(year, 1, 1), DuesPayment.period_start <= date(year, 12, 1))):
        for k in range(start.year * 12 + start.month - 1, end.year * 12 + end.month):
            if k // 12 == year:
                existing[(member_id, k % 12 + 1)] = amount if start == end else Decimal("-1")  # -1: part of a span
    new: list[PlannedPayment] = []
    unchanged = 0
    seen: dict[int, int] = {}
    for r in rows:
        member_id = _match(r, by_id, by_name, errors)
        if member_id is None:
            continue
        if member_id in seen:
            errors.append(RowError(r.row, "姓名", f"与第{seen[member_id]}行是同一名党员"))
            continue
        seen[member_id] = r.row
        if r.amounts and member_id not in assessed:
            warnings.append(f"第{r.row}行 {r.name}：未核定{year}年党费，导入后请补核定，台账才列出此人")
        for month, amount in sorted(r.amounts.items()):
            before = existing.get((member_id, month))
            if before is None:
                new.append(PlannedPayment(r.row, member_id, r.name, month, amount))
            elif before == amount:
                unchanged += 1
            else:
                shown = "已有跨月交纳记录" if before < 0 else f"已记 {before} 元"
                errors.append(RowError(r.row, f"{month}月", f"该月{shown}，与文件中的 {amount} 元不同；请核对后手工修改"))
    return DuesImportPlan(year, new, unchanged, errors, warnings)


def _match(r, by_id, by_name, errors) -> int | None:
    if r.id_number:
        try:
            number = idnumber.parse(r.id_number).number
        except ValidationError as exc:
            errors.append(RowError(r.row, "身份证号", exc.message))
            return None
        if number not in by_id:
            errors.append(RowError(r.row, "身份证号", f"没有身份证号为 {idnumber.mask(number)} 的党员（{r.name}）"))
            return None
        return by_id[number]
    matches = by_name.get(r.name, [])
    if not matches:
        errors.append(RowError(r.row, "姓名", f"在册党员中没有“{r.name}”"))
        return None
    if len(matches) > 1:
        errors.append(RowError(r.row, "姓名", f"在册党员中有 {len(matches)} 人叫“{r.name}”，请在文件中加身份证号列"))
        return None
    return matches[0]


def apply_dues_import(session: Session, plan: DuesImportPlan, *, source: str = "") -> int:
    if plan.errors:
        raise ValidationError("", f"有 {len(plan.errors)} 处错误，未导入任何数据")
    for p in plan.new:
        month = date(plan.year, p.month, 1)
        session.add(DuesPayment(member_id=p.member_id, period_start=month, period_end=month, amount=p.amount,
                                paid_on=month, method=PaymentMethod.SELF, is_large=False, notes=NOTE))
    session.flush()
    audit.record(session, "导入", "dues_payment", str(plan.year), f"从 {source} 导入党费台账：{plan.summary()}",
                 {"新增": len(plan.new), "不变": plan.unchanged})
    return len(plan.new)


@dataclass(frozen=True)
class PlannedBase:
    row: int
    member_id: int
    name: str
    category: str
    base: Decimal
    monthly: Decimal  # computed by the rule, never taken from the file
    action: str  # 新增 / 修改 / 不变


@dataclass
class BasesPlan:
    year: int
    rows: list[PlannedBase]
    errors: list[RowError]
    warnings: list[str]

    @property
    def changes(self) -> int:
        return sum(1 for r in self.rows if r.action != "不变")

    def summary(self) -> str:
        count = {a: sum(1 for r in self.rows if r.action == a) for a in ("新增", "修改", "不变")}
        return (f"{self.year}年党费核定：新增 {count['新增']} 人，修改 {count['修改']} 人，不变 {count['不变']} 人"
                + (f"，错误 {len(self.errors)} 处" if self.errors else ""))


def plan_bases_import(session: Session, rows, year: int) -> BasesPlan:
    """``rows``: objects with ``row``, ``name``, ``id_number``, ``category``, ``base`` and ``stated``."""
    from app.domain import dues
    from app.services.dues_assess import DuesRules

    rules = DuesRules.load(session)
    errors: list[RowError] = []
    warnings: list[str] = []
    people = list(session.execute(select(Member.id, Member.name, Member.id_number, Member.is_active,
                                         Member.is_retired)))
    by_id = {n: mid for mid, _name, n, _a, _r in people if n}
    by_name: dict[str, list[int]] = {}
    for mid, name, _n, active, _r in people:
        if active:
            by_name.setdefault(name, []).append(mid)
    retired = {mid for mid, _n, _i, _a, r in people if r}
    current = {a.member_id: a for a in session.scalars(select(DuesAssessment).where(DuesAssessment.year == year))}
    planned: list[PlannedBase] = []
    seen: dict[int, int] = {}
    for r in rows:
        member_id = _match(r, by_id, by_name, errors)
        if member_id is None:
            continue
        if member_id in seen:
            errors.append(RowError(r.row, "姓名", f"与第{seen[member_id]}行是同一名党员"))
            continue
        seen[member_id] = r.row
        category = r.category or ("离退休" if member_id in retired else "在职")
        if category not in dues.CATEGORIES:
            errors.append(RowError(r.row, "类别", f"应为{'、'.join(dues.CATEGORIES)}之一，不能是“{category}”"))
            continue
        base = r.base if r.base is not None else Decimal("0.00")
        if r.base is None and category in ("在职", "年薪制", "个体", "离退休"):
            errors.append(RowError(r.row, "计算基数", f"“{category}”须填写计算基数"))
            continue
        monthly = rules.monthly(category, base)
        if r.stated is not None and r.stated != monthly:
            warnings.append(f"第{r.row}行 {r.name}：表中月交 {r.stated} 元，按规定应为 {monthly} 元，以规定计算为准")
        old = current.get(member_id)
        action = "新增" if old is None else ("不变" if (old.category.value, old.base) == (category, base) else "修改")
        planned.append(PlannedBase(r.row, member_id, r.name, category, base, monthly, action))
    return BasesPlan(year, planned, errors, warnings)


def apply_bases_import(session: Session, plan: BasesPlan, *, source: str = "") -> int:
    from app.services.dues_assess import DuesRules, assess

    if plan.errors:
        raise ValidationError("", f"有 {len(plan.errors)} 处错误，未导入任何数据")
    rules = DuesRules.load(session)
    changed = [p for p in plan.rows if p.action != "不变"]
    for p in changed:
        assess(session, p.member_id, plan.year, p.category, p.base, rules=rules)
    audit.record(session, "核定", "dues_assessment", str(plan.year), f"从 {source} 导入党费核定：{plan.summary()}",
                 {"新增或修改": len(changed)})
    return len(changed)
