"""Validation of a member record (党章 第一条: 年满十八岁; GB 11643-1999 for the ID number).

Pure functions over plain values: the form, the importer and the service share them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from app.domain import codes, idnumber
from app.domain.dates import PartialDate, add_years
from app.domain.enums import DatePrecision, Gender, MemberCategory
from app.domain.errors import ValidationError

_PHONE = re.compile(r"^[0-9+()（）\-\s/、,，转]{5,40}$")


@dataclass(frozen=True)
class MemberData:
    """Everything a clerk can enter for a member (status flags come from events)."""

    name: str
    org_id: int | None = None
    group_id: int | None = None
    gender: str | None = None
    ethnicity: str | None = None
    birth_date: PartialDate | None = None
    id_number: str | None = None
    education: str | None = None
    native_place: str | None = None
    category: str = MemberCategory.FULL.value
    join_date: PartialDate | None = None
    full_date: PartialDate | None = None
    work_start_date: date | None = None
    job_post: str | None = None
    work_unit: str | None = None
    party_post: str | None = None
    phone: str | None = None
    address: str | None = None
    household_police: str | None = None
    mobile_card_no: str | None = None
    is_hardship: bool = False
    is_community_reported: bool = False
    shows_identity: bool = False
    is_congress_delegate: bool = False
    is_reserve_cadre: bool = False
    is_retired: bool = False
    has_post: bool = False
    notes: str | None = None


@dataclass(frozen=True)
class Checked:
    data: MemberData
    id_note: str | None = None  # e.g. converted from a 15-digit number
    warnings: tuple[str, ...] = field(default_factory=tuple)


def _clean(text: str | None) -> str | None:
    if not text:
        return None
    text = str(text)
    if "  " in text or text != text.strip() or "\n" in text or "\t" in text:
        text = " ".join(text.split())
    return text or None


def check_member(data: MemberData, *, today: date | None = None) -> Checked:
    """Normalise and validate; raise ``ValidationError(field, reason)`` on the first hard error."""
    today = today or date.today()
    warnings: list[str] = []
    name = "".join((data.name or "").split())
    if not name:
        raise ValidationError("姓名", "不能为空")
    if len(name) > 40:
        raise ValidationError("姓名", "不能超过40个字")
    gender = _clean(data.gender)
    if gender is not None and gender not in (Gender.MALE.value, Gender.FEMALE.value):
        raise ValidationError("性别", f"应为“男”或“女”，不能是“{gender}”")
    birth = data.birth_date
    id_note = None
    number = _clean(data.id_number)
    if number:
        info = idnumber.parse(number, today=today)
        number = info.number
        if info.converted_from_15:
            id_note = f"由15位旧号码 {idnumber.normalise(data.id_number or '')} 转换"
        if gender is None:
            gender = info.gender
        elif gender != info.gender:
            raise ValidationError("性别", f"填写为“{gender}”，但公民身份号码显示为“{info.gender}”")
        if birth is None:
            birth = PartialDate(info.birth_date)
        elif not _agrees(birth, info.birth_date):
            raise ValidationError(
                "出生日期", f"填写为 {birth}，但公民身份号码显示为 {info.birth_date.isoformat()}"
            )
        elif birth.precision is not DatePrecision.DAY:
            birth = PartialDate(info.birth_date)  # the ID number knows the day
    if birth is not None and birth.value > today:
        raise ValidationError("出生日期", "不能晚于今天")
    category = data.category or MemberCategory.FULL.value
    if category not in (MemberCategory.FULL.value, MemberCategory.PROBATIONARY.value):
        raise ValidationError("人员类别", f"应为“正式党员”或“预备党员”，不能是“{category}”")
    join, full = data.join_date, data.full_date
    if join is not None:
        if join.value > today:
            raise ValidationError("入党日期", "不能晚于今天")
        if birth is not None and join.precision is DatePrecision.DAY and birth.precision is DatePrecision.DAY:
            if join.value < add_years(birth.value, 18):
                raise ValidationError("入党日期", f"入党时未满十八周岁（出生日期 {birth}）")
        elif birth is not None and join.value.year - birth.value.year < 18:
            raise ValidationError("入党日期", f"入党时未满十八周岁（出生日期 {birth}）")
    if full is not None:
        if category == MemberCategory.PROBATIONARY.value:
            raise ValidationError("转正日期", "预备党员没有转正日期；转正请登记“转正”变动")
        if full.value > today:
            raise ValidationError("转正日期", "不能晚于今天")
        if join is not None and full.value < join.value:
            raise ValidationError("转正日期", f"早于入党日期 {join}")
    ethnicity = _clean(data.ethnicity)
    if ethnicity is not None:
        full_name = codes.normalise_ethnicity(ethnicity)
        if full_name is None:
            raise ValidationError("民族", f"“{ethnicity}”不是民族名称（应如“汉族”“回族”）")
        ethnicity = full_name
    education = _clean(data.education)
    if education is not None and education not in codes.education_levels():
        warnings.append(f"学历“{education}”不在标准列表中，统计时计入“其他”")
    job_post = _clean(data.job_post)
    if job_post is not None and job_post not in codes.job_posts():
        warnings.append(f"工作岗位“{job_post}”不在标准列表中，统计时计入“其他”")
    phone = _clean(data.phone)
    if phone is not None and not _PHONE.match(phone):
        raise ValidationError("联系电话", f"“{phone}”不像电话号码")
    if number is None:
        warnings.append("公民身份号码待补充")
    values = dict(data.__dict__)  # a frozen dataclass without slots: copying its dict is the cheap replace
    values.update(
        name=name, gender=gender, birth_date=birth, id_number=number, category=category,
        ethnicity=ethnicity, education=education, job_post=job_post, phone=phone,
        native_place=_clean(data.native_place), work_unit=_clean(data.work_unit),
        party_post=_clean(data.party_post), address=_clean(data.address),
        household_police=_clean(data.household_police), mobile_card_no=_clean(data.mobile_card_no),
        notes=(data.notes or "").strip() or None,
        is_retired=data.is_retired or codes.occupation_group(job_post) == "离退休",
    )
    cleaned = MemberData(**values)
    return Checked(cleaned, id_note, tuple(warnings))


def _agrees(partial: PartialDate, exact: date) -> bool:
    if partial.precision is DatePrecision.YEAR:
        return partial.value.year == exact.year
    if partial.precision is DatePrecision.MONTH:
        return (partial.value.year, partial.value.month) == (exact.year, exact.month)
    return partial.value == exact
