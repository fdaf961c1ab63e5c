"""党费 of a period by the month covered, member by member: what 统计, the workbook and templates share.

Built from the year's 台账 (``dues_ledger``, without its quarterly summary), so the figures
agree with the ledger to the fen: a payment covering several months is spread over them as
the ledger spreads it, a month owed nothing shows as None.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from app.services.dues_ledger import build_ledger

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class DuesLine:
    """One member's 党费 for the period's months."""

    member_id: int
    name: str
    org_name: str
    category: str
    base: Decimal | None  # 计算基数 (None or 0: a fixed amount)
    rate: Decimal | None
    monthly: Decimal
    months: tuple[Decimal | None, ...]  # paid, one per month of the period; None: not liable and nothing paid
    due: Decimal
    paid: Decimal
    owed: tuple[Decimal | None, ...] = ()  # owed, one per month of the period (when asked for)


def months_of(start: date, end: date) -> list[tuple[int, int]]:
    out, (y, m) = [], (start.year, start.month)
    while (y, m) <= (end.year, end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def period_dues(session: Session, start: date, end: date, org_id: int | None, *, owed_months: bool = False
                ) -> list[DuesLine]:
    """Every assessed member owing something in the months from ``start`` to ``end`` (``org_id``'s sub-tree)."""
    from app.services.dues_liability import liabilities

    months = months_of(start, end)
    wanted = set(months)
    spans = liabilities(session)
    by_member: dict[int, list] = {}
    order: list[int] = []
    for year in sorted({y for y, _m in months}):
        ledger = build_ledger(session, year, as_of=date(year, 12, 31), org_id=org_id, quarters=False)
        for r in ledger.rows:
            entry = by_member.get(r.member_id)
            if entry is None:
                entry = by_member[r.member_id] = [r, {}]
                order.append(r.member_id)
            cells, span = entry[1], spans.get(r.member_id)
            for i in range(12):
                if (year, i + 1) in wanted:
                    liable = span is None or span.covers(year * 12 + i)
                    owed = ((r.month_due[i] or ZERO) if r.month_due else r.monthly) if liable else None
                    cells[(year, i + 1)] = (owed, r.months[i])
    lines = []
    for member_id in order:
        r, cells = by_member[member_id]
        owed = [cells.get(ym, (None, None))[0] for ym in months]
        if all(v is None for v in owed):
            continue  # owed nothing inside the period
        paid = tuple(cells.get(ym, (None, None))[1] for ym in months)
        lines.append(DuesLine(member_id, r.name, r.org_name, r.category, r.base, r.rate, r.monthly, paid,
                              sum((v for v in owed if v is not None), ZERO),
                              sum((v for v in paid if v is not None), ZERO), tuple(owed) if owed_months else ()))
    return lines


def _first_day(month: int) -> date:
    return date(month // 12, month % 12 + 1, 1)


def period_totals(session: Session, start: date, end: date, org_ids: set[int] | None) -> tuple[Decimal, Decimal]:
    """(应缴, 实缴) of the months from ``start`` to ``end``, as ``period_dues`` would sum them, in SQL where it can.

    A street's year is 600,000 payments: the ones lying wholly inside the months are summed
    by the database (their parts add up to the amount); only those reaching across the
    period's edge are spread month by month as the 台账 spreads them. What is owed is each
    assessment's monthly amount over the months the member was liable for.
    """
    from sqlalchemy import and_, func, or_, select

    from app.db.models import DuesAssessment, DuesMonthlyBase, DuesPayment, Member
    from app.domain import dues
    from app.domain.bulk import paused_gc
    from app.domain.enums import DuesReduction
    from app.services import dues_owed
    from app.services.dues_liability import liabilities

    conn = session.connection()
    due = paid = ZERO
    a, p = DuesAssessment, DuesPayment
    with paused_gc():
        spans = liabilities(session)
        for year in range(start.year, end.year + 1):
            lo_day, hi_day = max(start, date(year, 1, 1)), min(end, date(year, 12, 31))
            first, last = year * 12 + lo_day.month - 1, year * 12 + hi_day.month - 1
            if first > last:
                continue
            assessed = select(a.id, a.member_id, a.monthly_amount, a.reduction, a.reduced_amount,
                              a.override_amount).where(a.year == year)
            if org_ids is not None:
                assessed = assessed.join(Member, Member.id == a.member_id).where(Member.org_id.in_(org_ids))
            bases: dict[int, dict[int, Decimal]] = {}
            for aid, month, amount in conn.execute(select(DuesMonthlyBase.assessment_id, DuesMonthlyBase.month,
                                                          DuesMonthlyBase.amount).join(a, a.id == DuesMonthlyBase
                                                                                       .assessment_id)
                                                   .where(a.year == year)).all():
                bases.setdefault(aid, {})[month] = amount
            ids = set()
            none = DuesReduction.NONE
            for aid, mid, monthly, reduction, reduced, override in conn.execute(assessed).all():
                ids.add(mid)
                span = spans.get(mid)
                months = span.months(first, last) if span is not None else range(first, last + 1)
                if not months:
                    continue
                owed = dues_owed.effective(override, reduction.value, reduced, monthly)
                own = bases.get(aid)
                if own and override is None and reduction is none:
                    due += sum((own.get(k % 12 + 1, owed) for k in months), ZERO)
                else:
                    due += owed * len(months)
            lo, hi = _first_day(first), _first_day(last)
            inside = (select(func.sum(p.amount))
                      .join(a, and_(a.member_id == p.member_id, a.year == year))
                      .where(p.period_end >= lo, p.period_end <= hi, p.period_start >= lo))  # period_end's index
            if org_ids is not None:
                inside = inside.join(Member, Member.id == p.member_id).where(Member.org_id.in_(org_ids))
            paid += session.execute(inside).scalar() or ZERO
            across = [row for row in conn.execute(select(p.member_id, p.period_start, p.period_end, p.amount).where(
                p.period_start <= hi, p.period_end >= lo, or_(p.period_start < lo, p.period_end > hi))).all()
                if row[0] in ids]
            if across:
                month = lambda d: d.year * 12 + d.month - 1  # noqa: E731
                years = {y for _m, s, e, _a in across for y in range(s.year, e.year + 1)}
                owed_by = dues_owed.load(session, years, member_ids={m for m, *_r in across})
                for mid, s, e, amount in across:
                    months = range(month(s), month(e) + 1)
                    shares = dues.spread(amount, [(k, _owed(owed_by, mid, k)) for k in months])
                    paid += sum((v for k, v in shares.items() if first <= k <= last), ZERO)
    return due, paid


def _owed(owed_by: dict, member_id: int, month: int) -> Decimal:
    o = owed_by.get((member_id, month // 12))
    return o.owed(month) if o is not None else ZERO
