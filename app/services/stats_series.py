"""The series the 统计 charts draw, for a period and an organisation (with its sub-tree).

Counted as the figures are (stats_figures), so that a chart and a figure never disagree:

- structure (年龄, 学历, 党龄) over the members on the books at the period's end
  (stats_members.members_at); ages and 党龄 reckoned at the end date, 党龄 from the 转正
  date (the probation year does not count, as the 花名册 counts it), 预备党员 apart;
- dues by the month covered, due against paid, from the 党费台账 exactly as the figures'
  应缴/实缴 (their totals are the figures' ``dues_due`` and ``dues_paid``);
- meetings held (已召开, dated in the period) against those the frequency rules require of
  the 党支部 (and, for 党小组会, the 党小组) in scope;
- confirmed volunteer hours by the month served (their total is ``volunteer_hours``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import MeetingType, Member, Organisation, VolunteerHours
from app.domain import codes
from app.domain.dates import age_on
from app.domain.enums import HoursState, OrgLevel
from app.domain.meeting_rules import spans
from app.services.stats_figures import ZERO, Period, org_scope
from app.services.stats_members import members_at
from app.services.roster import resolve_org

AGE_BANDS = (("35岁及以下", 0, 35), ("36–45岁", 36, 45), ("46–59岁", 46, 59), ("60–69岁", 60, 69),
             ("70–79岁", 70, 79), ("80岁及以上", 80, 999))
EDUCATION_GROUPS = (("研究生", (1,)), ("大学本科", (2,)), ("大学专科", (3,)), ("中专/高中", (4, 5)), ("初中及以下", (6,)))
PARTY_AGE_BANDS = (("不满10年", 0, 9), ("10–19年", 10, 19), ("20–29年", 20, 29), ("30–39年", 30, 39),
                   ("40–49年", 40, 49), ("50年及以上", 50, 999))
UNKNOWN_BIRTH = "未填出生日期"
UNKNOWN_EDUCATION = "未填"
PROBATIONARY = "预备党员"
UNKNOWN_FULL = "未填转正日期"


@dataclass(frozen=True)
class Bar:
    label: str
    count: int


@dataclass(frozen=True)
class Structure:
    title: str
    how: str
    bars: tuple[Bar, ...]

    @property
    def total(self) -> int:
        return sum(b.count for b in self.bars)

    def count(self, label: str) -> int:
        return next(b.count for b in self.bars if b.label == label)


@dataclass(frozen=True)
class MonthDues:
    year: int
    month: int
    due: Decimal
    paid: Decimal

    @property
    def label(self) -> str:
        return f"{self.month}月"


@dataclass(frozen=True)
class MeetingBar:
    type_name: str
    held: int
    required: int  # 0: the rules ask nothing of the period


@dataclass(frozen=True)
class MonthHours:
    year: int
    month: int
    hours: Decimal

    @property
    def label(self) -> str:
        return f"{self.month}月"


@dataclass(frozen=True)
class Series:
    period: Period
    org_name: str
    age: Structure
    education: Structure
    party_age: Structure
    dues: tuple[MonthDues, ...]
    meetings: tuple[MeetingBar, ...]
    hours: tuple[MonthHours, ...]
    dues_how: str
    meetings_how: str
    hours_how: str

    @property
    def dues_due(self) -> Decimal:
        return sum((m.due for m in self.dues), ZERO)

    @property
    def dues_paid(self) -> Decimal:
        return sum((m.paid for m in self.dues), ZERO)

    @property
    def volunteer_hours(self) -> Decimal:
        return sum((m.hours for m in self.hours), ZERO)


def _months(period: Period) -> list[tuple[int, int]]:
    out, y, m = [], period.start.year, period.start.month
    while (y, m) <= (period.end.year, period.end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def period_series(session: Session, period: Period, *, org: str | None = None) -> Series:
    """Every chart's series of the period for ``org`` (a name; the whole organisation when None)."""
    scope, org_name = org_scope(session, org)
    org_id = resolve_org(session, org)[0] if org else None
    people = members_at(session, period.end, scope)
    age, education, party_age = _structure(session, period.end, people)
    return Series(period, org_name, age, education, party_age,
                  _dues(session, period, org_id if scope is not None else None), _meetings(session, period, scope),
                  _hours(session, period, org_id),
                  "按所属月份计：应缴为核定的月缴额（扣除少交、免交，只计在册月份），实缴为该月份的党费（一次交多月的按月分摊）",
                  "已召开：会议日期在本期内、状态为“已召开”的次数（含党小组召开的）；应召开：按各党支部的频次要求"
                  "（党小组会按每个党小组，支部委员会只在支委会任期内），考核周期在本期内结束的才计入（季度要求计入季末月份，"
                  "年度要求计入12月）",
                  "按服务日期所在月份，只计已确认的时长（实际服务时间）")


