"""Editing the tree, committees and 换届, the rule warnings, and the roster reminders."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.dates import PartialDate
from app.domain.errors import ValidationError
from app.domain.member_rules import MemberData
from app.domain.org_rules import term_due
from app.services import committees, member_events, member_reminders, members, org_admin
from app.services.org_admin import OrgData

TODAY = date(2026, 11, 22)


@pytest.fixture
def tree(db):
    with db.unit_of_work() as s:
        top = org_admin.create_org(s, OrgData("幸福社区党委", "党委"))
        b1 = org_admin.create_org(s, OrgData("第一党支部", "党支部", parent_id=top.id))
        b2 = org_admin.create_org(s, OrgData("第二党支部", "党支部", parent_id=top.id))
        g1 = org_admin.create_org(s, OrgData("第一党小组", "党小组", parent_id=b1.id))
    return {"top": top.id, "b1": b1.id, "b2": b2.id, "g1": g1.id}


def add(db, org_id, name, **kw):
    with db.unit_of_work() as s:
        return members.create_member(s, MemberData(name=name, org_id=org_id, **kw), today=TODAY).member.id


def test_levels_must_nest_properly(db, tree):
    with pytest.raises(ValidationError, match="党小组下不能直接设党支部"):
        with db.unit_of_work() as s:
            org_admin.create_org(s, OrgData("错误支部", "党支部", parent_id=tree["g1"]))
    with pytest.raises(ValidationError, match="只能有一个本级党组织"):
        with db.unit_of_work() as s:
            org_admin.create_org(s, OrgData("另一个党委", "党委"))
    with pytest.raises(ValidationError, match="已有“第一党支部”"):
        with db.unit_of_work() as s:
            org_admin.create_org(s, OrgData("第一党支部", "党支部", parent_id=tree["top"]))


def test_move_refuses_cycles(db, tree):
    with db.unit_of_work() as s:
        gb = org_admin.create_org(s, OrgData("第一党总支", "党总支", parent_id=tree["top"]))
        org_admin.move_org(s, tree["b1"], gb.id)
    with pytest.raises(ValidationError, match="自己的下级"):
        with db.unit_of_work() as s:
            org_admin.move_org(s, gb.id, tree["b1"])


def test_dissolve_needs_members_moved_first_and_merge_moves_them(db, tree):
    m = add(db, tree["b2"], "甲")
    with pytest.raises(ValidationError, match="1 名在册党员"):
        with db.unit_of_work() as s:
            org_admin.dissolve_org(s, tree["b2"], TODAY)
    with db.unit_of_work() as s:
        org_admin.merge_org(s, tree["b2"], tree["b1"], TODAY)
    with db.reading() as s:
        assert members.get_member(s, m).org_name == "第一党支部"
        assert org_admin.active_member_count(s, tree["b2"]) == 0
    with pytest.raises(ValidationError, match="已撤销"):
        with db.unit_of_work() as s:
            org_admin.create_org(s, OrgData("新小组", "党小组", parent_id=tree["b2"]))


@pytest.mark.parametrize(
    "today, state",
    [(date(2026, 1, 1), "正常"), (date(2026, 6, 1), "半年内到期"), (date(2026, 10, 1), "一个月内到期"),
     (date(2026, 11, 2), "已逾期")],
)
def test_term_due_states(today, state):
    due = term_due(date(2021, 11, 1), 5, today)
    assert due.due_on == date(2026, 11, 1) and due.state == state


def test_committee_terms_and_warnings(db, tree):
    ids = [add(db, tree["b1"], n, join_date=PartialDate(date(1990, 1, 1)), full_date=PartialDate(date(1991, 1, 1)))
           for n in ["赵一", "钱二", "孙三", "李四", "周五", "吴六", "郑七"]]
    with db.reading() as s:
        texts = [(w.org_name, w.text) for w in committees.warnings(s, today=TODAY)]
    assert ("第一党支部", "正式党员 7 名（7名以上），应设支部委员会") in texts
    assert ("第二党支部", "正式党员只有 0 名，不足3名") in texts
    assert ("第一党小组", "党小组没有党小组长") in texts
    with db.unit_of_work() as s:
        term = committees.start_term(s, tree["b1"], date(2021, 12, 1))
        assert term.planned_end_on == date(2026, 12, 1)  # 社区: 5 years (a setting)
        for mid, post in zip(ids, ["书记", "组织委员", "宣传委员"]):
            committees.add_post(s, term.id, mid, post)
        with pytest.raises(ValidationError, match="已有书记"):
            committees.add_post(s, term.id, ids[3], "书记")
    with db.reading() as s:
        current = committees.current_term(s, tree["b1"], today=TODAY)
        assert [p.post for p in current.posts] == ["书记", "组织委员", "宣传委员"]
        assert current.due.state == "一个月内到期"
        texts = [w.text for w in committees.warnings(s, today=TODAY) if w.org_name == "第一党支部"]
    assert texts == ["委员会任期一个月内到期（应于 2026-12-01 换届）"]
    with db.unit_of_work() as s:
        second = committees.start_term(s, tree["b1"], date(2026, 11, 20))
    assert second.term_number == 2
    with db.reading() as s:
        assert committees.current_term(s, tree["b1"], today=TODAY).id == second.id


def test_roster_reminders(db, tree):
    prob = add(db, tree["b1"], "预备甲", category="预备党员", join_date=PartialDate(date(2025, 12, 10)))
    add(db, tree["b1"], "老党员", join_date=PartialDate(date(1975, 6, 1)), full_date=PartialDate(date(1976, 6, 1)))
    add(db, tree["b1"], "更老", join_date=PartialDate(date(1960, 3, 1)), full_date=PartialDate(date(1961, 3, 1)))
    add(db, tree["b1"], "十一月", join_date=PartialDate(date(2000, 11, 5)), full_date=PartialDate(date(2001, 11, 5)))
    lost = add(db, tree["b1"], "失联者")
    with db.unit_of_work() as s:
        member_events.add_event(s, lost, member_events.EventData("失联", date(2026, 4, 1)), today=TODAY)
    with db.reading() as s:
        by_kind = {}
        for r in member_reminders.all_reminders(s, today=TODAY):
            by_kind.setdefault(r.kind, []).append(r.name)
    assert by_kind["预备期满"] == ["预备甲"]  # 2026-12-10, within 30 days
    assert by_kind["光荣在党50年"] == ["老党员"]  # 1976-06 转正 → 50 years by 2026-07-01; 更老 had it long ago
    assert by_kind["政治生日"] == ["十一月"]
    assert by_kind["失联6个月以上"] == ["失联者"]
    assert prob and "身份证号待补充" in by_kind
