"""Which months a member owes 党费 for: from joining (or the transfer in) to leaving.

- 中组发〔2008〕3号 第八条: a 预备党员 pays from the month the 支部大会 admitted him
  (the member's 入党日期).
- A member who transferred in pays from the month after 党费交至年月 written on the
  介绍信 (组织关系介绍信 “党费交至 年 月”); without it, from the month of the transfer.
- A member who left (转出, 出党, 死亡) pays up to the month of leaving.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import String, cast, select
from sqlalchemy.orm import Session

from app.db.models import Member, MembershipEvent
from app.domain.enums import EventKind
from app.services.views._common import month_index


@dataclass(frozen=True)
class Liability:
    first: int | None  # first month index owed (None: unknown join date, owed from any month assessed)
    last: int | None  # last month index owed (None: still on the books)

    def covers(self, month: int) -> bool:
        return (self.first is None or month >= self.first) and (self.last is None or month <= self.last)

    def months(self, first: int, last: int) -> range:
        """The owed months within [first, last]."""
        lo = first if self.first is None else max(first, self.first)
        hi = last if self.last is None else min(last, self.last)
        return range(lo, hi + 1)


def paid_until_index(text: str | None) -> int | None:
    """“2026-05” (党费交至年月 on a 介绍信) as a month index."""
    if not text:
        return None
    try:
        year, month = (int(part) for part in text.replace("/", "-").replace(".", "-").split("-")[:2])
    except ValueError:
        return None
    return year * 12 + month - 1 if 1 <= month <= 12 else None


def _month_of_text(text: str | None) -> int | None:
    """“2026-05-14” (a date read as ISO text, cheaper than a date object) as a month index."""
    return int(text[:4]) * 12 + int(text[5:7]) - 1 if text else None


def liabilities(session: Session, member_ids=None) -> dict[int, Liability]:
    """member id → the span of months owed (for ``member_ids``: a list, or a select of ids; everyone when None)."""
    stmt = select(Member.id, cast(Member.join_date, String), cast(Member.left_on, String))
    if member_ids is not None:
        stmt = stmt.where(Member.id.in_(member_ids))
    transfers = transfers_in(session, member_ids)
    return spans_of(session.connection().execute(stmt).all(), transfers)


def transfers_in(session: Session, member_ids=None) -> list:
    """(member id, date, 党费交至) of every 转入, oldest first (for ``member_ids`` when given)."""
    stmt = select(MembershipEvent.member_id, MembershipEvent.event_date, MembershipEvent.dues_paid_until).where(
        MembershipEvent.kind == EventKind.TRANSFER_IN).order_by(MembershipEvent.event_date)
    if member_ids is not None:
        stmt = stmt.where(MembershipEvent.member_id.in_(member_ids))
    return session.execute(stmt).all()


def spans_of(members, transfers) -> dict[int, Liability]:
    """The spans of ``members`` — (id, 入党日期, 离开日期) with the dates as ISO text — given their 转入
    (``transfers_in``; others' are passed over): from joining, or the month after 党费交至 (else the
    transfer's month) when later, to the month of leaving."""
    spans = {mid: [_month_of_text(join), _month_of_text(left)] for mid, join, left in members}
    for mid, day, paid_until in transfers:  # the latest transfer in wins
        if mid not in spans:
            continue
        until = paid_until_index(paid_until)
        start = until + 1 if until is not None else month_index(day)
        first = spans[mid][0]
        spans[mid][0] = start if first is None else max(first, start)
    return {mid: Liability(first, last) for mid, (first, last) in spans.items()}
