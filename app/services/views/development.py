"""发展党员 page: every development record with its derived stage, key dates and 培养联系人."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import DevelopmentPerson, DevelopmentRecord
from app.domain.development import derive_stage
from app.domain.enums import DevelopmentRole, DevelopmentStage
from app.services.views._common import org_names

STAGE_ORDER = {stage: i for i, stage in enumerate(DevelopmentStage)}


@dataclass(frozen=True)
class DevelopmentRow:
    id: int
    name: str
    gender: str
    org_name: str
    stage: str
    applied_on: date | None
    activist_on: date | None
    candidate_on: date | None
    branch_meeting_on: date | None
    approved_on: date | None  # became 预备党员
    confirmed_on: date | None  # became 正式党员
    terminated_on: date | None
    mentors: str  # 培养联系人, "、"-separated
    phone: str


def stage_of(r: DevelopmentRecord, *, as_of: date | None = None) -> DevelopmentStage:
    return derive_stage(
        applied_on=r.applied_on, activist_on=r.activist_on, candidate_on=r.candidate_on,
        branch_meeting_on=r.branch_meeting_on, approved_on=r.approved_on,
        confirm_approved_on=r.confirm_approved_on, terminated_on=r.terminated_on, as_of=as_of,
    )


def _mentors(session: Session) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    rows = session.execute(
        select(DevelopmentPerson.record_id, DevelopmentPerson.person_name)
        .where(DevelopmentPerson.role == DevelopmentRole.MENTOR, DevelopmentPerson.ended_on.is_(None))
        .order_by(DevelopmentPerson.record_id, DevelopmentPerson.id)
    )
    for record_id, name in rows:
        out[record_id].append(name)
    return out


def list_records(session: Session, *, stage: str | None = None) -> list[DevelopmentRow]:
    """All records (or those at ``stage``), earliest stage first, then by application date."""
    names = org_names(session)
    mentors = _mentors(session)
    rows = []
    for r in session.scalars(select(DevelopmentRecord)):
        current = stage_of(r)
        if stage and current.value != stage:
            continue
        rows.append((STAGE_ORDER[current], r.applied_on or date.min, DevelopmentRow(
            r.id, r.name, r.gender.value if r.gender else "", names.get(r.org_id, ""), current.value,
            r.applied_on, r.activist_on, r.candidate_on, r.branch_meeting_on, r.approved_on,
            r.confirm_approved_on, r.terminated_on, "、".join(mentors.get(r.id, [])), r.phone or "",
        )))
    rows.sort(key=lambda t: (t[0], t[1], t[2].id))
    return [t[2] for t in rows]


def stage_counts(session: Session) -> dict[str, int]:
    """How many records are at each stage now."""
    counts = {stage.value: 0 for stage in DevelopmentStage}
    for r in session.scalars(select(DevelopmentRecord)):
        counts[stage_of(r).value] += 1
    return counts
