"""党费上缴: each remittance to the higher 党委, and collected against remitted by quarter.

中组发〔2008〕3号 第十三条: 党支部 collects and hands the dues to the higher 党委 on time;
第十一条 / 组电明字〔2017〕5号: 大额 (a single voluntary 1000 元 or more) goes whole to
the 中央 through the higher levels, so it is recorded apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import DuesPayment, DuesRemittance, Organisation
from app.domain import dues
from app.domain.errors import ValidationError
from app.services.dues_assess import money
from app.services.dues_collect import month_date, monthly_owed
from app.services.views._common import month_index

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class RemittanceView:
    id: int
    remitted_on: date
    period: str  # 2026-07 至 2026-09
    amount: Decimal
    large_amount: Decimal
    receiver: str
    receipt_no: str
    notes: str


@dataclass(frozen=True)
class QuarterBalance:
    quarter: int
    received: Decimal  # cash collected in the quarter (by the date received)
    remitted: Decimal  # remittances whose period starts in the quarter
    large_received: Decimal
    large_remitted: Decimal

    @property
    def outstanding(self) -> Decimal:
        return self.received - self.remitted


def record_remittance(
    session: Session, *, remitted_on: date, first: int, last: int, amount, large_amount=None,
    receiver: str = "", receipt_no: str = "", notes: str = "", org_id: int | None = None,
) -> DuesRemittance:
    """One remittance for the months ``first``..``last`` (month indexes)."""
    if last < first:
        raise ValidationError("上缴期间", "结束月份早于开始月份")
    if month_date(first) > remitted_on:
        raise ValidationError("上缴期间", "不能上缴尚未开始的月份的党费")
    value = money(amount, "上缴金额")
    if value <= 0:
        raise ValidationError("上缴金额", "应大于0")
    large = money(large_amount, "其中大额") if large_amount not in (None, "") else ZERO
    if large > value:
        raise ValidationError("其中大额", "不能超过上缴金额")
    if org_id is None:
        org_id = session.scalar(select(Organisation.id).where(Organisation.parent_id.is_(None)))
        if org_id is None:
            raise ValidationError("组织", "请先建立本级党组织")
    row = DuesRemittance(org_id=org_id, remitted_on=remitted_on, period_start=month_date(first),
                         period_end=month_date(last), amount=value, large_amount=large,
                         receiver=receiver.strip() or None, receipt_no=receipt_no.strip() or None,
                         notes=notes.strip() or None)
    session.add(row)
    session.flush()
    return row


def delete_remittance(session: Session, remittance_id: int) -> None:
    row = session.get(DuesRemittance, remittance_id)
    if row is not None:
        session.delete(row)
        session.flush()


def remittances(session: Session, year: int) -> list[RemittanceView]:
    rows = session.scalars(select(DuesRemittance).where(
        DuesRemittance.period_start >= date(year, 1, 1), DuesRemittance.period_start <= date(year, 12, 1),
    ).order_by(DuesRemittance.remitted_on, DuesRemittance.id))
    return [RemittanceView(r.id, r.remitted_on,
                           f"{dues.month_text(month_index(r.period_start))} 至 {dues.month_text(month_index(r.period_end))}",
                           r.amount, r.large_amount, r.receiver or "", r.receipt_no or "", r.notes or "")
            for r in rows]


def balance(session: Session, year: int) -> list[QuarterBalance]:
    """Collected against remitted, quarter by quarter."""
    out = []
    for q in range(1, 5):
        start, end = date(year, 3 * q - 2, 1), date(year, 3 * q, 1)
        last_day = date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1)
        received = session.scalar(select(func.sum(DuesPayment.amount)).where(
            DuesPayment.paid_on >= start, DuesPayment.paid_on < last_day)) or ZERO
        large = ZERO
        for amount, p_start, p_end, is_large, member_id in session.execute(select(
                DuesPayment.amount, DuesPayment.period_start, DuesPayment.period_end, DuesPayment.is_large,
                DuesPayment.member_id).where(DuesPayment.paid_on >= start, DuesPayment.paid_on < last_day,
                                             DuesPayment.is_large.is_(True))):
            large += _voluntary(session, member_id, amount, p_start, p_end)
        remitted = session.execute(select(func.sum(DuesRemittance.amount), func.sum(DuesRemittance.large_amount)).where(
            DuesRemittance.period_start >= start, DuesRemittance.period_start <= end)).one()
        out.append(QuarterBalance(q, received, remitted[0] or ZERO, large, remitted[1] or ZERO))
    return out


def _voluntary(session: Session, member_id: int, amount: Decimal, p_start: date, p_end: date) -> Decimal:
    months = range(month_index(p_start), month_index(p_end) + 1)
    try:
        return amount - monthly_owed(session, member_id, months)
    except ValidationError:
        return amount
