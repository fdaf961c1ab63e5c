"""公民身份号码 per GB 11643-1999: normalisation, checksum, birth date and sex.

Check character: ISO 7064:1983 MOD 11-2 (GB 11643-1999 第 5.2 条).
A legacy 15-digit number (GB 11643-1989: YYMMDD, no check character) is converted by
inserting "19" and computing the check character; the caller shows the conversion.
"""

from __future__ import annotations

from operator import mul
from datetime import date
from typing import NamedTuple

from app.domain.errors import ValidationError

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
_FULLWIDTH = str.maketrans("０１２３４５６７８９ＸｘX", "0123456789XXX")
FIELD = "公民身份号码"
_ZERO_OFFSET = 48 * sum(WEIGHTS)


class IdInfo(NamedTuple):  # a tuple: built for every row of a bulk import
    number: str
    birth_date: date
    gender: str  # "男" / "女"
    converted_from_15: bool = False


def check_char(first17: str) -> str:
    """The 18th character for the 17 leading digits."""
    # iterating ASCII bytes gives the code points: subtract 48 ('0') times the weight sum
    total = sum(map(mul, first17.encode("ascii"), WEIGHTS)) - _ZERO_OFFSET
    return CHECK_CHARS[total % 11]


def normalise(raw: str) -> str:
    """Strip spaces, turn full-width digits and lowercase x into the canonical form."""
    return "".join(raw.split()).translate(_FULLWIDTH).upper()


def parse(raw: str, *, today: date | None = None) -> IdInfo:
    """Validate and decode an ID number; raise ``ValidationError`` with the reason in Chinese."""
    if len(raw or "") == 18 and raw.isascii() and raw.isalnum():
        number = raw.upper()  # the common case, already canonical but for a lowercase x
    else:
        number = normalise(raw or "")
    converted = False
    if not number:
        raise ValidationError(FIELD, "不能为空")
    if len(number) == 15:
        if not (number.isascii() and number.isdigit()):
            raise ValidationError(FIELD, "15位旧号码只能由数字组成")
        first17 = number[:6] + "19" + number[6:]
        number = first17 + check_char(first17)
        converted = True
    if len(number) != 18:
        raise ValidationError(FIELD, f"应为18位，实际为{len(number)}位")
    head = number[:17]
    if not (head.isascii() and head.isdigit()):  # "²".isdigit() is True
        raise ValidationError(FIELD, "前17位必须是数字")
    last = number[17]
    if not (last.isdigit() or last == "X"):
        raise ValidationError(FIELD, "第18位（校验码）只能是数字或X")
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(FIELD, f"第7–14位的出生日期 {number[6:14]} 不是有效日期") from None
    today = today or date.today()
    if birth.year < 1900 or birth > today:
        raise ValidationError(FIELD, f"出生日期 {birth.isoformat()} 不在合理范围内")
    expected = check_char(head)
    if last != expected:
        raise ValidationError(FIELD, f"校验码不符：第18位应为{expected}，实际为{last}")
    gender = "男" if number[16] in "13579" else "女"
    return IdInfo(number, birth, gender, converted)


def is_valid(raw: str) -> bool:
    try:
        parse(raw)
    except ValidationError:
        return False
    return True


def mask(number: str | None) -> str:
    """Show the region code and the last four characters only (for screens and printouts)."""
    if not number:
        return ""
    if len(number) <= 10:
        return number[:2] + "*" * max(len(number) - 2, 0)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str | None) -> str:
    """A phone number with its middle hidden (138****1234); short numbers keep only the first two characters."""
    if not phone:
        return ""
    if "*" in phone:
        return phone  # already masked
    if len(phone) >= 11:
        return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
    if len(phone) >= 7:
        return phone[:2] + "*" * (len(phone) - 4) + phone[-2:]
    return phone[:1] + "*" * (len(phone) - 1)
