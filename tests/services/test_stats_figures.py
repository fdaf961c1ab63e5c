"""统计 figures on a small hand-made database; the expected numbers are written out here, person by person."""

from __future__ import annotations

from datetime import date

import pytest

from app.db.models import Organisation
from app.domain.dates import PartialDate
from app.domain.enums import OrgLevel
from app.domain.member_rules import MemberData
from app.services import dues_assess, dues_collect, members
from app.services import development as dev
from app.services.member_events import EventData, add_event
from app.services.stats_figures import Period, people_behind, period_figures
from helpers_cli import run
from helpers_ids import make_id
from helpers_orgs import committee_and_branch

TODAY = date(2026, 12, 2)
M = 2026 * 12


@pytest.fixture
def book(db):
    return _book(db)


@pytest.fixture
def sqlite_book(sqlite_db):
    """The same book in the SQLite file the command opens (``db`` may be PostgreSQL)."""
    return _book(sqlite_db)


def _book(database):
    """Eight people of 第一党支部 and one of 第二党支部, each with one thing to count."""
    with database.unit_of_work() as s:
        one = committee_and_branch(s)
        two = Organisation(name="第二党支部", level=OrgLevel.BRANCH, parent_id=one.parent_id)
        s.add(two)
        s.flush()
        ids = {}

        def person(name, birth, *, sex=None, org=one, category="正式党员", join=None, **extra):
            join = join or date(min(birth.year + 25, 2020), 7, 1)
            ids[name] = members.create_member(s, MemberData(
                name=name, org_id=org.id, id_number=make_id(birth, 10 + 2 * len(ids) + (sex != "女")),  # odd: 男
                category=category, join_date=PartialDate(join),
                full_date=None if category == "预备党员" else PartialDate(date(join.year + 1, join.month, 1)),
                **extra), today=TODAY).member.id

        person("甲三十五", date(1991, 12, 31), sex="女", ethnicity="回族", education="大学本科")  # 35 on 31 Dec
        person("乙退休", date(1950, 3, 3), is_retired=True, education="高中")
        person("丙转出", date(1980, 1, 1))
        person("丁去世", date(1940, 2, 2))
        person("戊转入", date(1985, 5, 5))
        person("己失联", date(1975, 6, 6))
        person("庚流出", date(1988, 8, 8), education="大学专科")
        person("辛预备", date(2000, 1, 1), category="预备党员", join=date(2026, 5, 10))
        person("壬二支部", date(1970, 1, 1), org=two)

        def event(name, kind, day, **kw):
            add_event(s, ids[name], EventData(kind, day, **kw), today=TODAY)

        event("丙转出", "转出", date(2026, 8, 1), counterpart="外区某党委")
        event("丁去世", "死亡", date(2026, 3, 15))
        event("戊转入", "转入", date(2026, 9, 1), counterpart="外区某党委", dues_paid_until="2026-08")
        event("己失联", "失联", date(2025, 6, 1))
        event("庚流出", "流出", date(2026, 2, 10))
        event("辛预备", "发展", date(2026, 5, 10))
        dev.save_record(s, None, dev.RecordData("申请人", one.id, values={"applied_on": date(2026, 2, 1)}), today=TODAY)
        a = dues_assess.assess(s, ids["甲三十五"], 2026, "在职", "4000", today=date(2026, 1, 5))  # 40.00 a month
        assert a.monthly_amount == 40
        dues_collect.record_payment(s, ids["甲三十五"], M, M + 1, paid_on=date(2026, 1, 10))  # January, February
        ids["one"], ids["two"] = one.id, two.id
    return ids


def test_the_year_and_its_first_quarter(db, book):
    with db.reading() as s:
        year = period_figures(s, Period.of(2026)).values
        q1 = period_figures(s, Period.of(2026, quarter=1)).values
        branch = period_figures(s, Period.of(2026), org="第二党支部").values
    assert year["members_total"] == 7  # 31 December: 甲 乙 戊 己 庚 辛 壬
    assert q1["members_total"] == 6  # 31 March: 甲 乙 丙 己 庚 壬 (戊 came in September, 辛 in May; 丁 died 15 March)
    assert (year["probationary"], q1["probationary"]) == (1, 0)  # 辛 admitted in May
    assert (year["female"], year["minority"]) == (1, 1)
    assert year["age_35_and_under"] == 2  # 甲 (born 1991-12-31: 35 on the end date) and 辛
    assert year["age_60_and_over"] == 1  # 乙 (丁 no longer counted)
    assert q1["age_60_and_over"] == 1  # 丁 died on 15 March, before the quarter's end
    assert year["college_and_above"] == 2  # 甲 本科, 庚 专科
    assert (year["retired"], year["lost_contact"], year["mobile_out"]) == (1, 1, 1)
    assert (q1["mobile_out"], q1["lost_contact"]) == (1, 1)
    assert (year["admitted_probationary"], q1["admitted_probationary"]) == (1, 0)
    assert (year["transferred_out"], year["transferred_in"], year["deceased"]) == (1, 1, 1)
    assert (q1["transferred_out"], q1["transferred_in"], q1["deceased"]) == (0, 0, 1)
    assert (year["applications"], q1["applications"]) == (1, 1)
    assert q1["dues_due"] == 120 and q1["dues_paid"] == 80  # 甲 only: 3 × 40 owed, January and February paid
    assert branch["members_total"] == 1 and branch["dues_due"] == 0


