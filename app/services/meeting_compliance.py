"""三会一课 落实情况: each organisation's year against the frequency rules, and what is missing now.

The rules are domain.meeting_rules.DEFAULT_RULES with the counts the clerk set
(settings ``meeting.freq.<type>``; a type of the clerk's own may be given a count and a
period too). A 党支部's rows count the meetings of the branch and of its 党小组 (a 党课 or
组织生活会 held by a group is the branch's too); the 党小组会 row holds every group to its
own monthly meeting. The 支部委员会 rule applies while a committee (three or more seats)
is in office. Only meetings held count; planned ones are shown beside them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import CommitteePost, CommitteeTerm, Meeting, MeetingType, Organisation
from app.domain.enums import CommitteePostKind, MeetingStatus, OrgLevel
from app.domain.errors import NotFoundError, ValidationError
from app.domain.meeting_rules import (
    DEFAULT_RULES, DEFAULTS_BY_TYPE, CellState, FrequencyRule, Period, PeriodSpan, SpanResult, combine,
    custom_rule, evaluate, span_of, spans, state_for_column,
)
from app.services import settings
from app.services.views._common import org_names

FREQ_KEY = "meeting.freq."
MIN_COMMITTEE_SEATS = 3  # 支部工作条例: a 支部委员会 has 3–5 members, generally no more than 7


def frequency_rules(session: Session) -> list[FrequencyRule]:
    """Every rule in force: the built-in ones with the clerk's counts, then those of custom types."""
    out = []
    for rule in DEFAULT_RULES:
        count = settings.get(session, FREQ_KEY + rule.type_name)
        out.append(FrequencyRule(rule.type_name, int(count["count"] if isinstance(count, dict) else count),
                                 rule.period, rule.basis, rule.local_practice, rule.per_group, rule.needs_committee))
    custom = session.scalars(select(MeetingType.name).where(MeetingType.is_builtin.is_(False))
                             .order_by(MeetingType.sort_order)).all()
    for name in custom:
        try:
            value = settings.get(session, FREQ_KEY + name)
        except KeyError:
            continue
        if isinstance(value, dict) and int(value.get("count", 0)) > 0:
            out.append(custom_rule(name, int(value["count"]), Period(value.get("period", Period.MONTH.value))))
    return out


def set_frequency(session: Session, type_name: str, count: int, period: str | None = None) -> FrequencyRule:
    """Change how many meetings of a type each period needs (0: not checked); a custom type also takes its period."""
    if session.scalar(select(MeetingType.id).where(MeetingType.name == type_name)) is None:
        raise ValidationError("会议类型", f"未知的会议类型“{type_name}”")
    if not isinstance(count, int) or not 0 <= count <= 31:
        raise ValidationError("次数", "应为0到31之间的整数（0表示不考核）")
    default = DEFAULTS_BY_TYPE.get(type_name)
    if default is not None:
        if period not in (None, default.period.value):
            raise ValidationError("周期", f"{type_name}的周期按规定为每{default.period.value}，只能调整次数")
        settings.set_value(session, FREQ_KEY + type_name, count)
        return FrequencyRule(type_name, count, default.period, default.basis, default.local_practice,
                             default.per_group, default.needs_committee)
    try:
        per = Period(period or Period.MONTH.value)
    except ValueError:
        raise ValidationError("周期", "应为：月、季度或年") from None
    settings.set_value(session, FREQ_KEY + type_name, {"count": count, "period": per.value})
    return custom_rule(type_name, count, per)


@dataclass(frozen=True)
class ComplianceCell:
    first: date
    last: date
    held: int
    planned: int
    state: str  # CellState value
    tip: str


@dataclass(frozen=True)
class ComplianceRow:
    type_name: str
    rule: str  # 每月至少1次 / 不考核
    basis: str
    cells: tuple[ComplianceCell, ...]
    total: int
    org_ids: frozenset[int]  # whose meetings the row counts (for opening the records)


@dataclass(frozen=True)
class ComplianceGrid:
    org_id: int
    org_name: str
    year: int
    by: str  # 月 / 季度
    columns: tuple[str, ...]
    rows: tuple[ComplianceRow, ...]


def committee_days(session: Session, org_id: int) -> list[tuple[date, date | None]]:
    """Spans in which a committee of three or more seats was in office."""
    out = []
    for term in session.scalars(select(CommitteeTerm).where(CommitteeTerm.org_id == org_id)):
        seats = sum(1 for p in term.posts if p.post is not CommitteePostKind.GROUP_LEADER)
        if seats >= MIN_COMMITTEE_SEATS:
            out.append((term.started_on, term.ended_on))
    return out


def applies_while(spans_in_office):
    return lambda s: any(start <= s.last and (end is None or end > s.first) for start, end in spans_in_office)


