"""党费: yearly assessment (年初核定) and payments (中组发〔2008〕3号; 组电明字〔2017〕5号)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, IdMixin, Money, Rate, TimestampMixin, VersionedMixin
from app.db.models._types import enum_type
from app.domain.enums import DuesCategory, DuesReduction, PaymentMethod


class DuesAssessment(IdMixin, TimestampMixin, VersionedMixin, Base):
    """One member's 党费 for one year: category, base, rate and monthly amount."""

    __tablename__ = "dues_assessment"
    __table_args__ = (
        UniqueConstraint("member_id", "year"),
        Index("ix_dues_assessment_year", "year", "member_id"),  # a year's members without reading the rows
    )

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    category: Mapped[DuesCategory] = mapped_column(enum_type(DuesCategory, 8))
    base: Mapped[Decimal] = mapped_column(Money)  # 计算基数 (monthly)
    rate: Mapped[Decimal] = mapped_column(Rate)  # 0 for fixed-amount categories
    monthly_amount: Mapped[Decimal] = mapped_column(Money)  # what the rule gives
    reduction: Mapped[DuesReduction] = mapped_column(enum_type(DuesReduction, 4), default=DuesReduction.NONE)
    reduced_amount: Mapped[Decimal | None] = mapped_column(Money)  # monthly amount after 少交
    approval_body: Mapped[str | None] = mapped_column(String(100))
    approval_ref: Mapped[str | None] = mapped_column(String(100))
    override_amount: Mapped[Decimal | None] = mapped_column(Money)  # manual, needs a reason
    override_reason: Mapped[str | None] = mapped_column(String(200))
    assessed_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)


class DuesMonthlyBase(IdMixin, Base):
    """A 年薪制 member's base for one month: the pay actually received (组电明字〔2017〕5号).

    Months without a row use the assessment's own base. ``amount`` is what the rule gives
    for this base (app.domain.dues.monthly_dues), never typed.
    """

    __tablename__ = "dues_monthly_base"
    __table_args__ = (UniqueConstraint("assessment_id", "month"),)

    assessment_id: Mapped[int] = mapped_column(ForeignKey("dues_assessment.id", ondelete="CASCADE"))
    month: Mapped[int] = mapped_column(Integer)  # 1–12
    base: Mapped[Decimal] = mapped_column(Money)
    amount: Mapped[Decimal] = mapped_column(Money)


class DuesPayment(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A payment covering one or more whole months (``period_start``..``period_end``, first days)."""

    __tablename__ = "dues_payment"
    __table_args__ = (
        # Both cover what 统计 sums (the amount): a member's payments, and the payments of recent months.
        Index("ix_dues_payment_member_period", "member_id", "period_start", "period_end", "amount"),
        Index("ix_dues_payment_paid_on", "paid_on"),
        Index("ix_dues_payment_period_end", "period_end", "member_id", "period_start", "amount"),
        # Payments over several months: the few that can reach across a period's edge.
        Index("ix_dues_payment_spanning", "period_end", "period_start", "member_id", "amount",
              sqlite_where=text("period_start <> period_end"), postgresql_where=text("period_start <> period_end")),
    )

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    period_start: Mapped[date] = mapped_column(Date)  # first month covered (day 1)
    period_end: Mapped[date] = mapped_column(Date)  # last month covered (day 1)
    amount: Mapped[Decimal] = mapped_column(Money)
    paid_on: Mapped[date] = mapped_column(Date)
    method: Mapped[PaymentMethod] = mapped_column(enum_type(PaymentMethod, 4), default=PaymentMethod.SELF)
    payer_name: Mapped[str | None] = mapped_column(String(40))  # 代交人
    receipt_no: Mapped[str | None] = mapped_column(String(40))
    is_large: Mapped[bool] = mapped_column(Boolean, default=False)  # 大额 (≥1000 元 or voluntary)
    notes: Mapped[str | None] = mapped_column(Text)


class DuesRemittance(IdMixin, TimestampMixin, VersionedMixin, Base):
    """党费上缴: money handed to the higher 党委 for a span of months (中组发〔2008〕3号 第十三条)."""

    __tablename__ = "dues_remittance"
    __table_args__ = (Index("ix_dues_remittance_period", "period_start"),)

    org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="RESTRICT"))  # who remits
    remitted_on: Mapped[date] = mapped_column(Date)
    period_start: Mapped[date] = mapped_column(Date)  # first month covered (day 1)
    period_end: Mapped[date] = mapped_column(Date)  # last month covered (day 1)
    amount: Mapped[Decimal] = mapped_column(Money)  # all of it, 大额 included
    large_amount: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))  # 大额, passed on to the 中央
    receiver: Mapped[str | None] = mapped_column(String(100))  # 上级党委
    receipt_no: Mapped[str | None] = mapped_column(String(60))  # 回执编号
    notes: Mapped[str | None] = mapped_column(Text)
