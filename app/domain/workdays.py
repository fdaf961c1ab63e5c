"""Working days: weekends off, public holidays off, 调休 weekends on (国务院办公厅 notices each year).

The table is data (``data/holidays.tsv``, seeded from chinese-calendar; the clerk may add a
year). A count that reaches into a year the table does not cover is still made, with
weekends only, and marked provisional (暂算): the notice for that year is not out yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Counted:
    day: date
    provisional: bool  # a year without holiday data was crossed (暂算)


@dataclass(frozen=True)
class WorkCalendar:
    days_off: frozenset[date]  # holidays (those on weekdays are what matter)
    days_on: frozenset[date]  # 调休: weekends that are working days
    years: frozenset[int]  # the years the table covers

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[date, bool]], *, years: Iterable[int] | None = None) -> "WorkCalendar":
        """From (day, is_workday) rows; the covered years are those with a row unless given."""
        rows = list(rows)
        covered = frozenset(years) if years is not None else frozenset(d.year for d, _w in rows)
        return cls(frozenset(d for d, w in rows if not w), frozenset(d for d, w in rows if w), covered)

    def knows(self, day: date) -> bool:
        return day.year in self.years

    def is_workday(self, day: date) -> bool:
        if day in self.days_on:
            return True
        return day.weekday() < 5 and day not in self.days_off

    def add_workdays(self, start: date, count: int) -> Counted:
        """The day on which ``count`` working days are complete, ``start`` counting when it is one.

        A 公示 of 5 working days starting on Monday 2026-11-02 ends on Friday 2026-11-06; one
        starting on a Saturday begins counting on Monday.
        """
        if count < 1:
            raise ValueError("count must be at least 1")
        day, done, provisional = start, 0, False
        while True:
            provisional |= not self.knows(day)
            if self.is_workday(day):
                done += 1
                if done == count:
                    return Counted(day, provisional)
            day += timedelta(days=1)

    def count_workdays(self, first: date, last: date) -> tuple[int, bool]:
        """Working days from ``first`` to ``last`` inclusive, and whether that is provisional."""
        n, provisional, day = 0, False, first
        while day <= last:
            provisional |= not self.knows(day)
            n += self.is_workday(day)
            day += timedelta(days=1)
        return n, provisional


def parse_holiday_lines(text: str) -> tuple[list[tuple[date, bool, str]], list[str]]:
    """Lines of a year's 放假安排 as the clerk types or pastes them: ``2027-01-01 休 元旦`` or ``2027-02-07 班``.

    The kind is 休 (a day off) or 班 (a 调休 working day); the name is optional. Returns the
    rows and one Chinese message per line that could not be read (第N行 …).
    """
    rows, errors = [], []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.replace("\t", " ").replace("，", " ").replace(",", " ").split()
        if len(parts) < 2:
            errors.append(f"第{n}行：应为“日期 休/班 [名称]”，如 2027-01-01 休 元旦")
            continue
        try:
            day = date.fromisoformat(parts[0].replace("/", "-").replace(".", "-"))
        except ValueError:
            errors.append(f"第{n}行：“{parts[0]}”不是日期（YYYY-MM-DD）")
            continue
        if parts[1] not in ("休", "班"):
            errors.append(f"第{n}行：第二项应为“休”或“班”，不能是“{parts[1]}”")
            continue
        rows.append((day, parts[1] == "班", " ".join(parts[2:])))
    return rows, errors
