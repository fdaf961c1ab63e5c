"""Demo committees: the current and the previous term of the 党委 and of every 党支部.

支部工作条例 第八条: 7 or more full members → a 支部委员会 (书记, 组织委员, 宣传委员,
纪检委员; a 副书记 in a big branch); fewer → a 书记 only. 第二十二条: 社区 committees
serve 5 years, others 3. Posts go to full members of the branch on the term's first
day (预备党员 cannot be elected, 党章 第七条); many are re-elected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from app.db.models import CommitteePost, CommitteeTerm
from app.domain.dates import add_years
from app.domain.enums import CommitteePostKind as Post
from app.domain.enums import OrgLevel, OrgType
from app.domain.org_rules import COMMITTEE_THRESHOLD
from app.services.demo.members import DemoMember
from app.services.demo.organisation import Branch
from app.services.demo.writer import Writer


@dataclass
class Term:
    org_id: int
    number: int
    start: date
    planned_end: date
    ended_on: date | None
    posts: list[tuple[Post, DemoMember]] = field(default_factory=list)

    def holders(self) -> list[DemoMember]:
        return [m for _p, m in self.posts]


def _weighted_pick(rng, pool: list[DemoMember], k: int, prefer: set[int]) -> list[DemoMember]:
    """k members, favouring the previous holders and the 35–75-year-olds (Efraimidis–Spirakis)."""
    def key(m: DemoMember) -> float:
        weight = (6 if m.id in prefer else 1) * (3 if 35 <= m.age <= 75 else 1)
        return rng.random() ** (1 / weight)
    return sorted(pool, key=key, reverse=True)[:k]


def _dates(rng, years: int, today: date) -> date:
    """Start of the current term: mostly mid-way, some due within six months, a few overdue."""
    r = rng.random()
    if r < 0.10:
        days = 365 * years - rng.randrange(20, 170)
    elif r < 0.15:
        days = 365 * years + rng.randrange(10, 150)
    else:
        days = rng.randrange(60, 365 * years - 200)
    return today - timedelta(days=days)


def _kinds(full: int, *, top: bool) -> list[Post]:
    if top:
        return [Post.SECRETARY, Post.DEPUTY_SECRETARY, Post.ORGANISATION, Post.PUBLICITY, Post.DISCIPLINE] + (
            [Post.MEMBER, Post.MEMBER] if full >= 200 else [])
    if full < COMMITTEE_THRESHOLD:
        return [Post.SECRETARY]
    kinds = [Post.SECRETARY, Post.ORGANISATION, Post.PUBLICITY, Post.DISCIPLINE]
    return kinds[:1] + [Post.DEPUTY_SECRETARY] + kinds[1:] if full >= 50 else kinds


def _terms(rng, org_id: int, org_type: OrgType, pool_of, full_now: int, today: date, *, top: bool,
           busy: set[int]) -> list[Term]:
    years = 5 if org_type is OrgType.COMMUNITY else 3
    start = _dates(rng, years, today)
    prev_start = add_years(start, -years)
    number = rng.randint(2, 8)
    prev = Term(org_id, number - 1, prev_start, add_years(prev_start, years), start)
    cur = Term(org_id, number, start, add_years(start, years), None)
    kinds = _kinds(full_now, top=top)
    # the previous committee: full members on its first day who stayed to its end
    pool = [m for m in pool_of(prev_start) if m.on_books(start - timedelta(days=1)) and m.id not in busy]
    for kind, m in zip(kinds, _weighted_pick(rng, pool, len(kinds), set())):
        prev.posts.append((kind, m))
    # the current one: on the books, reachable and in good standing today
    pool = [m for m in pool_of(start) if m.on_books(today) and m.away_on(today) is None and m.id not in busy]
    chosen = _weighted_pick(rng, pool, len(kinds), {m.id for m in prev.holders()})
    again = {m.id: k for k, m in prev.posts}
    chosen.sort(key=lambda m: list(Post).index(again[m.id]) if m.id in again else 99)  # re-elected keep rank
    for kind, m in zip(kinds, chosen):
        cur.posts.append((kind, m))
    return [prev, cur]


def plan_committees(rng, top_id: int, top_type: OrgType, branches: list[Branch], today: date,
                    community: str, *, top_level: OrgLevel = OrgLevel.COMMITTEE,
                    top_terms: bool = True) -> list[Term]:
    """Choose both terms everywhere; sets 党内职务 on the member rows and the 党小组长.

    ``top_terms=False`` leaves the top organisation's committee alone (it has terms
    already, or it is the one 党支部 and got its terms as such).
    """
    terms: list[Term] = []
    busy: set[int] = set()
    for b in branches:
        def pool_of(day: date, b=b) -> list[DemoMember]:
            return [m for m in b.members if m.full_on(day) and (m.lost_from is None or m.lost_from > day)]
        full_now = len([m for m in pool_of(today) if m.away_on(today) is None])
        b.terms = _terms(rng, b.id, b.org_type, pool_of, full_now, today, top=False, busy=set())
        terms.extend(b.terms)
        for kind, m in b.terms[-1].posts:
            m.row.update(party_post=kind.value, has_post=True)
            busy.add(m.id)
    everyone = [m for b in branches if b.kind != "retired" for m in b.members]
    everyone = everyone or [m for b in branches for m in b.members]

    def top_pool(day: date) -> list[DemoMember]:
        return [m for m in everyone if m.full_on(day) and not m.retired]
    full_total = sum(1 for m in everyone if m.full_on(today))
    upper_terms = _terms(rng, top_id, top_type, top_pool, full_total, today, top=True, busy=busy) if top_terms else []
    terms.extend(upper_terms)
    for kind, m in upper_terms[-1].posts if upper_terms else ():
        level = top_level.value
        label = level + kind.value if kind in (Post.SECRETARY, Post.DEPUTY_SECRETARY) else level + "委员"
        m.row.update(party_post=label, has_post=True)
        busy.add(m.id)
        if kind is Post.SECRETARY:  # 书记 and 居委会主任 一肩挑
            m.row.update(job_post="社区工作人员", work_unit=f"{community}居委会主任")
    for b in branches:
        for gid in b.groups:
            pool = [m for m in b.members if m.group_id == gid and m.id not in busy and m.full_on(today)
                    and m.away_on(today) is None]
            if pool:  # 支部工作条例 第九条: every 党小组 has a 党小组长
                leader = _weighted_pick(rng, pool, 1, set())[0]
                leader.row.update(party_post=Post.GROUP_LEADER.value, has_post=True)
                b.group_leaders[gid] = leader
                busy.add(leader.id)
    return terms


def write_committees(w: Writer, rng, terms: list[Term], upper: str, top_id: int) -> None:
    t_table, p_table = CommitteeTerm.__table__, CommitteePost.__table__
    for t in terms:
        tid = w.add(t_table, {
            "org_id": t.org_id, "term_number": t.number, "started_on": t.start, "planned_end_on": t.planned_end,
            "ended_on": t.ended_on, "election_method": "党员大会选举",
            "approval_ref": f"{upper}〔{t.start.year}〕{rng.randint(1, 80)}号"})
        for kind, m in t.posts:
            w.add(p_table, {
                "term_id": tid, "member_id": m.id, "person_name": m.name, "post": kind,
                "is_full_time": kind is Post.SECRETARY and t.org_id == top_id,
                "concurrent_post": "书记、居委会主任一肩挑" if kind is Post.SECRETARY and t.org_id == top_id else None,
                "started_on": t.start, "ended_on": t.ended_on})