def _meetings(session: Session, org_ids: set[int], year: int) -> dict[tuple[int, str], list[tuple[date, bool]]]:
    rows = session.execute(
        select(Meeting.org_id, MeetingType.name, Meeting.meeting_date, Meeting.status)
        .join(MeetingType, MeetingType.id == Meeting.type_id)
        .where(Meeting.org_id.in_(org_ids), Meeting.meeting_date >= date(year, 1, 1),
               Meeting.meeting_date <= date(year, 12, 31), Meeting.status != MeetingStatus.CANCELLED)
    ).all()
    out: dict[tuple[int, str], list[tuple[date, bool]]] = defaultdict(list)
    for org_id, name, day, status in rows:
        out[(org_id, name)].append((day, status is MeetingStatus.HELD))
    return out


def _results(rule_count: int, period: Period, year: int, dates: list[tuple[date, bool]], today: date,
             applies=lambda _s: True) -> list[SpanResult]:
    return evaluate(rule_count, period, year, [d for d, held in dates if held], [d for d, held in dates if not held],
                    today, applies=applies)


def _cell(column: PeriodSpan, results: list[SpanResult], dates: list[tuple[date, bool]], rule: FrequencyRule | None,
          missing_groups: list[str]) -> ComplianceCell:
    held = sum(1 for d, h in dates if h and column.contains(d))
    planned = sum(1 for d, h in dates if not h and column.contains(d))
    state = state_for_column(results, column) if results else CellState.NOT_APPLICABLE
    tip = f"{column.label}：已召开 {held} 次" + (f"，已安排 {planned} 次" if planned else "")
    if rule is not None and rule.count > 0:
        tip += f"\n要求：{rule.text}（{rule.basis_text}）\n{state.value}"
    if missing_groups:
        tip += "\n未召开的党小组：" + "、".join(missing_groups)
    return ComplianceCell(column.first, column.last, held, planned, state.value, tip)


def compliance_grid(session: Session, org_id: int, year: int, *, by: str = "月", today: date | None = None
                    ) -> ComplianceGrid:
    """Types down, months (or quarters) across, each cell held against the rule."""
    today = today or date.today()
    org = session.get(Organisation, org_id)
    if org is None:
        raise NotFoundError("该党组织不存在（可能已被删除）。")
    column_period = Period.QUARTER if by == Period.QUARTER.value else Period.MONTH
    columns = spans(year, column_period)
    groups = [] if org.level is not OrgLevel.BRANCH else session.execute(
        select(Organisation.id, Organisation.name, Organisation.dissolved_on)
        .where(Organisation.parent_id == org_id, Organisation.level == OrgLevel.GROUP)
        .order_by(Organisation.sort_order, Organisation.id)).all()
    groups = [(gid, name) for gid, name, gone in groups if gone is None or gone.year >= year]
    own = {org_id} | {gid for gid, _n in groups}
    found = _meetings(session, own, year)
    rules = {r.type_name: r for r in frequency_rules(session)} if org.level in (OrgLevel.BRANCH, OrgLevel.GROUP) else {}
    in_office = applies_while(committee_days(session, org_id))
    alive = applies_while([(org.founded_on or date.min, org.dissolved_on)])
    names = session.scalars(select(MeetingType.name).order_by(MeetingType.sort_order, MeetingType.id)).all()
    rows = []
    for name in names:
        rule = rules.get(name)
        if org.level is OrgLevel.GROUP and rule is not None and not rule.per_group:
            rule = None  # a 党小组 answers for its own 党小组会 only
        if org.level is OrgLevel.BRANCH and rule is not None and rule.per_group and not groups:
            rule = None
        dates = [x for oid in own for x in found.get((oid, name), [])]
        if rule is None and not dates:
            continue
        results, per_group = [], []
        if rule is not None and rule.per_group and org.level is OrgLevel.BRANCH:
            per_group = [(gname, _results(rule.count, rule.period, year, found.get((gid, name), []), today, alive))
                         for gid, gname in groups]
            results = [SpanResult(parts[0].span, sum(p.held for p in parts), sum(p.planned for p in parts),
                                  rule.count, combine(p.state for p in parts))
                       for parts in zip(*(r for _g, r in per_group))]
        elif rule is not None:
            applies = (lambda s: in_office(s) and alive(s)) if rule.needs_committee else alive
            results = _results(rule.count, rule.period, year, dates, today, applies)
        cells = []
        for column in columns:
            missing = [g for g, r in per_group
                       if state_for_column(r, column) in (CellState.MISSED, CellState.OPEN)]
            cells.append(_cell(column, results, dates, rule, missing))
        rows.append(ComplianceRow(name, rule.text if rule else "不考核", rule.basis_text if rule else "",
                                  tuple(cells), sum(1 for _d, h in dates if h), frozenset(own)))
    label = org_names(session, qualify_groups=True).get(org_id, org.name)
    return ComplianceGrid(org_id, label, year, column_period.value, tuple(c.label for c in columns), tuple(rows))


