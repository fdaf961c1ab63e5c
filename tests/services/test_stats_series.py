"""The 统计 charts' series on a small hand-made database; the expected numbers are written out here."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.services.stats_figures import Period, period_figures
from app.services.stats_series import period_series
from helpers_charts import make_book


@pytest.fixture
def book(db):
    return make_book(db)


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
        branch_figures = period_figures(s, Period.of(2026, month=3), org="第一党支部").values
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
    assert (branch.dues_due, branch.dues_paid, branch.volunteer_hours) == (
        branch_figures["dues_due"], branch_figures["dues_paid"], branch_figures["volunteer_hours"])


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


def test_an_empty_book_gives_empty_charts_that_say_so(db):
    from app.services.organisations import create_top_organisation
    from app.services.stats_series import charts

    with db.unit_of_work() as s:
        create_top_organisation(s, "空社区党委", "社区党委")
    with db.reading() as s:
        series = period_series(s, Period.of(2026, month=2))
    assert series.org_name == "空社区党委" and series.age.total == 0 and series.meetings == ()
    titles = {c.key: c.title for c in charts(series)}
    assert titles["age"] == "年龄结构（共0人）" and titles["meetings"].endswith("（本期没有）")
    assert "本期没有已确认的时长" in titles["hours"] and [m.label for m in series.dues] == ["2月"]


def test_on_the_demo_book_every_chart_agrees_with_the_figures(sqlite_db):
    from app.services.demo import generate
    from app.services.stats_series import AGE_BANDS

    generate(sqlite_db, members=150, years=2, today=date(2026, 11, 22))
    with sqlite_db.reading() as s:
        periods = [Period.of(2026), Period.of(2026, quarter=2), Period.of(2026, month=11)]
        pairs = [(period_series(s, p), period_figures(s, p).values) for p in periods]
        branch = [(period_series(s, p, org="第一党支部"), period_figures(s, p, org="第一党支部").values)
                  for p in periods]
    for se, f in pairs + branch:
        assert se.age.total == se.education.total == se.party_age.total == f["members_total"] > 0
        assert se.age.count("35岁及以下") == f["age_35_and_under"]
        assert sum(se.age.count(label) for label, lo, _hi in AGE_BANDS if lo >= 60) == f["age_60_and_over"]
        assert sum(se.education.count(k) for k in ("研究生", "大学本科", "大学专科")) == f["college_and_above"]
        assert se.party_age.count("预备党员") == f["probationary"]
        assert (se.dues_due, se.dues_paid, se.volunteer_hours) == (f["dues_due"], f["dues_paid"], f["volunteer_hours"])
        assert {m.type_name: m.held for m in se.meetings if m.held} == {k: n for k, n in f["meetings"].items() if n}
    assert pairs[0][0].dues_due > 0 and any(m.required for m in pairs[0][0].meetings)
