"""The five 党内统计 tables on a small hand-made database; the expected numbers are written out person by person."""

from __future__ import annotations

from datetime import date

import pytest

from app.db.models import Member
from app.domain.dates import PartialDate
from app.domain.member_rules import MemberData
from app.services import members
from app.services.member_events import EventData, add_event
from app.services.stats_tables import TOTAL, party_table, party_tables
from helpers_ids import make_id
from helpers_stats_tables import assert_adds_up, make_book


@pytest.fixture
def book(db):
    return make_book(db)


def test_membership_change_adds_up(db, book):
    with db.reading() as s:
        t = party_table(s, "change", 2026)
    v = {r.label: r.cells[0] for r in t.rows}
    assert v["一、上年底总数"] == 9  # 甲 乙 丙 丁 己 庚 癸 子 寅 (壬's 党籍 stopped; 戊 came in September)
    assert (v["发展党员"], v["恢复党籍"], v["其中：停止党籍后恢复党籍"], v["转入组织关系"], v["其中：整建制转入"]) == (1, 1, 1, 1, 1)
    assert v["二、本年增加"] == 3 and v["其中：重新入党"] == 0
    assert (v["出党"], v["停止党籍"], v["死亡"], v["转出组织关系"], v["三、本年减少"]) == (1, 1, 1, 1, 4)
    assert v["四、本年底应有数"] == v["一、上年底总数"] + v["二、本年增加"] - v["三、本年减少"] == 8
    assert v["五、本年底实有数"] == 9  # 甲 乙 戊 己 辛 壬 子 丑 寅
    assert v["六、实有数与应有数之差"] == 1  # 丑 joined in March without a 发展 record
    assert "应有数＝上年底总数＋本年增加－本年减少" in t.note
    with db.reading() as s:
        last_year = {r.label: r.cells[0] for r in party_table(s, "change", 2025).rows}
    assert last_year["发展党员"] == 1 and last_year["停止党籍"] == 1  # 寅 in November 2025; 壬 in March 2025
    assert last_year["五、本年底实有数"] == v["一、上年底总数"]


def test_basic_table_at_the_years_end(db, book):
    with db.reading() as s:
        t = party_table(s, "basic", 2026)
    assert_adds_up(t)
    assert t.value("总计", TOTAL) == 9
    assert (t.value("总计", "预备党员"), t.value("总计", "女"), t.value("总计", "少数民族")) == (3, 1, 1)  # 辛 丑 寅
    assert t.value("总计", "31至35岁") == 1  # 甲: born 1991-12-31, 35 on the end date
    assert t.value("总计", "30岁及以下") == 3  # 辛 26, 丑 30, 寅 27
    assert t.value("总计", "71岁及以上") == 1 and t.value("总计", "56至60岁") == 1  # 乙 76; 壬 56
    assert t.value("总计", "研究生") == 1 and t.value("总计", "未填", "学历") == 4  # 子; 戊 己 壬 寅
    assert t.value("一、在岗职工", TOTAL) == 3  # 甲 (其他在岗), 戊 (非公 企业管理), 子 (公务员)
    assert t.value("党政机关工作人员", TOTAL) == 1 and t.value("其他在岗职工", TOTAL) == 1
    assert t.value("二、农牧渔民", TOTAL) == 1 and t.value("其中：外出务工经商人员", TOTAL) == 1
    assert t.value("四、学生", TOTAL) == 1 and t.value("五、离退休人员", TOTAL) == 1
    assert t.value("六、其他", TOTAL) == 1 and t.value("未填工作岗位", TOTAL) == 2  # 丑; 壬 寅
    assert all(isinstance(c, int) for r in t.rows for c in r.cells)
    assert [c.label for c in t.columns[:5]] == ["总数", "预备党员", "女", "少数民族", "台湾省籍"]
    assert t.header_groups()[:3] == [("", 0, 1), ("其中", 1, 4), ("年龄", 5, 10)]


def test_admissions_fall_in_their_year_with_the_age_at_admission(db, book):
    with db.reading() as s:
        now, before = party_table(s, "admitted", 2026), party_table(s, "admitted", 2025)
    assert_adds_up(now)
    assert_adds_up(before)
    assert now.value("总计", TOTAL) == 1 and now.value("总计", "26至30岁") == 1  # 辛, 26 on 10 May
    assert now.value("总计", "大学专科") == 1 and now.value("四、学生", TOTAL) == 1
    assert before.value("总计", TOTAL) == 1 and before.value("总计", "25岁及以下") == 1  # 寅, 25 on 1 November
    assert before.value("未填工作岗位", TOTAL) == 1


