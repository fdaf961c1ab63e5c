"""党费收缴台账 for a year and the quarterly summary for remittance (上缴).

Per member: 序号, 姓名, 类别, 计算基数, 比例, 月应缴, 1–12月实缴, 全年应缴, 全年实缴, 欠缴,
备注. A payment covering several months is attributed to them in proportion to what
each owed (app.domain.dues.spread), so the twelve months add up to what was paid for
the year. The quarterly summary counts cash by the date it was received, which is
what the branch remits (中组发〔2008〕3号 第十三条).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import DuesAssessment, DuesPayment, Member, Organisation
from app.domain import dues
from app.domain.enums import PaymentMethod
from app.services.dues_liability import liabilities
from app.services.views._common import month_index, org_names
from app.services.views.dues import effective_monthly

ZERO = Decimal("0.00")
PAYMENT_COLUMNS = (DuesPayment.member_id, DuesPayment.period_start, DuesPayment.period_end, DuesPayment.amount,
                   DuesPayment.paid_on, DuesPayment.method, DuesPayment.is_large)


@dataclass(frozen=True)
class LedgerRow:
    member_id: int
    name: str
    org_name: str
    category: str
    base: Decimal
    rate: Decimal
    monthly: Decimal
    months: tuple[Decimal | None, ...]  # 1–12月实缴; None where the member owed nothing that month
    annual_due: Decimal
    annual_paid: Decimal
    owed: Decimal  # 欠缴: due for months up to the report date not covered by a payment
    notes: str
    assessment_id: int | None = None  # None: an active member not yet assessed (category “未核定”)
    reduction: str = "无"
    override_reason: str = ""


@dataclass(frozen=True)
class QuarterSummary:
    quarter: int
    due: Decimal  # 应收: owed for the quarter's months
    received: Decimal  # 实收: cash received in the quarter
    back_pay: Decimal  # 补交 received in the quarter
    advance: Decimal  # 预交 received in the quarter
    large: Decimal  # 大额: the voluntary part of payments flagged 大额
    in_arrears: int  # members with an unpaid month of the quarter (up to the report date)


@dataclass(frozen=True)
class Ledger:
    org_name: str
    year: int
    as_of: date
    rows: list[LedgerRow]
    quarters: list[QuarterSummary]

    @property
    def month_totals(self) -> list[Decimal]:
        return [sum((r.months[i] or ZERO for r in self.rows), ZERO) for i in range(12)]

    def total(self, attr: str) -> Decimal:
        return sum((getattr(r, attr) for r in self.rows), ZERO)


def _scope(session: Session, org_id: int | None) -> tuple[str, set[int] | None]:
    orgs = list(session.execute(select(Organisation.id, Organisation.parent_id, Organisation.name)))
    if org_id is None:
        top = next((name for oid, parent, name in orgs if parent is None), "")
        return top, None
    children: dict[int | None, list[int]] = defaultdict(list)
    for oid, parent, _name in orgs:
        children[parent].append(oid)
    ids, stack = set(), [org_id]
    while stack:
        current = stack.pop()
        ids.add(current)
        stack.extend(children[current])
    return next(name for oid, _p, name in orgs if oid == org_id), ids


def build_ledger(session: Session, year: int, *, as_of: date | None = None, org_id: int | None = None,
                 with_unassessed: bool = False) -> Ledger:
    """The year's 台账 (whole organisation, or one organisation with its sub-tree).

    ``with_unassessed`` (the window) adds active members owing dues that year without an
    assessment, as rows of category “未核定”, so the clerk can assess them from the list.
    """
    as_of = as_of or date.today()
    org_name, scope = _scope(session, org_id)
    names = org_names(session)
    first, last = year * 12, year * 12 + 11
    due_until = min(last, month_index(as_of) - 1)  # this month may still be paid
    stmt = (select(DuesAssessment, Member.name, Member.org_id).join(Member, Member.id == DuesAssessment.member_id)
            .where(DuesAssessment.year == year).order_by(Member.org_id, Member.sort_key, Member.id))
    assessed = [(a, n, o) for a, n, o in session.execute(stmt) if scope is None or o in scope]
    ids = {a.member_id for a, _, _ in assessed}
    spans = liabilities(session)
    owed_by_year = {(a.member_id, a.year): effective_monthly(a) for a, _, _ in assessed}
    for a in session.scalars(select(DuesAssessment).where(DuesAssessment.year.in_((year - 1, year + 1)))):
        owed_by_year[(a.member_id, a.year)] = effective_monthly(a)
    payments = [p for p in session.execute(select(*PAYMENT_COLUMNS).where(
        DuesPayment.period_end >= date(year, 1, 1), DuesPayment.period_start <= date(year, 12, 1),
    )) if p.member_id in ids]
    by_month: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for p in payments:
        months = range(month_index(p.period_start), month_index(p.period_end) + 1)
        if len(months) == 1:  # the common case
            parts = {months[0]: p.amount}
        else:
            parts = dues.spread(p.amount, [(k, owed_by_year.get((p.member_id, k // 12), ZERO)) for k in months])
        for k, part in parts.items():
            if first <= k <= last:
                by_month[p.member_id][k] = by_month[p.member_id].get(k, ZERO) + part
    rows = []
    for a, name, org in assessed:
        monthly = effective_monthly(a)
        liable = set(spans[a.member_id].months(first, last)) if a.member_id in spans else set(range(first, last + 1))
        paid = by_month.get(a.member_id, {})
        months = tuple((paid.get(k, ZERO) if k in liable or k in paid else None) for k in range(first, last + 1))
        unpaid = [k for k in liable if k <= due_until and k not in paid] if monthly > 0 else []
        notes = []
        if a.reduction.value != "无":
            notes.append(f"{a.reduction.value}（{a.approval_body or ''}{a.approval_ref or ''}）")
        if a.override_amount is not None:
            notes.append(f"调整为{a.override_amount}元：{a.override_reason}")
        rows.append(LedgerRow(
            a.member_id, name, names.get(org, ""), a.category.value, a.base, a.rate, monthly, months,
            monthly * len(liable), sum(paid.values(), ZERO), monthly * len(unpaid), "；".join(notes),
            a.id, a.reduction.value, a.override_reason or "",
        ))
    if with_unassessed:
        rows += _unassessed(session, year, ids, scope, spans, names)
    return Ledger(org_name, year, as_of, rows, _quarters(session, year, rows, ids, spans, due_until))


def _quarters(session: Session, year: int, rows: list[LedgerRow], ids: set[int], spans, due_until: int):
    cash = [p for p in session.execute(select(*PAYMENT_COLUMNS).where(
        DuesPayment.paid_on >= date(year, 1, 1), DuesPayment.paid_on <= date(year, 12, 31))) if p.member_id in ids]
    monthly = {r.member_id: r.monthly for r in rows}
    out = []
    for q in range(1, 5):
        months = range(year * 12 + 3 * (q - 1), year * 12 + 3 * q)
        in_q = [p for p in cash if (p.paid_on.month - 1) // 3 + 1 == q]
        due = ZERO
        behind = 0
        for r in rows:
            liable = [k for k in months if spans.get(r.member_id) is None or spans[r.member_id].covers(k)]
            due += r.monthly * len(liable)
            if r.monthly > 0 and any(k <= due_until and r.months[k % 12] == ZERO for k in liable):
                behind += 1
        large = sum((p.amount - monthly[p.member_id] * (month_index(p.period_end) - month_index(p.period_start) + 1)
                     for p in in_q if p.is_large), ZERO)
        out.append(QuarterSummary(
            q, due, sum((p.amount for p in in_q), ZERO),
            sum((p.amount for p in in_q if p.method is PaymentMethod.BACK_PAY), ZERO),
            sum((p.amount for p in in_q if p.method is PaymentMethod.ADVANCE), ZERO), large, behind,
        ))
    return out


def _unassessed(session: Session, year: int, assessed: set[int], scope, spans, names) -> list[LedgerRow]:
    out = []
    blank = (None,) * 12
    for mid, name, org in session.execute(select(Member.id, Member.name, Member.org_id).where(
            Member.is_active.is_(True)).order_by(Member.org_id, Member.sort_key, Member.id)):
        if mid in assessed or (scope is not None and org not in scope):
            continue
        if mid in spans and not spans[mid].months(year * 12, year * 12 + 11):
            continue
        out.append(LedgerRow(mid, name, names.get(org, ""), "未核定", ZERO, ZERO, ZERO, blank, ZERO, ZERO, ZERO, ""))
    return out
