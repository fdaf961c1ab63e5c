"""本月收缴: who owes this month, recording payments (本人, 代交, 补交, 预交), 党费交至年月 and arrears.

Rules: 中组发〔2008〕3号 第八条 (monthly; 预备党员 from admission), 第九条 (补交/预交),
第十一条 and 组电明字〔2017〕5号 (a single voluntary payment of 1000 元 or more is 大额,
remitted in full to the 中央); 补交 and 预交 at most six months (党员教育管理工作条例
practice; a setting would not make it legal to go further). Six months unpaid without
reason is treated as 自行脱党 (党章 第九条): the app only flags it, the branch decides.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import String, cast, select
from sqlalchemy.orm import Session

from app.db.models import DuesAssessment, DuesPayment, Member
from app.domain import dues
from app.domain.enums import PaymentMethod
from app.domain.errors import ValidationError
from app.services import audit, settings
from app.services.dues_assess import money
from app.services.dues_liability import liabilities
from app.services.views._common import month_index, org_names
from app.services.views.dues import effective_monthly

ZERO = Decimal("0.00")


def month_date(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class DueLine:
    """One member on the 本月收缴 sheet."""

    member_id: int
    name: str
    org_name: str
    category: str
    monthly: Decimal  # owed for the month after 少交/免交/override
    reduction: str
    payment_id: int | None  # the payment covering this month, if any
    paid_amount: Decimal | None
    method: str  # of that payment
    payer_name: str
    receipt_no: str
    paid_on: date | None
    paid_until: str  # 党费交至年月, e.g. 2026-10, or "" when nothing is paid
    arrears: int  # consecutive unpaid months before this one
    arrears_level: str  # 正常 / 提醒 / 严重

    @property
    def paid(self) -> bool:
        return self.payment_id is not None

    @property
    def status(self) -> str:
        if self.monthly <= 0:
            return "免交"
        return "已交" if self.paid else "未交"


def _month_of_text(text: str) -> int:
    return int(text[:4]) * 12 + int(text[5:7]) - 1


def _coverage(session: Session, member_ids, first: int, last: int) -> dict[int, set[int]]:
    """member id → the months within [first, last] some payment covers.

    The dates come back as ISO text (a cast both SQLite and PostgreSQL answer the
    same way), so 100,000 payments cost no date objects.
    """
    stmt = select(DuesPayment.member_id, cast(DuesPayment.period_start, String), cast(DuesPayment.period_end, String)
                  ).where(DuesPayment.period_end >= month_date(first), DuesPayment.period_start <= month_date(last))
    if member_ids is not None:
        stmt = stmt.where(DuesPayment.member_id.in_(member_ids))
    out: dict[int, set[int]] = defaultdict(set)
    for member_id, lo, hi in session.execute(stmt):
        lo, hi = _month_of_text(lo), _month_of_text(hi)
        if lo == hi:
            out[member_id].add(lo)
        else:
            out[member_id].update(range(max(lo, first), min(hi, last) + 1))
    return out


def _covering(session: Session, member_ids, month: int) -> dict[int, DuesPayment]:
    """member id → the payment that covers ``month``."""
    day = month_date(month)
    stmt = select(DuesPayment).where(DuesPayment.period_start <= day, DuesPayment.period_end >= day)
    if member_ids is not None:
        stmt = stmt.where(DuesPayment.member_id.in_(member_ids))
    return {p.member_id: p for p in session.scalars(stmt)}


def month_sheet(session: Session, year: int, month: int, *, org_ids: set[int] | None = None) -> list[DueLine]:
    """Every member assessed for ``year`` who owes dues in ``month``, with what covers it."""
    current = year * 12 + month - 1
    names = org_names(session)
    stmt = (select(DuesAssessment, Member.name, Member.org_id).join(Member, Member.id == DuesAssessment.member_id)
            .where(DuesAssessment.year == year).order_by(Member.org_id, Member.sort_key, Member.id))
    rows = [(a, n, o) for a, n, o in session.execute(stmt) if org_ids is None or o in org_ids]
    few = [a.member_id for a, _, _ in rows] if len(rows) <= 500 else None  # else one scan beats a long IN list
    spans = liabilities(session, few) if rows else {}
    rows = [(a, n, o) for a, n, o in rows if spans[a.member_id].covers(current)]
    history_from = current - 24  # 党费交至年月 and arrears look back two years
    covered_by = _coverage(session, few, history_from, current)
    this_month = _covering(session, few, current)
    assessed: dict[int, set[int]] = defaultdict(set)  # months before the first assessment are not owed here
    for member_id, y in session.execute(select(DuesAssessment.member_id, DuesAssessment.year).where(
            DuesAssessment.year.between(history_from // 12, year))):
        assessed[member_id].add(y)
    lines = []
    empty: set[int] = set()
    for a, name, org_id in rows:
        monthly = effective_monthly(a)
        covered = covered_by.get(a.member_id, empty)
        span = spans[a.member_id]
        years = assessed[a.member_id]
        start = max(history_from, min(years) * 12)
        if span.first is not None:
            start = max(start, span.first)
        until = dues.paid_until(covered, start) if start in covered else None
        owed_before = [k for k in span.months(start, current - 1) if k // 12 in years] if monthly > 0 else []
        arrears = dues.arrears(covered, owed_before)
        p = this_month.get(a.member_id)
        lines.append(DueLine(
            a.member_id, name, names.get(org_id, ""), a.category.value, monthly, a.reduction.value,
            p.id if p else None, p.amount if p else None, p.method.value if p else "", (p.payer_name or "") if p else "",
            (p.receipt_no or "") if p else "", p.paid_on if p else None,
            dues.month_text(until) if until is not None else "", arrears.months, arrears.level,
        ))
    return lines


def monthly_owed(session: Session, member_id: int, months: range) -> Decimal:
    years = {k // 12 for k in months}
    by_year = {a.year: a for a in session.scalars(select(DuesAssessment).where(
        DuesAssessment.member_id == member_id, DuesAssessment.year.in_(years)))}
    missing = sorted(y for y in years if y not in by_year)
    if missing:
        raise ValidationError("所交月份", f"{missing[0]}年还没有核定党费，请先核定")
    return sum((effective_monthly(by_year[k // 12]) for k in months), ZERO)


def record_payment(
    session: Session, member_id: int, first: int, last: int, *, paid_on: date, method: str = "本人",
    amount=None, payer_name: str = "", receipt_no: str = "", notes: str = "",
) -> DuesPayment:
    """One payment covering the months ``first``..``last`` (month indexes); checks every rule first."""
    kind = PaymentMethod(method)
    if last < first:
        raise ValidationError("所交月份", "结束月份早于开始月份")
    paid_month = month_index(paid_on)
    if first < paid_month - dues.MAX_BACK_MONTHS:
        raise ValidationError("所交月份", f"补交最多补前{dues.MAX_BACK_MONTHS}个月（{dues.month_text(first)} 超出）")
    if last > paid_month + dues.MAX_BACK_MONTHS:
        raise ValidationError("所交月份", f"预交最多预交{dues.MAX_BACK_MONTHS}个月（{dues.month_text(last)} 超出）")
    if kind is PaymentMethod.BACK_PAY and first >= paid_month:
        raise ValidationError("交纳方式", "补交应包含交纳日期之前的月份")
    if kind is PaymentMethod.ADVANCE and last <= paid_month:
        raise ValidationError("交纳方式", "预交应包含交纳日期之后的月份")
    if kind is PaymentMethod.PROXY and not payer_name.strip():
        raise ValidationError("代交人", "代交须填写代交人姓名")
    span = liabilities(session, [member_id])[member_id]
    months = range(first, last + 1)
    outside = [k for k in months if not span.covers(k)]
    if outside:
        raise ValidationError("所交月份", f"{dues.month_text(outside[0])} 不在该党员应交党费的月份内")
    clash = session.scalars(select(DuesPayment).where(
        DuesPayment.member_id == member_id, DuesPayment.period_end >= month_date(first),
        DuesPayment.period_start <= month_date(last))).first()
    if clash is not None:
        raise ValidationError("所交月份", f"{dues.month_text(max(first, month_index(clash.period_start)))} "
                                      f"已于 {clash.paid_on.isoformat()} 交纳（{clash.method.value}）")
    owed = monthly_owed(session, member_id, months)
    value = owed if amount in (None, "") else money(amount, "金额")
    if value < owed:
        raise ValidationError("金额", f"少于应缴的 {owed} 元（{len(months)} 个月）")
    threshold = Decimal(str(settings.get(session, "dues.large_threshold")))
    payment = DuesPayment(
        member_id=member_id, period_start=month_date(first), period_end=month_date(last), amount=value,
        paid_on=paid_on, method=kind, payer_name=payer_name.strip() or None, receipt_no=receipt_no.strip() or None,
        is_large=value - owed >= threshold, notes=notes.strip() or None,  # the voluntary part
    )
    session.add(payment)
    session.flush()
    return payment


def mark_all_paid(session: Session, year: int, month: int, *, paid_on: date,
                  member_ids: list[int] | None = None) -> int:
    """本人 payments of the month's amount for everyone on the sheet who has not paid; the exceptions are edited after."""
    lines = [ln for ln in month_sheet(session, year, month) if not ln.paid and ln.monthly > 0
             and (member_ids is None or ln.member_id in member_ids)]
    current = year * 12 + month - 1
    for ln in lines:
        session.add(DuesPayment(member_id=ln.member_id, period_start=month_date(current),
                                period_end=month_date(current), amount=ln.monthly, paid_on=paid_on,
                                method=PaymentMethod.SELF, is_large=False))
    session.flush()
    total = sum((ln.monthly for ln in lines), ZERO)
    audit.record(session, "收缴", "dues_payment", f"{year}-{month:02d}",
                 f"{year}年{month}月党费：标记 {len(lines)} 人已交，合计 {total} 元", {"人数": len(lines), "金额": str(total)})
    return len(lines)