def test_members_who_came_or_left_mid_year_fall_in_the_right_quarters(db, book):
    with db.reading() as s:
        quarters = [period_figures(s, Period.of(2026, quarter=q)) for q in (1, 2, 3, 4)]
        names = [set(people_behind(s, q.period, None, "members_total")) for q in quarters]
    assert book["丁去世"] not in names[0]  # died 15 March
    assert book["丙转出"] in names[1] and book["丙转出"] not in names[2]  # transferred out 1 August
    assert book["辛预备"] not in names[0] and book["辛预备"] in names[1]  # admitted 10 May
    assert book["戊转入"] not in names[1] and book["戊转入"] in names[2]  # transferred in 1 September
    assert [q.values["transferred_in"] for q in quarters] == [0, 0, 1, 0]


def test_the_stats_command_prints_one_stable_json_object(db_path, sqlite_book):
    import json

    result = run("--db", str(db_path), "stats", "--year", "2026", "--quarter", "1", "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    keys = {"members_total", "probationary", "female", "minority", "age_35_and_under", "age_60_and_over",
            "college_and_above", "retired", "lost_contact", "mobile_out", "admitted_probationary", "converted_full",
            "transferred_in", "transferred_out", "deceased", "applications", "activists", "candidates", "meetings",
            "meeting_attendance", "dues_due", "dues_paid", "dues_arrears_members", "volunteers", "volunteer_teams",
            "volunteer_activities", "volunteer_beneficiaries", "volunteer_hours"}
    assert keys <= set(out)
    assert (out["dues_due"], out["dues_paid"]) == ("120.00", "80.00")
    assert set(out["meetings"]) >= {"支部党员大会", "支部委员会", "党小组会", "党课", "主题党日", "组织生活会", "民主评议党员",
                                    "谈心谈话", "集中学习"}
    assert isinstance(out["volunteer_hours"], float) and out["members_total"] == 6
    text = run("--db", str(db_path), "stats", "--year", "2026", "--org", "第二党支部")
    assert "党员总数：1" in text.stdout and "按出生日期" in text.stdout


def test_any_dates_from_the_command(db_path, sqlite_book):
    import json

    out = run("--db", str(db_path), "stats", "--from", "2026-03-16", "--to", "2026-08-15", "--json")
    assert out.returncode == 0, out.stderr
    values = json.loads(out.stdout)
    assert values["period"] == {"start": "2026-03-16", "end": "2026-08-15", "label": "2026-03-16至2026-08-15"}
    assert (values["members_total"], values["deceased"], values["transferred_out"]) == (6, 0, 1)
    bad = run("--db", str(db_path), "stats", "--from", "2026-08-15", "--to", "2026-03-16")
    assert bad.returncode != 0 and "早于开始日期" in bad.stderr
    half = run("--db", str(db_path), "stats", "--from", "2026-08-15")
    assert half.returncode != 0 and "同时给出" in half.stderr


def test_age_bands_at_their_boundaries_in_sql_and_in_the_list(db):
    """35岁及以下 and 60岁及以上 on the day, born on the boundary days (29 February too): the database's count
    (member_counts) and the list the clerk opens (people_behind) name the same people."""
    from app.services.stats_members import member_counts

    with db.unit_of_work() as s:
        branch = committee_and_branch(s)
        births = {"满36": date(1988, 2, 28), "差一天36": date(1988, 2, 29), "满60": date(1964, 2, 28),
                  "差一天60": date(1964, 2, 29), "闰日生": date(1992, 2, 29), "35岁": date(1990, 6, 1)}
        ids = {}
        for n, (name, birth) in enumerate(births.items()):
            ids[name] = members.create_member(s, MemberData(
                name=name, org_id=branch.id, id_number=make_id(birth, 11 + 2 * n), category="正式党员",
                join_date=PartialDate(date(2015, 7, 1)), full_date=PartialDate(date(2016, 7, 1))),
                today=TODAY).member.id
    day = date(2024, 2, 28)  # 1988-02-28 turns 36 today; 1988-02-29 is still 35; 1964-02-28 turns 60
    period = Period.between(date(2024, 1, 1), day)
    with db.reading() as s:
        counts = member_counts(s, day, None)
        young = {n for n, i in ids.items() if i in people_behind(s, period, None, "age_35_and_under")}
        old = {n for n, i in ids.items() if i in people_behind(s, period, None, "age_60_and_over")}
    assert young == {"差一天36", "闰日生", "35岁"} and counts["age_35_and_under"] == 3
    assert old == {"满60"} and counts["age_60_and_over"] == 1
    with db.reading() as s:  # a leap day: 1964-02-29 turns 60 on 29 February 2024
        later = member_counts(s, date(2024, 2, 29), None)
    assert later["age_60_and_over"] == 2 and later["age_35_and_under"] == 2
