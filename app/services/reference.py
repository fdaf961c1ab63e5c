"""Reference rows every database starts with: meeting types, service categories, holidays."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import HolidayOverride, MeetingType, ServiceCategory
from app.domain.enums import BUILTIN_MEETING_TYPES, BUILTIN_SERVICE_CATEGORIES, MeetingAttendees
from app.paths import data_dir

_VOTING_TYPES = {"支部党员大会", "支部委员会"}
_ATTENDEES = {"支部委员会": MeetingAttendees.COMMITTEE, "谈心谈话": MeetingAttendees.LISTED}
STUDY_TYPES = {"党课", "集中学习", "主题党日"}  # count toward the 32 学时 (党员教育管理工作条例 第二十条)


def load_holiday_table() -> list[tuple[date, bool, str]]:
    """(day, is_workday, name) from data/holidays.tsv."""
    rows = []
    for line in (data_dir() / "holidays.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        day, kind, name = line.split("\t")
        rows.append((date.fromisoformat(day), kind == "班", name))
    return rows


def seed_reference_data(session: Session) -> None:
    """Insert what is missing; never overwrite what the clerk changed."""
    have_types = set(session.scalars(select(MeetingType.name)))
    for order, name in enumerate(BUILTIN_MEETING_TYPES):
        if name not in have_types:
            session.add(MeetingType(name=name, is_builtin=True, sort_order=order, has_votes=name in _VOTING_TYPES,
                                    attendees=_ATTENDEES.get(name, MeetingAttendees.MEMBERS),
                                    counts_study=name in STUDY_TYPES))
    have_cats = set(session.scalars(select(ServiceCategory.name)))
    for order, name in enumerate(BUILTIN_SERVICE_CATEGORIES):
        if name not in have_cats:
            session.add(ServiceCategory(name=name, is_builtin=True, sort_order=order))
    if not session.scalar(select(func.count()).select_from(HolidayOverride)):
        session.execute(
            HolidayOverride.__table__.insert(),
            [
                {"day": d, "is_workday": w, "name": n, "source": "chinese-calendar"}
                for d, w, n in load_holiday_table()
            ],
        )
    session.flush()
