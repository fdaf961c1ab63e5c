"""The figures every 工作总结 and 述职报告 asks for, for a period and an organisation (with its sub-tree).

Membership is taken at the period's end from each member's dated events (stats_members):
members (正式 + 预备) on the books then, 流动 and 失联 included; those transferred out, dead,
expelled or whose 党籍 is stopped excluded. Ages are reckoned at the end date. Events count
when dated inside the period. Dues count by the month covered, not by the day paid (the
台账's attribution). Each figure carries one line saying how it is counted; the people behind
a figure are read only when the clerk opens it (``people_behind``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import DevelopmentRecord, MeetingType, Member, MembershipEvent
from app.domain.dates import month_end, quarter_bounds
from app.domain.enums import EventKind
from app.domain.errors import ValidationError
from app.services.organisation_tree import subtree_ids
from app.services.organisations import top_organisation
from app.services.roster import resolve_org
from app.services.stats_members import MEMBER_FIGURES, MEMBER_KEYS, member_counts, member_ids

ZERO = Decimal("0.00")
EVENT_KEYS = (("admitted_probationary", EventKind.ADMITTED, "支部大会接收为预备党员（发展）的日期在本期内的人数"),
              ("converted_full", EventKind.CONFIRMED, "转正日期在本期内的人数"),
              ("transferred_in", EventKind.TRANSFER_IN, "组织关系转入日期在本期内的人数"),
              ("transferred_out", EventKind.TRANSFER_OUT, "组织关系转出日期在本期内的人数"),
              ("deceased", EventKind.DIED, "死亡日期在本期内的人数"))


PEOPLE_KEYS = frozenset((*MEMBER_KEYS, *(key for key, _kind, _how in EVENT_KEYS), "dues_arrears_members"))


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str

    @classmethod
    def of(cls, year: int, *, quarter: int | None = None, month: int | None = None) -> "Period":
        if quarter and month:
            raise ValidationError("--quarter", "季度和月份只能选一个")
        if quarter:
            first, last = quarter_bounds(year, quarter)
            return cls(first, last, f"{year}年第{quarter}季度")
        if month:
            first = date(year, month, 1)
            return cls(first, month_end(first), f"{year}年{month}月")
        return cls(date(year, 1, 1), date(year, 12, 31), f"{year}年")

    @classmethod
    def between(cls, start: date, end: date) -> "Period":
        """Any dates: from ``start`` to ``end`` inclusive."""
        if end < start:
            raise ValidationError("统计期间", f"结束日期 {end} 早于开始日期 {start}")
        if (end - start).days > 366 * 10:
            raise ValidationError("统计期间", "一次最多统计十年")
        return cls(start, end, f"{start.isoformat()}至{end.isoformat()}")


@dataclass
class Figures:
    period: Period
    org_name: str
    values: dict = field(default_factory=dict)  # key → int, Decimal or dict
    how: dict = field(default_factory=dict)  # key → how it is counted, in Chinese

    def set(self, key: str, value, how: str) -> None:
        self.values[key] = value
        self.how[key] = how

    def as_json(self) -> dict:
        """One stable object: integers, money as strings with two decimals, hours as a number."""
        out = {"period": {"start": self.period.start.isoformat(), "end": self.period.end.isoformat(),
                          "label": self.period.label}, "org": self.org_name}
        for key, value in self.values.items():
            if key in ("dues_due", "dues_paid"):
                out[key] = f"{value:.2f}"
            elif key == "volunteer_hours":
                out[key] = float(value)
            else:
                out[key] = value
        return out


GROUPS = (
    ("党员", [("members_total", "党员总数"), ("probationary", "其中：预备党员"), ("female", "其中：女党员"),
            ("minority", "其中：少数民族"), ("age_35_and_under", "其中：35岁及以下"), ("age_60_and_over", "其中：60岁及以上"),
            ("college_and_above", "其中：大专及以上学历"), ("retired", "其中：离退休"), ("lost_contact", "其中：失联"),
            ("mobile_out", "其中：流出")]),
    ("党员变动", [("admitted_probationary", "发展党员（接收预备党员）"), ("converted_full", "预备党员转正"),
              ("transferred_in", "转入组织关系"), ("transferred_out", "转出组织关系"), ("deceased", "死亡")]),
    ("发展党员", [("applications", "递交入党申请书"), ("activists", "入党积极分子"), ("candidates", "发展对象")]),
    ("三会一课", [("meetings", ""), ("meeting_attendance", "参会（人次）")]),
    ("党费", [("dues_due", "应缴党费（元）"), ("dues_paid", "实缴党费（元）"), ("dues_arrears_members", "连续欠缴3个月及以上")]),
    ("志愿服务", [("volunteers", "注册志愿者"), ("volunteer_teams", "志愿服务队"), ("volunteer_activities", "开展活动"),
              ("volunteer_beneficiaries", "受益群众（人次）"), ("volunteer_hours", "服务时长（小时）")]),
)


@dataclass(frozen=True)
class FigureLine:
    """One line of the 统计 page and of the printed list: what, how many, how it is counted."""

    group: str
    key: str
    label: str
    value: str
    how: str
    lists_people: bool = False  # opens to the members behind it (``people_behind``)


def figure_lines(f: Figures) -> list[FigureLine]:
    out = []
    for group, items in GROUPS:
        for key, label in items:
            value = f.values[key]
            if key == "meetings":  # one line per meeting type
                for name, n in value.items():
                    out.append(FigureLine(group, f"meetings.{name}", name, str(n), f.how[key]))
                continue
            shown = f"{value:,.2f}" if key in ("dues_due", "dues_paid", "volunteer_hours") else str(value)
            out.append(FigureLine(group, key, label, shown, f.how[key], key in PEOPLE_KEYS and value != 0))
    return out


@dataclass(frozen=True)
class PersonLine:
    name: str
    org_name: str
    gender: str
    birth_date: date | None
    category: str
    phone: str


def people_lines(session: Session, member_ids) -> list[PersonLine]:
    """The members behind a figure, in roster order."""
    from app.services.views._common import org_names

    ids = list(member_ids)
    if not ids:
        return []
    names = org_names(session, qualify_groups=True)
    rows = []
    for i in range(0, len(ids), 500):
        rows += session.execute(select(Member.name, Member.org_id, Member.gender, Member.birth_date, Member.category,
                                       Member.phone, Member.sort_key).where(Member.id.in_(ids[i:i + 500]))).all()
    rows.sort(key=lambda r: (names.get(r.org_id, ""), r.sort_key or ""))
    return [PersonLine(r.name, names.get(r.org_id, ""), r.gender.value if r.gender else "", r.birth_date,
                       r.category.value, r.phone or "") for r in rows]


def org_scope(session: Session, org: str | None) -> tuple[set[int] | None, str]:
    """(the ids of ``org`` and its sub-tree, its name); (None, the top's name) for the whole organisation."""
    if not org:
        top = top_organisation(session)
        return None, top.name if top else ""
    org_id, name = resolve_org(session, org)
    top = top_organisation(session)
    return (None if top is not None and top.id == org_id else set(subtree_ids(session, org_id))), name


def period_figures(session: Session, period: Period, *, org: str | None = None) -> Figures:
    """Every figure of the period for ``org`` (a name; the whole organisation when None)."""
    from app.domain.bulk import paused_gc

    with paused_gc():  # tens of thousands of rows read and dropped: the collector's passes would find nothing
        return _period_figures(session, period, org)


def _period_figures(session: Session, period: Period, org: str | None) -> Figures:
    scope, org_name = org_scope(session, org)
    f = Figures(period, org_name)
    end = period.end
    when = f"{end.isoformat()}"
    counts = member_counts(session, end, scope)
    for figure in MEMBER_FIGURES:
        f.set(figure.key, counts[figure.key], figure.how.format(day=when))
    for key, kind, how in EVENT_KEYS:
        f.set(key, len(_event_ids(session, period, scope, kind)), how)
    _development(session, f, period, scope)
    _meetings(session, f, period, scope)
    _dues(session, f, period, scope)
    _volunteers(session, f, period, org)
    return f


def _development(session: Session, f: Figures, period: Period, scope) -> None:
    from app.services.views.development import stage_of

    records = [r for r in session.scalars(select(DevelopmentRecord)) if scope is None or r.org_id in scope]
    applications = [r for r in records if r.applied_on and period.start <= r.applied_on <= period.end]
    f.set("applications", len(applications), "递交入党申请书的日期在本期内的人数")
    stages = [stage_of(r, as_of=period.end).value for r in records]
    f.set("activists", stages.count("积极分子"), f"{period.end}处于入党积极分子阶段的人数（按发展党员档案的日期推算）")
    f.set("candidates", stages.count("发展对象"), f"{period.end}处于发展对象阶段的人数")


def _meetings(session: Session, f: Figures, period: Period, scope) -> None:
    """Held meetings per type and 实到 person-times, counted in SQL (a street's year holds 50,000 meetings).

    实到 of a meeting is the one written with its attendance (应到 less those on leave or
    absent, never below 0: ``Meeting.present_count``), as the meetings list shows it; a
    meeting without 应到 adds nothing.
    """
    from sqlalchemy import func

    from app.db.models import Meeting
    from app.domain.enums import MeetingStatus

    stmt = (select(MeetingType.name, func.count(), func.sum(Meeting.present_count)).select_from(Meeting)
            .join(MeetingType, MeetingType.id == Meeting.type_id)
            .where(Meeting.status == MeetingStatus.HELD, Meeting.meeting_date >= period.start,
                   Meeting.meeting_date <= period.end).group_by(MeetingType.name))
    if scope is not None:
        stmt = stmt.where(Meeting.org_id.in_(scope))
    counts = {name: 0 for name in session.scalars(select(MeetingType.name).order_by(MeetingType.sort_order,
                                                                                      MeetingType.id))}
    total = 0
    for name, n, people in session.connection().execute(stmt):
        counts[name] = n
        total += int(people or 0)
    f.set("meetings", counts, "会议日期在本期内、状态为“已召开”的次数，按类型（含党小组召开的）")
    f.set("meeting_attendance", total, "本期已召开会议的实到人数合计（人次）")


def _dues(session: Session, f: Figures, period: Period, scope) -> None:
    from app.services.stats_dues import period_totals

    due, paid = period_totals(session, period.start, period.end, scope)
    f.set("dues_due", due, "本期各月应缴党费（按核定的月缴额，扣除少交、免交，只计在册月份）")
    f.set("dues_paid", paid, "本期各月实缴党费（按所属月份，不按交纳日期；一次交多月的按月分摊）")
    end = period.end
    f.set("dues_arrears_members", len(_arrears_ids(session, end, scope)),
          f"截至{end.year}年{end.month}月连续3个月及以上未交党费的党员")


def _arrears_ids(session: Session, end: date, scope) -> list[int]:
    """Members 3 or more consecutive months behind at ``end``'s month (本月收缴's count of months owed)."""
    from app.services.dues_collect import month_sheet

    lines = month_sheet(session, end.year, end.month, org_ids=scope, member_ids=_unpaid_lately(session, end, scope))
    return sorted(ln.member_id for ln in lines if (ln.arrears + (1 if not ln.paid and ln.monthly > 0 else 0)) >= 3)


def _event_ids(session: Session, period: Period, scope, kind: EventKind) -> set[int]:
    """Members with an event of ``kind`` dated inside the period."""
    stmt = select(MembershipEvent.member_id).where(
        MembershipEvent.kind == kind, MembershipEvent.event_date >= period.start, MembershipEvent.event_date <= period.end)
    if scope is not None:
        stmt = stmt.where(MembershipEvent.member_id.in_(select(Member.id).where(Member.org_id.in_(scope))))
    return set(session.scalars(stmt))


def people_behind(session: Session, period: Period, org: str | None, key: str) -> list[int]:
    """The members behind a member figure (``PEOPLE_KEYS``), read when the clerk opens it."""
    scope, _name = org_scope(session, org)
    if key in MEMBER_KEYS:
        return member_ids(session, period.end, scope, key)
    if key == "dues_arrears_members":
        return _arrears_ids(session, period.end, scope)
    kind = next(kind for k, kind, _how in EVENT_KEYS if k == key)
    return sorted(_event_ids(session, period, scope, kind))


def _unpaid_lately(session: Session, end: date, scope) -> set[int]:
    """Members assessed for ``end``'s year, still liable in its month, with no payment covering that month or
    the two before: the only ones who can be 3 or more months behind then (the exact count is then
    ``month_sheet``'s, which also passes over those who left before the month)."""
    from sqlalchemy import or_

    from app.db.models import DuesAssessment, DuesPayment

    k = end.year * 12 + end.month - 3
    lo, hi = date(k // 12, k % 12 + 1, 1), date(end.year, end.month, 1)
    p, a = DuesPayment, DuesAssessment
    # Paying in those months: ending inside them (period_end's index), or over several months reaching past
    # them (the partial index of such payments); a one-month payment after them starts after them too.
    paying = select(p.member_id).where(p.period_end >= lo, p.period_end <= hi).union(
        select(p.member_id).where(p.period_start != p.period_end, p.period_end > hi, p.period_start <= hi))
    stmt = (select(a.member_id).join(Member, Member.id == a.member_id)
            .where(a.year == end.year, a.member_id.not_in(paying), or_(Member.left_on.is_(None), Member.left_on >= hi)))
    if scope is not None:
        stmt = stmt.where(Member.org_id.in_(scope))
    return set(session.connection().execute(stmt).scalars().all())


def _volunteers(session: Session, f: Figures, period: Period, org: str | None) -> None:
    from app.domain.volunteer_rules import Period as VolunteerPeriod
    from app.services.volunteer_stats import headline

    org_id = resolve_org(session, org)[0] if org else None
    h = headline(session, VolunteerPeriod(period.start, period.end, period.label), org_id=org_id)
    f.set("volunteers", h.volunteers, f"{period.end}已注册、未注销的志愿者（个人和团体各计1）")
    f.set("volunteer_teams", h.teams, f"{period.end}已成立、未解散的服务队")
    f.set("volunteer_activities", h.activities, "活动日期在本期内的志愿服务活动次数")
    f.set("volunteer_beneficiaries", h.beneficiaries, "本期活动登记的受益人次合计")
    f.set("volunteer_hours", h.hours, "本期已确认的服务时长（小时），只计实际服务时间")