@dataclass(frozen=True)
class Missing:
    org_id: int
    org_name: str
    text: str
    urgent: bool


def missing_now(session: Session, *, today: date | None = None) -> list[Missing]:
    """Per 党支部: what this month and quarter (and, in the fourth quarter, the year) still lack.

    A meeting held or planned in the period counts here: the clerk has it in hand.
    """
    today = today or date.today()
    rules = [r for r in frequency_rules(session) if r.count > 0]
    branches = session.execute(
        select(Organisation.id, Organisation.name).where(Organisation.level == OrgLevel.BRANCH,
                                                         Organisation.dissolved_on.is_(None))
        .order_by(Organisation.sort_order, Organisation.id)).all()
    groups: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for gid, name, parent in session.execute(
            select(Organisation.id, Organisation.name, Organisation.parent_id)
            .where(Organisation.level == OrgLevel.GROUP, Organisation.dissolved_on.is_(None))
            .order_by(Organisation.sort_order, Organisation.id)):
        groups[parent].append((gid, name))
    year_found = _meetings(session, {b for b, _n in branches} | {g for gs in groups.values() for g, _n in gs},
                           today.year)
    committees = _committees_now(session, today)
    quarter = span_of(today, Period.QUARTER)
    out = []
    for branch_id, branch_name in branches:
        own = [branch_id] + [g for g, _n in groups.get(branch_id, [])]
        by_period: dict[Period, list[str]] = defaultdict(list)
        for rule in rules:
            if rule.period is Period.YEAR and quarter.index < 4:
                continue
            span = span_of(today, rule.period)
            if rule.needs_committee and branch_id not in committees:
                continue
            if rule.per_group:
                mine = groups.get(branch_id, [])
                lacking = [gname for gid, gname in mine
                           if _count(year_found.get((gid, rule.type_name), []), span) < rule.count]
                if lacking:
                    which = f"全部{len(mine)}个党小组" if len(lacking) == len(mine) > 2 else "、".join(lacking)
                    by_period[rule.period].append(f"{rule.type_name}（{which}）")
                continue
            n = sum(_count(year_found.get((oid, rule.type_name), []), span) for oid in own)
            if n < rule.count:
                by_period[rule.period].append(rule.type_name)
        parts = []
        if by_period.get(Period.MONTH):
            parts.append(f"{today.month}月：" + "、".join(by_period[Period.MONTH]))
        if by_period.get(Period.QUARTER):
            parts.append(f"{quarter.label}：" + "、".join(by_period[Period.QUARTER]))
        if by_period.get(Period.YEAR):
            parts.append("本年：" + "、".join(by_period[Period.YEAR]))
        if parts:
            out.append(Missing(branch_id, branch_name, "尚未召开（或安排）——" + "；".join(parts), False))
    return out + overdue_plans(session, today=today)


def _count(dates: list[tuple[date, bool]], span: PeriodSpan) -> int:
    return sum(1 for d, _held in dates if span.contains(d))


def _committees_now(session: Session, today: date) -> set[int]:
    rows = session.execute(
        select(CommitteeTerm.org_id, CommitteeTerm.id).join(CommitteePost, CommitteePost.term_id == CommitteeTerm.id)
        .where(CommitteeTerm.started_on <= today, (CommitteeTerm.ended_on.is_(None)) | (CommitteeTerm.ended_on > today),
               CommitteePost.post != CommitteePostKind.GROUP_LEADER)
    ).all()
    seats: dict[int, int] = defaultdict(int)
    for org_id, _term in rows:
        seats[org_id] += 1
    return {org_id for org_id, n in seats.items() if n >= MIN_COMMITTEE_SEATS}


def overdue_plans(session: Session, *, today: date) -> list[Missing]:
    """Planned meetings whose date has passed without a record: hold them on paper or cancel them."""
    rows = session.execute(
        select(Meeting.org_id, Meeting.meeting_date, MeetingType.name).join(MeetingType, MeetingType.id == Meeting.type_id)
        .where(Meeting.status == MeetingStatus.PLANNED, Meeting.meeting_date < today)
        .order_by(Meeting.meeting_date)).all()
    names = org_names(session, qualify_groups=True)
    by_org: dict[int, list[str]] = defaultdict(list)
    for org_id, day, type_name in rows:
        by_org[org_id].append(f"{day.month}月{day.day}日{type_name}")
    return [Missing(org_id, names.get(org_id, ""), f"计划中的会议已过期，请登记会议记录或取消：{'、'.join(items)}", True)
            for org_id, items in by_org.items()]
