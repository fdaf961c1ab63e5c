"""The figures every 工作总结 and 述职报告 asks for, for a period and an organisation (with its sub-tree).

Membership is taken at the period's end by replaying each member's dated events up to that
day (domain.status): members (正式 + 预备) on the books then, 流动 and 失联 included; those
transferred out, dead, expelled or whose 党籍 is stopped excluded. Ages are reckoned at the
end date. Events count when dated inside the period. Dues count by the month covered, not by
the day paid (the 台账's attribution). Each figure carries one line saying how it is counted,
and the member figures the ids of the people behind them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import String, cast, select
from sqlalchemy.orm import Session

from app.db.models import DevelopmentRecord, MeetingType, Member, MembershipEvent
from app.domain import codes
from app.domain.dates import age_on, month_end, quarter_bounds
from app.domain.enums import EventKind, Gender, MemberCategory
from app.domain.errors import ValidationError
from app.domain.status import standing_on
from app.services.organisation_tree import subtree_ids
from app.services.organisations import top_organisation
from app.services.roster import resolve_org

ZERO = Decimal("0.00")
COLLEGE = (1, 2, 3)  # 研究生, 大学本科, 大学专科 (党内统计 学历 roll-up; data/codes/education.tsv)
EVENT_KEYS = (("admitted_probationary", EventKind.ADMITTED, "支部大会接收为预备党员（发展）的日期在本期内的人数"),
              ("converted_full", EventKind.CONFIRMED, "转正日期在本期内的人数"),
              ("transferred_in", EventKind.TRANSFER_IN, "组织关系转入日期在本期内的人数"),
              ("transferred_out", EventKind.TRANSFER_OUT, "组织关系转出日期在本期内的人数"),
              ("deceased", EventKind.DIED, "死亡日期在本期内的人数"))


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
    people: dict = field(default_factory=dict)  # key → member ids behind a member figure

    def set(self, key: str, value, how: str, people=None) -> None:
        self.values[key] = value
        self.how[key] = how
        if people is not None:
            self.people[key] = sorted(people)

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
    people: tuple[int, ...] = ()  # the members behind a member figure


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
            out.append(FigureLine(group, key, label, shown, f.how[key], tuple(f.people.get(key, ()))))
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


@dataclass(frozen=True)
class _OnBooks:
    id: int
    gender: Gender | None
    ethnicity: str | None
    birth_date: date | None
    education: str | None
    probationary: bool
    retired: bool
    lost: bool
    mobile_out: bool


def members_at(session: Session, day: date, org_ids: set[int] | None) -> list[_OnBooks]:
    """Members (正式 + 预备) on the books on ``day`` (流动, 失联 included), as their dated events tell.

    Read with Core and unpacked as tuples: a street office's 50,000 members take a fraction of a
    second; only members with events are replayed.
    """
    conn = session.connection()
    events: dict[int, list] = defaultdict(list)
    for member_id, kind, on, seq in conn.execute(select(
            MembershipEvent.member_id, MembershipEvent.kind, MembershipEvent.event_date,
            MembershipEvent.entry_seq)).all():
        events[member_id].append((kind, on, seq))
    arrivals = (EventKind.ADMITTED, EventKind.TRANSFER_IN)
    genders = {g.value: g for g in Gender}
    probationary_category = MemberCategory.PROBATIONARY.value
    out = []
    append = out.append
    stmt = select(Member.id, cast(Member.gender, String), Member.ethnicity, Member.birth_date, Member.education,
                  Member.join_date, Member.full_date, cast(Member.category, String), Member.is_active, Member.left_on,
                  Member.is_retired, Member.is_lost_contact)  # enums as their text: 50,000 rows, no enum lookups
    if org_ids is not None:
        stmt = stmt.where(Member.org_id.in_(org_ids))
    for (mid, gender, ethnicity, birth, education, join, full, category, active, left_on, retired,
         lost) in conn.execute(stmt).all():
        if join is not None and join > day:
            continue
        mine = events.get(mid)
        if mine:
            if len(mine) > 1:
                mine.sort(key=lambda e: (e[1], e[2]))
            if mine[0][0] in arrivals and mine[0][1] > day:
                continue  # came to us after the day
            active, lost, mobile_out = standing_on(mine, day)
            if not active:
                continue
        else:
            if not (active or (left_on is not None and left_on > day)):
                continue
            lost, mobile_out = bool(lost), False
        probationary = full > day if full is not None else category == probationary_category
        append(_OnBooks(mid, genders.get(gender), ethnicity, birth, education, probationary, bool(retired), lost,
                        mobile_out))
    return out


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
    scope, org_name = org_scope(session, org)
    f = Figures(period, org_name)
    end = period.end
    when = f"{end.isoformat()}"
    people = members_at(session, end, scope)
    edu = codes.education_levels()

    def member_figure(key: str, test, how: str) -> None:
        ids = [p.id for p in people if test(p)]
        f.set(key, len(ids), how, ids)

    member_figure("members_total", lambda p: True, f"{when}在册的党员（正式和预备，含流动、失联；不含已转出、死亡、出党、停止党籍）")
    member_figure("probationary", lambda p: p.probationary, f"{when}尚未转正的预备党员")
    member_figure("female", lambda p: p.gender is Gender.FEMALE, "性别为女")
    member_figure("minority", lambda p: bool(p.ethnicity) and p.ethnicity != "汉族", "民族不为汉族（未填民族的不计）")
    member_figure("age_35_and_under", lambda p: p.birth_date is not None and age_on(p.birth_date, end) <= 35,
                  f"按出生日期计算到{when}的周岁，35岁及以下")
    member_figure("age_60_and_over", lambda p: p.birth_date is not None and age_on(p.birth_date, end) >= 60,
                  f"按出生日期计算到{when}的周岁，60岁及以上")
    member_figure("college_and_above", lambda p: edu.get(p.education or "") in COLLEGE, "学历为研究生、大学本科、大学专科")
    member_figure("retired", lambda p: p.retired, "标记为离退休的党员")
    member_figure("lost_contact", lambda p: p.lost, f"{when}处于失联状态（按失联、恢复联系记录）")
    member_figure("mobile_out", lambda p: p.mobile_out, f"{when}处于流出状态（按流出、流动结束记录）")
    in_scope = None if scope is None else select(Member.id).where(Member.org_id.in_(scope))
    for key, kind, how in EVENT_KEYS:
        stmt = select(MembershipEvent.member_id).where(
            MembershipEvent.kind == kind, MembershipEvent.event_date >= period.start, MembershipEvent.event_date <= end)
        if in_scope is not None:
            stmt = stmt.where(MembershipEvent.member_id.in_(in_scope))
        ids = set(session.scalars(stmt))
        f.set(key, len(ids), how, ids)
    _development(session, f, period, scope)
    _meetings(session, f, period, scope)
    _dues(session, f, period, scope, resolve_org(session, org)[0] if scope is not None else None)
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

    实到 of a meeting is its 应到 less those on leave or absent (never below 0), as the
    meetings list shows it; a meeting without 应到 adds nothing.
    """
    from sqlalchemy import and_, case, func

    from app.db.models import Meeting, MeetingAttendance
    from app.domain.enums import MeetingStatus
    from app.services.views.meetings import ABSENT_STATES

    def held(stmt):
        stmt = stmt.where(Meeting.status == MeetingStatus.HELD, Meeting.meeting_date >= period.start,
                          Meeting.meeting_date <= period.end)
        return stmt if scope is None else stmt.where(Meeting.org_id.in_(scope))

    absent = held(select(MeetingAttendance.meeting_id.label("meeting_id"), func.count().label("n"))
                  .join(Meeting, Meeting.id == MeetingAttendance.meeting_id)
                  .where(MeetingAttendance.state.in_(ABSENT_STATES), MeetingAttendance.member_id.is_not(None))
                  .group_by(MeetingAttendance.meeting_id)).subquery()
    away = func.coalesce(absent.c.n, 0)
    present = case((and_(Meeting.expected_count.is_not(None), Meeting.expected_count > away),
                    Meeting.expected_count - away), else_=0)
    counts = {name: 0 for name in session.scalars(select(MeetingType.name).order_by(MeetingType.sort_order,
                                                                                      MeetingType.id))}
    total = 0
    for name, n, people in session.connection().execute(held(
            select(MeetingType.name, func.count(), func.sum(present)).select_from(Meeting)
            .join(MeetingType, MeetingType.id == Meeting.type_id)
            .outerjoin(absent, absent.c.meeting_id == Meeting.id).group_by(MeetingType.name))):
        counts[name] = n
        total += int(people or 0)
    f.set("meetings", counts, "会议日期在本期内、状态为“已召开”的次数，按类型（含党小组召开的）")
    f.set("meeting_attendance", total, "本期已召开会议的实到人数合计（人次）")


