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

from sqlalchemy import String, and_, cast, or_, select
from sqlalchemy.orm import Session

from app.db.models import DuesAssessment, DuesPayment, Member, Organisation
from app.domain import dues
from app.domain.enums import PaymentMethod
from app.domain.bulk import paused_gc
from app.services import dues_owed
from app.services.dues_liability import liabilities
from app.services.views._common import month_index, org_names

ZERO = Decimal("0.00")


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
    month_due: tuple[Decimal | None, ...] | None = None  # 年薪制 with monthly bases: owed month by month


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
                 with_unassessed: bool = False, quarters: bool = True) -> Ledger:
    """The year's 台账 (whole organisation, or one organisation with its sub-tree).

    ``with_unassessed`` (the window) adds active members owing dues that year without an
    assessment, as rows of category “未核定”, so the clerk can assess them from the list.
    ``quarters=False`` leaves the quarterly summary out (统计 counts by month covered only).
    """
    with paused_gc():  # 60,000 payments read and dropped: the collector's full passes would find nothing
        return _build(session, year, as_of or date.today(), org_id, with_unassessed, quarters)


def _payments(session: Session, year: int, ids: set[int]) -> list[tuple]:
    """(member id, first month, last month, amount, paid on, method, 大额) of the payments that cover a
    month of ``year`` or were received in it, read once for the months and the quarters."""
    jan, dec = date(year, 1, 1), date(year, 12, 1)
    stmt = select(DuesPayment.member_id, cast(DuesPayment.period_start, String), cast(DuesPayment.period_end, String),
                  DuesPayment.amount, DuesPayment.paid_on, DuesPayment.method, DuesPayment.is_large).where(or_(
        and_(DuesPayment.period_end >= jan, DuesPayment.period_start <= dec),
        DuesPayment.paid_on.between(jan, date(year, 12, 31))))
    cache: dict[str, int] = {}

    def month(text: str) -> int:
        k = cache.get(text)
        if k is None:
            k = cache[text] = int(text[:4]) * 12 + int(text[5:7]) - 1
        return k

    return [(mid, month(lo), month(hi), amount, paid_on, method, large)
            for mid, lo, hi, amount, paid_on, method, large in session.connection().execute(stmt).all() if mid in ids]


def _build(session: Session, year: int, as_of: date, org_id: int | None, with_unassessed: bool,
           quarters: bool = True) -> Ledger:
    org_name, scope = _scope(session, org_id)
    names = org_names(session)
    first, last = year * 12, year * 12 + 11
    due_until = min(last, month_index(as_of) - 1)  # this month may still be paid
    members = [(mid, name, org) for mid, name, org in session.connection().execute(
        select(Member.id, Member.name, Member.org_id).join(DuesAssessment, DuesAssessment.member_id == Member.id)
        .where(DuesAssessment.year == year).order_by(Member.org_id, Member.sort_key, Member.id)).all()
        if scope is None or org in scope]
    ids = {mid for mid, _, _ in members}
    owed = dues_owed.load(session, [year])
    spans = liabilities(session)
    payments = _payments(session, year, ids)
    crossing = {p[0] for p in payments if p[1] < first <= p[2] or p[1] <= last < p[2]}
    if crossing:  # a payment reaching into another year is split by what each month owed there too
        owed.update(dues_owed.load(session, [year - 1, year + 1], member_ids=crossing))
    by_month: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for mid, lo, hi, amount, *_rest in payments:
        if hi < first or lo > last:
            continue  # received this year for other years' months: counted in the quarters only
        if lo == hi:  # the common case
            parts = {lo: amount}
        else:
            parts = dues.spread(amount, [(k, _owed_in(owed, mid, k)) for k in range(lo, hi + 1)])
        paid = by_month[mid]
        for k, part in parts.items():
            if first <= k <= last:
                paid[k] = paid.get(k, ZERO) + part
    rows = []
    for mid, name, org in members:
        a = owed[(mid, year)]
        span = spans.get(mid)
        liable = list(span.months(first, last)) if span is not None else list(range(first, last + 1))
        paid = by_month.get(mid, {})
        months = tuple((paid.get(k, ZERO) if k in paid or (span is None or span.covers(k)) else None)
                       for k in range(first, last + 1))
        unpaid = [k for k in liable if k <= due_until and k not in paid]
        rows.append(LedgerRow(
            mid, name, names.get(org, ""), a.category, a.base, a.rate, a.monthly, months,
            a.owed_sum(liable), sum(paid.values(), ZERO), a.owed_sum(unpaid), a.notes,
            a.assessment_id, a.reduction, a.override_reason,
            _month_due(a, liable, first) if a.month_bases else None,
        ))
    if with_unassessed:
        rows += _unassessed(session, year, ids, scope, spans, names)
    return Ledger(org_name, year, as_of, rows,
                  _quarters(year, rows, payments, owed, spans, due_until) if quarters else [])


def _month_due(a: dues_owed.Owed, liable: list[int], first: int) -> tuple[Decimal | None, ...]:
    due: list[Decimal | None] = [None] * 12
    for k in liable:
        due[k - first] = a.owed(k)
    return tuple(due)


def _owed_in(owed: dict, member_id: int, month: int) -> Decimal:
    a = owed.get((member_id, month // 12))
    return a.owed(month) if a is not None else ZERO


def _quarters(year: int, rows: list[LedgerRow], payments: list[tuple], owed: dict, spans, due_until: int):
    """应收 by the months owed; 实收, 补交, 预交 and 大额 by the date the money was received (第十三条)."""
    jan, dec31 = date(year, 1, 1), date(year, 12, 31)
    cash: list[list[tuple]] = [[], [], [], []]
    for p in payments:
        if jan <= p[4] <= dec31:
            cash[(p[4].month - 1) // 3].append(p)
    out = []
    for q in range(1, 5):
        months = range(year * 12 + 3 * (q - 1), year * 12 + 3 * q)
        due = ZERO
        behind = 0
        for r in rows:
            if r.assessment_id is None:
                continue
            a = owed[(r.member_id, year)]
            span = spans.get(r.member_id)
            liable = [k for k in months if span is None or span.covers(k)]
            due += a.owed_sum(liable)
            if any(k <= due_until and r.months[k % 12] == ZERO and a.owed(k) > 0 for k in liable):
                behind += 1
        in_q = cash[q - 1]
        large = sum((amount - sum((_owed_in(owed, mid, k) for k in range(lo, hi + 1)), ZERO)
                     for mid, lo, hi, amount, _d, _m, is_large in in_q if is_large), ZERO)
        out.append(QuarterSummary(
            q, due, sum((p[3] for p in in_q), ZERO),
            sum((p[3] for p in in_q if p[5] is PaymentMethod.BACK_PAY), ZERO),
            sum((p[3] for p in in_q if p[5] is PaymentMethod.ADVANCE), ZERO), large, behind,
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
