"""What each member owes, month by month, under the year's assessment.

One place for the amount the collection sheet, the 台账, 首页 and 统计 count:

- the override (a manual amount with its reason) wins;
- 免交 owes nothing, 少交 owes the approved amount (中组发〔2008〕3号 第七条);
- a 年薪制 member owes the amount of the month's own base where one is recorded
  (组电明字〔2017〕5号: the pay actually received that month), else the assessment's;
- everyone else owes the assessment's monthly amount.

Reads are Core selects of plain columns (no ORM objects): the pages read 5,000
assessments at a time.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from app.db.models import DuesAssessment, DuesMonthlyBase
from app.domain.enums import DuesReduction

ZERO = Decimal("0.00")
COLUMNS = (DuesAssessment.id, DuesAssessment.member_id, DuesAssessment.year, DuesAssessment.category,
           DuesAssessment.base, DuesAssessment.rate, DuesAssessment.monthly_amount, DuesAssessment.reduction,
           DuesAssessment.reduced_amount, DuesAssessment.override_amount, DuesAssessment.override_reason,
           DuesAssessment.approval_body, DuesAssessment.approval_ref)


@dataclass(frozen=True)
class Owed:
    """One assessment as the pages count it."""

    assessment_id: int
    member_id: int
    year: int
    category: str
    base: Decimal
    rate: Decimal
    rule_amount: Decimal  # what the rule gives for the base
    monthly: Decimal  # owed in a month without a base of its own, after 少交/免交/override
    reduction: str
    override_amount: Decimal | None
    override_reason: str
    approval_body: str
    approval_ref: str
    month_bases: tuple[tuple[int, Decimal, Decimal], ...] = ()  # (month 1–12, base, amount) of a 年薪制 member

    def owed(self, month_index: int) -> Decimal:
        """Owed for a month (a month index, year × 12 + month − 1, of this assessment's year)."""
        if self.month_bases and self.override_amount is None and self.reduction == DuesReduction.NONE.value:
            month = month_index % 12 + 1
            for m, _base, amount in self.month_bases:
                if m == month:
                    return amount
        return self.monthly

    def owed_sum(self, months) -> Decimal:
        if not self.month_bases:
            return self.monthly * len(months)
        return sum((self.owed(k) for k in months), ZERO)

    @property
    def approval(self) -> str:
        return " ".join(x for x in (self.approval_body, self.approval_ref) if x)

    @property
    def notes(self) -> str:
        """备注 as the 台账 prints it: 少交/免交 with the approval, an override with its reason, monthly bases."""
        parts = []
        if self.reduction != DuesReduction.NONE.value:
            parts.append(f"{self.reduction}（{self.approval_body}{self.approval_ref}）")
        if self.override_amount is not None:
            parts.append(f"调整为{self.override_amount}元：{self.override_reason}")
        if self.month_bases:
            parts.append("按月核定：" + "，".join(f"{m}月{amount}元" for m, _b, amount in self.month_bases))
        return "；".join(parts)


def effective(override_amount, reduction: str, reduced_amount, monthly_amount) -> Decimal:
    """The monthly amount actually owed: override, else 免交 → 0, 少交 → the reduced amount."""
    if override_amount is not None:
        return override_amount
    if reduction == DuesReduction.EXEMPT.value:
        return ZERO
    if reduction == DuesReduction.REDUCED.value and reduced_amount is not None:
        return reduced_amount
    return monthly_amount


def owing(session: Session, years, *, member_ids=None) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """Which (member id, year) owe anything, and the (member id, month index) that owe nothing.

    The cheap form of ``load`` for looking back over past years (arrears): the test is
    made in SQL on the stored amounts; a 年薪制 month whose own base gives nothing is
    the exception listed apart.
    """
    years = sorted(set(years))
    if not years:
        return set(), set()
    a = DuesAssessment
    positive = case(
        (a.override_amount.isnot(None), a.override_amount > 0),
        (a.reduction == DuesReduction.EXEMPT, False),
        (a.reduction == DuesReduction.REDUCED, a.reduced_amount > 0),
        else_=a.monthly_amount > 0,
    )
    stmt = select(a.member_id, a.year).where(a.year.in_(years), positive)
    if member_ids is not None:
        stmt = stmt.where(a.member_id.in_(list(member_ids)))
    conn = session.connection()
    nothing = set()
    zero = conn.execute(select(DuesMonthlyBase.assessment_id, DuesMonthlyBase.month).where(
        DuesMonthlyBase.amount == 0)).all()  # the table is small: only 年薪制 members have rows
    if zero:
        plain = {aid: (mid, y) for aid, mid, y in conn.execute(select(a.id, a.member_id, a.year).where(
            a.id.in_({aid for aid, _m in zero}), a.year.in_(years), a.override_amount.is_(None),
            a.reduction == DuesReduction.NONE)).all()}
        nothing = {(plain[aid][0], plain[aid][1] * 12 + m - 1) for aid, m in zero if aid in plain}
    return {(mid, y) for mid, y in conn.execute(stmt).all()}, nothing


def load(session: Session, years, *, member_ids=None) -> dict[tuple[int, int], Owed]:
    """(member id, year) → what the member owes, for the assessments of ``years``."""
    years = sorted(set(years))
    if not years:
        return {}
    conn = session.connection()
    stmt = select(*COLUMNS).where(DuesAssessment.year.in_(years))
    if member_ids is not None:
        stmt = stmt.where(DuesAssessment.member_id.in_(list(member_ids)))
    bases: dict[int, list[tuple[int, Decimal, Decimal]]] = defaultdict(list)
    month_stmt = (select(DuesMonthlyBase.assessment_id, DuesMonthlyBase.month, DuesMonthlyBase.base,
                         DuesMonthlyBase.amount)
                  .join(DuesAssessment, DuesAssessment.id == DuesMonthlyBase.assessment_id)
                  .where(DuesAssessment.year.in_(years)).order_by(DuesMonthlyBase.assessment_id, DuesMonthlyBase.month))
    for aid, month, base, amount in conn.execute(month_stmt).all():
        bases[aid].append((month, base, amount))
    out = {}
    for (aid, mid, year, category, base, rate, monthly, reduction, reduced, override, reason, body,
         ref) in conn.execute(stmt).all():
        out[(mid, year)] = Owed(
            aid, mid, year, category.value, base, rate, monthly,
            effective(override, reduction.value, reduced, monthly), reduction.value, override, reason or "",
            body or "", ref or "", tuple(bases.get(aid, ())),
        )
    return out
