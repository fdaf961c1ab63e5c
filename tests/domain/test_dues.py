from decimal import ROUND_CEILING, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain import dues
from app.domain.dues import monthly_dues

D = Decimal


@pytest.mark.parametrize(
    "category, base, expected",
    [
        ("在职", "0", "0.00"), ("在职", "2999.99", "15.00"), ("在职", "3000.00", "15.00"), ("在职", "3000.01", "30.00"),
        ("在职", "5000.00", "50.00"), ("在职", "5000.01", "75.00"), ("在职", "10000.00", "150.00"),
        ("在职", "10000.01", "200.00"), ("年薪制", "3000.00", "15.00"), ("年薪制", "60000", "1200.00"),
        ("个体", "4500", "45.00"), ("个体", "5000.01", "75.00"),
        ("离退休", "4999.99", "25.00"), ("离退休", "5000.00", "25.00"), ("离退休", "5000.01", "50.00"),
        ("离退休", "12000", "120.00"),
        ("学生", "0", "0.20"), ("学生", "8000", "0.20"), ("下岗失业", "0", "0.20"), ("低保", "900", "0.20"),
        ("农民", "0", "0.20"),
    ],
)
def test_boundary_table(category, base, expected):
    assert monthly_dues(category, D(base)) == D(expected)


def test_rounding_is_half_up_by_default_and_a_setting():
    assert monthly_dues("在职", D("2999.90")) == D("15.00")  # 14.9995 → 15.00
    assert monthly_dues("在职", D("2345.67")) == D("11.73")  # 11.72835
    assert monthly_dues("在职", D("2345.61"), rounding=ROUND_CEILING) == D("11.73")  # 11.72805


def test_farmer_amount_is_a_branch_setting_within_the_legal_range():
    assert monthly_dues("农民", D("0"), farmer_amount=D("1.00")) == D("1.00")
    with pytest.raises(ValueError, match="0.2元至1元"):
        monthly_dues("农民", D("0"), farmer_amount=D("1.50"))


def test_unknown_category_or_negative_base_raises():
    with pytest.raises(ValueError, match="未知的党费类别"):
        monthly_dues("公务员", D("3000"))
    with pytest.raises(ValueError, match="负数"):
        monthly_dues("在职", D("-1"))


LEGAL = {D("0.005"), D("0.01"), D("0.015"), D("0.02")}


@given(base=st.decimals(min_value=0, max_value=200000, places=2), category=st.sampled_from(["在职", "年薪制", "个体"]))
def test_wage_rate_is_always_a_legal_one_applied_to_the_whole_base(base, category):
    rate = dues.rate_for(category, base)
    assert rate in LEGAL
    assert monthly_dues(category, base) == (base * rate).quantize(D("0.01"), rounding="ROUND_HALF_UP")


@given(base=st.decimals(min_value=0, max_value=200000, places=2))
def test_retiree_rate_is_half_or_one_percent(base):
    assert dues.rate_for("离退休", base) == (D("0.005") if base <= 5000 else D("0.01"))


@given(a=st.decimals(min_value=0, max_value=100000, places=2), b=st.decimals(min_value=0, max_value=100000, places=2))
def test_more_pay_never_means_less_dues(a, b):
    lo, hi = sorted([a, b])
    assert monthly_dues("在职", lo) <= monthly_dues("在职", hi)


def test_paid_until_and_arrears():
    m = dues.month_index
    paid = {m(2026, 1), m(2026, 2), m(2026, 3), m(2026, 5)}
    assert dues.month_text(dues.paid_until(paid, m(2026, 1))) == "2026-03"
    assert dues.paid_until(paid, m(2025, 12)) is None
    due = [m(2026, k) for k in range(1, 11)]
    assert dues.arrears(paid, due) == dues.Arrears(5, "提醒")
    assert dues.arrears(paid, due + [m(2026, 11)]).level == "严重"
    assert dues.arrears(paid | {m(2026, 10)}, due).months == 0


def test_back_pay_calculator():
    lines = dues.back_pay("在职", D("2800"), D("4200"), [dues.month_index(2026, k) for k in (3, 4, 5)])
    assert [(ln.paid_at, ln.should_be, ln.difference) for ln in lines] == [(D("14.00"), D("42.00"), D("28.00"))] * 3


@given(amount=st.decimals(min_value=0, max_value=100000, places=2),
       owed=st.lists(st.decimals(min_value=0, max_value=2000, places=2), min_size=1, max_size=12))
def test_spread_parts_add_up_to_the_payment(amount, owed):
    parts = dues.spread(amount, list(enumerate(owed, start=100)))
    assert sum(parts.values()) == amount and list(parts) == list(range(100, 100 + len(owed)))
    if len(set(owed)) == 1 and len(owed) > 1:
        firsts = list(parts.values())[:-1]
        assert len(set(firsts)) == 1  # equal months, equal shares (the last takes the rounding cents)


def test_spread_of_a_quarter():
    assert dues.spread(Decimal("100.00"), [(1, Decimal("10")), (2, Decimal("10")), (3, Decimal("10"))]) == {
        1: Decimal("33.33"), 2: Decimal("33.33"), 3: Decimal("33.34")}


@pytest.mark.parametrize("amount, text", [
    ("0", "零元整"), ("0.20", "贰角整"), ("15.34", "壹拾伍元叁角肆分"), ("100.5", "壹佰元伍角整"),
    ("1001", "壹仟零壹元整"), ("1010.01", "壹仟零壹拾元零壹分"), ("100020.3", "壹拾万零贰拾元叁角整"),
    ("205000", "贰拾万伍仟元整"), ("30000000", "叁仟万元整"),
])
def test_amount_in_capitals_for_receipts(amount, text):
    assert dues.rmb_upper(Decimal(amount)) == text


@pytest.mark.parametrize(("category", "base", "rule", "asked"), [
    ("在职", "50000.00", "1000.00", "1000.00"),
    ("在职", "50000.50", "1000.01", "1000.00"),
    ("年薪制", "100000", "2000.00", "1000.00"),
    ("离退休", "120000", "1200.00", "1000.00"),
    ("在职", "49999.50", "999.99", "999.99"),
])
def test_what_is_asked_a_month_is_at_most_1000(category, base, rule, asked):
    """组电明字〔2017〕5号: 每月交纳党费一般不超过1000元; monthly_dues stays the rule, base × rate."""
    assert dues.monthly_dues(category, Decimal(base)) == Decimal(rule)
    assert dues.assessed_monthly(category, Decimal(base)) == Decimal(asked)
