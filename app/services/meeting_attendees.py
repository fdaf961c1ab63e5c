"""Who was expected (应到) at a meeting: those who belonged on its date.

- 全体党员 types: the 正式 and 预备 members on the organisation's books that day (a 党支部
  with everything below it; a 党小组: its members), from the dated membership events —
  someone who came in May is not expected in April, someone who left in August is not
  expected in September, a member whose 党籍 is suspended is not expected at all.
- 委员会委员 (支部委员会): the committee posts in office that day (党小组长 are not committee seats).
- 指定人员 (谈心谈话): those the record names.

Group membership is the member's current 党小组 (the records keep no history of moves
between groups).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, or_, select, true
from sqlalchemy.orm import Session

from app.db.models import CommitteePost, CommitteeTerm, Member, MembershipEvent, Organisation
from app.domain.enums import CommitteePostKind, MeetingAttendees, MemberCategory, OrgLevel
from app.domain.status import EventFact, Span, taking_part_spans, within


@dataclass(frozen=True)
class Attendee:
    member_id: int
    name: str
    full: bool  # 正式党员 on the date: has a vote
    group_name: str
    away: str  # 流动在外 / 失联 (as recorded now), a hint for the sign-in sheet


@dataclass(frozen=True)
class _Person:
    id: int
    name: str
    org_id: int
    group_id: int | None
    full_date: date | None
    category: MemberCategory
    sort_key: str
    away: str
    spans: tuple[Span, ...]

    def full_on(self, day: date) -> bool:
        if self.full_date is not None:
            return self.full_date <= day
        return self.category is MemberCategory.FULL  # 转正 date unknown (an old record)


def org_scope(session: Session, org_id: int) -> tuple[Organisation, set[int]]:
    """The organisation and the ids whose members are its own (itself and the non-group orgs below it)."""
    rows = session.execute(select(Organisation.id, Organisation.parent_id, Organisation.level)).all()
    org = session.get(Organisation, org_id)
    children: dict[int | None, list[tuple[int, OrgLevel]]] = defaultdict(list)
    for oid, parent, level in rows:
        children[parent].append((oid, level))
    ids, stack = {org_id}, [org_id]
    while stack:
        for child, level in children.get(stack.pop(), []):
            if level is not OrgLevel.GROUP and child not in ids:
                ids.add(child)
                stack.append(child)
    return org, ids


class MembershipBook:
    """The members under some organisations with the spans they took part, read in two queries."""

    def __init__(self, session: Session, *, org_ids: set[int] | None = None, group_id: int | None = None,
                 member_ids: set[int] | None = None) -> None:
        cond = []
        if org_ids is not None:
            cond.append(Member.org_id.in_(org_ids))
        if group_id is not None:
            cond.append(Member.group_id == group_id)
        if member_ids is not None:
            cond.append(Member.id.in_(member_ids))
        where = and_(*cond) if cond else true()
        events: dict[int, list[EventFact]] = defaultdict(list)
        for member_id, kind, on, seq in session.execute(
            select(MembershipEvent.member_id, MembershipEvent.kind, MembershipEvent.event_date,
                   MembershipEvent.entry_seq).where(MembershipEvent.member_id.in_(select(Member.id).where(where)))
        ):
            events[member_id].append(EventFact(kind, on, seq))
        self.people: dict[int, _Person] = {}
        for m in session.execute(
            select(Member.id, Member.name, Member.org_id, Member.group_id, Member.join_date, Member.full_date,
                   Member.category, Member.is_active, Member.left_on, Member.sort_key, Member.is_mobile,
                   Member.is_lost_contact).where(where).order_by(Member.sort_key, Member.id)
        ):
            spans = taking_part_spans(events.get(m.id, ()), join_date=m.join_date, stored_active=m.is_active,
                                      left_on=m.left_on)
            away = "失联" if m.is_lost_contact else "流动在外" if m.is_mobile else ""
            self.people[m.id] = _Person(m.id, m.name, m.org_id, m.group_id, m.full_date, m.category,
                                        m.sort_key, away, tuple(spans))

    def on(self, day: date, *, org_ids: set[int] | None = None, group_id: int | None = None) -> list[_Person]:
        """Members taking part on ``day`` (of those organisations or that group), in pinyin order."""
        return [p for p in self.people.values()
                if (org_ids is None or p.org_id in org_ids) and (group_id is None or p.group_id == group_id)
                and within(p.spans, day)]


def committee_member_ids(session: Session, org_id: int, day: date) -> list[int]:
    """Members holding a committee seat of ``org_id`` on ``day`` (the term and the post both in office)."""
    rows = session.execute(
        select(CommitteePost.member_id, CommitteePost.started_on, CommitteePost.ended_on)
        .join(CommitteeTerm, CommitteeTerm.id == CommitteePost.term_id)
        .where(CommitteeTerm.org_id == org_id, CommitteeTerm.started_on <= day,
               or_(CommitteeTerm.ended_on.is_(None), CommitteeTerm.ended_on > day),
               CommitteePost.post != CommitteePostKind.GROUP_LEADER, CommitteePost.member_id.is_not(None))
        .order_by(CommitteePost.id)
    ).all()
    return [mid for mid, start, end in rows if (start is None or start <= day) and (end is None or day < end)]


def group_names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Organisation.id, Organisation.name)
                                .where(Organisation.level == OrgLevel.GROUP)).all())


def _attendee(p: _Person, day: date, groups: dict[int, str]) -> Attendee:
    return Attendee(p.id, p.name, p.full_on(day), groups.get(p.group_id, "") if p.group_id else "", p.away)


def expected_attendees(session: Session, org_id: int, attendees: MeetingAttendees, day: date) -> list[Attendee]:
    """Who belonged to the meeting of ``org_id`` on ``day`` by the type's rule (empty for 指定人员)."""
    if attendees is MeetingAttendees.LISTED:
        return []
    org, scope = org_scope(session, org_id)
    groups = group_names(session)
    if attendees is MeetingAttendees.COMMITTEE:
        ids = committee_member_ids(session, org_id, day)
        book = MembershipBook(session, member_ids=set(ids))
        order = {mid: n for n, mid in enumerate(ids)}
        people = sorted(book.on(day), key=lambda p: order[p.id])  # 书记 first, as the posts were entered
    elif org.level is OrgLevel.GROUP:
        people = MembershipBook(session, group_id=org_id).on(day, group_id=org_id)
    else:
        people = MembershipBook(session, org_ids=scope).on(day, org_ids=scope)
    return [_attendee(p, day, groups) for p in people]


def listed_attendees(session: Session, member_ids: list[int], day: date) -> list[Attendee]:
    """The named participants of a 指定人员 meeting, in the order given."""
    book = MembershipBook(session, member_ids=set(member_ids))
    groups = group_names(session)
    return [_attendee(book.people[mid], day, groups) for mid in member_ids if mid in book.people]


def taking_part(session: Session, member_ids: list[int], day: date) -> set[int]:
    """Which of ``member_ids`` were on the books and taking part on ``day``."""
    book = MembershipBook(session, member_ids=set(member_ids))
    return {p.id for p in book.on(day)}
