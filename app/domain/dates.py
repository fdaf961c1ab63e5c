"""Calendar arithmetic and partial dates.

A month is a calendar month with month-end clamping (2026-01-31 + 1 month = 2026-02-28),
never "+30 days"; a year from 02-29 ends on 02-28 (发展党员工作细则 time limits).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from app.domain.enums import DatePrecision


def add_months(day: date, months: int) -> date:
    """Add calendar months, clamping to the last day of the target month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def age_on(birth: date, on: date) -> int:
    """Whole years completed on ``on``."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    first = date(year, 3 * (quarter - 1) + 1, 1)
    return first, month_end(date(year, 3 * quarter, 1))


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date of which perhaps only the year or year and month are known.

    Stored as the first day of the known span plus a precision; shown without the
    unknown parts, so a 入党年月 of "1978年6月" is never printed as 1978-06-01.
    """

    value: date
    precision: DatePrecision = DatePrecision.DAY

    def __str__(self) -> str:
        if self.precision is DatePrecision.YEAR:
            return f"{self.value.year}"
        if self.precision is DatePrecision.MONTH:
            return f"{self.value.year}-{self.value.month:02d}"
        return self.value.isoformat()

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Read 2026-05-01, 2026/5/1, 2026.5, 2026年5月, 202605, 2026 and similar."""
        cleaned = text.strip()
        for sep in ("年", "月", "/", ".", "日"):
            cleaned = cleaned.replace(sep, "-")
        parts = [p for p in cleaned.split("-") if p]
        if len(parts) == 1 and parts[0].isdigit() and len(parts[0]) in (6, 8):
            digits = parts[0]
            parts = [digits[:4], digits[4:6]] + ([digits[6:8]] if len(digits) == 8 else [])
        if not parts or not all(p.isdigit() for p in parts) or len(parts) > 3:
            raise ValueError(f"无法识别的日期：{text}")
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
        precision = (DatePrecision.YEAR, DatePrecision.MONTH, DatePrecision.DAY)[len(parts) - 1]
        if len(parts[0]) != 4:
            raise ValueError(f"无法识别的日期：{text}（年份应为4位）")
        try:
            return cls(date(year, month, day), precision)
        except ValueError:
            raise ValueError(f"不存在的日期：{text}") from None
