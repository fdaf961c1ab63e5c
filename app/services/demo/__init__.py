"""Demo data: a realistic, entirely fictional community 党委 with years of history.

Used for screenshots, benchmarks and trying the program. Everything is written in one
transaction with bulk Core inserts, so 5,000 members with five years of history take
seconds, and a failure leaves the database as it was.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date
from typing import Callable

from sqlalchemy import func, select

from app.db.models import (
    DevelopmentRecord, DuesAssessment, DuesPayment, Meeting, MeetingAttendance, Member, MembershipEvent, Organisation,
    Volunteer, VolunteerActivity, VolunteerHours, VolunteerTeam,
)
from app.domain.errors import ValidationError
from app.services import audit
from app.services.database import Database
from app.services.demo.committees import build_committees
from app.services.demo.development import build_development
from app.services.demo.dues import build_dues
from app.services.demo.meetings import build_meetings
from app.services.demo.members import build_members
from app.services.demo.organisation import build_tree
from app.services.demo.people import People, regions
from app.services.demo.volunteers import build_volunteers
from app.services.demo.writer import Writer
from app.services.organisations import create_top_organisation, top_organisation

DEFAULT_NAME = "幸福街道第一社区党委"


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


def generate(db: Database, *, members: int, years: int = 5, seed: int = 2026, today: date | None = None,
             org_name: str | None = None, progress: Callable[[int, str], None] | None = None) -> DemoSummary:
    """Fill a database that has no members yet with a fictional community 党委."""
    started = time.perf_counter()
    today = today or date.today()
    report = progress or (lambda _p, _m: None)
    rng = random.Random(seed)
    with db.unit_of_work(actor="演示数据") as session:
        if session.scalar(select(func.count()).select_from(Member)):
            raise ValidationError("", "数据库中已有党员，演示数据只能生成到没有党员的数据库中")
        top = top_organisation(session) or create_top_organisation(session, org_name or DEFAULT_NAME, "社区党委",
                                                                   founded_on=date(1998, 7, 1))
        community = top.name.removesuffix("党委").removesuffix("党总支").removesuffix("党支部") or "幸福社区"
        w = Writer(session)
        for model in (Organisation, Member, MembershipEvent):
            last = session.scalar(select(func.max(model.id))) or 0
            w.start_ids_after(model.__table__, last)
        people = People(rng, rng.choice(regions())[0])
        first_year = today.year - years + 1
        report(2, "生成组织架构")
        branches = build_tree(w, rng, top.id, members, today)
        report(8, "生成党员")
        people_rows = build_members(w, rng, people, branches, members, today, date(first_year, 1, 1), community)
        report(30, "生成委员会")
        sizes = build_committees(w, rng, top.id, branches, people_rows, today)
        report(35, "生成党费")
        build_dues(w, rng, people_rows, first_year, today)
        w.flush()
        report(55, "生成三会一课")
        build_meetings(w, rng, branches, people_rows, sizes, first_year, today)
        w.flush()
        report(80, "生成发展党员档案")
        build_development(w, rng, people, branches, people_rows, today)
        report(88, "生成志愿服务")
        build_volunteers(w, rng, people, people_rows, top.id, first_year, today, community)
        w.flush()
        counts = {m: session.scalar(select(func.count()).select_from(m)) for m in (
            Organisation, Member, MembershipEvent, DuesAssessment, DuesPayment, Meeting, MeetingAttendance,
            DevelopmentRecord, Volunteer, VolunteerTeam, VolunteerActivity, VolunteerHours)}
        active = session.scalar(select(func.count()).select_from(Member).where(Member.is_active.is_(True)))
        summary = DemoSummary(
            counts[Organisation], counts[Member], active, counts[MembershipEvent], counts[DuesAssessment],
            counts[DuesPayment], counts[Meeting], counts[MeetingAttendance], counts[DevelopmentRecord],
            counts[Volunteer], counts[VolunteerTeam], counts[VolunteerActivity], counts[VolunteerHours],
            time.perf_counter() - started,
        )
        audit.record(session, "生成", "demo", "", f"生成演示数据：{members} 名党员，{years} 年历史（种子 {seed}）",
                     {k.__tablename__: v for k, v in counts.items()})
        report(97, "写入数据库")
    if db.is_sqlite:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
    report(100, "完成")
    return DemoSummary(*[getattr(summary, f) for f in summary.__dataclass_fields__ if f != "elapsed"],
                       time.perf_counter() - started)
