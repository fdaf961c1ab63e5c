"""Validation of a member record (党章 第一条: 年满十八岁; GB 11643-1999 for the ID number).

Pure functions over plain values: the form, the importer and the service share them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

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
    work_start_date: PartialDate | None = None
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


# Each single-field rule returns (clean value, warning or None) or raises ValidationError.
# They depend on the value alone, so a bulk caller may memoise them (see ``new_memo``).
def _gender(value):
    gender = _clean(value)
    if gender is not None and gender not in (Gender.MALE.value, Gender.FEMALE.value):
        raise ValidationError("性别", f"应为“男”或“女”，不能是“{gender}”")
    return gender, None


def _category(value):
    category = value or MemberCategory.FULL.value
    if category not in (MemberCategory.FULL.value, MemberCategory.PROBATIONARY.value):
        raise ValidationError("人员类别", f"应为“正式党员”或“预备党员”，不能是“{category}”")
    return category, None


def _ethnicity(value):
    ethnicity = _clean(value)
    if ethnicity is None:
        return None, None
    full_name = codes.normalise_ethnicity(ethnicity)
    if full_name is None:
        raise ValidationError("民族", f"“{ethnicity}”不是民族名称（应如“汉族”“回族”）")
    return full_name, None


def _education(value):
    education = _clean(value)
    if education is not None and education not in codes.education_levels():
        return education, f"学历“{education}”不在标准列表中，统计时计入“其他”"
    return education, None


def _job_post(value):
    job_post = _clean(value)
    if job_post is not None and job_post not in codes.job_posts():
        return job_post, f"工作岗位“{job_post}”不在标准列表中，统计时计入“其他”"
    return job_post, None


def _phone(value):
    phone = _clean(value)
    if phone is not None and not _PHONE.match(phone):
        raise ValidationError("联系电话", f"“{phone}”不像电话号码")
    return phone, None


def _text(value):
    return _clean(value), None


def _notes(value):
    return (value or "").strip() or None, None


# checked in this order; the first hard error of a record is the one reported
_FIELD_RULES = (
    ("gender", _gender), ("category", _category), ("ethnicity", _ethnicity), ("education", _education),
    ("job_post", _job_post), ("phone", _phone), ("native_place", _text), ("work_unit", _text),
    ("party_post", _text), ("address", _text), ("household_police", _text), ("mobile_card_no", _text),
    ("notes", _notes),
)


def new_memo() -> dict[str, dict]:
    """A cache for ``check_record(..., memo=)`` across the rows of one import."""
    return {name: {} for name in _RULES}


_RULES = dict(_FIELD_RULES)
SINGLE_FIELD_RULES = frozenset(_RULES)  # fields whose check depends on their own value alone


def check_field(name: str, value) -> tuple[object, str | None]:
    """One field's own rule: (clean value, warning or None); raise ``ValidationError``.

    A bulk reader applies it once per distinct value of a column and then calls
    ``check_record(..., fields_checked=True)``, which runs only the rules that
    relate fields to each other.
    """
    rule = _RULES.get(name)
    return rule(value) if rule is not None else (value, None)
_FULL = MemberCategory.FULL.value
_PROBATIONARY = MemberCategory.PROBATIONARY.value
_DAY = DatePrecision.DAY


class CheckedRecord(NamedTuple):  # a tuple: built for every row of a bulk import
    values: dict  # MemberData field -> clean value; absent fields keep MemberData's defaults
    id_note: str | None = None
    warnings: tuple[str, ...] = ()


def _outcome(rule, value) -> tuple:
    try:
        return rule(value)
    except ValidationError as exc:
        return None, exc


def check_record(
    values: dict, *, today: date, memo: dict[str, dict] | None = None, fields_checked: bool = False,
) -> CheckedRecord:
    """``check_member`` over a plain dict of MemberData fields (the fast path of a bulk import).

    ``memo`` (from ``new_memo``) lets an import validate each distinct value of a
    single-field rule once; the result is the same as without it. ``fields_checked``
    says the caller already passed every value through ``check_field``.
    """
    name = "".join((values.get("name") or "").split())
    if not name:
        raise ValidationError("姓名", "不能为空")
    if len(name) > 40:
        raise ValidationError("姓名", "不能超过40个字")
    out = dict(values)
    out["name"] = name
    warnings: list[str] = []
    if memo is None:
        memo = {name: None for name in _RULES}
    for key, value in values.items() if not fields_checked else ():
        if key not in memo:
            continue
        cache = memo[key]
        if cache is None:
            result = _outcome(_RULES[key], value)
        else:
            try:
                result = cache.get(value)
            except TypeError:  # an unhashable value: not worth caching
                result = _outcome(_RULES[key], value)
            else:
                if result is None:
                    result = cache[value] = _outcome(_RULES[key], value)
        clean, extra = result
        if extra is not None:
            if extra.__class__ is not str:
                raise extra
            warnings.append(extra)
        out[key] = clean
    gender = out.get("gender")
    birth = values.get("birth_date")
    id_note = None
    raw_number = values.get("id_number")
    # the usual 18 plain characters need no cleaning: idnumber.parse normalises the rest
    number = raw_number if raw_number.__class__ is str and raw_number.isalnum() else _clean(raw_number)
    if number:
        info = idnumber.parse(number, today=today)
        number = info.number
        if info.converted_from_15:
            id_note = f"由15位旧号码 {idnumber.normalise(raw_number or '')} 转换"
        if gender is None:
            gender = info.gender
        elif gender != info.gender:
            raise ValidationError("性别", f"填写为“{gender}”，但公民身份号码显示为“{info.gender}”")
        if birth is None:
            birth = PartialDate(info.birth_date)
        elif birth.value != info.birth_date and not _agrees(birth, info.birth_date):
            raise ValidationError(
                "出生日期", f"填写为 {birth}，但公民身份号码显示为 {info.birth_date.isoformat()}"
            )
        elif birth.precision is not _DAY:
            birth = PartialDate(info.birth_date)  # the ID number knows the day
    if birth is not None and birth.value > today:
        raise ValidationError("出生日期", "不能晚于今天")
    category = out.get("category") or _FULL
    join, full = values.get("join_date"), values.get("full_date")
    if join is not None:
        if join.value > today:
            raise ValidationError("入党日期", "不能晚于今天")
        if birth is not None and _under_18(birth, join):
            raise ValidationError("入党日期", f"入党时未满十八周岁（出生日期 {birth}）")
    if full is not None:
        if category == _PROBATIONARY:
            raise ValidationError("转正日期", "预备党员没有转正日期；转正请登记“转正”变动")
        if full.value > today:
            raise ValidationError("转正日期", "不能晚于今天")
        if join is not None and full.value < join.value:
            raise ValidationError("转正日期", f"早于入党日期 {join}")
    if number is None:
        warnings.append("公民身份号码待补充")
    out["gender"] = gender
    out["birth_date"] = birth
    out["id_number"] = number
    out["category"] = category
    out["is_retired"] = values.get("is_retired", False) or codes.occupation_group(out.get("job_post")) == "离退休"
    return CheckedRecord(out, id_note, tuple(warnings))


def _under_18(birth: PartialDate, join: PartialDate) -> bool:
    years = join.value.year - birth.value.year
    if join.precision is _DAY and birth.precision is _DAY:
        if years != 18:  # add_years only decides the 18th year (29 February)
            return years < 18
        return join.value < add_years(birth.value, 18)
    return years < 18


def check_member(data: MemberData, *, today: date | None = None) -> Checked:
    """Normalise and validate; raise ``ValidationError(field, reason)`` on the first hard error."""
    record = check_record(dict(data.__dict__), today=today or date.today())
    return Checked(MemberData(**record.values), record.id_note, record.warnings)


def _agrees(partial: PartialDate, exact: date) -> bool:
    if partial.precision is DatePrecision.YEAR:
        return partial.value.year == exact.year
    if partial.precision is DatePrecision.MONTH:
        return (partial.value.year, partial.value.month) == (exact.year, exact.month)
    return partial.value == exact
