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


_LEAVES = {EventKind.TRANSFER_OUT: False, EventKind.SUSPENDED: False, EventKind.EXPELLED: False,
           EventKind.DIED: False, EventKind.ADMITTED: True, EventKind.TRANSFER_IN: True, EventKind.REINSTATED: True}


def standing_on(events: list[tuple[EventKind, date, int]], day: date) -> tuple[bool, bool, bool]:
    """(in good standing, 失联, 流出) on ``day`` from events sorted by (date, seq): ``derive_state``'s answer
    (status 正常; 停止党籍 is not counted by 统计) without building its objects — a street's 50,000
    members are replayed for every figure.

    流出 is the latest of 流出/流入/流动结束/转出 up to the day being a 流出.
    """
    active, lost, out = True, False, False
    for kind, on, _seq in events:
        if on > day:
            break
        if kind in _LEAVES:
            active = _LEAVES[kind]
            if kind is EventKind.REINSTATED:
                lost = False
            elif kind is EventKind.TRANSFER_OUT:
                out = False
        elif kind is EventKind.LOST_CONTACT:
            lost = True
        elif kind is EventKind.CONTACT_RESTORED:
            lost = False
        elif kind is EventKind.OUTFLOW:
            out = True
        elif kind in (EventKind.INFLOW, EventKind.MOBILE_ENDED):
            out = False
    return active, lost, out


ARRIVALS = (EventKind.ADMITTED, EventKind.TRANSFER_IN)
# The kinds standing_on looks at; 转正, 延长预备期, 表彰 and 处分 leave a member where he was.
STANDING_KINDS = (*_LEAVES, EventKind.OUTFLOW, EventKind.INFLOW, EventKind.MOBILE_ENDED, EventKind.LOST_CONTACT,
                  EventKind.CONTACT_RESTORED)
_ENDS_PART = (EventKind.TRANSFER_OUT, EventKind.EXPELLED, EventKind.DIED, EventKind.SUSPENDED)
_RESUMES_PART = (EventKind.ADMITTED, EventKind.TRANSFER_IN, EventKind.REINSTATED)

Span = tuple[date | None, date | None]  # [first day, end day) — None: open-ended


def taking_part_spans(
    events: Iterable[EventFact], *, join_date: date | None, stored_active: bool, left_on: date | None,
) -> list[Span]:
    """When a member was on these books and taking part in the organisation's life.

    From 入党 (or the 转入 that brought them) to the day of 转出, 出党, 死亡 or 停止党籍
    (that day not included); 恢复党籍 or a new 转入 opens a new span (党员教育管理工作条例
    第二十四条: a member whose 党籍 is suspended takes no part). A member without events
    is trusted to the stored state, as the 统计 page does.
    """
    facts = sorted(events, key=lambda e: (e.on, e.seq))
    out: list[Span] = []
    if not facts:
        if not stored_active and left_on is None:
            return []
        return [(join_date, None if stored_active else left_on)]
    on = facts[0].kind not in ARRIVALS
    start = join_date
    for f in facts:
        if f.kind in _RESUMES_PART and not on:
            on, start = True, f.on
        elif f.kind in _ENDS_PART and on:
            out.append((start, f.on))
            on = False
    if on:
        out.append((start, None))
    if join_date is not None:  # never before 入党
        out = [(join_date if s is None or s < join_date else s, e) for s, e in out]
        out = [(s, e) for s, e in out if e is None or s < e]
    return out


def within(spans: Iterable[Span], day: date) -> bool:
    return any((s is None or s <= day) and (e is None or day < e) for s, e in spans)
