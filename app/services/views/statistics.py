"""统计报表 page: which years have records. The figures themselves are services.stats_figures."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Meeting, MembershipEvent


def available_years(session: Session, *, today: date | None = None) -> list[int]:
    """From the earliest dated record to this year, newest first."""
    today = today or date.today()
    earliest = [
        session.scalar(select(func.min(Meeting.meeting_date))),
        session.scalar(select(func.min(MembershipEvent.event_date))),
    ]
    first = min((d.year for d in earliest if d is not None), default=today.year)
    return list(range(today.year, max(first, today.year - 30) - 1, -1))
