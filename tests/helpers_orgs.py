"""A 社区党委 with one 党支部, the shape most tests start from."""

from __future__ import annotations

from app.db.models import Organisation
from app.domain.enums import OrgLevel


def committee_and_branch(session, top: str = "幸福社区党委", branch: str = "第一党支部") -> Organisation:
    """Add the committee and its branch; returns the branch (flushed, with its id)."""
    committee = Organisation(name=top, level=OrgLevel.COMMITTEE)
    session.add(committee)
    session.flush()
    child = Organisation(name=branch, level=OrgLevel.BRANCH, parent_id=committee.id)
    session.add(child)
    session.flush()
    return child
