"""Demo committees: the current and the previous term, posts held by full members, 党小组长."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import update

from app.db.models import CommitteePost, CommitteeTerm, Member
from app.domain.dates import add_years
from app.domain.enums import CommitteePostKind, MemberStatus, OrgType
from app.services.demo.members import DemoMember
from app.services.demo.organisation import Branch
from app.services.demo.writer import Writer


def build_committees(w: Writer, rng, top_id: int, branches: list[Branch], members: list[DemoMember],
                     today: date) -> dict[int, int]:
    """Returns branch id -> number of posts of its current committee."""
    terms, posts = CommitteeTerm.__table__, CommitteePost.__table__
    by_branch: dict[int, list[DemoMember]] = {}
    for m in members:
        if m.status is MemberStatus.NORMAL and m.full is not None:  # 预备党员 have no 被选举权
            by_branch.setdefault(m.branch.id, []).append(m)
    post_of: dict[int, str] = {}
    sizes: dict[int, int] = {}
    units = [(top_id, OrgType.COMMUNITY, [m for ms in by_branch.values() for m in ms])]
    units += [(b.id, b.org_type, by_branch.get(b.id, [])) for b in branches]
    for org_id, org_type, pool in units:
        if not pool:
            continue
        years = 5 if org_type in (OrgType.COMMUNITY, OrgType.RETIRED) else 3
        # most terms are mid-way; a few fall due within six months or are overdue
        offset_days = rng.choice([rng.randrange(60, 365 * years - 200)] * 8 + [365 * years - rng.randrange(10, 170),
                                                                                  365 * years + rng.randrange(5, 90)])
        started = today - timedelta(days=offset_days)
        prev_start = add_years(started, -years)
        number = rng.randrange(2, 8)
        w.add(terms, {"org_id": org_id, "term_number": number - 1, "started_on": prev_start,
                      "planned_end_on": add_years(prev_start, years), "ended_on": started,
                      "election_method": "党员大会选举"})
        tid = w.add(terms, {"org_id": org_id, "term_number": number, "started_on": started,
                            "planned_end_on": add_years(started, years), "election_method": "党员大会选举"})
        kinds = [CommitteePostKind.SECRETARY]
        if len(pool) >= 7:
            kinds += [CommitteePostKind.ORGANISATION, CommitteePostKind.PUBLICITY]
            if len(pool) >= 30:
                kinds += [CommitteePostKind.DEPUTY_SECRETARY, CommitteePostKind.DISCIPLINE]
        chosen = rng.sample([m for m in pool if m.id not in post_of] or pool, min(len(kinds), len(pool)))
        for kind, m in zip(kinds, chosen):
            w.add(posts, {"term_id": tid, "member_id": m.id, "person_name": m.name, "post": kind,
                          "is_full_time": org_id == top_id and kind is CommitteePostKind.SECRETARY,
                          "started_on": started})
            post_of.setdefault(m.id, kind.value)
        sizes[org_id] = len(chosen)
    for b in branches:  # one 党小组长 per group
        for gid in b.groups:
            pool = [m for m in by_branch.get(b.id, []) if m.group_id == gid and m.id not in post_of]
            if pool and rng.random() < 0.95:
                post_of[rng.choice(pool).id] = CommitteePostKind.GROUP_LEADER.value
    w.flush()
    for post in {p for p in post_of.values()}:
        ids = [mid for mid, p in post_of.items() if p == post]
        for i in range(0, len(ids), 900):
            w.session.execute(update(Member).where(Member.id.in_(ids[i:i + 900])).values(party_post=post))
    return sizes
