"""Known rows for the page-query and window tests: a small 社区党委 with every section filled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from app.db.models import (
    CommitteePost,
    CommitteeTerm,
    DevelopmentPerson,
    DevelopmentRecord,
    DuesAssessment,
    DuesPayment,
    Meeting,
    MeetingAttendance,
    MeetingType,
    Member,
    MembershipEvent,
    Organisation,
    ServiceCategory,
    Volunteer,
    VolunteerActivity,
    VolunteerHours,
    VolunteerTeam,
    VolunteerTeamMember,
)
from app.domain import idnumber
from app.domain.dates import add_months, add_years
from app.domain.enums import (
    AttendanceState,
    CommitteePostKind,
    DevelopmentRole,
    DuesCategory,
    EventKind,
    Gender,
    HoursState,
    MeetingStatus,
    MemberCategory,
    MemberStatus,
    OrgLevel,
)
from app.domain.names import name_keys


def make_id(birth: date, seq: int, region: str = "110105") -> str:
    first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
    return first17 + idnumber.check_char(first17)


@dataclass(frozen=True)
class Sample:
    today: date
    top: int
    b1: int
    b2: int
    g1: int
    zhang: int  # 张三丰
    li: int  # 李小红
    wang: int  # 王五
    zhao: int  # 赵六 (transferred out)
    meeting: int  # this month's 支部委员会 of 第一党支部


def _member(s, name, org_id, **kw) -> Member:
    keys = name_keys(name)
    m = Member(name=name, name_pinyin=keys.pinyin, name_initials=keys.initials, sort_key=keys.sort_key,
               org_id=org_id, **kw)
    s.add(m)
    s.flush()
    return m


def populate(db, today: date) -> Sample:
    """Insert the sample; counts the tests rely on are written next to the rows."""
    year = today.year
    with db.unit_of_work() as s:
        top = Organisation(name="幸福社区党委", level=OrgLevel.COMMITTEE)
        s.add(top)
        s.flush()
        b1 = Organisation(name="第一党支部", level=OrgLevel.BRANCH, parent_id=top.id, sort_order=1)
        b2 = Organisation(name="第二党支部", level=OrgLevel.BRANCH, parent_id=top.id, sort_order=2)
        s.add_all([b1, b2])
        s.flush()
        g1 = Organisation(name="第一党小组", level=OrgLevel.GROUP, parent_id=b1.id)
        s.add(g1)
        s.flush()

        zhang = _member(s, "张三丰", b1.id, group_id=g1.id, gender=Gender.MALE, birth_date=date(1950, 3, 2),
                        id_number=make_id(date(1950, 3, 2), 123), ethnicity="汉族", education="大学本科",
                        join_date=date(1975, 7, 1), full_date=date(1976, 7, 1), phone="13800001111",
                        category=MemberCategory.FULL)
        li = _member(s, "李小红", b1.id, gender=Gender.FEMALE, birth_date=date(1995, 5, 5), ethnicity="回族",
                     education="大专", join_date=add_months(today, -3), category=MemberCategory.PROBATIONARY)
        wang = _member(s, "王五", b2.id, gender=Gender.MALE, birth_date=date(1980, 1, 1), ethnicity="汉族",
                       education="高中", join_date=date(2005, 6, 1), full_date=date(2006, 6, 1), is_mobile=True,
                       id_number=make_id(date(1980, 1, 1), 456))
        zhao = _member(s, "赵六", b2.id, gender=Gender.FEMALE, birth_date=date(1960, 8, 8),
                       join_date=date(1990, 1, 1), status=MemberStatus.TRANSFERRED_OUT, is_active=False,
                       left_on=date(year, 1, 15))
        s.add_all([
            MembershipEvent(member_id=zhang.id, kind=EventKind.ADMITTED, event_date=date(1975, 7, 1)),
            MembershipEvent(member_id=zhang.id, kind=EventKind.CONFIRMED, event_date=date(1976, 7, 1)),
            MembershipEvent(member_id=li.id, kind=EventKind.ADMITTED, event_date=add_months(today, -3)),
            MembershipEvent(member_id=zhao.id, kind=EventKind.TRANSFER_OUT, event_date=date(year, 1, 15),
                            counterpart="阳光社区党委"),
        ])

        # 第一党支部's committee: the term ends within six months
        term = CommitteeTerm(org_id=b1.id, term_number=3, started_on=add_years(add_months(today, 3), -5),
                             planned_end_on=add_months(today, 3), election_method="党员大会选举")
        s.add(term)
        s.flush()
        s.add_all([
            CommitteePost(term_id=term.id, member_id=zhang.id, person_name="张三丰", post=CommitteePostKind.SECRETARY),
            CommitteePost(term_id=term.id, member_id=li.id, person_name="李小红", post=CommitteePostKind.ORGANISATION),
        ])

        # 党费 this year: 张三丰 paid every month so far, 王五 nothing
        s.add_all([
            DuesAssessment(member_id=zhang.id, year=year, category=DuesCategory.RETIRED, base=Decimal("3000.00"),
                           rate=Decimal("0.0050"), monthly_amount=Decimal("15.00")),
            DuesAssessment(member_id=wang.id, year=year, category=DuesCategory.EMPLOYED, base=Decimal("2000.00"),
                           rate=Decimal("0.0050"), monthly_amount=Decimal("10.00")),
            DuesPayment(member_id=zhang.id, period_start=date(year, 1, 1), period_end=date(year, 12, 1),
                        amount=Decimal("180.00"), paid_on=date(year, 1, 5)),
        ])

        types = {t.name: t.id for t in s.scalars(select(MeetingType))}
        meeting = Meeting(org_id=b1.id, type_id=types["支部委员会"], meeting_date=today.replace(day=1),
                          status=MeetingStatus.HELD, host="张三丰", theme="研究发展党员工作", expected_count=5)
        s.add(meeting)
        s.flush()
        s.add_all([
            MeetingAttendance(meeting_id=meeting.id, member_id=li.id, state=AttendanceState.LEAVE, reason="出差"),
            MeetingAttendance(meeting_id=meeting.id, person_name="社区主任", state=AttendanceState.OBSERVER),
            Meeting(org_id=b1.id, type_id=types["党课"], meeting_date=date(year, 1, 10), status=MeetingStatus.HELD,
                    lecturer="张三丰", title="学习党章", host="张三丰", expected_count=3),
            Meeting(org_id=b2.id, type_id=types["主题党日"], meeting_date=date(year - 1, 6, 1),
                    status=MeetingStatus.HELD, theme="重温入党誓词", expected_count=2),
        ])

        records = {
            "陈一": dict(applied_on=date(year, 1, 2)),
            "刘二": dict(applied_on=date(year - 1, 1, 2), activist_on=date(year - 1, 4, 1)),
            "孙三": dict(applied_on=date(year - 2, 1, 2), activist_on=date(year - 2, 4, 1),
                       candidate_on=date(year - 1, 5, 1)),
            "周四": dict(applied_on=date(year - 3, 1, 2), activist_on=date(year - 3, 4, 1),
                       candidate_on=date(year - 2, 5, 1), branch_meeting_on=date(year - 1, 6, 1),
                       approved_on=date(year - 1, 7, 1)),
            "吴五": dict(applied_on=date(year - 1, 1, 2), terminated_on=date(year, 2, 1)),
        }
        for name, dates in records.items():
            rec = DevelopmentRecord(org_id=b1.id, name=name, name_pinyin=name_keys(name).pinyin, **dates)
            s.add(rec)
            s.flush()
            if name == "孙三":
                s.add(DevelopmentPerson(record_id=rec.id, role=DevelopmentRole.MENTOR, member_id=zhang.id,
                                        person_name="张三丰"))

        category = s.scalar(select(ServiceCategory.id).where(ServiceCategory.name == "助老"))
        v1 = Volunteer(name="张三丰", member_id=zhang.id, name_pinyin="zhang san feng", phone="13800001111",
                       registered_on=date(year - 1, 3, 1))
        v2 = Volunteer(name="钱七", name_pinyin="qian qi", phone="13912345678", registered_on=date(year, 3, 1))
        s.add_all([v1, v2])
        s.flush()
        team = VolunteerTeam(name="红帽子服务队", org_id=top.id, leader_id=v1.id, category_id=category,
                             founded_on=date(year - 1, 1, 1))
        s.add(team)
        s.flush()
        s.add_all([VolunteerTeamMember(team_id=team.id, volunteer_id=v1.id),
                   VolunteerTeamMember(team_id=team.id, volunteer_id=v2.id)])
        activity = VolunteerActivity(title="敬老院探访", activity_date=date(year, 3, 5), category_id=category,
                                     team_id=team.id, org_id=top.id, beneficiaries=30, place="幸福敬老院")
        s.add(activity)
        s.flush()
        s.add_all([
            VolunteerHours(volunteer_id=v1.id, activity_id=activity.id, service_date=activity.activity_date,
                           activity_title=activity.title, hours=Decimal("2.50"), state=HoursState.CONFIRMED),
            VolunteerHours(volunteer_id=v2.id, activity_id=activity.id, service_date=activity.activity_date,
                           activity_title=activity.title, hours=Decimal("3.00"), state=HoursState.CONFIRMED),
            VolunteerHours(volunteer_id=v2.id, service_date=date(year, 4, 1), activity_title="义务巡逻",
                           hours=Decimal("1.00"), state=HoursState.PENDING),
        ])
        return Sample(today, top.id, b1.id, b2.id, g1.id, zhang.id, li.id, wang.id, zhao.id, meeting.id)
