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

from sqlalchemy import String, cast, distinct, func, select
from sqlalchemy.orm import Session

from app.db.models import DuesAssessment, DuesPayment, Member
from app.domain import dues
from app.domain.bulk import paused_gc
from app.domain.enums import PaymentMethod
from app.domain.errors import ValidationError
from app.services import audit, dues_owed, settings
from app.services.dues_assess import money
from app.services.dues_liability import liabilities
from app.services.views._common import month_index, org_names

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


def _months(conn, stmt) -> list[tuple]:
    """Rows of (member id, first month, last month, …) with the dates as month indexes.

    Dates come back as ISO text (a cast both SQLite and PostgreSQL answer the same way)
    and are read once each through a cache: 100,000 payments cover a few dozen months.
    """
    cache: dict[str, int] = {}
    out = []
    for member_id, lo, hi, *rest in conn.execute(stmt).all():
        a = cache.get(lo)
        if a is None:
            a = cache[lo] = int(lo[:4]) * 12 + int(lo[5:7]) - 1
        b = cache.get(hi)
        if b is None:
            b = cache[hi] = int(hi[:4]) * 12 + int(hi[5:7]) - 1
        out.append((member_id, a, b, *rest))
    return out


def _coverage(session: Session, member_ids, first: int, last: int) -> dict[int, int]:
    """member id → the months within [first, last] some payment covers, as a bit mask (bit 0: ``first``).

    Most payments are of one month and most members pay without a gap, so the
    one-month payments are first read as one row per member (how many distinct months,
    the first and the last); only where those months have a gap are they read one by
    one. Payments of several months are read one by one. The result is exact either way.
    """
    conn = session.connection()
    lo, hi = month_date(first), month_date(last)
    start, end = cast(DuesPayment.period_start, String), cast(DuesPayment.period_end, String)
    window = (DuesPayment.period_end >= lo, DuesPayment.period_start <= hi)
    one = DuesPayment.period_start == DuesPayment.period_end

    def scoped(stmt):
        return stmt.where(DuesPayment.member_id.in_(member_ids)) if member_ids is not None else stmt

    out: dict[int, int] = defaultdict(int)
    gapped = []
    runs = scoped(select(DuesPayment.member_id, func.min(start), func.max(start), func.count(distinct(start)))
                  .where(one, *window).group_by(DuesPayment.member_id))
    for member_id, a, b, count in _months(conn, runs):
        if b - a + 1 == count:
            out[member_id] = _bits(a, b, first, last)
        else:
            gapped.append(member_id)
    rows = _months(conn, scoped(select(DuesPayment.member_id, start, end).where(~one, *window)))
    for i in range(0, len(gapped), 500):
        rows += _months(conn, select(DuesPayment.member_id, start, end).where(
            one, *window, DuesPayment.member_id.in_(gapped[i:i + 500])))
    for member_id, a, b in rows:
        out[member_id] |= _bits(a, b, first, last)
    return out


def _bits(a: int, b: int, first: int, last: int) -> int:
    """Months a..b clipped to [first, last] as bits of a mask whose bit 0 is ``first``."""
    a, b = max(a, first), min(b, last)
    return ((1 << (b - a + 1)) - 1) << (a - first) if b >= a else 0


PAYMENT_VIEW = (DuesPayment.id, DuesPayment.member_id, DuesPayment.amount, DuesPayment.method,
                DuesPayment.payer_name, DuesPayment.receipt_no, DuesPayment.paid_on)


def _covering(session: Session, member_ids, month: int) -> dict[int, tuple]:
    """member id → (id, member id, amount, method, payer, receipt, paid on) of the payment covering ``month``."""
    day = month_date(month)
    stmt = select(*PAYMENT_VIEW).where(DuesPayment.period_end >= day, DuesPayment.period_start <= day)
    if member_ids is not None:
        stmt = stmt.where(DuesPayment.member_id.in_(member_ids))
    return {row[1]: row for row in session.connection().execute(stmt)}


def month_sheet(session: Session, year: int, month: int, *, org_ids: set[int] | None = None,
                member_ids: set[int] | None = None) -> list[DueLine]:
    """Every member assessed for ``year`` who owes dues in ``month``, with what covers it (only ``member_ids``
    when given)."""
    with paused_gc():  # 100,000 rows read and dropped: the collector's full passes would find nothing
        return _month_sheet(session, year, month, org_ids, member_ids)


def _month_sheet(session: Session, year: int, month: int, org_ids: set[int] | None,
                 member_ids: set[int] | None = None) -> list[DueLine]:
    current = year * 12 + month - 1
    names = org_names(session)
    history_from = current - 24  # 党费交至年月 and arrears look back two years
    stmt = (select(Member.id, Member.name, Member.org_id).join(DuesAssessment, DuesAssessment.member_id == Member.id)
            .where(DuesAssessment.year == year).order_by(Member.org_id, Member.sort_key, Member.id))
    if member_ids is not None and len(member_ids) <= 20000:
        stmt = stmt.where(Member.id.in_(list(member_ids)))
    members = {mid: (name, org) for mid, name, org in session.connection().execute(stmt)
               if (org_ids is None or org in org_ids) and (member_ids is None or mid in member_ids)}
    if not members:
        return []
    # a few members are looked up by id; else one scan beats a long IN list
    few = list(members) if len(members) <= (20000 if member_ids is not None else 500) else None
    owed_by = dues_owed.load(session, [year], member_ids=few)
    owing, nothing = dues_owed.owing(session, range(history_from // 12, year + 1), member_ids=few)
    first_year: dict[int, int] = {}  # months before the first assessment are not owed here
    for mid, y in owing:
        first_year[mid] = min(y, first_year.get(mid, y))
    spans = liabilities(session, few)
    covered_by = _coverage(session, few, history_from, current)
    this_month = _covering(session, few, current)
    lines = []
    for mid, (name, org_id) in members.items():
        span = spans[mid]
        if not span.covers(current):
            continue
        a = owed_by[(mid, year)]
        covered = covered_by.get(mid, 0)
        start = max(history_from, first_year.get(mid, year) * 12)
        if span.first is not None:
            start = max(start, span.first)
        x = covered >> (start - history_from)  # as dues.paid_until: the unbroken run of paid months from start
        until = start + (x ^ (x + 1)).bit_length() - 2 if x & 1 else None
        run = 0  # consecutive unpaid owed months, counted back from last month (dues.arrears)
        k = current - 1
        while k >= start:
            if (mid, k // 12) in owing and (mid, k) not in nothing and span.covers(k):
                if covered >> (k - history_from) & 1:
                    break
                run += 1
            k -= 1
        p = this_month.get(mid)
        paid = (None, None, "", "", "", None) if p is None else (p[0], p[2], p[3].value, p[4] or "", p[5] or "", p[6])
        lines.append(DueLine(
            mid, name, names.get(org_id, ""), a.category, a.owed(current), a.reduction, *paid,
            dues.month_text(until) if until is not None else "", run, dues.arrears_level(run),
        ))
    return lines


def monthly_owed(session: Session, member_id: int, months: range) -> Decimal:
    """What ``months`` owe together (each month by its year's assessment; 年薪制 by the month's own base)."""
    years = sorted({k // 12 for k in months})
    owed = dues_owed.load(session, years, member_ids=[member_id])
    missing = [y for y in years if (member_id, y) not in owed]
    if missing:
        raise ValidationError("所交月份", f"{missing[0]}年还没有核定党费，请先核定")
    return sum((owed[(member_id, k // 12)].owed(k) for k in months), ZERO)


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
