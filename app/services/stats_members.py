"""Members on the books on a day, and the member figures of 统计 counted over them.

On the books: members (正式 + 预备) who belong then, 流动 and 失联 included; those transferred
out, dead, expelled or whose 党籍 is stopped excluded — as each member's dated events tell
(``domain.status.standing_on``). Ages are reckoned on the day.

Two ways to the same numbers (a test holds them together on a whole demo database):
``members_at`` lists everyone on the books (for the lists, the tables and the drill-down);
``member_counts`` only counts — the database sums the members without events that bear on
standing (whose standing follows from their stored fields), and only the others are read and replayed. A
street office's 50,000 members are counted in a fraction of the time the list takes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Callable

from sqlalchemy import String, and_, case, cast, func, literal, or_, select
from sqlalchemy.orm import Session

from app.db.models import Member, MembershipEvent
from app.domain import codes
from app.domain.dates import age_on
from app.domain.enums import EventKind, Gender, MemberCategory
from app.domain.status import ARRIVALS, STANDING_KINDS, standing_on

COLLEGE = (1, 2, 3)  # 研究生, 大学本科, 大学专科 (党内统计 学历 roll-up; data/codes/education.tsv)


@dataclass(frozen=True)
class OnBooks:
    id: int
    gender: Gender | None
    ethnicity: str | None
    birth_date: date | None
    education: str | None
    probationary: bool
    retired: bool
    lost: bool
    mobile_out: bool


@dataclass(frozen=True)
class MemberFigure:
    """One member figure: its key, how it is counted (``{day}`` filled with the date), who counts."""

    key: str
    how: str
    test: Callable[[OnBooks, date], bool]


def _college(p: OnBooks, _day: date) -> bool:
    return codes.education_levels().get(p.education or "") in COLLEGE


MEMBER_FIGURES = (
    MemberFigure("members_total", "{day}在册的党员（正式和预备，含流动、失联；不含已转出、死亡、出党、停止党籍）",
                 lambda p, d: True),
    MemberFigure("probationary", "{day}尚未转正的预备党员", lambda p, d: p.probationary),
    MemberFigure("female", "性别为女", lambda p, d: p.gender is Gender.FEMALE),
    MemberFigure("minority", "民族不为汉族（未填民族的不计）", lambda p, d: bool(p.ethnicity) and p.ethnicity != "汉族"),
    MemberFigure("age_35_and_under", "按出生日期计算到{day}的周岁，35岁及以下",
                 lambda p, d: p.birth_date is not None and age_on(p.birth_date, d) <= 35),
    MemberFigure("age_60_and_over", "按出生日期计算到{day}的周岁，60岁及以上",
                 lambda p, d: p.birth_date is not None and age_on(p.birth_date, d) >= 60),
    MemberFigure("college_and_above", "学历为研究生、大学本科、大学专科", _college),
    MemberFigure("retired", "标记为离退休的党员", lambda p, d: p.retired),
    MemberFigure("lost_contact", "{day}处于失联状态（按失联、恢复联系记录）", lambda p, d: p.lost),
    MemberFigure("mobile_out", "{day}处于流出状态（按流出、流动结束记录）", lambda p, d: p.mobile_out),
)
MEMBER_KEYS = tuple(m.key for m in MEMBER_FIGURES)


def _events(session: Session) -> dict[int, list]:
    """Each member's events that bear on standing, as (kind, date, seq), in ``standing_on``'s order.

    Kind and date are read as text and turned into objects here: a street's 30,000 events pass
    through SQLAlchemy's type processing several times slower (the same text on SQLite and
    PostgreSQL, as dues_liability reads dates).
    """
    kinds = {k.value: k for k in EventKind}
    e = MembershipEvent
    stmt = (select(e.member_id, cast(e.kind, String), cast(e.event_date, String), e.entry_seq)
            .where(e.kind.in_(STANDING_KINDS)).order_by(e.member_id, e.event_date, e.entry_seq, e.id))
    events: dict[int, list] = defaultdict(list)
    day = date.fromisoformat
    for member_id, kind, on, seq in session.connection().execute(stmt).all():
        events[member_id].append((kinds[kind], day(on[:10]), seq))
    return events


def _standing(mine: list, day: date) -> tuple[bool, bool, bool]:
    """(on the books, 失联, 流出) on ``day`` of a member with events that bear on standing."""
    if mine[0][0] in ARRIVALS and mine[0][1] > day:
        return False, False, False  # came to us after the day (发展 or 转入 is their first such event)
    return standing_on(mine, day)


def members_at(session: Session, day: date, org_ids: set[int] | None) -> list[OnBooks]:
    """Members (正式 + 预备) on the books on ``day`` (流动, 失联 included), as their dated events tell.

    Read with Core and unpacked as tuples; only members with events are replayed.
    """
    conn = session.connection()
    events = _events(session)
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
            active, lost, mobile_out = _standing(mine, day)
            if not active:
                continue
        else:
            if not (active or (left_on is not None and left_on > day)):
                continue
            lost, mobile_out = bool(lost), False
        probationary = full > day if full is not None else category == probationary_category
        append(OnBooks(mid, genders.get(gender), ethnicity, birth, education, probationary, bool(retired), lost,
                       mobile_out))
    return out


def member_ids(session: Session, day: date, org_ids: set[int] | None, key: str) -> list[int]:
    """The members behind one member figure, for the list the clerk opens."""
    figure = next(m for m in MEMBER_FIGURES if m.key == key)
    return sorted(p.id for p in members_at(session, day, org_ids) if figure.test(p, day))


def _years_before(day: date, years: int) -> date:
    """The day ``years`` years before ``day`` (28 February for a 29th in a common year)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _static_flags(day: date) -> dict:
    """The figures that follow from a member's stored fields alone, as SQL (1 or 0 per member).

    Ages: ``age_on(b, day) >= n`` exactly when b is on or before the day n years earlier.
    """
    college = [label for label, code in codes.education_levels().items() if code in COLLEGE]
    born = Member.birth_date
    return {
        "probationary": case((Member.full_date.is_not(None), case((Member.full_date > day, 1), else_=0)),
                             (Member.category == MemberCategory.PROBATIONARY, 1), else_=0),
        "female": case((Member.gender == Gender.FEMALE, 1), else_=0),
        "minority": case((and_(Member.ethnicity.is_not(None), Member.ethnicity != "", Member.ethnicity != "汉族"), 1),
                         else_=0),
        "age_35_and_under": case((and_(born.is_not(None), born > _years_before(day, 36)), 1), else_=0),
        "age_60_and_over": case((and_(born.is_not(None), born <= _years_before(day, 60)), 1), else_=0),
        "college_and_above": case((Member.education.in_(college), 1), else_=0) if college else literal(0),
        "retired": case((Member.is_retired == True, 1), else_=0),  # noqa: E712 (SQL, not Python)
    }


