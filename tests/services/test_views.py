"""The page queries (services.views) against known rows, on every backend."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from app.domain.development import derive_stage
from app.domain.enums import DevelopmentStage
from app.domain.errors import NotFoundError, StorageError
from app.services.views import (
    development,
    dues,
    home,
    maintenance,
    meetings,
    members,
    organisations,
    statistics,
    volunteers,
)
from tests.ui.sample_data import populate

TODAY = date(2026, 11, 22)


@pytest.fixture
def sample(db):
    return populate(db, TODAY)


def test_derive_stage_follows_the_latest_dated_step():
    d = date(2026, 1, 1)
    assert derive_stage() is DevelopmentStage.APPLICANT
    assert derive_stage(applied_on=d, activist_on=d) is DevelopmentStage.ACTIVIST
    assert derive_stage(activist_on=d, candidate_on=d) is DevelopmentStage.CANDIDATE
    assert derive_stage(candidate_on=d, branch_meeting_on=d) is DevelopmentStage.CANDIDATE  # awaiting approval
    assert derive_stage(branch_meeting_on=d, approved_on=d) is DevelopmentStage.PROBATIONARY
    assert derive_stage(approved_on=d, confirm_approved_on=d) is DevelopmentStage.FULL
    assert derive_stage(approved_on=d, terminated_on=d) is DevelopmentStage.TERMINATED
    assert derive_stage(activist_on=d, candidate_on=date(2026, 6, 1), as_of=date(2026, 3, 1)) is DevelopmentStage.ACTIVIST


def test_home_figures(db, sample):
    with db.reading() as s:
        view = home.home_view(s, today=TODAY)
    f = view.figures
    assert view.org_name == "幸福社区党委"
    assert (f.active, f.probationary, f.female, f.aged_60_plus, f.mobile, f.lost_contact) == (3, 1, 1, 1, 1, 0)
    assert f.meetings_held == 2
    assert (f.dues_due, f.dues_paid) == (Decimal("300.00"), Decimal("180.00"))
    assert (f.candidates, f.activists) == (1, 1)
    assert (f.volunteers, f.volunteer_hours) == (2, Decimal("5.50"))


def test_home_reminders(db, sample):
    with db.reading() as s:
        reminders = home.home_view(s, today=TODAY).reminders
    by_kind = {}
    for r in reminders:
        by_kind.setdefault(r.kind, []).append(r)
    assert [(r.org_name, "2027-02-22" in r.text) for r in by_kind["换届"]] == [("第一党支部", True)]
    assert [(r.org_name, "王五（10个月）" in r.text) for r in by_kind["党费"]] == [("第二党支部", True)]
    meetings_ = {r.org_name: r.text for r in by_kind["会议"]}
    # neither branch has a committee of three seats in office, so no 支部委员会 is asked for (第八、十二条)
    assert "11月：党小组会（第一党小组）、主题党日" in meetings_["第一党支部"]
    assert "支部委员会" not in meetings_["第一党支部"]
    assert "第四季度：支部党员大会、党课" in meetings_["第二党支部"] and "支部委员会" not in meetings_["第二党支部"]
    assert "本年：组织生活会、民主评议党员、谈心谈话" in meetings_["第二党支部"]
    assert [(r.org_name, "李小红" in r.text) for r in by_kind["身份证号待补充"]] == [("第一党支部", True)]


def test_overdue_term_is_urgent(db, sample):
    with db.reading() as s:
        reminders = home.terms_due(s, today=date(2027, 3, 1))
    assert reminders[0].urgent and "已于" in reminders[0].text


def test_organisation_tree_counts_each_member_once(db, sample):
    with db.reading() as s:
        tree = organisations.org_tree(s)
        detail = organisations.org_detail(s, sample.b1)
        choices = organisations.org_choices(s)
    counts = {n.name: (n.direct_members, n.total_members) for n in tree}
    assert counts == {"幸福社区党委": (0, 3), "第一党支部": (2, 2), "第一党小组": (1, 1), "第二党支部": (1, 1)}
    assert [n.name for n in tree] == ["幸福社区党委", "第一党支部", "第一党小组", "第二党支部"]
    assert detail.term.term_number == 3 and detail.parent_name == "幸福社区党委"
    assert [(p.post, p.person_name) for p in detail.posts] == [("书记", "张三丰"), ("组织委员", "李小红")]
    assert [(c.name, c.depth) for c in choices] == [("幸福社区党委", 0), ("第一党支部", 1), ("第二党支部", 1)]
    with pytest.raises(NotFoundError):
        with db.reading() as s:
            organisations.org_detail(s, 9999)


def test_roster_pages_search_and_scope(db, sample):
    with db.reading() as s:
        everyone = members.roster_page(s, today=TODAY)
        by_initials = members.roster_page(s, text="zsf", today=TODAY)
        by_pinyin = members.roster_page(s, text="lixiao", today=TODAY)
        left = members.roster_page(s, scope="已离开", today=TODAY)
        probationary = members.roster_page(s, category="预备党员", today=TODAY)
        branch2 = members.roster_page(s, org_id=sample.b2, today=TODAY)
        paged = members.roster_page(s, offset=1, limit=1, today=TODAY)
        filters = members.roster_filters(s)
        detail = members.member_detail(s, sample.zhao)
    assert everyone.total == 3 and {r.name for r in everyone.rows} == {"张三丰", "李小红", "王五"}
    assert [r.name for r in by_initials.rows] == ["张三丰"]
    assert [r.name for r in by_pinyin.rows] == ["李小红"]
    assert [r.name for r in left.rows] == ["赵六"]
    assert [r.name for r in probationary.rows] == ["李小红"]
    assert [r.name for r in branch2.rows] == ["王五"]
    assert paged.total == 3 and len(paged.rows) == 1
    assert filters.mask_id_numbers is True and filters.organisations[0].name == "幸福社区党委"
    assert [e.kind for e in detail.events] == ["转出"]


def test_dues_year_table(db, sample):
    with db.reading() as s:
        table = dues.year_table(s, 2026, today=TODAY)
        years = dues.available_years(s, today=TODAY)
        totals = dues.year_totals(s, 2026)
    rows = {r.name: r for r in table.rows}
    assert [r.name for r in table.rows] == ["张三丰", "王五"]
    assert (rows["张三丰"].annual_due, rows["张三丰"].paid, rows["张三丰"].arrears_months) == (
        Decimal("180.00"), Decimal("180.00"), 0)
    assert (rows["王五"].monthly, rows["王五"].annual_due, rows["王五"].arrears_months) == (
        Decimal("10.00"), Decimal("120.00"), 10)
    assert (table.total_due, table.total_paid, table.members_in_arrears) == (Decimal("300.00"), Decimal("180.00"), 1)
    assert years == [2026]
    assert totals == (table.total_due, table.total_paid)


def test_liable_months_follow_joining_and_leaving():
    from app.services.dues_liability import Liability

    def months_of_2026(join: date, left: date | None) -> int:
        span = Liability(join.year * 12 + join.month - 1, left.year * 12 + left.month - 1 if left else None)
        return len(dues.year_months(2026, span))

    assert months_of_2026(date(2026, 9, 15), None) == 4  # from the month of admission
    assert months_of_2026(date(1990, 1, 1), date(2026, 3, 10)) == 3  # up to the month of leaving
    assert months_of_2026(date(2027, 1, 1), None) == 0


def test_meeting_list_and_detail(db, sample):
    with db.reading() as s:
        this_year = meetings.list_meetings(s, year=2026)
        lessons = meetings.list_meetings(s, type_name="党课")
        detail = meetings.meeting_detail(s, sample.meeting)
        years = meetings.available_years(s, today=TODAY)
        types = meetings.meeting_types(s)
    assert [(m.type_name, m.subject) for m in this_year] == [("支部委员会", "研究发展党员工作"), ("党课", "学习党章")]
    assert (this_year[0].expected, this_year[0].present) == (5, 4)  # 请假 counts, 列席 does not
    assert [m.meeting_date for m in lessons] == [date(2026, 1, 10)]
    assert {(a.name, a.state, a.reason) for a in detail.attendance} == {("李小红", "请假", "出差"), ("社区主任", "列席", "")}
    assert years == [2026, 2025] and types[0] == "支部党员大会"


def test_development_stages_and_mentors(db, sample):
    with db.reading() as s:
        rows = development.list_records(s)
        activists = development.list_records(s, stage="积极分子")
    assert [(r.name, r.stage) for r in rows] == [
        ("陈一", "入党申请人"), ("刘二", "积极分子"), ("孙三", "发展对象"), ("周四", "预备党员"), ("吴五", "终止")]
    assert next(r for r in rows if r.name == "孙三").mentors == "张三丰"
    assert [r.name for r in activists] == ["刘二"]


def test_volunteers_teams_activities(db, sample):
    with db.reading() as s:
        people = volunteers.list_volunteers(s)
        teams = volunteers.list_teams(s)
        activities = volunteers.list_activities(s, year=2026)
        totals = volunteers.totals(s, 2026)
    assert {(v.name, v.is_member, v.hours) for v in people} == {
        ("张三丰", True, Decimal("2.50")), ("钱七", False, Decimal("3.00"))}  # pending hours left out
    assert [(t.name, t.leader, t.category, t.members, t.activities) for t in teams] == [
        ("红帽子服务队", "张三丰", "助老", 2, 1)]
    assert [(a.title, a.participants, a.hours, a.beneficiaries) for a in activities] == [
        ("敬老院探访", 2, Decimal("5.50"), 30)]
    assert (totals.volunteers, totals.member_volunteers, totals.teams, totals.activities) == (2, 1, 1, 1)


def test_year_statistics(db, sample):
    from app.services.stats_figures import Period, figure_lines, period_figures

    with db.reading() as s:
        now = {line.label: line.value for line in figure_lines(period_figures(s, Period.of(2026)))}
        last = {line.label: line.value for line in figure_lines(period_figures(s, Period.of(2025)))}
        years = statistics.available_years(s, today=TODAY)
    assert (now["党员总数"], now["其中：女党员"], now["其中：少数民族"]) == ("3", "1", "1")
    assert (now["其中：35岁及以下"], now["其中：60岁及以上"], now["其中：大专及以上学历"]) == ("1", "1", "2")
    assert (now["其中：预备党员"], now["发展党员（接收预备党员）"], now["转出组织关系"]) == ("1", "1", "1")
    assert (now["支部委员会"], now["党课"], now["主题党日"]) == ("1", "1", "0")
    assert (now["应缴党费（元）"], now["实缴党费（元）"]) == ("300.00", "180.00")
    assert (now["注册志愿者"], now["服务时长（小时）"], now["受益群众（人次）"]) == ("2", "5.50", "30")
    # at the end of 2025 赵六 had not left yet and 李小红 had not joined
    assert (last["党员总数"], last["其中：女党员"], last["主题党日"]) == ("3", "1", "1")
    assert years == list(range(2026, 1995, -1))  # back to the earliest record, at most 30 years


def test_check_and_backup(db, sample, tmp_path):
    with db.reading() as s:
        report = maintenance.check_database(s)
    assert report.ok and report.counts.get("member") == 4
    if not db.is_sqlite:
        with pytest.raises(StorageError):
            with db.reading() as s:
                maintenance.backup_now(s)
        return
    with db.reading() as s:
        result = maintenance.backup_now(s, now=datetime(2026, 11, 22, 9, 30, 5))
    assert result.path.name == "branch-20261122-093005.db" and result.path.parent.name == "branch-backups"
    assert result.size_bytes > 0


def test_nobody_is_counted_present_at_a_planned_meeting(db, sample):
    from sqlalchemy import select

    from app.db.models import Meeting, MeetingType
    from app.domain.enums import MeetingStatus

    with db.unit_of_work() as s:
        type_id = s.scalar(select(MeetingType.id).where(MeetingType.name == "主题党日"))
        s.add(Meeting(org_id=sample.b2, type_id=type_id, meeting_date=date(2026, 12, 5),
                      status=MeetingStatus.PLANNED, theme="年终总结", expected_count=2))
    with db.reading() as s:
        planned = meetings.list_meetings(s, year=2026, type_name="主题党日")
    assert [(m.subject, m.expected, m.present) for m in planned] == [("年终总结", 2, None)]


def test_a_party_group_meeting_names_its_branch(db, sample):
    from sqlalchemy import select

    from app.db.models import Meeting, MeetingType
    from app.domain.enums import MeetingStatus

    with db.unit_of_work() as s:
        type_id = s.scalar(select(MeetingType.id).where(MeetingType.name == "党小组会"))
        s.add(Meeting(org_id=sample.g1, type_id=type_id, meeting_date=date(2026, 3, 3), status=MeetingStatus.HELD,
                      theme="学习讨论", expected_count=2))
    with db.reading() as s:
        rows = meetings.list_meetings(s, year=2026, type_name="党小组会")
        detail = meetings.meeting_detail(s, rows[0].id)
    assert [r.org_name for r in rows] == ["第一党支部·第一党小组"] and detail.row.org_name == rows[0].org_name
    with db.reading() as s:
        names = organisations.display_names(s)
    assert (names[sample.g1], names[sample.b1]) == ("第一党支部·第一党小组", "第一党支部")
