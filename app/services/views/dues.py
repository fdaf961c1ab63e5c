"""党费 page: each member's assessment for a year, what was paid and how many months are owed.

Rules (中组发〔2008〕3号): dues are assessed per month; a 预备党员 pays from the month
of admission; a member who leaves pays up to the month of leaving. A month counts as
paid when any payment's period (``period_start``..``period_end``) covers it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.db.models import DuesAssessment, DuesPayment, Member
from app.domain.dues import spread
from app.services import dues_owed
from app.services.dues_liability import liabilities
from app.services.views._common import month_index, org_names, year_bounds

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class DuesRow:
    member_id: int
    name: str
    org_name: str
    category: str
    base: Decimal
    rate: Decimal
    monthly: Decimal  # what the member owes per month after 少交/免交/override
    reduction: str
    annual_due: Decimal  # monthly × the months the member was liable in the year
    paid: Decimal  # payments whose period starts in the year
    arrears_months: int  # liable months up to last month that no payment covers
    assessment_id: int | None = None  # None: an active member not yet assessed for the year
    override_reason: str = ""
    approval: str = ""  # 批准机关 and 文号 of a 少交/免交


@dataclass(frozen=True)
class DuesYear:
    year: int
    rows: list[DuesRow]
    total_due: Decimal
    total_paid: Decimal
    members_in_arrears: int


def year_months(year: int, span) -> range:
    """Month indexes of ``year`` the member owed dues (app.services.dues_liability)."""
    first, last = year * 12, year * 12 + 11
    return span.months(first, last) if span is not None else range(first, last + 1)


def covered_months(session: Session, first: int, last: int) -> dict[int, set[int]]:
    """member id → month indexes within [first, last] that some payment covers."""
    start, end = date(first // 12, first % 12 + 1, 1), date(last // 12, last % 12 + 1, 1)
    covered: dict[int, set[int]] = defaultdict(set)
    rows = session.execute(
        select(DuesPayment.member_id, DuesPayment.period_start, DuesPayment.period_end).where(
            DuesPayment.period_end >= start, DuesPayment.period_start <= end
        )
    )
    for member_id, p_start, p_end in rows:
        lo, hi = max(first, month_index(p_start)), min(last, month_index(p_end))
        covered[member_id].update(range(lo, hi + 1))
    return covered


def last_due_month(today: date) -> int:
    """Arrears count months before the current one: this month's dues may still be paid."""
    return month_index(today) - 1


def year_table(session: Session, year: int, *, today: date | None = None, with_unassessed: bool = False) -> DuesYear:
    """Every assessment of ``year`` with what was paid and the months in arrears.

    ``with_unassessed`` adds the active members owing dues that year who have no
    assessment yet (category “未核定”), so the clerk can assess them from the list.
    """
    today = today or date.today()
    names = org_names(session)
    first, last = year_bounds(year)
    paid = paid_in_year(session, year)
    stmt = (
        select(Member.id, Member.name, Member.org_id)
        .join(DuesAssessment, Member.id == DuesAssessment.member_id)
        .where(DuesAssessment.year == year)
        .order_by(Member.org_id, Member.sort_key, Member.id)
    )
    spans = liabilities(session)
    due_until = min(month_index(date(year, 12, 1)), last_due_month(today))
    covered = covered_months(session, month_index(first), due_until) if due_until >= month_index(first) else {}
    rows: list[DuesRow] = []
    owed_by = dues_owed.load(session, [year])
    for member_id, name, org_id in session.connection().execute(stmt).all():
        a = owed_by[(member_id, year)]
        months = year_months(year, spans.get(member_id))
        arrears = sum(1 for m in months if m <= due_until and a.owed(m) > 0 and m not in covered.get(member_id, ()))
        rows.append(DuesRow(
            member_id, name, names.get(org_id, ""), a.category, a.base, a.rate, a.monthly, a.reduction,
            a.owed_sum(months), paid.get(member_id) or ZERO, arrears, a.assessment_id, a.override_reason, a.approval,
        ))
    if with_unassessed:
        assessed = {r.member_id for r in rows}
        for mid, name, org_id in session.execute(
                select(Member.id, Member.name, Member.org_id).where(Member.is_active.is_(True))
                .order_by(Member.org_id, Member.sort_key, Member.id)):
            if mid not in assessed and year_months(year, spans.get(mid)):
                rows.append(DuesRow(mid, name, names.get(org_id, ""), "未核定", ZERO, ZERO, ZERO, "无", ZERO,
                                    paid.get(mid) or ZERO, 0))
    return DuesYear(
        year, rows, sum((r.annual_due for r in rows), ZERO), sum((r.paid for r in rows), ZERO),
        sum(1 for r in rows if r.arrears_months > 0),
    )


