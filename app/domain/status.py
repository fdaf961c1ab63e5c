"""A member's current standing derived from the dated membership events.

党员教育管理工作条例 第二十四条 (停止党籍, 恢复党籍); 党内统计 表1 (增加/减少 categories).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable

from app.domain.enums import ACTIVE_STATUSES, EventKind, MemberCategory, MemberStatus


@dataclass(frozen=True)
class EventFact:
    kind: EventKind
    on: date
    seq: int = 0  # tie-breaker for events on the same day (entry order)


@dataclass(frozen=True)
class DerivedState:
    status: MemberStatus
    category: MemberCategory | None  # None when the events say nothing about it
    is_mobile: bool
    is_lost_contact: bool

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


def derive_state(
    events: Iterable[EventFact],
    *,
    initial_category: MemberCategory | None = None,
    as_of: date | None = None,
) -> DerivedState:
    """Replay the events in date order (up to ``as_of``) and return the resulting state."""
    status = MemberStatus.NORMAL
    category = initial_category
    mobile = False
    lost = False
    for event in sorted(events, key=lambda e: (e.on, e.seq)):
        if as_of is not None and event.on > as_of:
            break
        kind = event.kind
        if kind is EventKind.ADMITTED:
            category = MemberCategory.PROBATIONARY
            status = MemberStatus.NORMAL
        elif kind is EventKind.CONFIRMED:
            category = MemberCategory.FULL
        elif kind is EventKind.TRANSFER_IN:
            status = MemberStatus.NORMAL
        elif kind is EventKind.TRANSFER_OUT:
            status = MemberStatus.TRANSFERRED_OUT
            mobile = False
        elif kind in (EventKind.OUTFLOW, EventKind.INFLOW):
            mobile = True
        elif kind is EventKind.MOBILE_ENDED:
            mobile = False
        elif kind is EventKind.LOST_CONTACT:
            lost = True
        elif kind is EventKind.CONTACT_RESTORED:
            lost = False
        elif kind is EventKind.SUSPENDED:
            status = MemberStatus.SUSPENDED
        elif kind is EventKind.REINSTATED:
            status = MemberStatus.NORMAL
            lost = False
        elif kind is EventKind.EXPELLED:
            status = MemberStatus.EXPELLED
        elif kind is EventKind.DIED:
            status = MemberStatus.DECEASED
    return DerivedState(status, category, mobile, lost)
