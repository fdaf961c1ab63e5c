"""落实情况 grid, what 首页 lists as missing, per-member attendance and 学时, 民主评议, the 台账 lines."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest

from app.domain.errors import ValidationError
from app.services import appraisal, meeting_compliance
from app.services.meeting_ledger import build_meeting_ledger
from app.services.meeting_participation import participation
from app.services.meetings import AttendanceEntry, MeetingData, add_meeting_type, save_meeting
from helpers_meetings import TODAY, make_branch


def _held(s, ids, type_name, day, *, org="branch", absent=(), **kw):
    kw.setdefault("theme", "学习")
    attendance = tuple(AttendanceEntry("请假", ids[n], reason="外出") for n in absent)
    return save_meeting(s, MeetingData(type_name, ids[org], day, host="张三", recorder="李四", minutes="记录",
                                       attendance=attendance, **kw), today=TODAY)


@pytest.fixture
def calendar(db):
    """2026 for 第一党支部: 支委会 every month but April (two in March), 党课 in Q1, Q3 and Q4 only,
    主题党日 January to October, 党小组会 monthly to October, one 党员大会 in each quarter."""
    ids = make_branch(db)
    with db.unit_of_work() as s:
        for m in range(1, 12):
            if m != 4:
                _held(s, ids, "支部委员会", date(2026, m, 5))
            if m <= 10:
                _held(s, ids, "主题党日", date(2026, m, 15), start_time=time(9, 0), end_time=time(11, 30))
                _held(s, ids, "党小组会", date(2026, m, 20), org="group")
        _held(s, ids, "支部委员会", date(2026, 3, 28))
        for day in (date(2026, 2, 10), date(2026, 8, 3), date(2026, 10, 9)):
            _held(s, ids, "党课", day, title="学习党章", lecturer="张三", start_time=time(9, 0), end_time=time(10, 30))
        for day in (date(2026, 3, 25), date(2026, 6, 25), date(2026, 9, 25)):
            _held(s, ids, "支部党员大会", day, absent=("王五",) if day.month == 3 else ())
        save_meeting(s, MeetingData("支部党员大会", ids["branch"], date(2026, 12, 10), status="计划"), today=TODAY)
    return ids


def _row(grid, type_name):
    return next(r for r in grid.rows if r.type_name == type_name)


def test_the_grid_counts_held_meetings_against_the_rules(db, calendar):
    with db.reading() as s:
        grid = meeting_compliance.compliance_grid(s, calendar["branch"], 2026, today=TODAY)
        quarters = meeting_compliance.compliance_grid(s, calendar["branch"], 2026, by="季度", today=TODAY)
    committee = _row(grid, "支部委员会")
    assert [c.held for c in committee.cells] == [1, 1, 2, 0, 1, 1, 1, 1, 1, 1, 1, 0]
    assert [c.state for c in committee.cells][2:4] == ["已达到", "未达到"]
    assert committee.cells[10].state == "已达到" and committee.cells[11].state == "未到"
    assert committee.basis == "支部工作条例 第十二条" and committee.total == 11
    lecture = _row(grid, "党课")
    assert [c.state for c in lecture.cells][3:6] == ["未达到"] * 3  # the second quarter had none
    assert "地方惯例" in lecture.basis
    assert [c.state for c in _row(quarters, "党课").cells] == ["已达到", "未达到", "已达到", "已达到"]
    general = _row(quarters, "支部党员大会")
    assert [(c.held, c.planned, c.state) for c in general.cells][3] == (0, 1, "本期尚未完成")
    theme_day = _row(grid, "主题党日")
    assert [c.state for c in theme_day.cells][9:] == ["已达到", "本期尚未完成", "未到"]
    groups = _row(grid, "党小组会")
    assert groups.rule == "每个党小组每月至少1次" and "第一党小组" in groups.cells[10].tip
    assert _row(grid, "组织生活会").cells[0].state == "本期尚未完成"  # yearly: this year is still open
    assert "集中学习" not in {r.type_name for r in grid.rows}  # no rule and none held


def test_a_group_grid_and_the_clerks_own_type(db, calendar):
    with db.unit_of_work() as s:
        add_meeting_type(s, "党建工作例会", counts_study=False)
        meeting_compliance.set_frequency(s, "党建工作例会", 2, "季度")
        meeting_compliance.set_frequency(s, "党课", 0)
        with pytest.raises(ValidationError, match="只能调整次数"):
            meeting_compliance.set_frequency(s, "支部党员大会", 1, "月")
        _held(s, calendar, "党建工作例会", date(2026, 1, 8))
    with db.reading() as s:
        group = meeting_compliance.compliance_grid(s, calendar["group"], 2026, today=TODAY)
        grid = meeting_compliance.compliance_grid(s, calendar["branch"], 2026, by="季度", today=TODAY)
    assert [r.type_name for r in group.rows] == ["党小组会"] and group.org_name == "第一党支部·第一党小组"
    assert _row(group, "党小组会").cells[4].state == "已达到"
    own = _row(grid, "党建工作例会")
    assert own.rule == "每季度至少2次" and own.cells[0].state == "未达到" and own.basis == "本单位自定"
    assert _row(grid, "党课").rule == "不考核" and {c.state for c in _row(grid, "党课").cells} == {"不适用"}


def test_home_lists_what_this_month_and_quarter_lack(db, calendar):
    with db.reading() as s:
        missing = meeting_compliance.missing_now(s, today=TODAY)
        later = meeting_compliance.missing_now(s, today=date(2026, 12, 15))
    texts = {m.org_name: m.text for m in missing}
    assert "11月：党小组会（第一党小组）、主题党日" in texts["第一党支部"]
    assert "第四季度" not in texts["第一党支部"]  # the 党员大会 is planned, the 党课 held
    assert "本年：组织生活会、民主评议党员、谈心谈话" in texts["第一党支部"]
    overdue = [m for m in later if m.urgent]
    assert len(overdue) == 1 and "12月10日支部党员大会" in overdue[0].text


def test_each_member_is_counted_only_while_they_belonged(db, calendar):
    with db.reading() as s:
        rows = {r.name: r for r in participation(s, 2026, org_id=calendar["branch"], today=TODAY)}
    zhang, wang, qian, sun = rows["张三"], rows["王五"], rows["钱七"], rows["孙八"]
    assert zhang.expected == 11 + 10 + 10 + 3 + 3  # 支委会 (书记), 主题党日, 党小组会, 党课, 党员大会
    assert (zhang.attended, zhang.rate) == (zhang.expected, Decimal("100.0"))
    # 主题党日 9:00–11:30 is 3.3 学时 at 45 minutes; 党课 9:00–10:30 is 2.0
    assert zhang.study_hours == Decimal("3.3") * 10 + Decimal("2.0") * 3 and zhang.meets_target
    assert wang.leave == 1 and wang.attended == wang.expected - 1
    assert "5月10日起" in qian.note and qian.expected == 6 + 2 + 2  # 主题党日 May–Oct, 党课 Aug+Oct, 党员大会 Jun+Sep
    assert "8月1日止" in sun.note and sun.expected == 7 + 7 + 1 + 2  # 支委会 to July, 主题党日 to July, 党课 Feb, 大会 Mar+Jun
    assert rows["赵六"].category == "预备党员" and not rows["赵六"].meets_target


def test_appraisal_results_per_member_and_year(db, calendar):
    with db.unit_of_work() as s:
        lines = appraisal.appraisal_sheet(s, 2026, org_id=calendar["branch"], today=TODAY)
        assert sorted(x.name for x in lines) == sorted(["张三", "李四", "王五", "钱七"])  # full members on the books
        appraisal.set_result(s, calendar["张三"], 2026, "优秀", today=TODAY)
        with pytest.raises(ValidationError) as err:
            appraisal.set_result(s, calendar["王五"], 2026, "不合格", today=TODAY)
        assert err.value.field == "备注"
        appraisal.set_result(s, calendar["王五"], 2026, "不合格", notes="长期不参加组织生活，限期改正", today=TODAY)
        with pytest.raises(ValidationError, match="应为"):
            appraisal.set_result(s, calendar["李四"], 2026, "良好", today=TODAY)
        n = appraisal.grade_unrated(s, 2026, [x.member_id for x in lines], today=TODAY)
    assert n == 2
    with db.reading() as s:
        lines = appraisal.appraisal_sheet(s, 2026, org_id=calendar["branch"], today=TODAY)
    assert {x.name: x.result for x in lines} == {"张三": "优秀", "李四": "合格", "王五": "不合格", "钱七": "合格"}
    assert appraisal.result_counts(lines) == {"优秀": 1, "合格": 2, "基本合格": 0, "不合格": 1, "未评定": 0}


def test_the_ledger_lines_and_counts(db, calendar):
    with db.reading() as s:
        q1 = build_meeting_ledger(s, 2026, quarter=1, org_id=calendar["branch"])
        year = build_meeting_ledger(s, 2026)
    assert q1.title == "第一党支部2026年第一季度“三会一课”台账" and q1.months == (1, 2, 3)
    march = next(ln for ln in q1.lines if ln.type_name == "支部党员大会")
    assert (march.expected, march.present, march.absentees) == (5, 4, "王五（请假：外出）")
    lecture = next(ln for ln in q1.lines if ln.type_name == "党课")
    assert lecture.theme == "学习党章（主讲：张三）"
    assert q1.counts[("支部委员会", 3)] == 2 and q1.type_total("支部委员会") == 4 and q1.month_total(3) == 5
    assert len(year.lines) == 11 + 10 + 10 + 3 + 3 and year.org_name == "幸福社区党委"  # the plan is not in it
