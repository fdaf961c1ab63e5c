"""Roster reminders for 首页: 预备期 ending, 光荣在党50年, 政治生日, long 失联, missing ID numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Member, MembershipEvent
from app.domain.dates import add_months, add_years
from app.domain.enums import DatePrecision, EventKind, MemberCategory, MemberStatus


@dataclass(frozen=True)
class MemberReminder:
    kind: str
    member_id: int
    name: str
    text: str
    on: date | None


def probation_ending(session: Session, today: date, days: int = 30) -> list[MemberReminder]:
    """预备期满 (one year after the 支部大会 that admitted them) within ``days`` or already past."""
    out = []
    for m in session.scalars(select(Member).where(Member.status == MemberStatus.NORMAL,
                                                  Member.category == MemberCategory.PROBATIONARY)):
        if m.join_date is None:
            continue
        end = add_years(m.join_date, 1)
        if (end - today).days <= days:
            when = "已期满，请及时讨论转正" if end < today else f"将于 {end.isoformat()} 期满"
            out.append(MemberReminder("预备期满", m.id, m.name, f"{m.name} 的预备期{when}", end))
    return sorted(out, key=lambda r: r.on)


def fifty_years(session: Session, today: date) -> list[MemberReminder]:
    """党龄 (from 转正日期) reaching 50 years by 七一 of this year: the “光荣在党50年” medal."""
    july_first = date(today.year, 7, 1)
    cutoff = add_years(july_first, -50)
    out = []
    for m in session.scalars(select(Member).where(Member.status == MemberStatus.NORMAL,
                                                  Member.full_date.is_not(None), Member.full_date <= cutoff)):
        years = july_first.year - m.full_date.year
        if add_years(m.full_date, 50) > add_years(july_first, -1):  # newly reaching 50 this year
            out.append(MemberReminder("光荣在党50年", m.id, m.name,
                                      f"{m.name}（{m.full_date.year}年转正）到今年七一党龄满{years}年", m.full_date))
    return out


def political_birthdays(session: Session, today: date) -> list[MemberReminder]:
    """入党纪念日 in this month (members whose join date is known at least to the month)."""
    out = []
    for m in session.scalars(select(Member).where(Member.status == MemberStatus.NORMAL,
                                                  Member.join_date.is_not(None),
                                                  Member.join_precision != DatePrecision.YEAR)):
        if m.join_date.month == today.month:
            years = today.year - m.join_date.year
            out.append(MemberReminder("政治生日", m.id, m.name, f"{m.name} 入党{years}周年（{m.join_date.isoformat()}）",
                                      m.join_date))
    return sorted(out, key=lambda r: r.on.day)


def long_lost_contact(session: Session, today: date, months: int = 6) -> list[MemberReminder]:
    """失联 for ``months`` or more (党员教育管理工作条例 第二十四条: 停止党籍 may follow)."""
    since = dict(session.execute(
        select(MembershipEvent.member_id, func.max(MembershipEvent.event_date))
        .where(MembershipEvent.kind == EventKind.LOST_CONTACT).group_by(MembershipEvent.member_id)
    ).all())
    out = []
    for m in session.scalars(select(Member).where(Member.is_lost_contact.is_(True), Member.is_active.is_(True))):
        start = since.get(m.id)
        if start is None or start <= add_months(today, -months):
            text = f"{m.name} 失联已满{months}个月" + (f"（自 {start.isoformat()}）" if start else "")
            out.append(MemberReminder("失联6个月以上", m.id, m.name, text, start))
    return out


def missing_id_numbers(session: Session) -> list[MemberReminder]:
    return [MemberReminder("身份证号待补充", m.id, m.name, f"{m.name} 的公民身份号码待补充", None)
            for m in session.scalars(select(Member).where(Member.is_active.is_(True), Member.id_number.is_(None))
                                     .order_by(Member.sort_key))]


def all_reminders(session: Session, *, today: date | None = None) -> list[MemberReminder]:
    today = today or date.today()
    return (probation_ending(session, today) + long_lost_contact(session, today) + fifty_years(session, today)
            + political_birthdays(session, today) + missing_id_numbers(session))