def member_counts(session: Session, day: date, org_ids: set[int] | None) -> dict[str, int]:
    """Each member figure's count on ``day``: what counting over ``members_at`` gives, without listing anyone."""
    conn = session.connection()
    flags = _static_flags(day)
    e = MembershipEvent
    evented = select(e.member_id).where(e.kind.in_(STANDING_KINDS))
    joined = or_(Member.join_date.is_(None), Member.join_date <= day)
    scope = [Member.org_id.in_(org_ids)] if org_ids is not None else []
    # Without such events: on the books when active, or when they left after the day; 失联 as stored, never 流出.
    plain = conn.execute(select(func.count(), *[func.coalesce(func.sum(x), 0) for x in flags.values()],
                                func.coalesce(func.sum(case((Member.is_lost_contact == True, 1), else_=0)), 0))  # noqa: E712
                         .where(joined, Member.id.not_in(evented),
                                or_(Member.is_active == True, Member.left_on > day), *scope)).one()  # noqa: E712
    counts = dict(zip(("members_total", *flags, "lost_contact"), (int(v) for v in plain)))
    counts["mobile_out"] = 0
    # With them: the stored flags from the database as one number per member (bit i: flag i), the standing
    # replayed; members are tallied by their number and the bits added up once at the end.
    events = _events(session)
    mask = sum((expr * (1 << i) for i, expr in enumerate(flags.values())), literal(0))
    tally: dict[int, int] = defaultdict(int)
    for mid, bits in conn.execute(select(Member.id, mask).where(
            Member.id.in_(evented.distinct()), joined, *scope)).all():
        on_books, lost, mobile_out = _standing(events[mid], day)
        if on_books:
            tally[bits] += 1
            counts["lost_contact"] += lost
            counts["mobile_out"] += mobile_out
    for bits, n in tally.items():
        counts["members_total"] += n
        for i, key in enumerate(flags):
            if bits >> i & 1:
                counts[key] += n
    return {key: counts[key] for key in MEMBER_KEYS}
