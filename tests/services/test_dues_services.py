"""党费 services on a real database: assessment, the month's collection, payments and their rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.db.models import AuditLog, DuesAssessment
from app.domain.dates import PartialDate
from app.domain.errors import ValidationError
from app.domain.member_rules import MemberData
from app.services import dues_assess, dues_collect, members
from app.services.member_events import EventData, add_event
from app.services.views import dues as dues_view
from helpers_ids import make_id
from helpers_orgs import committee_and_branch

TODAY = date(2026, 11, 22)
NOV = 2026 * 12 + 10  # month index of 2026-11


@pytest.fixture
def branch(db):
    with db.unit_of_work() as s:
        b = committee_and_branch(s)
        ids = {}
        for n, (name, join) in enumerate([("张三", date(1990, 7, 1)), ("李四", date(2000, 7, 1)),
                                          ("王五", date(2026, 9, 15))], 1):
            ids[name] = members.create_member(s, MemberData(
                name=name, org_id=b.id, id_number=make_id(date(1960 + n, 1, 1), 10 + n),
                category="预备党员" if name == "王五" else "正式党员", join_date=PartialDate(join),
                full_date=None if name == "王五" else PartialDate(date(join.year + 1, join.month, 1))),
                today=TODAY).member.id
        ids["branch"] = b.id
    return ids


def test_assessment_computes_the_amount_and_keeps_reductions_visible(db, branch):
    with db.unit_of_work() as s:
        a = dues_assess.assess(s, branch["张三"], 2026, "在职", "3,000.01", today=TODAY)
        assert (a.rate, a.monthly_amount) == (Decimal("0.01"), Decimal("30.00"))
        a = dues_assess.assess(s, branch["张三"], 2026, "在职", "3000", today=TODAY)  # the same row, updated
        assert (a.rate, a.monthly_amount) == (Decimal("0.005"), Decimal("15.00"))
        b = dues_assess.assess(s, branch["李四"], 2026, "学生", None, today=TODAY)
        assert b.monthly_amount == Decimal("0.20")
        with pytest.raises(ValidationError, match="批准机关"):
            dues_assess.set_reduction(s, a.id, "少交", amount="5")
        with pytest.raises(ValidationError, match="应少于"):
            dues_assess.set_reduction(s, a.id, "少交", amount="15", body="街道党工委", reference="〔2026〕3号")
        dues_assess.set_reduction(s, a.id, "少交", amount="5", body="街道党工委", reference="〔2026〕3号")
        with pytest.raises(ValidationError, match="原因"):
            dues_assess.set_override(s, b.id, "0.10", "")
        with pytest.raises(ValidationError, match="不是金额"):
            dues_assess.assess(s, branch["王五"], 2026, "在职", "三千", today=TODAY)
        with pytest.raises(ValidationError, match="两位小数"):
            dues_assess.assess(s, branch["王五"], 2026, "在职", "3000.005", today=TODAY)
        assert s.scalar(select(func.count()).select_from(DuesAssessment)) == 2
    with db.reading() as s:
        rows = {r.name: r for r in dues_view.year_table(s, 2026, today=TODAY).rows}
    assert rows["张三"].monthly == Decimal("5.00") and rows["张三"].reduction == "少交"


def test_carry_forward_recomputes_under_this_years_rules(db, branch):
    with db.unit_of_work() as s:
        dues_assess.assess(s, branch["张三"], 2025, "在职", "6000", today=date(2025, 1, 5))
        a = dues_assess.assess(s, branch["李四"], 2025, "离退休", "4000", today=date(2025, 1, 5))
        dues_assess.set_reduction(s, a.id, "免交", body="街道党工委", reference="〔2025〕1号")
    with db.unit_of_work() as s:
        counts = dues_assess.carry_forward(s, 2026, today=TODAY)
    assert counts == {"沿用上年": 2, "已核定": 0, "无上年记录": 1}
    with db.reading() as s:
        rows = {a.member_id: a for a in s.scalars(select(DuesAssessment).where(DuesAssessment.year == 2026))}
        assert rows[branch["张三"]].monthly_amount == Decimal("90.00")
        assert rows[branch["李四"]].reduction.value == "无"  # each year's 免交 needs its own approval
        assert s.scalars(select(AuditLog).where(AuditLog.action == "核定")).first() is not None


def _assess(db, branch, year=2026):
    with db.unit_of_work() as s:
        dues_assess.assess(s, branch["张三"], year, "在职", "4000", today=TODAY)  # 40.00
        dues_assess.assess(s, branch["李四"], year, "离退休", "3000", today=TODAY)  # 15.00
        dues_assess.assess(s, branch["王五"], year, "在职", "2000", today=TODAY)  # 10.00


def test_month_sheet_mark_all_then_the_exceptions(db, branch):
    _assess(db, branch)
    with db.reading() as s:
        sheet = {ln.name: ln for ln in dues_collect.month_sheet(s, 2026, 8)}
    assert set(sheet) == {"张三", "李四"}  # 王五 was admitted in September: he pays from then (第八条)
    with db.reading() as s:
        sept = {ln.name: ln for ln in dues_collect.month_sheet(s, 2026, 9)}
    assert set(sept) == {"张三", "李四", "王五"} and sept["王五"].arrears == 0
    with db.unit_of_work() as s:
        dues_collect.record_payment(s, branch["李四"], NOV, NOV, paid_on=date(2026, 11, 5), method="代交",
                                    payer_name="李小四", receipt_no="2026-118")
        assert dues_collect.mark_all_paid(s, 2026, 11, paid_on=date(2026, 11, 10)) == 2
    with db.reading() as s:
        nov = {ln.name: ln for ln in dues_collect.month_sheet(s, 2026, 11)}
    assert all(ln.paid for ln in nov.values())
    assert (nov["李四"].method, nov["李四"].payer_name, nov["李四"].receipt_no) == ("代交", "李小四", "2026-118")
    assert nov["张三"].paid_amount == Decimal("40.00")
    assert nov["张三"].paid_until == ""  # January, his first month this year, is unpaid: paid through nothing
    assert nov["张三"].arrears == 10 and nov["张三"].arrears_level == "严重"  # Jan–Oct never paid
    assert (nov["王五"].paid_until, nov["王五"].arrears, nov["王五"].arrears_level) == ("", 2, "正常")  # Sept, Oct


def test_payment_rules(db, branch):
    _assess(db, branch)
    paid_on = date(2026, 11, 10)
    with db.unit_of_work() as s:
        with pytest.raises(ValidationError, match="补交最多补前6个月"):
            dues_collect.record_payment(s, branch["张三"], NOV - 7, NOV, paid_on=paid_on, method="补交")
        with pytest.raises(ValidationError, match="代交人"):
            dues_collect.record_payment(s, branch["张三"], NOV, NOV, paid_on=paid_on, method="代交")
        with pytest.raises(ValidationError, match="少于应缴的 240.00 元"):
            dues_collect.record_payment(s, branch["张三"], NOV - 6, NOV - 1, paid_on=paid_on, method="补交",
                                        amount="200")
        with pytest.raises(ValidationError, match="不在该党员应交党费的月份内"):
            dues_collect.record_payment(s, branch["王五"], NOV - 3, NOV, paid_on=paid_on, method="补交")
        with pytest.raises(ValidationError, match="还没有核定"):
            dues_collect.record_payment(s, branch["张三"], NOV, NOV + 2, paid_on=paid_on, method="预交")
        back = dues_collect.record_payment(s, branch["张三"], NOV - 6, NOV - 1, paid_on=paid_on, method="补交")
        assert back.amount == Decimal("240.00") and not back.is_large
        with pytest.raises(ValidationError, match="已于 2026-11-10 交纳"):
            dues_collect.record_payment(s, branch["张三"], NOV - 1, NOV, paid_on=paid_on)
        big = dues_collect.record_payment(s, branch["李四"], NOV, NOV, paid_on=paid_on, amount="1015.00")
        assert big.is_large  # 1000 元 given beyond the 15.00 owed: 大额, remitted to the 中央
    with db.reading() as s:
        nov = {ln.name: ln for ln in dues_collect.month_sheet(s, 2026, 11)}
    assert nov["张三"].paid_until == "" and nov["张三"].arrears == 0  # Jan–Apr unpaid, but May–Oct paid


def test_transfer_in_pays_from_the_month_after_the_letter(db, branch):
    with db.unit_of_work() as s:
        m = members.create_member(s, MemberData(name="赵六", org_id=branch["branch"],
                                                id_number=make_id(date(1970, 5, 5), 31),
                                                join_date=PartialDate(date(1995, 7, 1)),
                                                full_date=PartialDate(date(1996, 7, 1))), today=TODAY).member
        add_event(s, m.id, EventData(kind="转入", event_date=date(2026, 6, 20), letter_no="京组转〔2026〕88号",
                                     counterpart="朝阳区某街道党工委", dues_paid_until="2026-07"), today=TODAY)
        dues_assess.assess(s, m.id, 2026, "在职", "4000", today=TODAY)
    with db.reading() as s:
        july = {ln.name for ln in dues_collect.month_sheet(s, 2026, 7)}
        aug = {ln.name: ln for ln in dues_collect.month_sheet(s, 2026, 8)}
        table = {r.name: r for r in dues_view.year_table(s, 2026, today=TODAY).rows}
    assert "赵六" not in july and "赵六" in aug  # paid to July at the old branch
    assert table["赵六"].annual_due == Decimal("200.00")  # August–December


def test_remittance_against_collection(db, branch):
    from app.services import dues_remit

    _assess(db, branch)
    with db.unit_of_work() as s:
        dues_collect.record_payment(s, branch["张三"], NOV - 4, NOV - 2, paid_on=date(2026, 8, 3))  # Jul–Sep 120
        dues_collect.record_payment(s, branch["李四"], NOV - 2, NOV - 2, paid_on=date(2026, 9, 3), amount="1015")
        dues_collect.record_payment(s, branch["张三"], NOV - 1, NOV - 1, paid_on=date(2026, 10, 3))  # Oct 40
        with pytest.raises(ValidationError, match="不能超过上缴金额"):
            dues_remit.record_remittance(s, remitted_on=date(2026, 10, 12), first=NOV - 4, last=NOV - 2,
                                         amount="100", large_amount="1000")
        with pytest.raises(ValidationError, match="尚未开始"):
            dues_remit.record_remittance(s, remitted_on=date(2026, 10, 12), first=NOV + 1, last=NOV + 1, amount="1")
        dues_remit.record_remittance(s, remitted_on=date(2026, 10, 12), first=NOV - 4, last=NOV - 2,
                                     amount="1135.00", large_amount="1000.00", receiver="幸福街道党工委",
                                     receipt_no="HZ-2026-3")
    with db.reading() as s:
        q = {b.quarter: b for b in dues_remit.balance(s, 2026)}
        listed = dues_remit.remittances(s, 2026)
    assert (q[3].received, q[3].remitted, q[3].outstanding) == (Decimal("1135.00"), Decimal("1135.00"), 0)
    assert (q[3].large_received, q[3].large_remitted) == (Decimal("1000.00"), Decimal("1000.00"))
    assert (q[4].received, q[4].outstanding) == (Decimal("40.00"), Decimal("40.00"))
    assert [(r.period, r.receipt_no) for r in listed] == [("2026-07 至 2026-09", "HZ-2026-3")]
