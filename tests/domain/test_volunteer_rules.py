"""Volunteer rules: document numbers by type, hours as clerks type them, periods, pasted name lists."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest

from app.domain import idnumber
from app.domain.enums import IdDocumentType
from app.domain.errors import ValidationError
from app.domain.volunteer_rules import (
    VolunteerData, certificate_number, check_id_document, check_volunteer, check_within, duration, id_type_of,
    parse_hours, period_of, split_names,
)
from helpers_ids import make_id

TODAY = date(2026, 11, 22)


def test_resident_id_uses_the_national_checksum():
    good = make_id(date(1990, 5, 6), 13)
    doc = check_id_document("居民身份证", good.lower(), today=TODAY)
    assert (doc.number, doc.gender, doc.birth_date) == (good, "男", date(1990, 5, 6))
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(ValidationError, match="校验码不符") as exc:
        check_id_document("身份证", bad, today=TODAY)
    assert exc.value.field == "证件号码"
    assert check_id_document("居民身份证", "", today=TODAY).number is None  # 待补充


def test_permits_and_passports_are_accepted_by_their_own_shape():
    first17 = "810000" + "19850203" + "002"
    hk_permit = first17 + idnumber.check_char(first17)
    assert check_id_document("港澳居民居住证", hk_permit, today=TODAY).gender == "女"
    with pytest.raises(ValidationError, match="830000"):
        check_id_document("台湾居民居住证", hk_permit, today=TODAY)
    assert check_id_document("回乡证", "h12345678").number == "H12345678"
    assert check_id_document("台胞证", "１２３４５６７８").number == "12345678"
    assert check_id_document("护照", "E 1234 5678").id_type is IdDocumentType.PASSPORT
    with pytest.raises(ValidationError, match="H或M"):
        check_id_document("港澳居民来往内地通行证", "X1234567")
    with pytest.raises(ValidationError, match="不是可用的证件类型"):
        id_type_of("驾驶证")


@pytest.mark.parametrize("text, hours", [
    (2, "2.00"), (2.5, "2.50"), ("2小时", "2.00"), ("1.5h", "1.50"), ("1小时30分", "1.50"), ("90分钟", "1.50"),
    ("２．５", "2.50"), ("1:45", "1.75"), (time(2, 30), "2.50"),
])
def test_hours_as_clerks_type_them(text, hours):
    assert parse_hours(text) == Decimal(hours)


@pytest.mark.parametrize("text, reason", [("两小时", "不是时长"), (0, "大于0"), (25, "不能超过24"), ("", "不能为空")])
def test_bad_hours_say_why(text, reason):
    with pytest.raises(ValidationError, match=reason):
        parse_hours(text)


def test_travel_is_not_counted_so_hours_stay_within_the_activity():
    span = duration(time(9, 0), time(11, 30))
    assert span == Decimal("2.50")
    check_within(Decimal("2.50"), span)
    with pytest.raises(ValidationError, match="不含往返交通"):
        check_within(Decimal("3.00"), span)
    with pytest.raises(ValidationError, match="应晚于"):
        duration(time(11, 0), time(9, 0))


def test_periods_and_certificate_numbers():
    assert (period_of(2026, 3).start, period_of(2026, 3).end) == (date(2026, 7, 1), date(2026, 9, 30))
    assert period_of(2026, month=2).end == date(2026, 2, 28) and period_of(2026, month=12).end == date(2026, 12, 31)
    assert period_of(2026).months[0] == (2026, 1) and len(period_of(2026).months) == 12
    assert certificate_number(2026, 7) == "ZYFW2026-0007"


def test_a_pasted_list_keeps_names_and_numbers_once():
    text = "1. 张三、李四\n2、王 五\n张三；V1234567890\n  3  \n" + make_id(date(1990, 1, 1), 1)
    assert split_names(text) == ["张三", "李四", "王", "五", "V1234567890", make_id(date(1990, 1, 1), 1)]


def test_check_volunteer_fills_gender_from_the_id_and_refuses_a_mismatch():
    number = make_id(date(1985, 1, 2), 24)  # even sequence: 女
    clean, _ = check_volunteer(VolunteerData(name=" 刘 芳 ", id_number=number, phone="13800001111"), today=TODAY)
    assert (clean.name, clean.gender) == ("刘芳", "女")
    with pytest.raises(ValidationError, match="不符") as exc:
        check_volunteer(VolunteerData(name="刘芳", gender="男", id_number=number), today=TODAY)
    assert exc.value.field == "性别"
    with pytest.raises(ValidationError, match="不像电话号码"):
        check_volunteer(VolunteerData(name="刘芳", phone="abc"), today=TODAY)
    group, _ = check_volunteer(VolunteerData(name="辖区商户联盟", kind="团体", group_size=12), today=TODAY)
    assert group.id_type == "其他"
