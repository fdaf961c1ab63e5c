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
from app.services.views._common import month_index

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
    people = _Members(session, errors)
    assessed = set(session.scalars(select(DuesAssessment.member_id).where(DuesAssessment.year == year)))
    existing: dict[tuple[int, int], Decimal] = {}
    for member_id, start, end, amount in session.execute(select(
            DuesPayment.member_id, DuesPayment.period_start, DuesPayment.period_end, DuesPayment.amount).where(
            DuesPayment.period_end >= date(year, 1, 1), DuesPayment.period_start <= date(year, 12, 1))):
        for k in range(month_index(start), month_index(end) + 1):
            if k // 12 == year:
                existing[(member_id, k % 12 + 1)] = amount if start == end else Decimal("-1")  # -1: part of a span
    new: list[PlannedPayment] = []
    unchanged = 0
    for r in rows:
        member_id = people.match(r)
        if member_id is None:
            continue
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


class _Members:
    """Matching a sheet's rows to members: by ID number, else by a name unique among active members."""

    def __init__(self, session: Session, errors: list[RowError]) -> None:
        self.errors = errors
        self.by_id: dict[str, int] = {}
        self.by_name: dict[str, list[int]] = {}
        self.retired: set[int] = set()
        self.seen: dict[int, int] = {}  # member id → the row that named him first
        for mid, name, number, active, retired in session.execute(
                select(Member.id, Member.name, Member.id_number, Member.is_active, Member.is_retired)):
            if number:
                self.by_id[number] = mid
            if active:
                self.by_name.setdefault(name, []).append(mid)
            if retired:
                self.retired.add(mid)

    def match(self, r) -> int | None:
        """The member of row ``r``, or None with the reason added to the errors."""
        member_id = self._find(r)
        if member_id is None:
            return None
        if member_id in self.seen:
            self.errors.append(RowError(r.row, "姓名", f"与第{self.seen[member_id]}行是同一名党员"))
            return None
        self.seen[member_id] = r.row
        return member_id

    def _find(self, r) -> int | None:
        if r.id_number:
            try:
                number = idnumber.parse(r.id_number).number
            except ValidationError as exc:
                self.errors.append(RowError(r.row, "身份证号", exc.message))
                return None
            if number not in self.by_id:
                self.errors.append(RowError(r.row, "身份证号", f"没有身份证号为 {idnumber.mask(number)} 的党员（{r.name}）"))
                return None
            return self.by_id[number]
        matches = self.by_name.get(r.name, [])
        if not matches:
            self.errors.append(RowError(r.row, "姓名", f"在册党员中没有“{r.name}”"))
            return None
        if len(matches) > 1:
            self.errors.append(RowError(r.row, "姓名", f"在册党员中有 {len(matches)} 人叫“{r.name}”，请在文件中加身份证号列"))
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
    people = _Members(session, errors)
    current = {a.member_id: a for a in session.scalars(select(DuesAssessment).where(DuesAssessment.year == year))}
    planned: list[PlannedBase] = []
    for r in rows:
        member_id = people.match(r)
        if member_id is None:
            continue
        category = r.category or ("离退休" if member_id in people.retired else "在职")
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
