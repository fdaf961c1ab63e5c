"""The 统计 charts' series on a small hand-made database; the expected numbers are written out here."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest

from app.domain.dates import PartialDate
from app.domain.member_rules import MemberData
from app.services import dues_assess, dues_collect, members, volunteers
from app.services import volunteer_activities as acts
from app.services.meetings import MeetingData, save_meeting
from app.services.stats_figures import Period, period_figures
from app.services.stats_series import period_series
from helpers_ids import make_id
from helpers_meetings import TODAY, make_branch

M = 2026 * 12


def _held(s, org_id, type_name, day, status="已召开"):
    return save_meeting(s, MeetingData(type_name, org_id, day, status=status, host="张三", recorder="李四",
                                       minutes="记录" if status == "已召开" else "", theme="学习"),
                        today=TODAY if status == "已召开" else date(2026, 3, 1))  # a plan made before its day


@pytest.fixture
def book(db):
    """make_branch's six (born 1961–1966; 赵六 预备; 钱七 in on 10 May, 孙八 out on 1 August) and three more:
    周青年 (born 1995, 硕士研究生, 转正 2020), 吴中年 (46 on 31 December, 大专, 转正 2005), 郑高龄 (born 1940, 小学, 转正 1970).
    周青年 owes 40.00 a month and paid January and February. In the first quarter the branch held 支委会 in January
    and February, 主题党日 every month, a 党员大会 in March (and planned a 党课), its 党小组 one 党小组会 in January.
    Volunteer hours: 2 in January and 3 in March confirmed, 1 in February not confirmed."""
    ids = make_branch(db)
    with db.unit_of_work() as s:
        for n, (name, birth, education, full) in enumerate((
                ("周青年", date(1995, 6, 1), "硕士研究生", date(2020, 7, 1)),
                ("吴中年", date(1980, 12, 31), "大专", date(2005, 1, 1)),
                ("郑高龄", date(1940, 3, 3), "小学", date(1970, 7, 1)))):
            ids[name] = members.create_member(s, MemberData(
                name=name, org_id=ids["branch"], id_number=make_id(birth, 41 + 2 * n), category="正式党员",
                education=education, join_date=PartialDate(date(full.year - 1, full.month, 1)),
                full_date=PartialDate(full)), today=TODAY).member.id
        dues_assess.assess(s, ids["周青年"], 2026, "在职", "4000", today=date(2026, 1, 5))
        dues_collect.record_payment(s, ids["周青年"], M, M + 1, paid_on=date(2026, 1, 10))
        b, g = ids["branch"], ids["group"]
        for day in (date(2026, 1, 5), date(2026, 2, 5)):
            _held(s, b, "支部委员会", day)
        for m in (1, 2, 3):
            _held(s, b, "主题党日", date(2026, m, 15))
        _held(s, b, "支部党员大会", date(2026, 3, 25))
        _held(s, b, "党课", date(2026, 3, 28), status="计划")
        _held(s, g, "党小组会", date(2026, 1, 20))
        vid = volunteers.register_member(s, ids["周青年"], registered_on=date(2025, 1, 1), today=TODAY).id
        for day, start, end, confirm in ((date(2026, 1, 9), 9, 11, True), (date(2026, 2, 9), 9, 10, False),
                                         (date(2026, 3, 9), 14, 17, True)):
            a = acts.save_activity(s, acts.ActivityData("敬老院探访", day, time(start), time(end), "幸福敬老院", org_id=b),
                                   today=TODAY)
            acts.add_participants(s, a.id, [vid])
            if confirm:
                acts.confirm(s, [p.hours_id for p in acts.get_activity(s, a.id).participants], by="张三", on=day)
    return ids


def test_structure_at_the_period_end(db, book):
    with db.reading() as s:
        year = period_series(s, Period.of(2026))
        q1 = period_series(s, Period.of(2026, quarter=1))
    # 31 December: 张三 李四 王五 赵六 钱七 (61–65), 周青年 31, 吴中年 46, 郑高龄 86; 孙八 gone
    assert [(b.label, b.count) for b in year.age.bars] == [
        ("35岁及以下", 1), ("36–45岁", 0), ("46–59岁", 1), ("60–69岁", 5), ("70–79岁", 0), ("80岁及以上", 1)]
    # 31 March: 孙八 still here, 钱七 not yet; 吴中年 45
    assert q1.age.count("36–45岁") == 1 and q1.age.count("46–59岁") == 0 and q1.age.count("60–69岁") == 5
    assert [(b.label, b.count) for b in year.education.bars] == [
        ("研究生", 1), ("大学本科", 0), ("大学专科", 1), ("中专/高中", 0), ("初中及以下", 1), ("未填", 5)]
    # 党龄 from 转正: 张三 1991 (35), 李四 1996 (30), 钱七 1989 (37), 王五 2002 (24), 吴中年 2005 (21),
    # 周青年 2020 (6), 郑高龄 1970 (56); 赵六 预备
    assert [(b.label, b.count) for b in year.party_age.bars] == [
        ("不满10年", 1), ("10–19年", 0), ("20–29年", 2), ("30–39年", 3), ("40–49年", 0), ("50年及以上", 1),
        ("预备党员", 1)]
    assert year.age.total == year.education.total == year.party_age.total == 8


def test_dues_and_hours_by_month_add_up_to_the_figures(db, book):
    with db.reading() as s:
        q1 = period_series(s, Period.of(2026, quarter=1))
        year = period_series(s, Period.of(2026))
        figures = [period_figures(s, Period.of(2026, quarter=q)).values for q in (1, 2)] + [
            period_figures(s, Period.of(2026)).values]
        series = [q1, period_series(s, Period.of(2026, quarter=2)), year]
        branch = period_series(s, Period.of(2026, month=3), org="第一党支部")
    assert [(d.label, d.due, d.paid) for d in q1.dues] == [
        ("1月", Decimal("40.00"), Decimal("40.00")), ("2月", Decimal("40.00"), Decimal("40.00")),
        ("3月", Decimal("40.00"), Decimal("0.00"))]
    assert len(year.dues) == 12 and year.dues_due == Decimal("480.00") and year.dues_paid == Decimal("80.00")
    for f, se in zip(figures, series):
        assert (se.dues_due, se.dues_paid, se.volunteer_hours) == (f["dues_due"], f["dues_paid"], f["volunteer_hours"])
    assert [(h.label, h.hours) for h in q1.hours] == [("1月", Decimal("2.00")), ("2月", Decimal("0.00")),
                                                      ("3月", Decimal("3.00"))]  # February's hour not confirmed
    assert [(h.label, h.hours) for h in branch.hours] == [("3月", Decimal("3.00"))]
    assert [(d.label, d.due, d.paid) for d in branch.dues] == [("3月", Decimal("40.00"), Decimal("0.00"))]


def test_meetings_held_against_required(db, book):
    with db.reading() as s:
        q1 = {m.type_name: (m.held, m.required) for m in period_series(s, Period.of(2026, quarter=1)).meetings}
        march = {m.type_name: (m.held, m.required) for m in period_series(s, Period.of(2026, month=3)).meetings}
        feb = {m.type_name: (m.held, m.required) for m in period_series(s, Period.of(2026, month=2)).meetings}
        year = {m.type_name: m.required for m in period_series(s, Period.of(2026)).meetings}
        group = {m.type_name: (m.held, m.required)
                 for m in period_series(s, Period.of(2026, quarter=1), org="第一党小组").meetings}
        figures = period_figures(s, Period.of(2026, quarter=1)).values["meetings"]
    assert q1 == {"支部党员大会": (1, 1), "支部委员会": (2, 3), "党小组会": (1, 3), "党课": (0, 1), "主题党日": (3, 3)}
    assert {k: v[0] for k, v in q1.items() if v[0]} == {k: n for k, n in figures.items() if n}
    assert march == {"支部党员大会": (1, 1), "支部委员会": (0, 1), "党小组会": (0, 1), "党课": (0, 1), "主题党日": (1, 1)}
    assert feb == {"支部委员会": (1, 1), "党小组会": (0, 1), "主题党日": (1, 1)}  # quarterly rules fall due in March
    assert year == {"支部党员大会": 4, "支部委员会": 12, "党小组会": 12, "党课": 4, "主题党日": 12, "组织生活会": 1,
                    "民主评议党员": 1, "谈心谈话": 1}
    assert group == {"党小组会": (1, 3)}  # a 党小组 answers for its own 党小组会 only
