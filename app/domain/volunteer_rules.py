"""Rules of volunteer records: identity documents, service hours, periods, name lists, certificate numbers.

Sources (see ../shared/reference/rules-and-peers.md B6):
* 志愿服务条例 (国务院令第685号) 第七条: a volunteer registers 身份信息、服务技能、服务时间、联系方式;
  第十九条: the organisation records service truthfully and issues proof free of charge.
* 志愿服务记录与证明出具办法（试行） (民政部令第67号) 第三条: records are 真实、准确、完整、无偿、及时.
* 民发〔2015〕149号 《关于规范志愿服务记录证明工作的指导意见》: 谁记录谁证明; a certificate gives
  姓名、证件类型及号码、志愿者编号, the hours and content, the issuer, a 证明编号 and the date.
* Service hours are the time of actual service, in hours, travel excluded (中国注册志愿者 guidance; the
  办法 restates it in a later article whose number is still to be checked ⚠️).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, time
from decimal import Decimal, InvalidOperation

from app.domain import idnumber
from app.domain.dates import quarter_bounds
from app.domain.enums import IdDocumentType, VolunteerKind
from app.domain.errors import ValidationError

MAX_HOURS = Decimal("24")  # one entry is one activity on one day
HUNDREDTH = Decimal("0.01")
_FULLWIDTH = str.maketrans("０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ．：",
                           "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ.:")
# 港澳居民来往内地通行证: H/M and 8 digits (10 on the older cards); 台湾居民来往大陆通行证: 8 digits
# (10 on the older ones). Formats as issued by 国家移民管理局; checked for shape only ⚠️.
_HK_MACAO_PASS = re.compile(r"^[HM]\d{8}(\d{2})?$")
_TAIWAN_PASS = re.compile(r"^\d{8}(\d{2})?$")
_PASSPORT = re.compile(r"^[A-Z0-9]{5,17}$")
# 港澳台居民居住证 (国办发〔2018〕81号): 18 characters with the GB 11643 check character;
# the address code is 810000 (香港), 820000 (澳门) or 830000 (台湾).
_PERMIT_REGIONS = {IdDocumentType.HK_MACAO_PERMIT: ("810000", "820000"), IdDocumentType.TAIWAN_PERMIT: ("830000",)}
NUMBER_FIELD = "证件号码"


@dataclass(frozen=True)
class IdDocument:
    id_type: IdDocumentType
    number: str | None
    gender: str | None = None  # from a 居民身份证 or 居住证
    birth_date: date | None = None
    note: str | None = None  # e.g. converted from a 15-digit number


def id_type_of(text: str | IdDocumentType | None) -> IdDocumentType:
    """The document type from its name as clerks write it (身份证, 护照, 回乡证…); default 居民身份证."""
    if isinstance(text, IdDocumentType):
        return text
    value = "".join((text or "").split())
    if not value:
        return IdDocumentType.RESIDENT_ID
    for t in IdDocumentType:
        if value == t.value:
            return t
    aliases = {
        "身份证": IdDocumentType.RESIDENT_ID, "居民身份证号": IdDocumentType.RESIDENT_ID,
        "中华人民共和国居民身份证": IdDocumentType.RESIDENT_ID, "二代身份证": IdDocumentType.RESIDENT_ID,
        "港澳居住证": IdDocumentType.HK_MACAO_PERMIT, "台湾居住证": IdDocumentType.TAIWAN_PERMIT,
        "港澳台居民居住证": IdDocumentType.HK_MACAO_PERMIT, "回乡证": IdDocumentType.HK_MACAO_PASS,
        "港澳通行证": IdDocumentType.HK_MACAO_PASS, "港澳居民通行证": IdDocumentType.HK_MACAO_PASS,
        "台胞证": IdDocumentType.TAIWAN_PASS, "台湾通行证": IdDocumentType.TAIWAN_PASS,
        "台湾居民通行证": IdDocumentType.TAIWAN_PASS, "外国护照": IdDocumentType.PASSPORT,
        "中国护照": IdDocumentType.PASSPORT, "其它": IdDocumentType.OTHER,
    }
    if value in aliases:
        return aliases[value]
    names = "、".join(t.value for t in IdDocumentType)
    raise ValidationError("证件类型", f"“{value}”不是可用的证件类型（可用：{names}）")


def check_id_document(id_type: str | IdDocumentType | None, raw: str | None, *,
                      today: date | None = None) -> IdDocument:
    """Normalise and check a document number for its type; an empty number is allowed (待补充)."""
    kind = id_type_of(id_type)
    text = "".join((raw or "").split()).translate(_FULLWIDTH).upper()
    if not text:
        return IdDocument(kind, None)
    if kind is IdDocumentType.RESIDENT_ID:
        try:
            info = idnumber.parse(text, today=today)
        except ValidationError as exc:
            raise ValidationError(NUMBER_FIELD, exc.message) from None
        note = f"15位旧号码已转换为{info.number}" if info.converted_from_15 else None
        return IdDocument(kind, info.number, info.gender, info.birth_date, note)
    if kind in _PERMIT_REGIONS:
        if len(text) != 18:
            raise ValidationError(NUMBER_FIELD, f"{kind.value}号码应为18位，实际为{len(text)}位")
        try:
            info = idnumber.parse(text, today=today)
        except ValidationError as exc:
            raise ValidationError(NUMBER_FIELD, f"{kind.value}号码{exc.message}") from None
        regions = _PERMIT_REGIONS[kind]
        if info.number[:6] not in regions:
            raise ValidationError(NUMBER_FIELD, f"{kind.value}号码应以{'或'.join(regions)}开头")
        return IdDocument(kind, info.number, info.gender, info.birth_date)
    if kind is IdDocumentType.HK_MACAO_PASS and not _HK_MACAO_PASS.match(text):
        raise ValidationError(NUMBER_FIELD, "港澳居民来往内地通行证号码应为H或M加8位（旧证10位）数字")
    if kind is IdDocumentType.TAIWAN_PASS and not _TAIWAN_PASS.match(text):
        raise ValidationError(NUMBER_FIELD, "台湾居民来往大陆通行证号码应为8位（旧证10位）数字")
    if kind is IdDocumentType.PASSPORT and not _PASSPORT.match(text):
        raise ValidationError(NUMBER_FIELD, "护照号码应为5–17位字母或数字")
    if len(text) > 30:
        raise ValidationError(NUMBER_FIELD, "不能超过30个字符")
    return IdDocument(kind, text)


def parse_hours(value) -> Decimal:
    """Service hours from a number or from text clerks type: 2, 2.5, “2小时”, “1小时30分”, “90分钟”, “2h”."""
    if value is None or isinstance(value, bool):
        raise ValidationError("服务时长", "不能为空")
    if isinstance(value, (int, float, Decimal)):
        hours = Decimal(str(value))
    elif isinstance(value, time):
        hours = Decimal(value.hour) + Decimal(value.minute) / 60
    else:
        text = "".join(str(value).split()).translate(_FULLWIDTH).lower()
        if not text:
            raise ValidationError("服务时长", "不能为空")
        m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:小时|个小时|h|hr|hrs|时)?(?:(\d+)(?:分钟|分|min))?", text)
        minutes = re.fullmatch(r"(\d+)(?:分钟|分|min)", text)
        clock = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
        try:
            if minutes:
                hours = Decimal(minutes.group(1)) / 60
            elif clock:
                hours = Decimal(clock.group(1)) + Decimal(clock.group(2)) / 60
            elif m:
                hours = Decimal(m.group(1)) + (Decimal(m.group(2)) / 60 if m.group(2) else 0)
            else:
                raise InvalidOperation
        except InvalidOperation:
            raise ValidationError("服务时长", f"“{value}”不是时长（应如 2、2.5、2小时、1小时30分）") from None
    return check_hours(hours)


def check_hours(hours: Decimal) -> Decimal:
    """Hours of one person at one activity: more than 0, at most 24, kept to 1/100 h."""
    try:
        hours = Decimal(hours)
    except InvalidOperation:
        raise ValidationError("服务时长", f"“{hours}”不是时长") from None
    if hours <= 0:
        raise ValidationError("服务时长", "应大于0小时")
    if hours > MAX_HOURS:
        raise ValidationError("服务时长", f"一次活动的服务时长不能超过{MAX_HOURS}小时")
    return hours.quantize(HUNDREDTH)


def duration(start: time | None, end: time | None) -> Decimal | None:
    """How long an activity ran (end − start) in hours, or None when a time is missing."""
    if start is None or end is None:
        return None
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    if minutes <= 0:
        raise ValidationError("结束时间", "应晚于开始时间")
    return (Decimal(minutes) / 60).quantize(HUNDREDTH)


def check_within(hours: Decimal, activity_hours: Decimal | None) -> None:
    """Actual service cannot be longer than the activity (travel is not counted anyway)."""
    if activity_hours is not None and hours > activity_hours:
        raise ValidationError("服务时长", f"{hours}小时超过了活动时长{activity_hours}小时（只计实际服务时间，不含往返交通）")


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def months(self) -> list[tuple[int, int]]:
        out, (y, m) = [], (self.start.year, self.start.month)
        while (y, m) <= (self.end.year, self.end.month):
            out.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out


def period_of(year: int, quarter: int | None = None, month: int | None = None) -> Period:
    """A calendar year, quarter or month."""
    if not 1900 <= year <= 2100:
        raise ValidationError("年度", f"{year} 不是合理的年度")
    if month is not None:
        if not 1 <= month <= 12:
            raise ValidationError("月份", "应为1到12")
        end = date(year + month // 12, month % 12 + 1, 1)
        return Period(date(year, month, 1), date.fromordinal(end.toordinal() - 1), f"{year}年{month}月")
    if quarter is not None:
        if not 1 <= quarter <= 4:
            raise ValidationError("季度", "应为1到4")
        first, last = quarter_bounds(year, quarter)
        return Period(first, last, f"{year}年第{quarter}季度")
    return Period(date(year, 1, 1), date(year, 12, 31), f"{year}年")


def custom_period(start: date, end: date) -> Period:
    if end < start:
        raise ValidationError("截止日期", "不能早于起始日期")
    return Period(start, end, f"{start.isoformat()}至{end.isoformat()}")


_SEPARATORS = re.compile(r"[\s,，、;；/|]+")


def split_names(text: str) -> list[str]:
    """The entries of a pasted or scanned list: names, volunteer numbers or ID numbers, once each, in order.

    Separators are spaces, line breaks, commas, 顿号 and semicolons; a leading 序号 (“1.”, “2、”) is dropped.
    """
    out: list[str] = []
    seen: set[str] = set()
    for line in (text or "").splitlines():
        line = re.sub(r"^\s*\d{1,3}\s*[.、．)）]\s*", "", line)
        for token in _SEPARATORS.split(line):
            token = token.strip().translate(_FULLWIDTH)
            if not token or (token.isdigit() and len(token) < 4) or token in seen:  # a stray 序号
                continue
            seen.add(token)
            out.append(token)
    return out


def certificate_number(year: int, serial: int) -> str:
    """The 证明编号: year and a running number within it (民发〔2015〕149号 asks for a number on each)."""
    return f"ZYFW{year}-{serial:04d}"


@dataclass(frozen=True)
class VolunteerData:
    """What a clerk enters for a volunteer (条例 第七条: 身份信息、服务技能、服务时间、联系方式)."""

    name: str
    kind: str = VolunteerKind.PERSON.value
    member_id: int | None = None
    gender: str | None = None
    id_type: str = IdDocumentType.RESIDENT_ID.value
    id_number: str | None = None
    phone: str | None = None
    skills: str | None = None
    volunteer_no: str | None = None
    registered_on: date | None = None
    contact_person: str | None = None
    group_size: int | None = None
    org_id: int | None = None
    notes: str | None = None


def _clean(text) -> str | None:
    if text is None:
        return None
    text = " ".join(str(text).split())
    return text or None


def check_volunteer(data: VolunteerData, *, today: date | None = None) -> tuple[VolunteerData, str | None]:
    """The record cleaned and checked; (data, note) or ``ValidationError`` naming the field."""
    from app.domain.member_rules import check_field

    today = today or date.today()
    name = "".join(data.name.split()) if data.kind != VolunteerKind.GROUP.value else _clean(data.name) or ""
    if not name:
        raise ValidationError("姓名" if data.kind != VolunteerKind.GROUP.value else "团体名称", "不能为空")
    if len(name) > (40 if data.kind != VolunteerKind.GROUP.value else 100):
        raise ValidationError("姓名", "太长")
    try:
        kind = VolunteerKind(data.kind)
    except ValueError:
        raise ValidationError("类型", f"应为“个人”或“团体”，不能是“{data.kind}”") from None
    gender = _clean(data.gender)
    note = None
    if kind is VolunteerKind.GROUP:
        doc = IdDocument(IdDocumentType.OTHER, _clean(data.id_number))  # 统一社会信用代码 or nothing
        gender = None
        if data.group_size is not None and data.group_size < 1:
            raise ValidationError("人数", "应为正整数")
    else:
        doc = check_id_document(data.id_type, data.id_number, today=today)
        note = doc.note
        if gender not in (None, "男", "女"):
            raise ValidationError("性别", f"应为“男”或“女”，不能是“{gender}”")
        if doc.gender and gender and doc.gender != gender:
            raise ValidationError("性别", f"与{doc.id_type.value}号码不符（号码表示“{doc.gender}”）")
        gender = gender or doc.gender
    phone, _ = check_field("phone", data.phone)
    if data.registered_on is not None and data.registered_on > today:
        raise ValidationError("注册日期", "不能晚于今天")
    clean = replace(
        data, name=name, kind=kind.value, gender=gender, id_type=doc.id_type.value, id_number=doc.number, phone=phone,
        skills=_clean(data.skills), volunteer_no=_clean(data.volunteer_no), contact_person=_clean(data.contact_person),
        notes=(data.notes or "").strip() or None,
    )
    return clean, note
