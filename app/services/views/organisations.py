"""组织 page: the organisation tree with member counts, and one organisation's committee."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import CommitteePost, CommitteeTerm, Member, Organisation
from app.domain.enums import CommitteePostKind, OrgLevel
from app.domain.errors import NotFoundError
from app.services.views._common import org_names

POST_ORDER = {kind.value: i for i, kind in enumerate(CommitteePostKind)}


@dataclass(frozen=True)
class OrgNode:
    id: int
    parent_id: int | None
    name: str
    level: str
    org_type: str
    direct_members: int  # 在册 members placed in this organisation (a 党小组: its members)
    total_members: int  # with everything below it, each member counted once
    dissolved: bool


@dataclass(frozen=True)
class PostLine:
    post: str
    person_name: str
    is_full_time: bool
    concurrent_post: str
    started_on: date | None


@dataclass(frozen=True)
class TermView:
    term_number: int
    started_on: date
    planned_end_on: date
    election_method: str
    approval_ref: str


@dataclass(frozen=True)
class OrgDetail:
    id: int
    name: str
    short_name: str
    level: str
    org_type: str
    parent_name: str
    founded_on: date | None
    dissolved_on: date | None
    formation: str
    host_units: str
    code: str
    contact_phone: str
    address: str
    notes: str
    total_members: int
    term: TermView | None
    posts: tuple[PostLine, ...]


def org_tree(session: Session) -> list[OrgNode]:
    """Every organisation, parents before children, siblings in their set order."""
    active = Member.is_active.is_(True)
    by_org = dict(session.execute(select(Member.org_id, func.count()).where(active).group_by(Member.org_id)).all())
    by_group = dict(
        session.execute(
            select(Member.group_id, func.count()).where(active, Member.group_id.is_not(None)).group_by(Member.group_id)
        ).all()
    )
    orgs = session.scalars(select(Organisation).order_by(Organisation.sort_order, Organisation.id)).all()
    children: dict[int | None, list[Organisation]] = {}
    for org in orgs:
        children.setdefault(org.parent_id, []).append(org)

    totals: dict[int, int] = {}

    def total(org: Organisation) -> int:
        kids = children.get(org.id, [])
        below = [total(c) for c in kids]
        if org.level is OrgLevel.GROUP:
            value = by_group.get(org.id, 0)
        else:
            # a 党小组's members already count in their 党支部 (member.org_id): groups add nothing upward
            value = by_org.get(org.id, 0) + sum(n for c, n in zip(kids, below) if c.level is not OrgLevel.GROUP)
        totals[org.id] = value
        return value

    out: list[OrgNode] = []

    def walk(parent_id: int | None) -> None:
        for org in children.get(parent_id, []):
            direct = by_group.get(org.id, 0) if org.level is OrgLevel.GROUP else by_org.get(org.id, 0)
            out.append(OrgNode(org.id, org.parent_id, org.name, org.level.value, org.org_type.value, direct,
                               totals[org.id], org.dissolved_on is not None))
            walk(org.id)

    for root in children.get(None, []):
        total(root)
    walk(None)
    return out


def current_term(session: Session, org_id: int) -> CommitteeTerm | None:
    return session.scalars(
        select(CommitteeTerm)
        .where(CommitteeTerm.org_id == org_id, CommitteeTerm.ended_on.is_(None))
        .order_by(CommitteeTerm.started_on.desc(), CommitteeTerm.id.desc())
    ).first()


def org_detail(session: Session, org_id: int) -> OrgDetail:
    """One organisation with its current committee (the latest term not yet ended)."""
    org = session.get(Organisation, org_id)
    if org is None:
        raise NotFoundError("该党组织不存在（可能已被删除）。")
    parent = session.get(Organisation, org.parent_id) if org.parent_id else None
    term = current_term(session, org_id)
    posts: list[PostLine] = []
    term_view = None
    if term is not None:
        term_view = TermView(term.term_number, term.started_on, term.planned_end_on, term.election_method or "",
                             term.approval_ref or "")
        rows = session.scalars(
            select(CommitteePost).where(CommitteePost.term_id == term.id, CommitteePost.ended_on.is_(None))
        )
        posts = sorted(
            (PostLine(p.post.value, p.person_name, p.is_full_time, p.concurrent_post or "", p.started_on) for p in rows),
            key=lambda p: (POST_ORDER.get(p.post, 99), p.person_name),
        )
    total = next((n.total_members for n in org_tree(session) if n.id == org_id), 0)
    return OrgDetail(
        org.id, org.name, org.short_name or "", org.level.value, org.org_type.value, parent.name if parent else "",
        org.founded_on, org.dissolved_on, org.formation or "", org.host_units or "", org.code or "",
        org.contact_phone or "", org.address or "", org.notes or "", total, term_view, tuple(posts),
    )


@dataclass(frozen=True)
class OrgChoice:
    id: int
    name: str
    depth: int
    level: str


def org_choices(session: Session, *, include_groups: bool = False) -> list[OrgChoice]:
    """Organisations for a filter list, indented by depth (dissolved ones left out)."""
    orgs = session.scalars(
        select(Organisation).where(Organisation.dissolved_on.is_(None)).order_by(Organisation.sort_order, Organisation.id)
    ).all()
    children: dict[int | None, list[Organisation]] = {}
    ids = {o.id for o in orgs}
    for org in orgs:
        children.setdefault(org.parent_id if org.parent_id in ids else None, []).append(org)
    out: list[OrgChoice] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for org in children.get(parent_id, []):
            if org.level is OrgLevel.GROUP and not include_groups:
                continue
            out.append(OrgChoice(org.id, org.name, depth, org.level.value))
            walk(org.id, depth + 1)

    walk(None, 0)
    return out


def display_names(session: Session) -> dict[int, str]:
    """id → the name to show in lists; a 党小组 carries its 党支部's name (第三党支部·第一党小组)."""
    return org_names(session, qualify_groups=True)
