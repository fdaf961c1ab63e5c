"""首页: the key figures and the reminders list.

Reminders (each query kept simple on purpose):
- members on the books whose 公民身份号码 is empty (待补充);
- what each 党支部 still lacks this month and quarter by the 三会一课 frequency rules
  (支部工作条例 第十一至十九条; services.meeting_compliance), and plans left past their date;
- committees whose term ends within six months or is overdue (支部工作条例 第二十二条);
- members owing three or more of the last twelve months' dues (中组发〔2008〕3号 第十一条).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.db.models import CommitteeTerm, Meeting, Member, Organisation
from app.domain.dates import add_months, add_years
from app.domain.enums import Gender, MeetingStatus, MemberCategory
from app.services import meeting_compliance
from app.services.views import development, dues, volunteers
from app.services.views._common import year_bounds

NAMES_SHOWN = 5


@dataclass(frozen=True)
class KeyFigures:
    year: int
    active: int
    probationary: int
    female: int
    aged_60_plus: int
    mobile: int
    lost_contact: int
    meetings_held: int
    dues_paid: Decimal
    dues_due: Decimal
    candidates: int  # 发展对象
    activists: int  # 积极分子
    volunteers: int
    volunteer_hours: Decimal


@dataclass(frozen=True)
class Reminder:
    kind: str  # 身份证号待补充 / 会议 / 换届 / 党费
    org_name: str
    text: str
    urgent: bool = False


@dataclass(frozen=True)
class SafetyNote:
    """A 数据安全 line on 首页 (no backup off the machine, a risky location)."""

    text: str
    basis: str = ""


@dataclass(frozen=True)
class HomeView:
    org_name: str
    figures: KeyFigures
    reminders: list[Reminder]


def key_figures(session: Session, *, today: date | None = None) -> KeyFigures:
    today = today or date.today()
    active = Member.is_active.is_(True)

    def count(*cond) -> int:
        return session.scalar(select(func.count()).select_from(Member).where(active, *cond)) or 0

    first, last = year_bounds(today.year)
    held = session.scalar(
        select(func.count()).select_from(Meeting).where(
            Meeting.status == MeetingStatus.HELD, Meeting.meeting_date >= first, Meeting.meeting_date <= last
        )
    ) or 0
    dues_due, dues_paid = dues.year_totals(session, today.year)
    stages = development.stage_counts(session)
    vol = volunteers.totals(session, today.year)
    return KeyFigures(
        today.year, count(), count(Member.category == MemberCategory.PROBATIONARY),
        count(Member.gender == Gender.FEMALE), count(Member.birth_date <= add_years(today, -60)),
        count(Member.is_mobile.is_(True)), count(Member.is_lost_contact.is_(True)), held,
        dues_paid, dues_due, stages["发展对象"], stages["积极分子"],
        vol.volunteers, vol.hours,
    )


def _names(names: list[str]) -> str:
    shown = "、".join(names[:NAMES_SHOWN])
    return shown + (f" 等 {len(names)} 人" if len(names) > NAMES_SHOWN else "")


def _org_names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Organisation.id, Organisation.name)).all())


def missing_id_numbers(session: Session) -> list[Reminder]:
    rows = session.execute(
        select(Member.org_id, Member.name)
        .where(Member.is_active.is_(True), or_(Member.id_number.is_(None), Member.id_number == ""))
        .order_by(Member.org_id, Member.sort_key)
    ).all()
    by_org: dict[int, list[str]] = {}
    for org_id, name in rows:
        by_org.setdefault(org_id, []).append(name)
    names = _org_names(session)
    return [
        Reminder("身份证号待补充", names.get(org_id, ""), f"{len(people)} 名党员的公民身份号码待补充：{_names(people)}")
        for org_id, people in by_org.items()
    ]


def missing_meetings(session: Session, *, today: date) -> list[Reminder]:
    """What each 党支部 still lacks this month and quarter (and in the fourth quarter, this year),
    by the frequency rules (services.meeting_compliance); planned meetings whose date has passed."""
    return [Reminder("会议", m.org_name, m.text, m.urgent) for m in meeting_compliance.missing_now(session, today=today)]


def terms_due(session: Session, *, today: date) -> list[Reminder]:
    """Current terms (not ended) whose planned end is within six months, or already past."""
    horizon = add_months(today, 6)
    rows = session.execute(
        select(Organisation.name, CommitteeTerm.term_number, CommitteeTerm.planned_end_on)
        .join(Organisation, Organisation.id == CommitteeTerm.org_id)
        .where(
            CommitteeTerm.ended_on.is_(None), CommitteeTerm.planned_end_on <= horizon,
            Organisation.dissolved_on.is_(None),
        )
        .order_by(CommitteeTerm.planned_end_on)
    ).all()
    out = []
    for name, number, planned_end in rows:
        if planned_end < today:
            out.append(Reminder("换届", name, f"第{number}届委员会已于 {planned_end.isoformat()} 期满，应及时换届", True))
        else:
            out.append(Reminder("换届", name, f"第{number}届委员会将于 {planned_end.isoformat()} 期满，请做好换届准备"))
    return out


def dues_arrears(session: Session, *, today: date) -> list[Reminder]:
    by_org: dict[str, list[str]] = {}
    for a in dues.arrears_over_last_year(session, today=today, minimum=3):
        by_org.setdefault(a.org_name, []).append(f"{a.name}（{a.months}个月）")
    return [
        Reminder("党费", org, f"{len(people)} 名党员近12个月欠缴党费3个月及以上：{_names(people)}", True)
        for org, people in by_org.items()
    ]


def development_due(session: Session, *, today: date) -> list[Reminder]:
    """发展党员 steps due within 30 days or overdue (细则 2026), soonest first."""
    from app.services.development_cases import due_within

    out = []
    for c in due_within(session, today, 30):
        when = f"已逾期（应不晚于{c.deadline}）" if c.overdue else f"截止 {c.deadline}"
        out.append(Reminder("发展党员", c.org_name, f"{c.name}（{c.stage}）{c.next_step}，{when}", c.overdue))
    return out


def home_view(session: Session, *, today: date | None = None) -> HomeView:
    """Everything the 首页 shows."""
    today = today or date.today()
    top = session.scalars(
        select(Organisation.name).where(Organisation.parent_id.is_(None)).order_by(Organisation.id)
    ).first()
    reminders = (
        terms_due(session, today=today) + dues_arrears(session, today=today)
        + missing_meetings(session, today=today) + development_due(session, today=today) + missing_id_numbers(session)
    )
    return HomeView(top or "", key_figures(session, today=today), reminders)


@dataclass(frozen=True)
class RecordCounts:
    """What the window's status bar shows."""

    active_members: int
    member_records: int  # everyone ever on the books, including those who left


def record_counts(session: Session) -> RecordCounts:
    total, active = session.execute(
        select(func.count(), func.count().filter(Member.is_active.is_(True))).select_from(Member)
    ).one()
    return RecordCounts(active or 0, total or 0)
