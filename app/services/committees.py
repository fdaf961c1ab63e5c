"""Committee terms (届) and posts; 换届 due dates and the warnings the rules imply."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import CommitteePost, CommitteeTerm, Member, Organisation
from app.domain.enums import CommitteePostKind, MemberCategory, MemberStatus, OrgLevel, OrgType
from app.domain.errors import NotFoundError, ValidationError
from app.domain.org_rules import COMMITTEE_THRESHOLD, MIN_FULL_MEMBERS, TermDue, term_due
from app.services import settings


@dataclass(frozen=True)
class PostView:
    id: int
    post: str
    person_name: str
    member_id: int | None
    is_full_time: bool


@dataclass(frozen=True)
class TermView:
    id: int
    org_id: int
    org_name: str
    term_number: int
    started_on: date
    planned_end_on: date
    ended_on: date | None
    election_method: str | None
    due: TermDue | None  # for the current term
    posts: tuple[PostView, ...]


def term_years(session: Session, org: Organisation) -> int:
    key = "committee.term_years.社区" if org.org_type is OrgType.COMMUNITY else "committee.term_years.其他"
    return int(settings.get(session, key))


def _view(session: Session, term: CommitteeTerm, today: date) -> TermView:
    org = session.get(Organisation, term.org_id)
    due = None
    if term.ended_on is None:
        years = round((term.planned_end_on - term.started_on).days / 365.25) or term_years(session, org)
        due = term_due(term.started_on, years, today)
    posts = tuple(PostView(p.id, p.post.value, p.person_name, p.member_id, p.is_full_time)
                  for p in sorted(term.posts, key=lambda p: list(CommitteePostKind).index(p.post)))
    return TermView(term.id, org.id, org.name, term.term_number, term.started_on, term.planned_end_on,
                    term.ended_on, term.election_method, due, posts)


def current_term(session: Session, org_id: int, *, today: date | None = None) -> TermView | None:
    term = session.scalars(
        select(CommitteeTerm).where(CommitteeTerm.org_id == org_id, CommitteeTerm.ended_on.is_(None))
        .order_by(CommitteeTerm.started_on.desc())
    ).first()
    return _view(session, term, today or date.today()) if term else None


def start_term(
    session: Session, org_id: int, started_on: date, *, election_method: str = "党员大会选举",
    approval_ref: str | None = None,
) -> TermView:
    """Elect a new committee: the previous term ends the day the new one starts."""
    from app.domain.dates import add_years

    org = session.get(Organisation, org_id)
    if org is None:
        raise NotFoundError("该党组织不存在。")
    if org.level is OrgLevel.GROUP:
        raise ValidationError("组织", "党小组不设委员会")
    previous = session.scalars(select(CommitteeTerm).where(CommitteeTerm.org_id == org_id)
                               .order_by(CommitteeTerm.term_number.desc())).first()
    if previous is not None:
        if started_on <= previous.started_on:
            raise ValidationError("任期开始日期", f"应晚于上一届开始日期 {previous.started_on.isoformat()}")
        if previous.ended_on is None:
            previous.ended_on = started_on
    term = CommitteeTerm(
        org_id=org_id, term_number=(previous.term_number + 1) if previous else 1, started_on=started_on,
        planned_end_on=add_years(started_on, term_years(session, org)), election_method=election_method,
        approval_ref=approval_ref,
    )
    session.add(term)
    session.flush()
    return _view(session, term, started_on)


def add_post(session: Session, term_id: int, member_id: int, post: str, *, is_full_time: bool = False) -> PostView:
    term = session.get(CommitteeTerm, term_id)
    member = session.get(Member, member_id)
    if term is None or member is None:
        raise NotFoundError("届次或党员不存在。")
    try:
        kind = CommitteePostKind(post)
    except ValueError:
        raise ValidationError("职务", f"未知的职务“{post}”") from None
    if member.status is not MemberStatus.NORMAL:
        raise ValidationError("人选", f"“{member.name}”当前状态为{member.status.value}，不能任职")
    if member.category is MemberCategory.PROBATIONARY:
        raise ValidationError("人选", "预备党员没有被选举权，不能当选委员")
    if kind in (CommitteePostKind.SECRETARY,) and any(p.post is kind and p.ended_on is None for p in term.posts):
        raise ValidationError("职务", "本届已有书记")
    row = CommitteePost(term_id=term_id, member_id=member_id, person_name=member.name, post=kind,
                        is_full_time=is_full_time, started_on=term.started_on)
    session.add(row)
    member.party_post = kind.value
    session.flush()
    return PostView(row.id, kind.value, row.person_name, member_id, is_full_time)


@dataclass(frozen=True)
class OrgWarning:
    org_id: int
    org_name: str
    text: str
    basis: str


def warnings(session: Session, *, today: date | None = None) -> list[OrgWarning]:
    """Branches below 3 full members, 7+ without a 支委会, groups without a leader, terms due."""
    today = today or date.today()
    out: list[OrgWarning] = []
    full = dict(session.execute(
        select(Member.org_id, func.count()).where(Member.status == MemberStatus.NORMAL,
                                                  Member.category == MemberCategory.FULL)
        .group_by(Member.org_id)
    ).all())
    orgs = session.scalars(select(Organisation).where(Organisation.dissolved_on.is_(None))).all()
    for org in orgs:
        if org.level is OrgLevel.BRANCH:
            n = full.get(org.id, 0)
            if n < MIN_FULL_MEMBERS:
                out.append(OrgWarning(org.id, org.name, f"正式党员只有 {n} 名，不足3名", "支部工作条例 第六条"))
            term = current_term(session, org.id, today=today)
            if n >= COMMITTEE_THRESHOLD and (term is None or len(term.posts) < 3):
                out.append(OrgWarning(org.id, org.name, f"正式党员 {n} 名（7名以上），应设支部委员会", "支部工作条例 第八条"))
        if org.level is OrgLevel.GROUP:
            leader = session.scalar(select(func.count()).select_from(Member).where(
                Member.group_id == org.id, Member.party_post == CommitteePostKind.GROUP_LEADER.value,
                Member.status == MemberStatus.NORMAL))
            if not leader:
                out.append(OrgWarning(org.id, org.name, "党小组没有党小组长", "支部工作条例 第九条"))
        if org.level is not OrgLevel.GROUP:
            term = current_term(session, org.id, today=today)
            if term and term.due and term.due.needs_attention:
                out.append(OrgWarning(org.id, org.name, f"委员会任期{term.due.state}（应于 {term.due.due_on.isoformat()} 换届）",
                                      "支部工作条例 第二十二条"))
    return out