def _structure(session: Session, end: date, people) -> tuple[Structure, Structure, Structure]:
    ages: dict[str, int] = {label: 0 for label, _lo, _hi in AGE_BANDS} | {UNKNOWN_BIRTH: 0}
    edu_counts: dict[str, int] = {label: 0 for label, _c in EDUCATION_GROUPS} | {UNKNOWN_EDUCATION: 0}
    years: dict[str, int] = {label: 0 for label, _lo, _hi in PARTY_AGE_BANDS} | {PROBATIONARY: 0, UNKNOWN_FULL: 0}
    levels = codes.education_levels()
    group_of = {code: label for label, group in EDUCATION_GROUPS for code in group}
    full = _full_dates(session, [p.id for p in people])
    for p in people:
        if p.birth_date is None:
            ages[UNKNOWN_BIRTH] += 1
        else:
            ages[_band(AGE_BANDS, age_on(p.birth_date, end))] += 1
        edu_counts[group_of.get(levels.get(p.education or ""), UNKNOWN_EDUCATION)] += 1
        if p.probationary:
            years[PROBATIONARY] += 1
        elif full.get(p.id) is None or full[p.id] > end:
            years[UNKNOWN_FULL] += 1
        else:
            years[_band(PARTY_AGE_BANDS, age_on(full[p.id], end))] += 1
    when = end.isoformat()

    def bars(counts: dict[str, int], keep_zero: int) -> tuple[Bar, ...]:
        items = list(counts.items())  # the fixed bands always; the "unknown" ones only when someone is in them
        return tuple(Bar(k, n) for i, (k, n) in enumerate(items) if i < keep_zero or n)

    return (Structure("年龄结构", f"{when}在册党员，按出生日期计算到{when}的周岁", bars(ages, len(AGE_BANDS))),
            Structure("学历结构", "在册党员的学历（按学历代码归类；未填或无法归类的计入“未填”）",
                      bars(edu_counts, len(EDUCATION_GROUPS))),
            Structure("党龄结构", f"正式党员按转正日期计算到{when}的整年数（预备期不计党龄）；预备党员单列",
                      bars(years, len(PARTY_AGE_BANDS) + 1)))


def _band(bands, n: int) -> str:
    return next(label for label, lo, hi in bands if lo <= n <= hi) if n >= 0 else bands[0][0]


def _full_dates(session: Session, ids: list[int]) -> dict[int, date | None]:
    out: dict[int, date | None] = {}
    for i in range(0, len(ids), 500):
        out.update(session.execute(select(Member.id, Member.full_date).where(Member.id.in_(ids[i:i + 500]))).all())
    return out


def _dues(session: Session, period: Period, org_id: int | None) -> tuple[MonthDues, ...]:
    """Due and paid by the month covered, member by member as the figures and the workbook count them."""
    from app.services.stats_dues import months_of, period_dues

    months = months_of(period.start, period.end)
    due = [ZERO] * len(months)
    paid = [ZERO] * len(months)
    for line in period_dues(session, period.start, period.end, org_id, owed_months=True):
        for i, (owed, got) in enumerate(zip(line.owed, line.months)):
            due[i] += owed or ZERO
            paid[i] += got or ZERO
    return tuple(MonthDues(y, m, due[i], paid[i]) for i, (y, m) in enumerate(months))


def _meetings(session: Session, period: Period, scope: set[int] | None) -> tuple[MeetingBar, ...]:
    from app.services.views.meetings import list_meetings

    held: dict[str, int] = defaultdict(int)
    for r in list_meetings(session, first=period.start, last=period.end, org_ids=scope, status="已召开"):
        held[r.type_name] += 1
    required = _required(session, period, scope)
    names = session.scalars(select(MeetingType.name).order_by(MeetingType.sort_order, MeetingType.id)).all()
    return tuple(MeetingBar(n, held.get(n, 0), required.get(n, 0)) for n in names if held.get(n) or required.get(n))


