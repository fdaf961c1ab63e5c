"""年薪制: a base per month (组电明字〔2017〕5号), what each month owes, and the 1000 元 monthly cap."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.db.models import AuditLog, DuesMonthlyBase
from app.domain.dates import PartialDate
from app.domain.errors import ValidationError
from app.domain.member_rules import MemberData
from app.services import dues_assess, dues_collect, members
from app.services.dues_ledger import build_ledger
from app.services.views import dues as dues_view
from helpers_ids import make_id
from helpers_orgs import committee_and_branch

TODAY = date(2026, 11, 22)
M = 2026 * 12  # month index of 2026-01


@pytest.fixture
def manager(db):
    """One 年薪制 member: 20,000 a month all year (2% → 400.00), with a bonus month and an unpaid month."""
    with db.unit_of_work() as s:
        b = committee_and_branch(s)
        mid = members.create_member(s, MemberData(
            name="赵经理", org_id=b.id, id_number=make_id(date(1975, 3, 3), 31), category="正式党员",
            join_date=PartialDate(date(2000, 7, 1)), full_date=PartialDate(date(2001, 7, 1))), today=TODAY).member.id
        other = members.create_member(s, MemberData(
            name="钱会计", org_id=b.id, id_number=make_id(date(1980, 4, 4), 32), category="正式党员",
            join_date=PartialDate(date(2005, 7, 1)), full_date=PartialDate(date(2006, 7, 1))), today=TODAY).member.id
        a = dues_assess.assess(s, mid, 2026, "年薪制", "20000", today=date(2026, 1, 5))
        dues_assess.assess(s, other, 2026, "在职", "4000", today=date(2026, 1, 5))
        return {"member": mid, "other": other, "assessment": a.id}


def test_each_month_owes_by_its_own_base(db, manager):
    with db.unit_of_work() as s:
        notes = dues_assess.set_month_bases(s, manager["assessment"], {3: "60,000", 7: "8000", 12: ""})
        assert notes == []
        assert dues_assess.month_bases(s, manager["assessment"]) == {3: Decimal("60000.00"), 7: Decimal("8000.00")}
        # March: 2% of 60,000 is 1,200.00, asked at most 1,000.00 (组电明字〔2017〕5号); July: 1.5% of 8,000
        assert dues_collect.monthly_owed(s, manager["member"], range(M + 2, M + 3)) == Decimal("1000.00")
        assert dues_collect.monthly_owed(s, manager["member"], range(M + 6, M + 7)) == Decimal("120.00")
        assert dues_collect.monthly_owed(s, manager["member"], range(M, M + 12)) == Decimal(400 * 10 + 1000 + 120)
        # the month's collection sheet asks for the month's amount, and a payment below it is refused
        march = {ln.name: ln for ln in dues_collect.month_sheet(s, 2026, 3)}
        assert march["赵经理"].monthly == Decimal("1000.00") and march["钱会计"].monthly == Decimal("40.00")
        with pytest.raises(ValidationError, match="少于应缴的 1000.00 元"):
            dues_collect.record_payment(s, manager["member"], M + 2, M + 2, paid_on=date(2026, 3, 10), amount="400")
        assert dues_collect.mark_all_paid(s, 2026, 3, paid_on=date(2026, 3, 10)) == 2
        assert s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.summary.like("%年薪制按月核定%"))) == 1


def test_the_ledger_and_the_year_table_count_month_by_month(db, manager):
    with db.unit_of_work() as s:
        dues_assess.set_month_bases(s, manager["assessment"], {3: "60000", 7: "8000"})
        for k in range(M, M + 10):  # January to October paid as owed; November not yet
            dues_collect.record_payment(s, manager["member"], k, k, paid_on=date(2026, k - M + 1, 10))
    with db.reading() as s:
        row = {r.name: r for r in build_ledger(s, 2026, as_of=TODAY).rows}["赵经理"]
        assert row.months[2] == Decimal("1000.00") and row.months[6] == Decimal("120.00")
        assert row.month_due[2] == Decimal("1000.00") and row.month_due[0] == Decimal("400.00")
        assert row.annual_due == Decimal(400 * 10 + 1000 + 120)
        assert row.annual_paid == Decimal(400 * 8 + 1000 + 120) and row.owed == Decimal("0.00")
        assert "按月核定：3月1000.00元，7月120.00元" in row.notes
        table = {r.name: r for r in dues_view.year_table(s, 2026, today=TODAY).rows}
        assert table["赵经理"].annual_due == row.annual_due and table["赵经理"].arrears_months == 0
        due, paid = dues_view.year_totals(s, 2026)
        assert due == row.annual_due + Decimal("480.00")


def test_bad_bases_write_nothing_and_only_annual_salary_takes_them(db, manager):
    with db.unit_of_work() as s:
        with pytest.raises(ValidationError, match="5月计算基数"):
            dues_assess.set_month_bases(s, manager["assessment"], {3: "60000", 5: "五万"})
        with pytest.raises(ValidationError, match="1–12"):
            dues_assess.set_month_bases(s, manager["assessment"], {13: "100"})
        assert s.scalar(select(func.count()).select_from(DuesMonthlyBase)) == 0
        other = dues_assess.assess(s, manager["other"], 2026, "在职", "4000", today=TODAY)
        with pytest.raises(ValidationError, match="年薪制"):
            dues_assess.set_month_bases(s, other.id, {3: "5000"})
        dues_assess.set_month_bases(s, manager["assessment"], {3: "60000"})
        dues_assess.assess(s, manager["member"], 2026, "在职", "20000", today=TODAY)  # no longer 年薪制
        assert s.scalar(select(func.count()).select_from(DuesMonthlyBase)) == 0


def test_a_month_paid_before_its_base_changed_is_reported(db, manager):
    with db.unit_of_work() as s:
        dues_collect.record_payment(s, manager["member"], M + 2, M + 2, paid_on=date(2026, 3, 10))  # 400.00
        notes = dues_assess.set_month_bases(s, manager["assessment"], {3: "30000"})  # 2% of 30,000 → 600.00
        assert notes == ["3月已交 400.00 元，按新基数应交 600.00 元，差额 200.00 元请补交"]


def test_the_rule_itself_is_not_capped_but_what_is_asked_is(db, manager):
    with db.unit_of_work() as s:
        a = dues_assess.assess(s, manager["other"], 2026, "在职", "100000", today=TODAY)
        assert a.monthly_amount == Decimal("1000.00") and a.rate == Decimal("0.02")


def test_the_sql_and_the_python_reading_of_what_is_owed_agree(db, manager):
    """dues_owed.owing (the test made in SQL, for look-backs) and dues_owed.load (in Python) are the same rule."""
    from app.services import dues_owed

    with db.unit_of_work() as s:
        other = dues_assess.assess(s, manager["other"], 2026, "在职", "4000", today=TODAY)
        dues_assess.set_month_bases(s, manager["assessment"], {3: "0", 4: "60000"})  # no pay in March
        cases = [(None, None, None), ("免交", None, None), ("少交", "10", None), (None, None, "0"), (None, None, "5")]
        for year, (reduction, reduced, override) in zip(range(2020, 2025), cases):
            a = dues_assess.assess(s, manager["other"], year, "在职", "4000", today=TODAY)
            if reduction:
                dues_assess.set_reduction(s, a.id, reduction, amount=reduced, body="街道党工委", reference="〔2026〕1号")
            if override is not None:
                dues_assess.set_override(s, a.id, override, "核对")
        assert other.id
    with db.reading() as s:
        years = range(2020, 2027)
        owed = dues_owed.load(s, years)
        positive, nothing = dues_owed.owing(s, years)
    for (mid, year), a in owed.items():
        for k in range(year * 12, year * 12 + 12):
            by_python = a.owed(k) > 0
            by_sql = (mid, year) in positive and (mid, k) not in nothing
            assert by_python == by_sql, (mid, year, k % 12 + 1)
    assert (manager["member"], 2026 * 12 + 2) in nothing  # March of the 年薪制 member
