"""A small hand-made book for the 党内统计 tables and the 工作总结 sentences (tests/services/test_stats_*)."""

from __future__ import annotations

from datetime import date

from app.db.models import Organisation
from app.domain.dates import PartialDate
from app.domain.enums import OrgLevel, OrgType
from app.domain.member_rules import MemberData
from app.services import development as dev, members
from app.services.member_events import EventData, add_event
from app.services.stats_tables import StatsTable
from helpers_ids import make_id
from helpers_orgs import committee_and_branch

TODAY = date(2026, 12, 2)


def make_book(database):
    """Eleven members of 第一党支部 (社区) and 第二党支部 (机关), each with something to count; three applicants."""
    with database.unit_of_work() as s:
        one = committee_and_branch(s)
        two = Organisation(name="第二党支部", level=OrgLevel.BRANCH, parent_id=one.parent_id, org_type=OrgType.ORGAN)
        s.add(two)
        s.flush()
        ids = {}

        def person(name, birth, join, *, sex=None, org=one, category="正式党员", **extra):
            ids[name] = members.create_member(s, MemberData(
                name=name, org_id=org.id, id_number=make_id(birth, 10 + 2 * len(ids) + (sex != "女")),
                category=category, join_date=PartialDate(join), birth_date=PartialDate(birth),
                full_date=None if category == "预备党员" else PartialDate(date(join.year + 1, join.month, 1)),
                **extra), today=TODAY).member.id

        person("甲", date(1991, 12, 31), date(2015, 7, 1), sex="女", ethnicity="回族", education="大学本科",
               job_post="社区工作人员")
        person("乙退休", date(1950, 3, 3), date(1975, 7, 1), is_retired=True, education="高中", job_post="退休人员")
        person("丙转出", date(1980, 1, 1), date(2005, 7, 1), job_post="公务员")
        person("丁去世", date(1940, 2, 2), date(1965, 7, 1))
        person("戊转入", date(1985, 5, 5), date(2010, 7, 1), job_post="非公有经济控制企业管理岗位")
        person("己失联", date(1975, 6, 6), date(2000, 7, 1), job_post="外出务工经商人员")
        person("辛预备", date(2000, 1, 1), date(2026, 5, 10), category="预备党员", education="大学专科",
               job_post="大学本科学生")
        person("庚停止", date(1960, 1, 1), date(1985, 7, 1))
        person("壬恢复", date(1970, 1, 1), date(1995, 7, 1), org=two)
        person("癸出党", date(1990, 1, 1), date(2015, 7, 1))
        person("子失联", date(1988, 8, 8), date(2012, 7, 1), org=two, education="硕士研究生", job_post="公务员")
        person("丑无记录", date(1996, 6, 6), date(2026, 3, 1), category="预备党员", education="中专",
               job_post="其他无业人员")
        person("寅去年", date(1999, 12, 1), date(2025, 11, 1), category="预备党员")

        def event(name, kind, day, **kw):
            add_event(s, ids[name], EventData(kind, day, **kw), today=TODAY)

        event("丙转出", "转出", date(2026, 8, 1), counterpart="外区某党委")
        event("丁去世", "死亡", date(2026, 3, 15))
        event("戊转入", "转入", date(2026, 9, 1), counterpart="外区某党委", reason="整建制转入")
        event("己失联", "失联", date(2025, 6, 1), reason="外出务工经商")
        event("辛预备", "发展", date(2026, 5, 10))
        event("寅去年", "发展", date(2025, 11, 1))
        event("庚停止", "失联", date(2024, 1, 1), reason="居住地改变")
        event("庚停止", "停止党籍", date(2026, 4, 1))
        event("壬恢复", "停止党籍", date(2025, 3, 1))
        event("壬恢复", "恢复党籍", date(2026, 6, 1))
        event("癸出党", "出党", date(2026, 10, 10), subtype="自行脱党除名")
        event("子失联", "失联", date(2026, 9, 1), reason="出国(境)")

        def applicant(name, sex, birth, education, job_post, **dates):
            dev.save_record(s, None, dev.RecordData(name, one.id, gender=sex, values=dict(
                birth_date=birth, education=education, job_post=job_post, **dates)), today=TODAY)

        applicant("申请人甲", "女", date(2001, 1, 1), "大学本科", "大学本科学生", applied_on=date(2026, 2, 1))
        applicant("积极分子乙", "男", date(1990, 12, 31), "高中", "其他从业人员", applied_on=date(2025, 3, 1),
                  talked_on=date(2025, 3, 20), activist_on=date(2025, 9, 1))
        applicant("发展对象丙", "男", date(1995, 5, 5), "大专", None, applied_on=date(2024, 1, 1),
                  talked_on=date(2024, 1, 20), activist_on=date(2024, 6, 1), candidate_on=date(2025, 7, 1))
    return ids


def assert_adds_up(t: StatsTable) -> None:
    """Every band group of every row adds up to its 总数; rows of level n add up in their parent row."""
    groups = [(g, first, span) for g, first, span in t.header_groups() if g and g != "其中"]
    for row in t.rows:
        for g, first, span in groups:
            assert sum(row.cells[first:first + span]) == row.cells[0], (t.title, row.label, g)
    for i, row in enumerate(t.rows):
        children, j = [], i + 1
        while j < len(t.rows) and t.rows[j].level > row.level:
            if t.rows[j].level == row.level + 1 and not t.rows[j].of_which:
                children.append(t.rows[j])
            j += 1
        if children:
            for k in range(len(row.cells)):
                assert sum(c.cells[k] for c in children) == row.cells[k], (t.title, row.label, t.columns[k])
