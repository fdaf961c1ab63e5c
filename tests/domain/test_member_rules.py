"""The member rules: one record at a time (the form) and the bulk path of an import must agree."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.dates import PartialDate
from app.domain.enums import DatePrecision
from app.domain.errors import ValidationError
from app.domain.member_rules import (
    SINGLE_FIELD_RULES, MemberData, check_field, check_member, check_record, new_memo,
)
from helpers_ids import make_id

TODAY = date(2026, 11, 22)
ID_1960 = make_id(date(1960, 6, 1), 21)  # 男 (odd sequence)
ID_1990 = make_id(date(1990, 2, 28), 22)  # 女

POOLS = {
    "name": ["张三", "  欧阳  娜娜 ", "", "李" * 41, "单田芳"],
    "gender": ["男", "女", " 男 ", "男性", None],
    "ethnicity": ["汉族", "汉", "回族", "火星族", None],
    "birth_date": [None, PartialDate(date(1960, 6, 1)), PartialDate(date(1960, 6, 1), DatePrecision.MONTH),
                   PartialDate(date(1990, 2, 28)), PartialDate(date(2030, 1, 1))],
    "id_number": [None, ID_1960, ID_1990, ID_1960.lower().replace("x", "x"), " " + ID_1990 + " ",
                  ID_1960[:-1] + ("0" if ID_1960[-1] != "0" else "1"), "11010519491231002"],
    "education": ["大学", "研究生", "私塾", "其他", None],  # 其他 also in other columns: caches are per field
    "category": ["正式党员", "预备党员", "群众", None],
    "join_date": [None, PartialDate(date(1985, 7, 1)), PartialDate(date(1975, 7, 1)),
                  PartialDate(date(2008, 3, 1)), PartialDate(date(2008, 2, 27)), PartialDate(date(1990, 1, 1),
                                                                                          DatePrecision.YEAR)],
    "full_date": [None, PartialDate(date(1986, 7, 1)), PartialDate(date(1980, 1, 1))],
    "job_post": ["离退休人员", "企业管理人员", "神仙", "其他", None],
    "phone": ["13812345678", "010-6512 3456", "打电话", None],
    "address": ["幸福路  1号", "其他", None],
    "notes": ["  备注 ", "其他", None],
}


@st.composite
def records(draw) -> dict:
    values = {}
    for name, pool in POOLS.items():
        value = draw(st.sampled_from(pool))
        if value is not None or name == "name":
            values[name] = value
    return values


def outcome(fn):
    try:
        result = fn()
    except ValidationError as exc:
        return ("error", exc.field)
    return ("ok", result.values, frozenset(result.warnings), result.id_note)


def bulk(values: dict, memo: dict) -> tuple:
    """What an import does: each field's own rule first (per distinct value), then the rest."""
    warnings = []
    checked = {}
    try:
        for name, value in values.items():
            clean, warning = check_field(name, value)
            checked[name] = clean
            if warning:
                warnings.append(warning)
        result = check_record(checked, today=TODAY, memo=memo, fields_checked=True)
    except ValidationError as exc:
        return ("error", None)
    return ("ok", result.values, frozenset(warnings) | frozenset(result.warnings), result.id_note)


@settings(max_examples=400, deadline=None)
@given(st.lists(records(), min_size=1, max_size=8))
def test_memo_and_bulk_paths_give_the_result_of_one_record_at_a_time(rows):
    memo = new_memo()
    shared = new_memo()
    for values in rows:
        plain = outcome(lambda: check_record(values, today=TODAY))
        assert outcome(lambda: check_record(values, today=TODAY, memo=memo)) == plain
        via_bulk = bulk(values, shared)
        if plain[0] == "error":
            assert via_bulk[0] == "error"  # the first error found may be another field's
        else:
            assert via_bulk == plain


def test_check_member_wraps_check_record():
    checked = check_member(MemberData(name=" 王 五 ", id_number=ID_1960.lower(), ethnicity="汉", phone=" 138 1234 5678 "),
                           today=TODAY)
    assert checked.data.name == "王五" and checked.data.ethnicity == "汉族" and checked.data.phone == "138 1234 5678"
    assert checked.data.gender == "男" and checked.data.birth_date == PartialDate(date(1960, 6, 1))
    assert checked.warnings == ()


@pytest.mark.parametrize(
    "values, field",
    [
        ({"name": ""}, "姓名"),
        ({"name": "甲", "gender": "未知"}, "性别"),
        ({"name": "甲", "id_number": ID_1990, "gender": "男"}, "性别"),
        ({"name": "甲", "id_number": ID_1960, "birth_date": PartialDate(date(1961, 6, 1))}, "出生日期"),
        ({"name": "甲", "birth_date": PartialDate(date(1990, 2, 28)), "join_date": PartialDate(date(2008, 2, 27))},
         "入党日期"),
        ({"name": "甲", "category": "预备党员", "full_date": PartialDate(date(2020, 1, 1))}, "转正日期"),
        ({"name": "甲", "join_date": PartialDate(date(2020, 1, 1)), "full_date": PartialDate(date(2019, 1, 1))},
         "转正日期"),
        ({"name": "甲", "ethnicity": "火星族"}, "民族"),
        ({"name": "甲", "phone": "打电话"}, "联系电话"),
    ],
)
def test_each_rule_refuses_with_the_field_named(values, field):
    with pytest.raises(ValidationError) as err:
        check_record(values, today=TODAY)
    assert err.value.field == field


def test_eighteenth_birthday_on_a_leap_day():
    born = PartialDate(date(2004, 2, 29))
    with pytest.raises(ValidationError):
        check_record({"name": "甲", "birth_date": born, "join_date": PartialDate(date(2022, 2, 27))}, today=TODAY)
    ok = check_record({"name": "甲", "birth_date": born, "join_date": PartialDate(date(2022, 3, 1))}, today=TODAY)
    assert ok.values["join_date"] == PartialDate(date(2022, 3, 1))


def test_single_field_rules_are_the_fields_without_cross_checks():
    assert {"gender", "ethnicity", "phone", "category"} <= SINGLE_FIELD_RULES
    assert not {"name", "id_number", "birth_date", "join_date", "full_date"} & SINGLE_FIELD_RULES
    assert check_field("name", " x ") == (" x ", None)  # no rule of its own: passed through