def _required(session: Session, period: Period, scope: set[int] | None) -> dict[str, int]:
    """What the frequency rules require in the period of the 党支部 (党小组会: of each 党小组) in scope."""
    from app.services.meeting_compliance import applies_while, committee_days, frequency_rules

    orgs = [o for o in session.execute(select(Organisation.id, Organisation.level, Organisation.founded_on,
                                              Organisation.dissolved_on))
            if scope is None or o.id in scope]
    branches = [o for o in orgs if o.level is OrgLevel.BRANCH]
    groups = [o for o in orgs if o.level is OrgLevel.GROUP]
    out: dict[str, int] = defaultdict(int)
    for rule in frequency_rules(session):
        if rule.count <= 0:
            continue
        due = []  # the rule's periods that end inside ours
        for year in range(period.start.year, period.end.year + 1):
            due += [s for s in spans(year, rule.period) if period.start <= s.last <= period.end]
        for o in groups if rule.per_group else branches:
            alive = applies_while([(o.founded_on or date.min, o.dissolved_on)])
            in_office = applies_while(committee_days(session, o.id)) if rule.needs_committee else (lambda _s: True)
            out[rule.type_name] += rule.count * sum(1 for s in due if alive(s) and in_office(s))
    return out


def _hours(session: Session, period: Period, org_id: int | None) -> tuple[MonthHours, ...]:
    """Confirmed hours by the month served, over the records volunteer_stats totals."""
    from app.services.volunteer_hours import scope_ids

    ids = scope_ids(session, org_id)
    stmt = select(VolunteerHours.service_date, VolunteerHours.hours).where(
        VolunteerHours.service_date >= period.start, VolunteerHours.service_date <= period.end,
        VolunteerHours.state == HoursState.CONFIRMED)
    if ids is not None:
        stmt = stmt.where(VolunteerHours.org_id.in_(ids))
    by_month: dict[tuple[int, int], Decimal] = defaultdict(lambda: ZERO)
    for day, hours in session.execute(stmt):
        by_month[(day.year, day.month)] += hours or ZERO
    return tuple(MonthHours(y, m, by_month[(y, m)]) for y, m in _months(period))


@dataclass(frozen=True)
class Chart:
    """One picture, as the window and the PDF both draw it: categories across, one or two sets of bars."""

    key: str
    title: str
    axis: str  # what runs across: 年龄, 月份, 会议类型 …
    unit: str  # what the bars measure: 人, 元, 次, 小时
    categories: tuple[str, ...]
    sets: tuple[tuple[str, tuple], ...]  # (legend, one value per category)
    how: str
    kind: str = "bar"  # or "line"

    @property
    def money(self) -> bool:
        return self.unit == "元"


def charts(series: Series) -> list[Chart]:
    """The six charts of the period, in the order the tab and the report show them."""
    out = []
    for key, s, axis in (("age", series.age, "年龄"), ("education", series.education, "学历"),
                         ("party_age", series.party_age, "党龄")):
        out.append(Chart(key, f"{s.title}（共{s.total}人）", axis, "人", tuple(b.label for b in s.bars),
                         (("人数", tuple(b.count for b in s.bars)),), s.how))
    d = series.dues
    out.append(Chart("dues", "党费：应缴与实缴（按所属月份）", "月份", "元", tuple(m.label for m in d),
                     (("应缴", tuple(m.due for m in d)), ("实缴", tuple(m.paid for m in d))),
                     f"{series.dues_how}。合计应缴{series.dues_due:,.2f}元，实缴{series.dues_paid:,.2f}元"))
    mt = series.meetings
    none = "（本期没有）" if not mt else ""
    out.append(Chart("meetings", f"三会一课：已召开与应召开{none}", "会议类型", "次", tuple(m.type_name for m in mt),
                     (("已召开", tuple(m.held for m in mt)), ("应召开", tuple(m.required for m in mt))),
                     series.meetings_how))
    h = series.hours
    empty = "；本期没有已确认的时长" if not series.volunteer_hours else ""
    out.append(Chart("hours", f"志愿服务时长（按月{empty}）", "月份", "小时", tuple(m.label for m in h),
                     (("服务时长", tuple(m.hours for m in h)),),
                     f"{series.hours_how}。合计{series.volunteer_hours:,.2f}小时", "line" if len(h) > 3 else "bar"))
    return out
