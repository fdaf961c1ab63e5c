"""Demo data: a realistic, entirely fictional community 党委 with years of history.

Used for screenshots, benchmarks and trying the program. Deterministic for a seed (one
``random.Random``), written in one transaction with bulk inserts, so 5,000 members with
five years of history take seconds and a failure leaves the database as it was.
"""

from __future__ import annotations

import random
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Callable

from sqlalchemy import func, select

from app.db.base import Base
from app.db.models import (
    CommitteeTerm, DevelopmentRecord, DuesAssessment, DuesPayment, Meeting, MeetingAttendance, Member, MembershipEvent,
    Organisation, Volunteer, VolunteerActivity, VolunteerHours, VolunteerTeam,
)
from app.domain.enums import OrgLevel, OrgType
from app.domain.errors import ValidationError
from app.services import audit
from app.services.database import Database
from app.services.demo.committees import plan_committees, write_committees
from app.services.demo.development import plan_development, write_development
from app.services.demo.dues import build_dues
from app.services.demo.events import draw_history
from app.services.demo.meetings import build_meetings
from app.services.demo.members import plan_members, write_members
from app.services.demo.organisation import build_tree
from app.services.demo.people import People, places
from app.services.demo.volunteers import build_volunteers
from app.services.demo.writer import Writer
from app.services.organisations import create_top_organisation, top_organisation

DEFAULT_NAME = "幸福街道第一社区党委"
ACTOR = "演示数据"


@dataclass(frozen=True)
class DemoSummary:
    organisations: int
    members: int
    active_members: int
    events: int
    dues_assessments: int
    dues_payments: int
    meetings: int
    attendance_rows: int
    development_records: int
    volunteers: int
    teams: int
    activities: int
    hours_rows: int
    elapsed: float


COUNTED = (Organisation, Member, MembershipEvent, DuesAssessment, DuesPayment, Meeting, MeetingAttendance,
           DevelopmentRecord, Volunteer, VolunteerTeam, VolunteerActivity, VolunteerHours)


@contextmanager
def _large_page_cache(session, db: Database):
    """A 256 MB page cache for the bulk inserts (indexes of tables this size thrash 2 MB), then the old one."""
    if not db.is_sqlite:
        yield
        return
    conn = session.connection()
    old = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql("PRAGMA cache_size = -262144")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(old)}")


def _names(top_name: str) -> tuple[str, str, str]:
    """(community, 上级党工委, 纪工委) from the top organisation's name."""
    community = top_name
    for suffix in ("党委", "党总支", "党支部"):
        community = community.removesuffix(suffix)
    community = community or "幸福社区"
    street = community[: community.index("街道") + 2] if "街道" in community else "街道"
    return community, street + "党工委", street + "纪工委"


def generate(db: Database, *, members: int, years: int = 5, seed: int = 2026, today: date | None = None,
             org_name: str | None = None, progress: Callable[[int, str], None] | None = None) -> DemoSummary:
    """Fill a database that has no members yet with a fictional community 党委 and its history.

    ``members`` member rows (current and past) with ``years`` calendar years of events,
    dues, meetings and volunteer service up to ``today``. Raises ``ValidationError`` when
    the database already has members; everything happens in one unit of work.
    """
    if members < 1:
        raise ValidationError("党员人数", "应为正整数")
    started = time.perf_counter()
    today = today or date.today()
    report = progress or (lambda _p, _m: None)
    rng = random.Random(seed)
    first_year = today.year - max(1, years) + 1
    start = date(first_year, 1, 1)
    with db.unit_of_work(actor=ACTOR) as session, _large_page_cache(session, db):
        if session.scalar(select(func.count()).select_from(Member)):
            raise ValidationError("", "数据库中已有党员，演示数据只能生成到没有党员的数据库中")
        report(1, "准备组织架构")
        top = top_organisation(session)
        created = top is None
        if created:
            top = create_top_organisation(session, org_name or DEFAULT_NAME, "社区党委", founded_on=date(1998, 7, 1))
        community, upper, discipline = _names(top.name)
        w = Writer(session)
        for table in Base.metadata.sorted_tables:
            if "id" in table.c and table.name != "audit_log":
                w.start_ids_after(table, session.scalar(select(func.max(table.c.id))) or 0)
        taken = set(session.scalars(select(Organisation.name).where(Organisation.parent_id == top.id)))
        people = People(rng, community)
        if created:
            org = session.get(Organisation, top.id)
            org.address, org.contact_phone = f"{people.district}{people.roads[0]}1号{community}党群服务中心", people.phone()
        estates = rng.sample(places()["小区"], max(4, min(30, members // 400 + 4)))
        level = OrgLevel(top.level)
        if level is OrgLevel.GROUP:
            raise ValidationError("", "本级党组织是党小组，演示数据需要党委、党总支或党支部")
        as_branch = (top.name, OrgType(top.org_type)) if level is OrgLevel.BRANCH else None
        has_terms = bool(session.scalar(select(func.count()).select_from(CommitteeTerm)
                                        .where(CommitteeTerm.org_id == top.id)))
        # 少交/免交 are approved by the branches' 上一级党委 (中组发〔2008〕3号 第七条)
        approver = top.name if level in (OrgLevel.COMMITTEE, OrgLevel.WORKING_COMMITTEE) else upper
        branches = build_tree(w, rng, people, top.id, members, today, taken, top.founded_on, as_branch)
        report(5, "生成党员")
        demo_members = plan_members(w, rng, people, branches, today, estates)
        report(15, "生成党员变动记录")
        draw_history(rng, people, demo_members, start, today, upper, discipline)
        report(20, "生成委员会")
        terms = plan_committees(rng, top.id, OrgType(top.org_type), branches, today, community, top_level=level,
                                top_terms=as_branch is None and not has_terms)
        write_members(w, demo_members)
        write_committees(w, rng, terms, upper, top.id)
        report(25, "生成发展党员档案")
        cases, agendas = plan_development(rng, people, branches, demo_members, today)
        report(30, "生成党费")
        build_dues(w, rng, people, demo_members, first_year, today, approver)
        report(55, "生成三会一课")
        build_meetings(w, rng, people, branches, agendas, start, today, estates)
        write_development(w, cases)
        report(80, "生成志愿服务")
        build_volunteers(w, rng, people, branches, demo_members, top.id, start, today, estates)
        report(90, "写入数据库")
        w.finish()
        counts = {m: session.scalar(select(func.count()).select_from(m)) for m in COUNTED}
        active = session.scalar(select(func.count()).select_from(Member).where(Member.is_active.is_(True)))
        audit.record(session, "生成", "demo", "", f"生成演示数据：{members} 名党员，{years} 年历史（种子 {seed}）",
                     {model.__tablename__: n for model, n in counts.items()})
        report(95, "提交事务")
    if db.is_sqlite:
        with db.engine.begin() as conn:  # fresh statistics for the query planner
            conn.exec_driver_sql("ANALYZE")
    report(100, "完成")
    c = counts
    return DemoSummary(
        c[Organisation], c[Member], active, c[MembershipEvent], c[DuesAssessment], c[DuesPayment], c[Meeting],
        c[MeetingAttendance], c[DevelopmentRecord], c[Volunteer], c[VolunteerTeam], c[VolunteerActivity],
        c[VolunteerHours], time.perf_counter() - started,
    )


__all__ = ["DemoSummary", "generate"]
