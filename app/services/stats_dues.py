"""党费 of a period by the month covered, member by member: what 统计, the workbook and templates share.

Counted as the year's 台账 (``dues_ledger``) counts, to the fen — tests hold them together —
but reading only the payments that touch the period: a payment covering several months is
spread over them as the ledger spreads it; a month the member was not liable for shows None.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session


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
    """Every assessed member owing something in the months from ``start`` to ``end`` (``org_id``'s sub-tree).

    As the year's 台账 counts them (a test holds the two together): each month owed by the
    assessment's amount (a 年薪制 month by its own base) while the member is liable; what was
    paid by the month covered, a payment over several months spread as the 台账 spreads it.
    Only the payments touching the period are read.
    """
    from sqlalchemy import select

    from app.db.models import DuesAssessment, DuesPayment, Member
    from app.domain import dues
    from app.domain.bulk import paused_gc
    from app.services import dues_owed
    from app.services.dues_ledger import _scope as ledger_scope
    from app.services.dues_liability import liabilities
    from app.services.views._common import org_names

    months = months_of(start, end)
    first, last = months[0][0] * 12 + months[0][1] - 1, months[-1][0] * 12 + months[-1][1] - 1
    lo, hi = _first_day(first), _first_day(last)
    _name, scope = ledger_scope(session, org_id)
    names = org_names(session)
    conn = session.connection()
    a = DuesAssessment
    with paused_gc():
        spans = liabilities(session)
        owed_by = dues_owed.load(session, sorted({y for y, _m in months}))
        people = [(mid, name, org) for mid, name, org in conn.execute(
            select(Member.id, Member.name, Member.org_id).where(Member.id.in_(
                select(a.member_id).where(a.year.in_(sorted({y for y, _m in months})))))
            .order_by(Member.org_id, Member.sort_key, Member.id)).all() if scope is None or org in scope]
        ids = {mid for mid, _n, _o in people}
        p = DuesPayment
        payments = [row for row in conn.execute(select(p.member_id, p.period_start, p.period_end, p.amount).where(
            p.period_end >= lo, p.period_start <= hi)).all() if row[0] in ids]
        crossing = {mid for mid, s, e, _a in payments if (s.year * 12 + s.month - 1) < first
                    or (e.year * 12 + e.month - 1) > last}
        if crossing:  # a payment reaching outside the period is split by what its other months owed too
            years = {y for mid, s, e, _a in payments if mid in crossing for y in range(s.year, e.year + 1)}
            owed_by.update(dues_owed.load(session, years - {y for y, _m in months}, member_ids=crossing))
        paid: dict[int, dict[int, Decimal]] = {}
        for mid, s, e, amount in payments:
            k0, k1 = s.year * 12 + s.month - 1, e.year * 12 + e.month - 1
            parts = {k0: amount} if k0 == k1 else dues.spread(amount, [(k, _owed(owed_by, mid, k))
                                                                      for k in range(k0, k1 + 1)])
            mine = paid.setdefault(mid, {})
            for k, part in parts.items():
                if first <= k <= last:
                    mine[k] = mine.get(k, ZERO) + part
    lines = []
    for mid, name, org in people:
        span = spans.get(mid)
        got = paid.get(mid, {})
        owed, cells, shown = [], [], None
        for y, m in months:
            k = y * 12 + m - 1
            o = owed_by.get((mid, y))
            if o is None:  # not assessed that year: nothing owed, nothing counted (as the 台账 of that year)
                owed.append(None)
                cells.append(None)
                continue
            shown = shown or o
            liable = span is None or span.covers(k)
            owed.append(o.owed(k) if liable else None)
            cells.append(got.get(k, ZERO) if (k in got or liable) else None)
        if shown is None or all(v is None for v in owed):
            continue  # owed nothing inside the period
        lines.append(DuesLine(mid, name, names.get(org, ""), shown.category, shown.base, shown.rate, shown.monthly,
                              tuple(cells), sum((v for v in owed if v is not None), ZERO),
                              sum((v for v in cells if v is not None), ZERO), tuple(owed) if owed_months else ()))
    return lines


def _first_day(month: int) -> date:
    return date(month // 12, month % 12 + 1, 1)


def period_totals(session: Session, start: date, end: date, org_ids: set[int] | None) -> tuple[Decimal, Decimal]:
    """(应缴, 实缴) of the months from ``start`` to ``end``, as ``period_dues`` would sum them, in SQL where it can.

    A street's year is 600,000 payments: those lying wholly inside the months are summed by
    the database from the covering index (their parts add up to the amount), less what members
    not assessed for the year paid (the 台账 of that year does not count them); only payments
    reaching across the period's edge — several months each, found through the partial index of
    such payments — are spread month by month as the 台账 spreads them. What is owed is each
    assessment's monthly amount over the months the member was liable for: summed by the
    database for those liable for the whole period, counted one by one for the others.
    """
    from sqlalchemy import and_, exists, func, or_, select

    from app.db.models import DuesAssessment, DuesPayment, Member
    from app.domain import dues
    from app.domain.bulk import paused_gc

    conn = session.connection()
    due = paid = ZERO
    a, p = DuesAssessment, DuesPayment
    with paused_gc():
        for year in range(start.year, end.year + 1):
            lo_day, hi_day = max(start, date(year, 1, 1)), min(end, date(year, 12, 31))
            first, last = year * 12 + lo_day.month - 1, year * 12 + hi_day.month - 1
            if first > last:
                continue
            assessed = select(a.member_id).where(a.year == year)
            if org_ids is not None:
                assessed = assessed.join(Member, Member.id == a.member_id).where(Member.org_id.in_(org_ids))
            due += _owed_total(session, year, first, last, assessed, org_ids)
            lo, hi = _first_day(first), _first_day(last)
            inside = and_(p.period_end >= lo, p.period_end <= hi, p.period_start >= lo)  # period_end's index
            if org_ids is None:  # everything inside, less what the unassessed paid
                everyone = conn.execute(select(func.sum(p.amount)).where(inside)).scalar()
                unassessed = select(Member.id).where(~exists().where(a.member_id == Member.id, a.year == year))
                others = conn.execute(select(func.sum(p.amount)).where(p.member_id.in_(unassessed), inside)).scalar()
                paid += _money(everyone) - _money(others)
            else:  # a part of the tree: its assessed members' payments, member by member
                paid += _money(conn.execute(select(func.sum(p.amount)).where(p.member_id.in_(assessed), inside))
                               .scalar())
            across = conn.execute(select(p.member_id, p.period_start, p.period_end, p.amount).where(
                p.period_start != p.period_end,  # the partial index of payments over several months
                p.period_start <= hi, p.period_end >= lo, or_(p.period_start < lo, p.period_end > hi),
                exists(assessed.where(a.member_id == p.member_id)))).all()  # probed per payment: there are few
            if across:
                from app.services import dues_owed

                month = lambda d: d.year * 12 + d.month - 1  # noqa: E731
                years = {y for _m, s, e, _a in across for y in range(s.year, e.year + 1)}
                owed_by = dues_owed.load(session, years, member_ids={m for m, *_r in across})
                for mid, s, e, amount in across:
                    months = range(month(s), month(e) + 1)
                    shares = dues.spread(amount, [(k, _owed(owed_by, mid, k)) for k in months])
                    paid += sum((v for k, v in shares.items() if first <= k <= last), ZERO)
    return due, paid


def _money(value) -> Decimal:
    return ZERO if value is None else value


def _owed_total(session: Session, year: int, first: int, last: int, assessed, org_ids) -> Decimal:
    """What the year's assessments owe for the months ``first`` to ``last`` (month indexes of ``year``).

    The database sums every assessment's monthly amount times the months. The few members whose
    liability or amount may differ inside the months — joining or leaving around them, ever
    transferred in (their liability may start later), 年薪制 with a base per month — are then
    counted exactly one by one in place of their share of that sum.
    """
    from sqlalchemy import String, and_, case, cast, func, or_, select, type_coerce

    from app.db.base import Money
    from app.db.models import DuesAssessment, DuesMonthlyBase, Member, MembershipEvent
    from app.domain.enums import DuesReduction, EventKind
    from app.services import dues_owed
    from app.services.dues_liability import spans_of, transfers_in

    conn = session.connection()
    a = DuesAssessment
    effective = case((a.override_amount.is_not(None), a.override_amount),
                     (a.reduction == DuesReduction.EXEMPT, 0),
                     (and_(a.reduction == DuesReduction.REDUCED, a.reduced_amount.is_not(None)), a.reduced_amount),
                     else_=a.monthly_amount)  # dues_owed.effective, in SQL
    n = last - first + 1
    total = select(func.sum(type_coerce(effective, Money()))).where(a.year == year)
    if org_ids is not None:
        total = total.where(a.member_id.in_(assessed))
    due = _money(session.execute(total).scalar()) * n
    with_bases = select(DuesMonthlyBase.assessment_id)
    transferred = select(MembershipEvent.member_id).where(MembershipEvent.kind == EventKind.TRANSFER_IN)
    stmt = (select(a.id, a.member_id, a.monthly_amount, a.reduction, a.reduced_amount, a.override_amount,
                   cast(Member.join_date, String), cast(Member.left_on, String))
            .join(Member, Member.id == a.member_id)
            .where(a.year == year, or_(Member.join_date >= _first_day(first + 1), Member.left_on < _first_day(last),
                                       Member.id.in_(transferred), a.id.in_(with_bases))))
    if org_ids is not None:
        stmt = stmt.where(Member.org_id.in_(org_ids))
    found = conn.execute(stmt).all()
    if not found:
        return due
    rows = [r[:6] for r in found]
    spans = spans_of([(r[1], r[6], r[7]) for r in found], transfers_in(session))
    bases: dict[int, dict[int, Decimal]] = {}
    for aid, month, amount in conn.execute(select(DuesMonthlyBase.assessment_id, DuesMonthlyBase.month,
                                                  DuesMonthlyBase.amount).join(a, a.id == DuesMonthlyBase.assessment_id)
                                           .where(a.year == year)).all():
        bases.setdefault(aid, {})[month] = amount
    none = DuesReduction.NONE
    for aid, mid, monthly, reduction, reduced, override in rows:
        owed = dues_owed.effective(override, reduction.value, reduced, monthly)
        due -= owed * n  # their share of the database's sum, replaced by what they really owe
        span = spans.get(mid)
        months = span.months(first, last) if span is not None else range(first, last + 1)
        own = bases.get(aid)
        if own and override is None and reduction is none:
            due += sum((own.get(k % 12 + 1, owed) for k in months), ZERO)
        else:
            due += owed * len(months)
    return due


def _owed(owed_by: dict, member_id: int, month: int) -> Decimal:
    o = owed_by.get((member_id, month // 12))
    return o.owed(month) if o is not None else ZERO
