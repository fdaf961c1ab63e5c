"""Demo 党费: a yearly assessment (年初核定) per member on the books, and the payments.

Rules: 中组发〔2008〕3号 第二至七条 (category, base, rate; 少交/免交 studied by the branch
and approved by the 上一级党委, 第七条), 第八条 (a 预备党员 pays from the 支部大会 month),
组电明字〔2017〕5号 (核定 once a year; 离退休 on the basic pension). Most pay monthly or
quarterly; some 预交 half a year (补交/预交 at most six months); a few fall behind.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from app.db.models import DuesAssessment, DuesPayment
from app.domain.dues import LARGE_PAYMENT, MAX_BACK_MONTHS, assessed_monthly, rate_for
from app.domain.enums import DuesCategory, DuesReduction, PaymentMethod
from app.services.demo.members import DemoMember
from app.services.demo.people import People, Weighted
from app.services.demo.writer import Writer

CENT = Decimal("0.01")
RETIRED_JOBS = ("离休干部", "退休人员", "退职人员", "内部退养职工")
JOBLESS_JOBS = ("其他无业人员", "企业破产后未重新就业的人员", "离岗保留劳动关系的职工", "（转业）待安置、学生毕业未就业的人员",
                "党组织关系在人才（劳动）服务中心，不明职业的人员")
FARM_JOBS = ("农牧渔业生产人员", "外出务工经商人员", "其他农牧渔民", "乡村医生")
PATTERNS = Weighted((("monthly", 50), ("quarterly", 30), ("advance", 8), ("proxy", 7), ("irregular", 5)))


def _money(rng, low: int, high: int) -> Decimal:
    return (Decimal(rng.randrange(low * 100, high * 100)) * CENT).quantize(CENT)


def category_and_base(rng, m: DemoMember) -> tuple[DuesCategory, Decimal]:
    """Category from the job, with a realistic monthly base (税后固定工资 / 基本养老金)."""
    job = m.job
    if job in RETIRED_JOBS:
        if job == "离休干部":
            return DuesCategory.RETIRED, _money(rng, 8000, 13000)
        return DuesCategory.RETIRED, _money(rng, 2300, 4800) if rng.random() < 0.7 else _money(rng, 4800, 8500)
    if job in ("研究生", "大学本科学生"):
        return DuesCategory.STUDENT, Decimal("0.00")
    if job in JOBLESS_JOBS:
        return DuesCategory.UNEMPLOYED, Decimal("0.00")
    if m.row["is_hardship"]:
        return DuesCategory.WELFARE, Decimal("0.00")
    if job in FARM_JOBS:
        return DuesCategory.FARMER, Decimal("0.00")
    if job in ("个体工商户中的从业人员", "自由职业人员"):
        return DuesCategory.SELF_EMPLOYED, _money(rng, 2200, 12000)
    if "管理岗位" in job and rng.random() < 0.08:
        return DuesCategory.ANNUAL_SALARY, _money(rng, 12000, 40000)
    r = rng.random()
    return DuesCategory.EMPLOYED, _money(rng, 2600, 5000) if r < 0.35 else _money(rng, 5000, 10000) if r < 0.85 \
        else _money(rng, 10000, 22000)


def _month(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def _groups(months: list[int], pattern: str) -> list[list[int]]:
    if pattern in ("monthly", "proxy", "irregular"):
        return [[k] for k in months]
    size = 3 if pattern == "quarterly" else MAX_BACK_MONTHS
    out: dict[int, list[int]] = defaultdict(list)
    for k in months:
        out[k // size].append(k)
    return list(out.values())


def build_dues(w: Writer, rng, people: People, members: list[DemoMember], first_year: int, today: date,
               approver: str) -> None:
    """Assessments and payments of ``first_year`` .. ``today``; ``approver`` is the 上一级党委 of the branches."""
    assess, pay = DuesAssessment.__table__, DuesPayment.__table__
    now = today.year * 12 + today.month - 1
    receipts: dict[int, list[dict]] = defaultdict(list)  # year → one branch's payments
    branch = None
    for m in members:  # grouped by branch
        if m.branch is not branch:
            _number(w, pay, receipts, branch)
            branch = m.branch
        category, base_now = category_and_base(rng, m)
        pattern = PATTERNS.pick(rng)
        if m.mobile:
            pattern = "quarterly"
        elif m.age >= 85 and pattern == "monthly":
            pattern = "proxy"
        payer = people.name("男" if rng.random() < 0.5 else "女", m.birth.year + 28) if pattern == "proxy" else None
        day = rng.randint(5, 25)  # the branch collects around a fixed day
        behind = rng.randint(3, 8) if rng.random() < 0.008 else 0
        first = m.on_from.year * 12 + m.on_from.month - 1
        last = now if m.left_on is None else m.left_on.year * 12 + m.left_on.month - 1
        stop = last  # last month that gets paid
        if m.lost_from is not None:
            stop = min(stop, m.lost_from.year * 12 + m.lost_from.month - 2)
        if m.suspended_from is not None:
            last = min(last, m.suspended_from.year * 12 + m.suspended_from.month - 1)
        if behind and m.left_on is None:
            stop = min(stop, now - behind)
        if today.day < day + 3:
            stop = min(stop, now - 1)  # this month's collection day has not come yet
        method_of = {"advance": PaymentMethod.ADVANCE, "proxy": PaymentMethod.PROXY}
        for year in range(first_year, today.year + 1):
            lo, hi = max(first, year * 12), min(last, year * 12 + 11)
            if lo > hi:
                continue
            back = today.year - year
            base = (base_now * Decimal("0.97") ** back).quantize(CENT) if base_now else base_now
            monthly = assessed_monthly(category.value, base)
            row = {"member_id": m.id, "year": year, "category": category, "base": base,
                   "rate": rate_for(category.value, base), "monthly_amount": monthly,
                   "assessed_on": max(date(year, 1, rng.randint(5, 20)), m.on_from)}
            owed = monthly
            if m.row["is_hardship"] and category is DuesCategory.RETIRED and monthly >= Decimal("2.00"):
                owed = max(Decimal("0.20"), (monthly / 2).quantize(CENT))
                row.update(reduction=DuesReduction.REDUCED, reduced_amount=owed, approval_body=approver,
                           approval_ref=f"{approver}〔{year}〕{rng.randint(1, 60)}号")
            elif category is DuesCategory.WELFARE and rng.random() < 0.3:
                owed = Decimal("0.00")
                row.update(reduction=DuesReduction.EXEMPT, approval_body=approver,
                           approval_ref=f"{approver}〔{year}〕{rng.randint(1, 60)}号")
            w.add(assess, row)
            if owed <= 0:
                continue
            months = list(range(lo, min(hi, stop) + 1))
            for group in _groups(months, pattern):
                method = method_of.get(pattern, PaymentMethod.SELF)
                start = group[0]
                if pattern == "irregular" and rng.random() < 0.15 and start + 1 <= min(hi, stop):
                    group, method = [start], PaymentMethod.BACK_PAY  # paid a month late with the next one
                    paid = _month(start + 1).replace(day=min(28, day + rng.randint(0, 3)))
                else:
                    paid = _month(start).replace(day=min(28, max(1, day + rng.randint(-3, 3))))
                if m.left_on is not None and paid > m.left_on:
                    paid = max(_month(start), m.left_on)
                if paid > today:
                    continue
                amount = owed * len(group)
                receipts[year].append({
                    "member_id": m.id, "period_start": _month(group[0]), "period_end": _month(group[-1]),
                    "amount": amount, "paid_on": paid, "method": method,
                    "payer_name": payer if method is PaymentMethod.PROXY else None,
                    "is_large": False})  # dues owed, however many months: not 大额
            if (m.retired and m.age >= 75 and rng.random() < 0.004 and m.left_on is None
                    and date(year, 7, 1) <= today and m.on_from <= date(year, 7, 1)):
                # a voluntary gift on top of July's dues, in the same payment (record_payment's 大额 rule)
                july = next((r for r in receipts[year] if r["member_id"] == m.id
                             and r["period_start"] <= date(year, 7, 1) <= r["period_end"]), None)
                if july is not None:
                    gift = Decimal(rng.randint(10, 100) * 100)
                    july.update(amount=july["amount"] + gift, is_large=gift >= LARGE_PAYMENT,
                                notes=f"含自愿交纳大额党费 {gift} 元")
    _number(w, pay, receipts, branch)


def _number(w: Writer, pay, receipts: dict[int, list[dict]], branch) -> None:
    """Receipt numbers run per branch and year in the order of payment."""
    for year, rows in sorted(receipts.items()):
        rows.sort(key=lambda r: (r["paid_on"], r["member_id"]))
        for seq, row in enumerate(rows, 1):
            row["receipt_no"] = f"{year}-{branch.index + 1:03d}-{seq:05d}"
            w.add(pay, row)
    receipts.clear()
