"""Adding, editing, finding and transferring members through the services (every backend)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.db.models import Organisation
from app.domain.dates import PartialDate
from app.domain.enums import DatePrecision, OrgLevel
from app.domain.errors import ConcurrentEditError, ValidationError
from app.domain.member_rules import MemberData
from app.services import member_events, member_search, members
from app.services.member_search import MemberQuery
from helpers_ids import make_id

TODAY = date(2026, 11, 22)




@pytest.fixture
def orgs(db):
    with db.unit_of_work() as s:
        top = Organisation(name="幸福社区党委", level=OrgLevel.COMMITTEE)
        s.add(top)
        s.flush()
        b1 = Organisation(name="第一党支部", level=OrgLevel.BRANCH, parent_id=top.id)
        b2 = Organisation(name="第二党支部", level=OrgLevel.BRANCH, parent_id=top.id)
        s.add_all([b1, b2])
        s.flush()
        g1 = Organisation(name="第一党小组", level=OrgLevel.GROUP, parent_id=b1.id)
        s.add(g1)
        s.flush()
        return {"top": top.id, "b1": b1.id, "b2": b2.id, "g1": g1.id}


def add(db, orgs, name, *, org="b1", **kw):
    with db.unit_of_work() as s:
        return members.create_member(s, MemberData(name=name, org_id=orgs[org], **kw), today=TODAY).member


def test_id_number_fills_birth_date_and_gender(db, orgs):
    number = make_id(date(1950, 3, 2), 123)
    m = add(db, orgs, "张三丰", id_number=number.lower())
    assert m.data.birth_date == PartialDate(date(1950, 3, 2))
    assert m.data.gender == "男" and m.data.id_number == number


def test_mismatch_between_id_and_entered_values_is_refused(db, orgs):
    number = make_id(date(1950, 3, 2), 124)  # even: female
    with pytest.raises(ValidationError) as err:
        add(db, orgs, "李四", id_number=number, gender="男")
    assert err.value.field == "性别"
    with pytest.raises(ValidationError) as err:
        add(db, orgs, "李四", id_number=number, birth_date=PartialDate(date(1951, 3, 2)))
    assert err.value.field == "出生日期"
    # a month-precision birth date that agrees is upgraded to the exact day
    m = add(db, orgs, "李四", id_number=number, birth_date=PartialDate(date(1950, 3, 1), DatePrecision.MONTH))
    assert m.data.birth_date == PartialDate(date(1950, 3, 2))


def test_fifteen_digit_number_is_converted_with_a_note(db, orgs):
    m = add(db, orgs, "王五", id_number="110105500302123")
    assert len(m.data.id_number) == 18 and "15位" in m.id_number_note


def test_missing_id_number_is_allowed_and_flagged(db, orgs):
    with db.unit_of_work() as s:
        result = members.create_member(s, MemberData(name="赵六", org_id=orgs["b1"]), today=TODAY)
    assert "公民身份号码待补充" in result.warnings
    with db.reading() as s:
        page = member_search.search(s, MemberQuery(flags=(member_search.FLAG_MISSING_ID,)), today=TODAY)
    assert [r.name for r in page.rows] == ["赵六"]


def test_join_before_eighteen_and_probationary_with_full_date_are_refused(db, orgs):
    with pytest.raises(ValidationError, match="未满十八周岁"):
        add(db, orgs, "孙七", birth_date=PartialDate(date(2000, 5, 1)), join_date=PartialDate(date(2018, 4, 30)))
    with pytest.raises(ValidationError) as err:
        add(db, orgs, "孙七", category="预备党员", join_date=PartialDate(date(2026, 1, 1)),
            full_date=PartialDate(date(2026, 6, 1)))
    assert err.value.field == "转正日期"


def test_members_belong_to_a_branch_and_its_own_groups(db, orgs):
    with pytest.raises(ValidationError, match="应选择党支部"):
        add(db, orgs, "周八", org="g1")
    with pytest.raises(ValidationError, match="不属于"):
        add(db, orgs, "周八", org="b2", group_id=orgs["g1"])
    assert add(db, orgs, "周八", group_id=orgs["g1"]).group_name == "第一党小组"


def test_two_active_members_cannot_share_a_number(db, orgs):
    number = make_id(date(1960, 1, 1), 111)
    first = add(db, orgs, "吴九", id_number=number)
    with pytest.raises(ValidationError, match="吴九"):
        add(db, orgs, "郑十", id_number=number)
    # once the first has transferred out, the number is free again
    with db.unit_of_work() as s:
        member_events.add_event(s, first.id, member_events.EventData("转出", date(2026, 1, 5), counterpart="某街道党工委",
                                                                      letter_no="转字〔2026〕1号"), today=TODAY)
    assert add(db, orgs, "郑十", id_number=number).is_active


def test_search_by_name_initials_pinyin_and_digits(db, orgs):
    add(db, orgs, "张三丰", phone="13912345678", id_number=make_id(date(1950, 3, 2), 123))
    add(db, orgs, "曾小华", org="b2")
    add(db, orgs, "单田芳")

    def names(**kw):
        with db.reading() as s:
            return [r.name for r in member_search.search(s, MemberQuery(**kw), today=TODAY).rows]

    assert names(text="zsf") == ["张三丰"]
    assert names(text="zhangsan") == ["张三丰"]
    assert names(text="zeng") == ["曾小华"]  # surname read zeng, not ceng
    assert names(text="shantian") == ["单田芳"]
    assert names(text="三") == ["张三丰"]
    assert names(text="5678") == ["张三丰"]
    assert names(text=make_id(date(1950, 3, 2), 123)[-4:]) == ["张三丰"]
    assert names(org_id=orgs["b2"]) == ["曾小华"]
    assert names(org_id=orgs["top"]) == ["单田芳", "曾小华", "张三丰"]  # shan < zeng < zhang
    assert names(order="strokes") == ["张三丰", "单田芳", "曾小华"]  # 张 7, 单 8, 曾 12


def test_transfer_out_leaves_the_roster_but_not_history(db, orgs):
    m = add(db, orgs, "钱一")
    with db.unit_of_work() as s:
        member_events.add_event(s, m.id, member_events.EventData("流出", date(2025, 3, 1), counterpart="广东省深圳市"),
                                today=TODAY)
    with db.reading() as s:
        assert member_search.search(s, MemberQuery(flags=("流动党员",)), today=TODAY).total == 1
    with pytest.raises(ValidationError, match="去向"):
        with db.unit_of_work() as s:
            member_events.add_event(s, m.id, member_events.EventData("转出", date(2026, 2, 1)), today=TODAY)
    with db.unit_of_work() as s:
        member_events.add_event(s, m.id, member_events.EventData("转出", date(2026, 2, 1), counterpart="某党委",
                                                                  dues_paid_until="2026-01"), today=TODAY)
    with db.reading() as s:
        detail = members.get_member(s, m.id)
        assert (detail.status, detail.is_active, detail.left_on, detail.is_mobile) == ("已转出", False, date(2026, 2, 1), False)
        assert [e.kind for e in detail.events] == ["流出", "转出"]
        assert member_search.search(s, MemberQuery(), today=TODAY).total == 0
        assert member_search.search(s, MemberQuery(scope="已离开"), today=TODAY).total == 1
    with pytest.raises(ValidationError, match="只能登记转入"):
        with db.unit_of_work() as s:
            member_events.add_event(s, m.id, member_events.EventData("失联", date(2026, 3, 1)), today=TODAY)
    # undoing a mistaken transfer puts the member back on the roster
    with db.unit_of_work() as s:
        member_events.delete_event(s, detail.events[-1].id)
    with db.reading() as s:
        assert members.get_member(s, m.id).is_active


def test_confirmation_event_makes_a_full_member(db, orgs):
    m = add(db, orgs, "冯二", category="预备党员", join_date=PartialDate(date(2025, 10, 1)),
            birth_date=PartialDate(date(1990, 1, 1)))
    with db.unit_of_work() as s:
        member_events.add_event(s, m.id, member_events.EventData("转正", date(2026, 10, 1)), today=TODAY)
    with db.reading() as s:
        d = members.get_member(s, m.id)
    assert (d.data.category, d.data.full_date) == ("正式党员", PartialDate(date(2026, 10, 1)))


def test_editing_with_a_stale_version_is_refused(db, orgs):
    m = add(db, orgs, "陈三")
    with db.unit_of_work() as s:
        members.update_member(s, m.id, replace(m.data, phone="13800000000"), expected_version=m.version, today=TODAY)
    with pytest.raises(ConcurrentEditError):
        with db.unit_of_work() as s:
            members.update_member(s, m.id, replace(m.data, phone="13900000000"), expected_version=m.version,
                                  today=TODAY)
    with db.reading() as s:
        assert members.get_member(s, m.id).data.phone == "13800000000"


def test_quick_first_page_equals_the_orm_query(sqlite_db, db_path):
    from app.db.migrate import HEAD_REVISION
    from app.services import quick_roster
    from app.services.demo import generate

    assert quick_roster.EXPECTED_REVISION == HEAD_REVISION
    generate(sqlite_db, members=150, years=1, today=TODAY)
    quick = quick_roster.first_page(db_path, limit=60, today=TODAY)
    with sqlite_db.reading() as s:
        orm = member_search.search(s, MemberQuery(limit=60), today=TODAY)
    assert quick is not None and quick.total == orm.total and quick.rows == orm.rows
    assert quick_roster.first_page(db_path.with_name("missing.db")) is None
