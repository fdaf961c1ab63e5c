"""The holiday and 调休 table in the database: seeded from data/holidays.tsv, a year added by the clerk
when the 国务院办公厅's notice for it is out (working-day counts for that year stop being 暂算)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import delete, extract, select
from sqlalchemy.orm import Session

from app.db.models import HolidayOverride
from app.domain.errors import ValidationError
from app.domain.workdays import parse_holiday_lines
from app.services import audit


@dataclass(frozen=True)
class HolidayYear:
    year: int
    days_off: int
    working_weekends: int
    source: str  # chinese-calendar / clerk


def holiday_years(session: Session) -> list[HolidayYear]:
    rows = session.execute(select(HolidayOverride.day, HolidayOverride.is_workday, HolidayOverride.source)).all()
    off, on, source = Counter(), Counter(), {}
    for day, work, src in rows:
        (on if work else off)[day.year] += 1
        source[day.year] = src
    return [HolidayYear(y, off[y], on[y], source[y]) for y in sorted(source)]


def add_year(session: Session, year: int, text: str) -> HolidayYear:
    """Replace ``year``'s rows with the clerk's lines; every line is checked before anything is written."""
    rows, errors = parse_holiday_lines(text)
    if errors:
        raise ValidationError("节假日安排", "；".join(errors[:10]))
    if not rows:
        raise ValidationError("节假日安排", f"没有读到{year}年的任何日期")
    stray = [d for d, _w, _n in rows if d.year != year]
    if stray:
        raise ValidationError("节假日安排", f"{stray[0]} 不在{year}年内")
    days = [d for d, _w, _n in rows]
    if len(days) != len(set(days)):
        dup = next(d for d in days if days.count(d) > 1)
        raise ValidationError("节假日安排", f"{dup} 出现了两次")
    session.execute(delete(HolidayOverride).where(extract("year", HolidayOverride.day) == year))
    for day, work, name in rows:
        session.add(HolidayOverride(day=day, is_workday=work, name=name or None, source="clerk"))
    session.flush()
    result = next(y for y in holiday_years(session) if y.year == year)
    audit.record(session, "设置", "holiday_override", str(year),
                 f"登记{year}年节假日安排：放假 {result.days_off} 天，调休上班 {result.working_weekends} 天",
                 {"放假": result.days_off, "调休上班": result.working_weekends})
    return result
