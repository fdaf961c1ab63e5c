from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain import idnumber
from app.domain.errors import ValidationError

PUBLISHED = ["11010519491231002X", "440524188001010014", "370101190102039973", "513101198201130014"]


@pytest.mark.parametrize("number", PUBLISHED)
def test_published_examples_have_the_right_check_character(number):
    assert idnumber.check_char(number[:17]) == number[17]


@pytest.mark.parametrize("number", [n for n in PUBLISHED if n[6:10] >= "1900"])
def test_published_examples_pass(number):
    assert idnumber.parse(number).number == number


def test_birth_before_1900_is_refused_even_with_a_valid_checksum():
    with pytest.raises(ValidationError, match="不在合理范围内"):
        idnumber.parse("440524188001010014")


def test_weights_are_powers_of_two_mod_11():
    assert idnumber.WEIGHTS == tuple(2 ** (17 - i) % 11 for i in range(17))


def test_birth_date_and_gender_decoded():
    info = idnumber.parse("11010519491231002X")
    assert info.birth_date == date(1949, 12, 31)
    assert info.gender == "女"  # 17th digit 2 is even
    assert idnumber.parse("513101198201130014").gender == "男"


@pytest.mark.parametrize(
    "raw, expected",
    [(" 11010519491231002x ", "11010519491231002X"), ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X")],
)
def test_normalisation(raw, expected):
    assert idnumber.parse(raw).number == expected


def test_wrong_check_character_names_the_expected_one():
    with pytest.raises(ValidationError) as err:
        idnumber.parse("110105194912310021")
    assert "第18位应为X" in err.value.message
    assert err.value.field == "公民身份号码"


@pytest.mark.parametrize(
    "raw, fragment",
    [
        ("1101051949123100", "应为18位"),
        ("11010519491331002X", "不是有效日期"),
        ("11010518491231002X", "不在合理范围内"),
        ("1101051949123100AX", "前17位必须是数字"),
        ("11010²19491231002X", "前17位必须是数字"),  # a superscript is a Unicode digit
        ("١١٠١٠٥١٩٤٩١٢٣١٠٠٢X", "前17位必须是数字"),  # Arabic-Indic digits are not ASCII
        ("11010549123100²", "只能由数字组成"),
        ("", "不能为空"),
    ],
)
def test_invalid_numbers_are_refused_with_reason(raw, fragment):
    with pytest.raises(ValidationError) as err:
        idnumber.parse(raw)
    assert fragment in err.value.message


def test_future_birth_date_refused():
    first17 = "11010520300101001"
    with pytest.raises(ValidationError):
        idnumber.parse(first17 + idnumber.check_char(first17), today=date(2026, 11, 22))


def test_fifteen_digit_number_is_converted_and_flagged():
    info = idnumber.parse("440524800101001")
    assert info.converted_from_15
    assert info.number.startswith("44052419800101001")
    assert info.birth_date == date(1980, 1, 1)
    assert idnumber.is_valid(info.number)


@given(
    region=st.integers(110000, 659999),
    birth=st.dates(min_value=date(1900, 1, 1), max_value=date(2020, 12, 31)),
    seq=st.integers(0, 999),
)
def test_any_number_with_computed_check_char_is_valid(region, birth, seq):
    first17 = f"{region:06d}{birth:%Y%m%d}{seq:03d}"
    number = first17 + idnumber.check_char(first17)
    info = idnumber.parse(number)
    assert info.birth_date == birth
    assert info.gender == ("男" if seq % 2 else "女")
    # changing any single digit of the first 17 breaks the checksum or the date
    i = seq % 17
    digit = str((int(number[i]) + 1) % 10)
    assert not idnumber.is_valid(number[:i] + digit + number[i + 1:])


def test_mask_keeps_region_and_last_four():
    assert idnumber.mask("11010519491231002X") == "110105********002X"
    assert idnumber.mask(None) == ""


@given(
    region=st.integers(110000, 659999),
    birth=st.dates(min_value=date(1900, 1, 1), max_value=date(2020, 12, 31)),
    seq=st.integers(0, 999),
    position=st.integers(0, 16),
    replacement=st.integers(0, 9),
)
def test_every_single_substitution_in_the_first_17_is_rejected(region, birth, seq, position, replacement):
    first17 = f"{region:06d}{birth:%Y%m%d}{seq:03d}"
    number = first17 + idnumber.check_char(first17)
    if int(number[position]) == replacement:
        return
    changed = number[:position] + str(replacement) + number[position + 1:]
    assert not idnumber.is_valid(changed)


@given(
    region=st.integers(110000, 659999),
    birth=st.dates(min_value=date(1900, 1, 1), max_value=date(2020, 12, 31)),
    seq=st.integers(0, 999),
    position=st.integers(0, 15),
)
def test_every_adjacent_swap_in_the_first_17_is_rejected(region, birth, seq, position):
    first17 = f"{region:06d}{birth:%Y%m%d}{seq:03d}"
    number = first17 + idnumber.check_char(first17)
    a, b = number[position], number[position + 1]
    if a == b:
        return
    swapped = number[:position] + b + a + number[position + 2:]
    assert not idnumber.is_valid(swapped)
