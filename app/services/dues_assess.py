"""党费 assessment (年初核定): category and base per member per year, 少交/免交, manual overrides.

The amount is always computed by ``app.domain.dues.monthly_dues`` from the category and
base (中组发〔2008〕3号 第二至六条); only a 少交 amount approved by the 上一级党委
(第七条) or a manual override with its reason replaces it, and both stay visible.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import DuesAssessment, DuesMonthlyBase, DuesPayment, Member
from app.domain import dues
from app.domain.enums import DuesCategory, DuesReduction
from app.domain.errors import ValidationError
from app.services import audit, settings


@dataclass(frozen=True)
class DuesRules:
    """The branch's settings for the amount (see app.services.settings)."""

    rounding: str
    farmer_amount: Decimal

    @classmethod
    def load(cls, session: Session) -> "DuesRules":
        rounding = dues.ROUNDINGS.get(settings.get(session, "dues.rounding"), dues.ROUND_HALF_UP)
        return cls(rounding, Decimal(str(settings.get(session, "dues.farmer_amount"))))

    def monthly(self, category: str, base: Decimal) -> Decimal:
        """The monthly amount asked of the member: the rule's, at most 1000 元 (组电明字〔2017〕5号)."""
        return dues.assessed_monthly(category, base, farmer_amount=self.farmer_amount, rounding=self.rounding)


def money(text, field: str = "计算基数") -> Decimal:
    """A clerk's amount (“3,000.50”, “3000元”) as Decimal to the 分; ValidationError otherwise."""
    if isinstance(text, Decimal):
        value = text
    else:
        cleaned = str(text if text is not None else "").replace(",", "").replace("，", "").replace("元", "").strip()
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            raise ValidationError(field, f"“{text}”不是金额") from None
    if not value.is_finite() or value < 0:
        raise ValidationError(field, "不能为负数")
    if value != value.quantize(dues.CENT):
        raise ValidationError(field, f"{value} 超过两位小数（金额到分）")
    return value.quantize(dues.CENT)


def assess(
    session: Session, member_id: int, year: int, category: str, base, *, today: date | None = None,
    rules: DuesRules | None = None,
) -> DuesAssessment:
    """Create or update one member's assessment for ``year``; the amount is computed, never typed."""
    rules = rules or DuesRules.load(session)
    if category not in dues.CATEGORIES:
        raise ValidationError("党费类别", f"应为{'、'.join(dues.CATEGORIES)}之一，不能是“{category}”")
    if category in dues.FIXED_CATEGORIES + ("农民",) and base in (None, ""):
        base = Decimal("0.00")  # a fixed amount needs no base
    else:
        base = money(base)
    row = session.scalars(select(DuesAssessment).where(
        DuesAssessment.member_id == member_id, DuesAssessment.year == year)).first()
    if row is None:
        row = DuesAssessment(member_id=member_id, year=year)
        session.add(row)
    if row.id is not None and category != DuesCategory.ANNUAL_SALARY.value:
        for month_base in session.scalars(select(DuesMonthlyBase).where(DuesMonthlyBase.assessment_id == row.id)):
            session.delete(month_base)  # only 年薪制 takes a base per month
    row.category = DuesCategory(category)
    row.base = base
    row.rate = dues.rate_for(category, base)
    row.monthly_amount = rules.monthly(category, base)
    row.assessed_on = today or date.today()
    session.flush()
    return row


def set_reduction(session: Session, assessment_id: int, reduction: str, *, amount=None, body: str = "",
                  reference: str = "") -> DuesAssessment:
    """少交 (with the reduced monthly amount) or 免交, approved by the 上一级党委 (2008 规定 第七条)."""
    row = session.get(DuesAssessment, assessment_id)
    kind = DuesReduction(reduction)
    if kind is DuesReduction.NONE:
        row.reduction, row.reduced_amount, row.approval_body, row.approval_ref = kind, None, None, None
        session.flush()
        return row
    if not body.strip() or not reference.strip():
        raise ValidationError("批准机关", f"{kind.value}须经上一级党委批准：请填写批准机关和文号（中组发〔2008〕3号 第七条）")
    if kind is DuesReduction.REDUCED:
        reduced = money(amount, "少交后月缴")
        if reduced >= row.monthly_amount:
            raise ValidationError("少交后月缴", f"应少于按规定计算的 {row.monthly_amount} 元")
        if reduced <= 0:
            raise ValidationError("少交后月缴", "为0时请选择“免交”")
        row.reduced_amount = reduced
    else:
        row.reduced_amount = None
    row.reduction, row.approval_body, row.approval_ref = kind, body.strip(), reference.strip()
    session.flush()
    return row


def set_override(session: Session, assessment_id: int, amount, reason: str) -> DuesAssessment:
    """A manual monthly amount; always with a reason, shown in the ledger and the audit log."""
    row = session.get(DuesAssessment, assessment_id)
    if amount in (None, ""):
        row.override_amount, row.override_reason = None, None
        session.flush()
        return row
    if not (reason or "").strip():
        raise ValidationError("调整原因", "手工调整月缴金额必须写明原因")
    row.override_amount = money(amount, "调整后月缴")
    row.override_reason = reason.strip()
    session.flush()
    return row