def test_applicants_at_the_years_end(db, book):
    with db.reading() as s:
        t = party_table(s, "applicants", 2026)
        earlier = party_table(s, "applicants", 2025)
    assert_adds_up(t)
    assert [r.cells[0] for r in t.rows] == [3, 1, 1, 1]
    assert t.value("合计", "女") == 1
    assert t.value("合计", "35岁及以下") == 2 and t.value("入党积极分子（尚未列为发展对象）", "36岁及以上") == 1
    assert (t.value("合计", "大专及以上"), t.value("合计", "中专、高中、中技")) == (2, 1)
    assert (t.value("合计", "学生"), t.value("合计", "在岗职工"), t.value("合计", "未填", "职业")) == (1, 1, 1)
    assert [r.cells[0] for r in earlier.rows] == [2, 0, 1, 1]  # 申请人甲 applied in 2026


def test_lost_contact_at_the_years_end(db, book):
    with db.reading() as s:
        t = party_table(s, "lost", 2026)
    assert_adds_up(t)
    assert t.value("总计", TOTAL) == 2  # 己, 子 (庚's 党籍 is stopped)
    assert t.value("社区（居委会）", TOTAL) == 1 and t.value("机关", TOTAL) == 1
    assert t.value("总计", "1年至5年", "失去联系时间") == 1  # 己: 18 months
    assert t.value("总计", "不满6个月", "失去联系时间") == 1  # 子: 3 months
    assert t.value("总计", "外出务工经商") == 1 and t.value("总计", "出国（境）") == 1
    assert t.value("总计", "21年及以上") == 1 and t.value("总计", "11年至20年") == 1  # 党龄 26 and 14
    assert t.value("总计", "46至60岁") == 1 and t.value("总计", "36至45岁") == 1


def test_one_branch_and_its_figures(db, book):
    with db.reading() as s:
        tables = {t.key: t for t in party_tables(s, 2026, org="第二党支部")}
    assert [t.org_name for t in tables.values()] == ["第二党支部"] * 5
    v = {r.label: r.cells[0] for r in tables["change"].rows}
    assert (v["一、上年底总数"], v["二、本年增加"], v["三、本年减少"], v["五、本年底实有数"]) == (1, 1, 0, 2)
    assert v["六、实有数与应有数之差"] == 0
    assert tables["basic"].value("总计", TOTAL) == 2 and tables["lost"].value("总计", TOTAL) == 1
    assert tables["applicants"].value("合计", TOTAL) == 0
    for t in tables.values():
        if t.key != "change":
            assert_adds_up(t)


def test_a_rejoining_member_and_a_whole_unit_transfer(db, book):
    today = date(2026, 12, 2)
    number = make_id(date(1980, 4, 4), 91)
    with db.unit_of_work() as s:
        org_id = s.get(Member, book["甲"]).org_id
        old = members.create_member(s, MemberData(name="卯旧", org_id=org_id, id_number=number, birth_date=PartialDate(
            date(1980, 4, 4)), join_date=PartialDate(date(2005, 7, 1))), today=today).member.id
        add_event(s, old, EventData("出党", date(2024, 5, 1), subtype="开除党籍"), today=today)
        new = members.create_member(s, MemberData(name="卯新", org_id=org_id, id_number=number, birth_date=PartialDate(
            date(1980, 4, 4)), category="预备党员", join_date=PartialDate(date(2026, 6, 1))), today=today).member.id
        add_event(s, new, EventData("发展", date(2026, 6, 1)), today=today)
        add_event(s, book["乙退休"], EventData("转出", date(2026, 11, 1), counterpart="某街道党工委（整建制）"),
                  today=today)
    with db.reading() as s:
        v = {r.label: r.cells[0] for r in party_table(s, "change", 2026).rows}
    assert (v["发展党员"], v["其中：重新入党"]) == (2, 1)
    assert (v["转出组织关系"], v["其中：整建制转出"]) == (2, 1)
    assert v["四、本年底应有数"] == 9 + 4 - 5 and v["五、本年底实有数"] == 9 + 1 - 1
