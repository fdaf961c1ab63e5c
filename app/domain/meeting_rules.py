"""How often each kind of organisational life must take place, and whether a calendar meets it.

The defaults are those of 中国共产党支部工作条例（试行） (2018): 党员大会 第十一条, 支部委员会
第十二条, 党小组会 第十三条 (article numbers seen in the text); 党课 第十五条, 主题党日 第十六条,
组织生活会 第十七条, 民主评议党员 第十八条, 谈心谈话 第十九条 (numbers as given in
rules-and-peers.md B3; 第十五、十六、十八、十九条 inferred from the chapter order there).
第十五条 only says members attend 党课 “按期”: the quarterly default is local practice
(地方惯例) and is marked so. Every number is a setting the clerk may change.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Callable, Iterable


class Period(StrEnum):
    MONTH = "月"
    QUARTER = "季度"
    YEAR = "年"


QUARTER_NAMES = ("第一季度", "第二季度", "第三季度", "第四季度")


@dataclass(frozen=True)
class PeriodSpan:
    period: Period
    index: int  # month 1–12, quarter 1–4, or 1 for the year
    first: date
    last: date

    @property
    def label(self) -> str:
        if self.period is Period.MONTH:
            return f"{self.index}月"
        if self.period is Period.QUARTER:
            return QUARTER_NAMES[self.index - 1]
        return f"{self.first.year}年"

    def contains(self, day: date) -> bool:
        return self.first <= day <= self.last


def spans(year: int, period: Period) -> list[PeriodSpan]:
    """The months, quarters or the one year of ``year``, in order."""
    if period is Period.MONTH:
        return [PeriodSpan(period, m, date(year, m, 1), date(year, m, calendar.monthrange(year, m)[1]))
                for m in range(1, 13)]
    if period is Period.QUARTER:
        return [PeriodSpan(period, q, date(year, 3 * q - 2, 1),
                           date(year, 3 * q, calendar.monthrange(year, 3 * q)[1])) for q in range(1, 5)]
    return [PeriodSpan(period, 1, date(year, 1, 1), date(year, 12, 31))]


def span_of(day: date, period: Period) -> PeriodSpan:
    """The month, quarter or year ``day`` falls in."""
    return next(s for s in spans(day.year, period) if s.contains(day))


_ORDER = {Period.MONTH: 0, Period.QUARTER: 1, Period.YEAR: 2}


@dataclass(frozen=True)
class FrequencyRule:
    """At least ``count`` meetings of ``type_name`` in every ``period`` (``count`` 0: not checked)."""

    type_name: str
    count: int
    period: Period
    basis: str  # where the number comes from, shown beside the rule
    local_practice: bool = False  # no national number: a common local one (地方惯例)
    per_group: bool = False  # 党小组会: every 党小组 on its own
    needs_committee: bool = False  # only where a 支部委员会 is in office

    @property
    def text(self) -> str:
        if self.count <= 0:
            return "不考核"
        who = "每个党小组" if self.per_group else ""
        return f"{who}每{self.period.value}至少{self.count}次"

    @property
    def basis_text(self) -> str:
        return f"地方惯例（非全国统一规定）；{self.basis}" if self.local_practice else self.basis


DEFAULT_RULES: tuple[FrequencyRule, ...] = (
    FrequencyRule("支部党员大会", 1, Period.QUARTER, "支部工作条例 第十一条"),
    FrequencyRule("支部委员会", 1, Period.MONTH, "支部工作条例 第十二条", needs_committee=True),
    FrequencyRule("党小组会", 1, Period.MONTH, "支部工作条例 第十三条", per_group=True),
    FrequencyRule("党课", 1, Period.QUARTER, "支部工作条例 第十五条只规定“按期”", local_practice=True),
    FrequencyRule("主题党日", 1, Period.MONTH, "支部工作条例 第十六条"),
    FrequencyRule("组织生活会", 1, Period.YEAR, "支部工作条例 第十七条"),
    FrequencyRule("民主评议党员", 1, Period.YEAR, "支部工作条例 第十八条"),
    FrequencyRule("谈心谈话", 1, Period.YEAR, "支部工作条例 第十九条"),
)
DEFAULTS_BY_TYPE = {r.type_name: r for r in DEFAULT_RULES}


def custom_rule(type_name: str, count: int, period: Period) -> FrequencyRule:
    """A frequency the clerk set for a type of their own."""
    return FrequencyRule(type_name, count, period, "本单位自定", local_practice=False)


class CellState(StrEnum):
    MET = "已达到"
    MISSED = "未达到"
    OPEN = "本期尚未完成"  # the current period, not yet enough held
    FUTURE = "未到"
    NOT_APPLICABLE = "不适用"


@dataclass(frozen=True)
class SpanResult:
    span: PeriodSpan
    held: int
    planned: int
    required: int
    state: CellState


def evaluate(
    rule_count: int, period: Period, year: int, held: Iterable[date], planned: Iterable[date], today: date,
    *, applies: Callable[[PeriodSpan], bool] = lambda _s: True,
) -> list[SpanResult]:
    """Each month/quarter/year of ``year`` against “at least ``rule_count``”.

    A period that has ended with too few held meetings is MISSED; the current one is OPEN
    until enough are held (planned ones are shown, never counted); later ones are FUTURE.
    Two meetings in one month count two in that month and nothing in the next.
    """
    held, planned = list(held), list(planned)
    out = []
    for span in spans(year, period):
        n_held = sum(1 for d in held if span.contains(d))
        n_planned = sum(1 for d in planned if span.contains(d))
        if rule_count <= 0 or not applies(span):
            state = CellState.NOT_APPLICABLE
        elif n_held >= rule_count:
            state = CellState.MET
        elif span.last < today:
            state = CellState.MISSED
        elif span.first > today:
            state = CellState.FUTURE
        else:
            state = CellState.OPEN
        out.append(SpanResult(span, n_held, n_planned, rule_count, state))
    return out


def combine(states: Iterable[CellState]) -> CellState:
    """One state for several (a quarter's months, or every 党小组): the worst one decides."""
    states = list(states)
    for state in (CellState.MISSED, CellState.OPEN):
        if state in states:
            return state
    relevant = [s for s in states if s is not CellState.NOT_APPLICABLE]
    if not relevant:
        return CellState.NOT_APPLICABLE
    if all(s is CellState.FUTURE for s in relevant):
        return CellState.FUTURE
    return CellState.MET


def state_for_column(results: list[SpanResult], column: PeriodSpan) -> CellState:
    """The state a grid column shows for a rule whose own period may be longer or shorter.

    A column inside the rule's period (a month of a quarterly rule) shows that period's
    state; a column holding several of the rule's periods (a quarter of a monthly rule)
    shows the worst of them.
    """
    rule_period = results[0].span.period if results else column.period
    if _ORDER[rule_period] >= _ORDER[column.period]:
        return next((r.state for r in results if r.span.contains(column.first)), CellState.NOT_APPLICABLE)
    return combine(r.state for r in results if column.contains(r.span.first))