def _dues(session: Session, f: Figures, period: Period, scope, org_id: int | None) -> None:
    from app.services.dues_collect import month_sheet
    from app.services.stats_dues import period_totals

    due, paid = period_totals(session, period.start, period.end, scope)
    f.set("dues_due", due, "本期各月应缴党费（按核定的月缴额，扣除少交、免交，只计在册月份）")
    f.set("dues_paid", paid, "本期各月实缴党费（按所属月份，不按交纳日期；一次交多月的按月分摊）")
    end = period.end
    lines = month_sheet(session, end.year, end.month, org_ids=scope, member_ids=_unpaid_lately(session, end, scope))
    behind = [ln.member_id for ln in lines if (ln.arrears + (1 if not ln.paid and ln.monthly > 0 else 0)) >= 3]
    f.set("dues_arrears_members", len(behind), f"截至{end.year}年{end.month}月连续3个月及以上未交党费的党员", behind)


def _unpaid_lately(session: Session, end: date, scope) -> set[int]:
    """Members assessed for ``end``'s year with no payment covering its month or the two before: the only
    ones who can be 3 or more months behind then (the exact count is then ``month_sheet``'s)."""
    from app.db.models import DuesAssessment, DuesPayment

    k = end.year * 12 + end.month - 3
    lo, hi = date(k // 12, k % 12 + 1, 1), date(end.year, end.month, 1)
    p = DuesPayment
    paying = select(p.member_id).where(p.period_end >= lo, p.period_start <= hi)  # read once (period_end index)
    stmt = select(DuesAssessment.member_id).where(DuesAssessment.year == end.year,
                                                  DuesAssessment.member_id.not_in(paying))
    if scope is not None:
        stmt = stmt.join(Member, Member.id == DuesAssessment.member_id).where(Member.org_id.in_(scope))
    return set(session.connection().execute(stmt).scalars())


def _volunteers(session: Session, f: Figures, period: Period, org: str | None) -> None:
    from app.domain.volunteer_rules import Period as VolunteerPeriod
    from app.services.volunteer_stats import volunteer_statistics

    org_id = resolve_org(session, org)[0] if org else None
    stats = volunteer_statistics(session, VolunteerPeriod(period.start, period.end, period.label), org_id=org_id)

    def number(label: str) -> int:
        return int(stats.value(label).replace(",", ""))

    f.set("volunteers", number("注册个人志愿者") + number("团体志愿者"), f"{period.end}已注册、未注销的志愿者（个人和团体各计1）")
    f.set("volunteer_teams", number("志愿服务队"), f"{period.end}已成立、未解散的服务队")
    f.set("volunteer_activities", number("开展志愿服务活动"), "活动日期在本期内的志愿服务活动次数")
    f.set("volunteer_beneficiaries", number("受益群众（人次）"), "本期活动登记的受益人次合计")
    f.set("volunteer_hours", Decimal(stats.value("服务时长（小时）").replace(",", "")),
          "本期已确认的服务时长（小时），只计实际服务时间")