def month_bases(session: Session, assessment_id: int) -> dict[int, Decimal]:
    """A 年薪制 assessment's own monthly bases: month (1–12) → base."""
    return dict(session.execute(select(DuesMonthlyBase.month, DuesMonthlyBase.base).where(
        DuesMonthlyBase.assessment_id == assessment_id)).all())


def set_month_bases(session: Session, assessment_id: int, bases: dict[int, object]) -> list[str]:
    """年薪制: the pay actually received in some months (组电明字〔2017〕5号), each month's amount by the rule.

    ``bases`` maps a month (1–12) to the clerk's base, or to "" / None to fall back to the
    year's base. Every value is checked before anything is written. Returns notes for
    months already paid at a different amount (the difference is settled by 补交 or next time).
    """
    row = session.get(DuesAssessment, assessment_id)
    if row is None:
        raise ValidationError("核定记录", "该核定记录已不存在，请刷新")
    if row.category is not DuesCategory.ANNUAL_SALARY:
        raise ValidationError("党费类别", "只有年薪制党员按每月实际领取的薪酬计算党费（组电明字〔2017〕5号）")
    rules = DuesRules.load(session)
    wanted: dict[int, Decimal | None] = {}
    for month, text in sorted(bases.items()):
        if not 1 <= int(month) <= 12:
            raise ValidationError("月份", f"月份应为1–12，不能是{month}")
        wanted[int(month)] = None if text in (None, "") else money(text, f"{int(month)}月计算基数")
    existing = {b.month: b for b in session.scalars(select(DuesMonthlyBase).where(
        DuesMonthlyBase.assessment_id == assessment_id))}
    changed = {}
    for month, base in wanted.items():
        old = existing.get(month)
        if base is None:
            if old is not None:
                session.delete(old)
                changed[f"{month}月"] = "按全年基数"
            continue
        amount = rules.monthly("年薪制", base)
        if old is None:
            session.add(DuesMonthlyBase(assessment_id=assessment_id, month=month, base=base, amount=amount))
        elif (old.base, old.amount) == (base, amount):
            continue
        else:
            old.base, old.amount = base, amount
        changed[f"{month}月"] = f"基数{base}元，月缴{amount}元"
    session.flush()
    if changed:
        audit.record(session, "核定", "dues_assessment", str(assessment_id),
                     f"{row.year}年年薪制按月核定：" + "；".join(f"{k} {v}" for k, v in changed.items()), changed)
    return _paid_differences(session, row)


def _paid_differences(session: Session, row: DuesAssessment) -> list[str]:
    from app.services import dues_owed

    owed = dues_owed.load(session, [row.year], member_ids=[row.member_id])[(row.member_id, row.year)]
    notes = []
    for p in session.scalars(select(DuesPayment).where(
            DuesPayment.member_id == row.member_id, DuesPayment.period_start <= date(row.year, 12, 1),
            DuesPayment.period_end >= date(row.year, 1, 1)).order_by(DuesPayment.period_start)):
        months = [k for k in range(p.period_start.year * 12 + p.period_start.month - 1,
                                   p.period_end.year * 12 + p.period_end.month) if k // 12 == row.year]
        if len(months) != (p.period_end.year * 12 + p.period_end.month) - (
                p.period_start.year * 12 + p.period_start.month - 1):
            continue  # reaches into another year: the 台账 splits it; not compared here
        due = owed.owed_sum(months)
        if p.amount < due:
            span = "、".join(f"{k % 12 + 1}月" for k in months)
            notes.append(f"{span}已交 {p.amount} 元，按新基数应交 {due} 元，差额 {due - p.amount} 元请补交")
    return notes


def carry_forward(session: Session, year: int, *, today: date | None = None) -> dict[str, int]:
    """年初核定 for ``year`` from last year's category and base, for active members without one yet.

    The amounts are recomputed under this year's settings; 少交/免交 are not carried
    (each year's approval is its own). Returns counts for the summary.
    """
    rules = DuesRules.load(session)
    done = set(session.scalars(select(DuesAssessment.member_id).where(DuesAssessment.year == year)))
    previous = {a.member_id: a for a in session.scalars(select(DuesAssessment).where(DuesAssessment.year == year - 1))}
    active = list(session.scalars(select(Member.id).where(Member.is_active.is_(True))))
    created = missing = 0
    for member_id in active:
        if member_id in done:
            continue
        last = previous.get(member_id)
        if last is None:
            missing += 1
            continue
        session.add(DuesAssessment(
            member_id=member_id, year=year, category=last.category, base=last.base,
            rate=dues.rate_for(last.category.value, last.base),
            monthly_amount=rules.monthly(last.category.value, last.base), assessed_on=today or date.today(),
        ))
        created += 1
    session.flush()
    counts = {"沿用上年": created, "已核定": len(done), "无上年记录": missing}
    audit.record(session, "核定", "dues_assessment", str(year), f"{year}年党费沿用上年基数核定 {created} 人", counts)
    return counts
