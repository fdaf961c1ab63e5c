"""Demo 党费: a yearly assessment per member and payments monthly, quarterly or in advance."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.db.models import DuesAssessment, DuesPayment
from app.domain.dues import FIXED_AMOUNT, LARGE_PAYMENT, monthly_dues, rate_for
from app.domain.enums import DuesCategory, DuesReduction, PaymentMethod
from app.services.demo.members import DemoMember
from app.services.demo.writer import Writer


def _category(rng, m: DemoMember) -> tuple[DuesCategory, Decimal]:
    if m.is_retired:
        return DuesCategory.RETIRED, Decimal(rng.randrange(2200, 7800))
    if m.job == "研究生":
        return DuesCategory.STUDENT, Decimal(0)
    r = rng.random()
    if r < 0.04:
        return DuesCategory.UNEMPLOYED, Decimal(0)
    if r < 0.07:
        return DuesCategory.WELFARE, Decimal(0)
    if r < 0.15:
        return DuesCategory.SELF_EMPLOYED, Decimal(rng.randrange(2500, 9000))
    if r < 0.17:
        return DuesCategory.ANNUAL_SALARY, Decimal(rng.randrange(12000, 40000))
    return DuesCategory.EMPLOYED, Decimal(rng.randrange(2400, 16000)) + Decimal(rng.randrange(0, 100)) / 100


def build_dues(w: Writer, rng, members: list[DemoMember], first_year: int, today: date) -> None:
    assess, pay = DuesAssessment.__table__, DuesPayment.__table__
    for m in members:
        category, base = _category(rng, m)
        pattern = rng.choices(["monthly", "quarterly", "advance", "arrears"], [70, 20, 7, 3])[0]
        receipt = 0
        for year in range(first_year, today.year + 1):
            start_month = 1
            if m.active_from.year > year or (m.left_on and m.left_on.year < year):
                continue
            if m.active_from.year == year:
                start_month = m.active_from.month
            end_month = 12 if year < today.year else today.month
            if m.left_on and m.left_on.year == year:
                end_month = min(end_month, m.left_on.month)
            if start_month > end_month:
                continue
            if year > first_year and base:
                base = (base * Decimal("1.03")).quantize(Decimal("0.01"))
            monthly = monthly_dues(category.value, base)
            reduction, reduced, body, ref = DuesReduction.NONE, None, None, None
            if rng.random() < 0.01:
                reduction, body, ref = DuesReduction.EXEMPT, "街道党工委", f"街党〔{year}〕{rng.randrange(1, 40)}号"
            elif rng.random() < 0.01 and monthly > FIXED_AMOUNT:
                reduction, reduced = DuesReduction.REDUCED, (monthly / 2).quantize(Decimal("0.01"))
                body, ref = "街道党工委", f"街党〔{year}〕{rng.randrange(1, 40)}号"
            w.add(assess, {"member_id": m.id, "year": year, "category": category, "base": base,
                           "rate": rate_for(category.value, base), "monthly_amount": monthly, "reduction": reduction,
                           "reduced_amount": reduced, "approval_body": body, "approval_ref": ref,
                           "assessed_on": date(year, 1, 10)})
            owed = Decimal(0) if reduction is DuesReduction.EXEMPT else (reduced or monthly)
            if owed == 0:
                continue
            last_paid = end_month
            if pattern == "arrears" and year == today.year:
                last_paid = max(start_month - 1, end_month - rng.randrange(3, 8))
            if pattern == "monthly":
                spans = [(k, k) for k in range(start_month, last_paid + 1)]
            elif pattern == "quarterly":
                spans = [(k, min(k + 2, last_paid)) for k in range(start_month, last_paid + 1, 3)]
            elif pattern == "advance":
                spans = [(k, min(k + 5, 12)) for k in range(start_month, 13, 6) if k <= end_month]
            else:
                spans = [(k, k) for k in range(start_month, last_paid + 1)]
            for a, b in spans:
                months = b - a + 1
                paid_on = date(year, a, rng.randrange(1, 28))
                if paid_on > today:
                    continue
                method = PaymentMethod.ADVANCE if pattern == "advance" else (
                    PaymentMethod.PROXY if rng.random() < 0.08 else PaymentMethod.SELF)
                if pattern == "monthly" and rng.random() < 0.03 and a > 1:
                    method, paid_on = PaymentMethod.BACK_PAY, date(year, min(a + 1, 12), rng.randrange(1, 28))
                    if paid_on > today:
                        paid_on = today
                amount = owed * months
                receipt += 1
                w.add(pay, {"member_id": m.id, "period_start": date(year, a, 1), "period_end": date(year, b, 1),
                            "amount": amount, "paid_on": paid_on, "method": method,
                            "payer_name": "家属代交" if method is PaymentMethod.PROXY else None,
                            "receipt_no": f"{year}-{m.id:06d}-{receipt:03d}", "is_large": amount >= LARGE_PAYMENT})