def year_totals(session: Session, year: int) -> tuple[Decimal, Decimal]:
    """(应缴, 实缴) of ``year`` as ``year_table`` counts them, without working out the arrears."""
    paid = sum(paid_in_year(session, year).values(), ZERO)
    due = ZERO
    spans = liabilities(session)
    for (member_id, _year), a in dues_owed.load(session, [year]).items():
        due += a.owed_sum(year_months(year, spans.get(member_id)))
    return due, paid


def paid_in_year(session: Session, year: int) -> dict[int, Decimal]:
    """member id → 实缴 of ``year``: a payment reaching into another year counts for its months in this one.

    The split is the 台账's (app.domain.dues.spread, in proportion to what each month owed),
    so 首页, 统计 and the 台账 give the same 实缴.
    """
    jan, dec = date(year, 1, 1), date(year, 12, 1)
    paid: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for member_id, total in session.execute(
            select(DuesPayment.member_id, func.sum(DuesPayment.amount))
            .where(DuesPayment.period_start >= jan, DuesPayment.period_end <= dec).group_by(DuesPayment.member_id)):
        paid[member_id] += total
    crossing = session.execute(select(DuesPayment.member_id, DuesPayment.period_start, DuesPayment.period_end,
                                      DuesPayment.amount).where(
        DuesPayment.period_end >= jan, DuesPayment.period_start <= dec,
        or_(DuesPayment.period_start < jan, DuesPayment.period_end > dec))).all()
    if crossing:
        owed = dues_owed.load(session, [year - 1, year, year + 1], member_ids={row[0] for row in crossing})
        for member_id, start, end, amount in crossing:
            months = range(month_index(start), month_index(end) + 1)
            parts = spread(amount, [(k, owed[(member_id, k // 12)].owed(k) if (member_id, k // 12) in owed else ZERO)
                                    for k in months])
            paid[member_id] += sum((v for k, v in parts.items() if k // 12 == year), ZERO)
    return dict(paid)


@dataclass(frozen=True)
class Arrears:
    member_id: int
    name: str
    org_name: str
    months: int


def arrears_over_last_year(session: Session, *, today: date | None = None, minimum: int = 3) -> list[Arrears]:
    """Members who owe ``minimum`` or more of the last twelve completed months (across years)."""
    today = today or date.today()
    last = last_due_month(today)
    first = last - 11
    years = sorted({first // 12, last // 12})
    covered = covered_months(session, first, last)
    owed: dict[int, int] = defaultdict(int)
    who: dict[int, tuple[str, int]] = {}
    stmt = select(Member.id, Member.name, Member.org_id).where(Member.is_active.is_(True))
    active = {mid: (name, org_id) for mid, name, org_id in session.connection().execute(stmt).all()}
    spans = liabilities(session)
    for (member_id, year), a in dues_owed.load(session, years).items():
        if member_id not in active:
            continue
        months = [m for m in year_months(year, spans.get(member_id)) if first <= m <= last and a.owed(m) > 0]
        owed[member_id] += sum(1 for m in months if m not in covered.get(member_id, ()))
        who[member_id] = active[member_id]
    names = org_names(session)
    result = [
        Arrears(mid, who[mid][0], names.get(who[mid][1], ""), n) for mid, n in owed.items() if n >= minimum
    ]
    result.sort(key=lambda r: (r.org_name, -r.months, r.name))
    return result


def available_years(session: Session, *, today: date | None = None) -> list[int]:
    """Years with assessments, plus the current one; newest first."""
    today = today or date.today()
    years = set(session.scalars(select(DuesAssessment.year).distinct()))
    years.add(today.year)
    return sorted(years, reverse=True)
