"""Dated status changes of a member: 转入, 转出, 流出/流入, 失联, 停止党籍, 出党, 死亡, 表彰, 处分 …

The member row's status fields are recomputed from all events after every change
(domain.status.derive_state), so history and current state never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Member, MembershipEvent
from app.domain.enums import DatePrecision, DisciplineType, EventKind, ExitType, MemberCategory, MemberStatus
from app.domain.errors import NotFoundError, ValidationError
from app.domain.status import EventFact, derive_state
from app.services.concurrency import require_version
from app.services.members import EventView, event_view

_LEAVING = {MemberStatus.TRANSFERRED_OUT, MemberStatus.EXPELLED, MemberStatus.DECEASED}
_ALLOWED_AFTER_LEAVING = {EventKind.TRANSFER_IN, EventKind.AWARD}


@dataclass(frozen=True)
class EventData:
    kind: str
    event_date: date
    subtype: str | None = None
    letter_no: str | None = None
    counterpart: str | None = None
    dues_paid_until: str | None = None
    document_ref: str | None = None
    reason: str | None = None
    ends_on: date | None = None


def _check(data: EventData, member: Member, today: date) -> EventKind:
    try:
        kind = EventKind(data.kind)
    except ValueError:
        raise ValidationError("变动类型", f"未知的变动类型“{data.kind}”") from None
    if data.event_date > today:
        raise ValidationError("日期", "不能晚于今天")
    if member.join_date and data.event_date < member.join_date and kind not in (EventKind.ADMITTED, EventKind.AWARD):
        raise ValidationError("日期", f"早于入党日期 {member.join_date.isoformat()}")
    if kind is EventKind.TRANSFER_OUT and not (data.counterpart or "").strip():
        raise ValidationError("去向", "转出时须填写转往的党组织")
    if kind is EventKind.EXPELLED and data.subtype not in {t.value for t in ExitType}:
        raise ValidationError("出党方式", "请选择：" + "、".join(t.value for t in ExitType))
    if kind is EventKind.DISCIPLINE and data.subtype not in {t.value for t in DisciplineType}:
        raise ValidationError("处分种类", "请选择：" + "、".join(t.value for t in DisciplineType))
    if kind is EventKind.CONFIRMED and member.category is MemberCategory.FULL and member.full_date:
        raise ValidationError("变动类型", "该党员已是正式党员")
    if data.dues_paid_until and not _is_year_month(data.dues_paid_until):
        raise ValidationError("党费交至年月", "应写成 YYYY-MM，如 2026-10")
    if member.status in _LEAVING and kind not in _ALLOWED_AFTER_LEAVING:
        raise ValidationError("变动类型", f"该党员状态为“{member.status.value}”，只能登记转入")
    return kind


def _is_year_month(text: str) -> bool:
    parts = text.split("-")
    return len(parts) == 2 and len(parts[0]) == 4 and parts[0].isdigit() and parts[1].isdigit() and 1 <= int(parts[1]) <= 12


def _active_namesake(session: Session, member: Member) -> str | None:
    """The name of another member on the books with the same ID number, if any."""
    if not member.id_number:
        return None
    return session.scalar(select(Member.name).where(
        Member.id_number == member.id_number, Member.is_active.is_(True), Member.id != member.id))


def refresh_state(session: Session, member: Member) -> None:
    """Recompute the member's status fields from every event."""
    session.flush()
    events = session.scalars(select(MembershipEvent).where(MembershipEvent.member_id == member.id)).all()
    facts = [EventFact(e.kind, e.event_date, e.entry_seq) for e in events]
    state = derive_state(facts, initial_category=None)
    member.status = state.status
    member.is_active = state.is_active
    member.is_mobile = state.is_mobile
    member.is_lost_contact = state.is_lost_contact
    if state.category is not None:
        member.category = state.category
    leaving = [e for e in events if e.kind in (EventKind.TRANSFER_OUT, EventKind.EXPELLED, EventKind.DIED)]
    member.left_on = max((e.event_date for e in leaving), default=None) if not state.is_active else None
    confirmed = [e for e in events if e.kind is EventKind.CONFIRMED]
    if confirmed and member.full_date is None:
        member.full_date = max(e.event_date for e in confirmed)
        member.full_precision = DatePrecision.DAY
    admitted = [e for e in events if e.kind is EventKind.ADMITTED]
    if admitted and member.join_date is None:
        member.join_date = min(e.event_date for e in admitted)
        member.join_precision = DatePrecision.DAY


def add_event(
    session: Session, member_id: int, data: EventData, *, expected_version: int | None = None,
    today: date | None = None,
) -> EventView:
    """Record a dated change and update the member's current state."""
    member = session.get(Member, member_id)
    require_version(member, expected_version, "该党员")
    kind = _check(data, member, today or date.today())
    if kind is EventKind.TRANSFER_IN:
        clash = _active_namesake(session, member)
        if clash:
            raise ValidationError("公民身份号码", f"与在册党员“{clash}”的号码重复，不能转入")
    seq = session.scalar(
        select(func.count()).select_from(MembershipEvent).where(
            MembershipEvent.member_id == member_id, MembershipEvent.event_date == data.event_date
        )
    )
    event = MembershipEvent(
        member_id=member_id, kind=kind, event_date=data.event_date, subtype=data.subtype or None,
        letter_no=(data.letter_no or "").strip() or None, counterpart=(data.counterpart or "").strip() or None,
        dues_paid_until=data.dues_paid_until or None, document_ref=(data.document_ref or "").strip() or None,
        reason=(data.reason or "").strip() or None, ends_on=data.ends_on, entry_seq=seq,
    )
    session.add(event)
    refresh_state(session, member)
    session.flush()
    return event_view(event)


def delete_event(session: Session, event_id: int) -> None:
    """Remove a mistaken event; the member's state is recomputed from the rest."""
    event = session.get(MembershipEvent, event_id)
    if event is None:
        raise NotFoundError("该变动记录不存在。")
    member = session.get(Member, event.member_id)
    session.delete(event)
    session.flush()
    session.expire(member, ["events"])
    refresh_state(session, member)
    if member.is_active:
        clash = _active_namesake(session, member)
        if clash:
            raise ValidationError("公民身份号码", f"撤销后将与在册党员“{clash}”的号码重复，未撤销")
    session.flush()
