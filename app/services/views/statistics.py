"""统计报表 page: the year's key figures, each with one line saying how it is counted.

Member figures are taken on the count date — 31 December, or today for the current
year — by replaying each member's dated events up to that day (domain.status), so a
past year's figures do not change when someone leaves later.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Meeting, MeetingType, Member, MembershipEvent
from app.domain import codes
from app.domain.dates import age_on
from app.domain.enums import EventKind, Gender, MeetingStatus
from app.domain.status import EventFact, derive_state
from app.services.views import dues, volunteers
from app.services.views._common import year_bounds

ARRIVALS = (EventKind.ADMITTED, EventKind.TRANSFER_IN)
COLLEGE_BANDS = (1, 2, 3)  # 研究生, 大学本科, 大学专科 (党内统计 学历 roll-up)


@dataclass(frozen=True)
class StatLine:
    group: str
    label: str
    value: str
    how: str


@dataclass(frozen=True)
class YearStatistics:
    year: int
    count_date: date
    lines: list[StatLine]


@dataclass(frozen=True)
class _Person:
    gender: Gender | None
    ethnicity: str | None
    birth_date: date | None
    education: str | None
    full_date: date | None
    category: str


def members_on(session: Session, day: date) -> list[_Person]:
    """The members on the books on ``day``, as far as their dated events tell."""
    events: dict[int, list[EventFact]] = defaultdict(list)
    for member_id, kind, on, seq in session.execute(
        select(MembershipEvent.member_id, MembershipEvent.kind, MembershipEvent.event_date, MembershipEvent.entry_seq)
    ):
        events[member_id].append(EventFact(kind, on, seq))
    people = []
    for m in session.execute(
        select(Member.id, Member.gender, Member.ethnicity, Member.birth_date, Member.education, Member.join_date,
               Member.full_date, Member.category, Member.is_active, Member.left_on)
    ):
        facts = events.get(m.id, [])
        if m.join_date is not None and m.join_date > day:
            continue
        if facts:
            first = min(facts, key=lambda f: (f.on, f.seq))
            if first.kind in ARRIVALS and first.on > day:
                continue  # came to us after the count date
            if not derive_state(facts, as_of=day).is_active:
                continue
        elif not (m.is_active or (m.left_on is not None and m.left_on > day)):
            continue  # no events to replay: trust the stored state
        people.append(_Person(m.gender, m.ethnicity, m.birth_date, m.education, m.full_date, m.category.value))
    return people


def _event_count(session: Session, kind: EventKind, first: date, last: date) -> int:
    return session.scalar(
        select(func.count(func.distinct(MembershipEvent.member_id))).where(
            MembershipEvent.kind == kind, MembershipEvent.event_date >= first, MembershipEvent.event_date <= last
        )
    ) or 0


def _is_probationary(p: _Person, day: date) -> bool:
    if p.full_date is not None:
        return p.full_date > day
    return p.category == "预备党员"


def year_statistics(session: Session, year: int, *, today: date | None = None) -> YearStatistics:
    """The key figures of ``year``."""
    today = today or date.today()
    first, last = year_bounds(year)
    day = min(last, today)
    when = f"{day.month}月{day.day}日"
    people = members_on(session, day)
    edu = codes.education_levels()
    members = "党员"
    lines = [
        StatLine(members, "党员总数", str(len(people)), f"{when}在册的党员（含预备党员），按变动记录推算"),
        StatLine(members, "其中：女党员", str(sum(1 for p in people if p.gender is Gender.FEMALE)), "性别为女"),
        StatLine(members, "其中：少数民族", str(sum(1 for p in people if p.ethnicity and p.ethnicity != "汉族")),
                 "民族不为汉族（未填民族的不计）"),
        StatLine(members, "其中：35岁及以下",
                 str(sum(1 for p in people if p.birth_date and age_on(p.birth_date, day) <= 35)),
                 f"按出生日期计算到{when}的周岁"),
        StatLine(members, "其中：60岁及以上",
                 str(sum(1 for p in people if p.birth_date and age_on(p.birth_date, day) >= 60)),
                 f"按出生日期计算到{when}的周岁"),
        StatLine(members, "其中：大专及以上学历",
                 str(sum(1 for p in people if edu.get(p.education or "") in COLLEGE_BANDS)),
                 "学历为研究生、大学本科、大学专科（党内统计口径）"),
        StatLine(members, "其中：预备党员", str(sum(1 for p in people if _is_probationary(p, day))),
                 f"{when}尚未转正的党员"),
    ]
    changes = "党员变动"
    for label, kind, how in (
        ("本年发展党员", EventKind.ADMITTED, "本年登记“发展”（接收为预备党员）的人数"),
        ("本年转正", EventKind.CONFIRMED, "本年登记“转正”的人数"),
        ("本年转入", EventKind.TRANSFER_IN, "本年登记“转入”组织关系的人数"),
        ("本年转出", EventKind.TRANSFER_OUT, "本年登记“转出”组织关系的人数"),
        ("本年死亡", EventKind.DIED, "本年登记“死亡”的人数"),
        ("本年出党", EventKind.EXPELLED, "本年登记“出党”（各种出党方式）的人数"),
    ):
        lines.append(StatLine(changes, label, str(_event_count(session, kind, first, last)), how))
    held = dict(
        session.execute(
            select(MeetingType.name, func.count(Meeting.id))
            .join(Meeting, Meeting.type_id == MeetingType.id)
            .where(Meeting.status == MeetingStatus.HELD, Meeting.meeting_date >= first, Meeting.meeting_date <= last)
            .group_by(MeetingType.name)
        ).all()
    )
    for name in session.scalars(select(MeetingType.name).order_by(MeetingType.sort_order, MeetingType.id)):
        lines.append(StatLine("组织生活", name, str(held.get(name, 0)), "本年状态为“已召开”的会议次数（各组织合计）"))
    year_dues = dues.year_table(session, year, today=today)
    lines += [
        StatLine("党费", "应缴党费（元）", f"{year_dues.total_due:,.2f}",
                 "本年核定的月缴额（扣除少交、免交）× 在册月数，各党员合计"),
        StatLine("党费", "实缴党费（元）", f"{year_dues.total_paid:,.2f}", "所属期间从本年开始的缴纳记录金额合计"),
        StatLine("党费", "有欠缴的党员", str(year_dues.members_in_arrears), "截至上月，本年有未缴月份的党员人数"),
    ]
    vol = volunteers.totals(session, year)
    lines += [
        StatLine("志愿服务", "注册志愿者", str(vol.volunteers), "年底前注册、未归档的志愿者（个人和团体各计1）"),
        StatLine("志愿服务", "其中：党员志愿者", str(vol.member_volunteers), "与党员名册关联的志愿者，及到社区报到的在职党员"),
        StatLine("志愿服务", "志愿服务队", str(vol.teams), "年底前成立、未归档的服务队"),
        StatLine("志愿服务", "开展活动", str(vol.activities), "活动日期在本年的志愿服务活动次数（含已归档的）"),
        StatLine("志愿服务", "受益人次", str(vol.beneficiaries), "本年活动登记的受益人次合计"),
        StatLine("志愿服务", "服务时长（小时）", f"{vol.hours:,.2f}", "本年已确认的服务时长合计（不含往返时间）"),
    ]
    return YearStatistics(year, day, lines)


def available_years(session: Session, *, today: date | None = None) -> list[int]:
    """From the earliest dated record to this year, newest first."""
    today = today or date.today()
    earliest = [
        session.scalar(select(func.min(Meeting.meeting_date))),
        session.scalar(select(func.min(MembershipEvent.event_date))),
    ]
    first = min((d.year for d in earliest if d is not None), default=today.year)
    return list(range(today.year, max(first, today.year - 30) - 1, -1))