def update_payment(session: Session, payment_id: int, *, receipt_no: str | None = None,
                   payer_name: str | None = None, amount=None) -> DuesPayment:
    """Correct one payment from the 本月收缴 sheet: its receipt number, who paid it, or the amount.

    Naming a payer makes a 本人 payment 代交, clearing it makes a 代交 one 本人; an amount
    is checked as when it was recorded (never below what the months owe; 大额 again).
    """
    p = session.get(DuesPayment, payment_id)
    if p is None:
        raise ValidationError("交纳记录", "该交纳记录已不存在，请刷新")
    if receipt_no is not None:
        p.receipt_no = receipt_no.strip() or None
    if payer_name is not None:
        p.payer_name = payer_name.strip() or None
        if p.payer_name and p.method is PaymentMethod.SELF:
            p.method = PaymentMethod.PROXY
        elif not p.payer_name and p.method is PaymentMethod.PROXY:
            p.method = PaymentMethod.SELF
    if amount is not None:
        months = range(month_index(p.period_start), month_index(p.period_end) + 1)
        owed = monthly_owed(session, p.member_id, months)
        value = money(amount, "金额")
        if value < owed:
            raise ValidationError("金额", f"少于应缴的 {owed} 元（{len(months)} 个月）")
        threshold = Decimal(str(settings.get(session, "dues.large_threshold")))
        p.amount, p.is_large = value, value - owed >= threshold
    session.flush()
    return p


def delete_payment(session: Session, payment_id: int) -> None:
    """Undo a wrongly recorded payment (the audit log keeps it)."""
    row = session.get(DuesPayment, payment_id)
    if row is not None:
        session.delete(row)
        session.flush()


@dataclass(frozen=True)
class Receipt:
    """What a 党费收据 prints for one payment."""

    receipt_no: str
    org_name: str
    name: str
    period: str  # 2026-07 至 2026-09, or one month
    amount: Decimal
    method: str
    payer_name: str
    paid_on: date


def receipts(session: Session, payment_ids: list[int]) -> list[Receipt]:
    names = org_names(session)
    rows = session.execute(select(DuesPayment, Member.name, Member.org_id).join(
        Member, Member.id == DuesPayment.member_id).where(DuesPayment.id.in_(payment_ids)).order_by(DuesPayment.id))
    out = []
    for p, name, org_id in rows:
        first, last = dues.month_text(month_index(p.period_start)), dues.month_text(month_index(p.period_end))
        out.append(Receipt(p.receipt_no or "", names.get(org_id, ""), name, first if first == last else f"{first} 至 {last}",
                           p.amount, p.method.value, p.payer_name or "", p.paid_on))
    return out
