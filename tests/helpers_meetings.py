"""A 党支部 for the 三会一课 tests: a 党小组, a committee of three, members who join and leave during 2026."""

from __future__ import annotations

from datetime import date

from app.db.models import CommitteePost, CommitteeTerm, Organisation
from app.domain.dates import PartialDate
from app.domain.enums import CommitteePostKind, OrgLevel
from app.domain.member_rules import MemberData
from app.services import member_events, members
from helpers_ids import make_id

TODAY = date(2026, 11, 22)


def make_branch(db) -> dict[str, int]:
    """Ids by name: 张三 (书记) 李四 王五 in and out of the committee, 赵六 预备 since March,
    钱七 转入 on 10 May, 孙八 转出 on 1 August; "branch", "group", "top"."""
    ids = {}
    with db.unit_of_work() as s:
        top = Organisation(name="幸福社区党委", level=OrgLevel.COMMITTEE)
        s.add(top)
        s.flush()
        b = Organisation(name="第一党支部", level=OrgLevel.BRANCH, parent_id=top.id)
        s.add(b)
        s.flush()
        g = Organisation(name="第一党小组", level=OrgLevel.GROUP, parent_id=b.id)
        s.add(g)
        s.flush()
        people = [("张三", "正式党员", date(1990, 7, 1), g.id), ("李四", "正式党员", date(1995, 7, 1), g.id),
                  ("王五", "正式党员", date(2001, 7, 1), None), ("赵六", "预备党员", date(2026, 3, 1), g.id),
                  ("钱七", "正式党员", date(1988, 7, 1), None), ("孙八", "正式党员", date(1985, 7, 1), None)]
        for n, (name, category, joined, group) in enumerate(people, 1):
            ids[name] = members.create_member(s, MemberData(
                name=name, org_id=b.id, group_id=group, id_number=make_id(date(1960 + n, 1, 1), 10 + n),
                category=category, join_date=PartialDate(joined),
                full_date=None if category == "预备党员" else PartialDate(date(joined.year + 1, 7, 1))),
                today=TODAY).member.id
        member_events.add_event(s, ids["钱七"], member_events.EventData("转入", date(2026, 5, 10)), today=TODAY)
        member_events.add_event(s, ids["孙八"], member_events.EventData("转出", date(2026, 8, 1), counterpart="阳光社区党委"),
                                today=TODAY)
        term = CommitteeTerm(org_id=b.id, term_number=2, started_on=date(2024, 1, 10), planned_end_on=date(2029, 1, 10))
        s.add(term)
        s.flush()
        for name, post, ended in (("张三", CommitteePostKind.SECRETARY, None), ("李四", CommitteePostKind.ORGANISATION, None),
                                  ("孙八", CommitteePostKind.PUBLICITY, date(2026, 8, 1)),
                                  ("王五", CommitteePostKind.PUBLICITY, None)):
            s.add(CommitteePost(term_id=term.id, member_id=ids[name], person_name=name, post=post,
                                started_on=date(2026, 8, 1) if name == "王五" else date(2024, 1, 10), ended_on=ended))
        ids["branch"], ids["group"], ids["top"] = b.id, g.id, top.id
    return ids
