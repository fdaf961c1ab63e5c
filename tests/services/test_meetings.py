"""三会一课 records on a real database: 应到 from who belonged that day, records and plans, refusals."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import func, select

from app.db.models import Meeting, MeetingAttendance, MeetingVote
from app.domain.enums import MeetingAttendees
from app.domain.errors import ValidationError
from app.domain.meeting_record import VoteCounts
from app.services import member_events
from app.services.meeting_attendees import expected_attendees
from app.services.meetings import AttendanceEntry, MeetingData, cancel_meeting, save_meeting
from app.services.views.meetings import expected_people, list_meetings, meeting_detail
from helpers_meetings import TODAY, make_branch


@pytest.fixture
def branch(db):
    return make_branch(db)


def names(attendees):
    return [a.name for a in attendees]


def test_expected_follows_who_belonged_on_the_day(db, branch):
    with db.reading() as s:
        def on(day, basis=MeetingAttendees.MEMBERS, org="branch"):
            return expected_attendees(s, branch[org], basis, day)
        assert sorted(names(on(date(2026, 2, 1)))) == sorted(["张三", "李四", "王五", "孙八"])  # 赵六 not yet, 钱七 not here
        april = on(date(2026, 4, 1))
        assert "赵六" in names(april) and "钱七" not in names(april)
        assert {a.name: a.full for a in april}["赵六"] is False  # 预备党员: no vote
        september = on(date(2026, 9, 1))
        assert "钱七" in names(september) and "孙八" not in names(september)
        assert names(on(date(2026, 8, 1), org="group")) == names(on(date(2026, 8, 1), org="group"))
        assert sorted(names(on(date(2026, 6, 1), org="group"))) == sorted(["张三", "李四", "赵六"])
        committee = MeetingAttendees.COMMITTEE
        assert names(on(date(2026, 7, 31), committee)) == ["张三", "李四", "孙八"]
        assert names(on(date(2026, 8, 1), committee)) == ["张三", "李四", "王五"]  # the seat changed hands
        assert on(date(2026, 8, 1), MeetingAttendees.LISTED) == []
        # the 党委 above holds everyone of its branches
        assert len(on(date(2026, 9, 1), org="top")) == 5


def _general_meeting(branch, **changes) -> MeetingData:
    base = dict(type_name="支部党员大会", org_id=branch["branch"], meeting_date=date(2026, 9, 20),
                start_time=time(14, 30), end_time=time(16, 30), place="党员活动室", host="张三", recorder="李四",
                theme="讨论接收赵六转正", minutes="张三主持会议。\n赵六汇报预备期表现。", decisions="同意赵六按期转正。",
                attachments=("转正申请书.pdf", "表决票统计.xlsx"),
                attendance=(AttendanceEntry("请假", branch["王五"], reason="住院"),
                            AttendanceEntry("缺席", branch["钱七"], reason="未请假"),
                            AttendanceEntry("出席", branch["张三"]),
                            AttendanceEntry("列席", person_name="刘书记", reason="街道党工委联系人")),
                votes=(VoteCounts("赵六按期转正", 4, 2, 2, 0, 0),))
    base.update(changes)
    return MeetingData(**base)


def test_a_general_meeting_with_absentees_and_a_vote(db, branch):
    with db.unit_of_work() as s:
        mid = save_meeting(s, _general_meeting(branch), today=TODAY)
    with db.reading() as s:
        d = meeting_detail(s, mid)
        rows = list_meetings(s, year=2026)
    assert d.summary.text == "应到5人，实到3人，请假1人，缺席1人，列席1人，出席率60.0%"
    # with a vote: 张三 李四 王五 钱七 (赵六 is 预备); 王五 and 钱七 away — exactly half present
    assert (d.voters_expected, d.voters_present) == (4, 2)
    assert "到会的有表决权党员 2 人，未超过应到的 4 人的半数" in d.warnings[0]
    states = {p.name: (p.state, p.reason) for p in d.people}
    assert states["王五"] == ("请假", "住院") and states["钱七"] == ("缺席", "未请假") and states["赵六"] == ("出席", "")
    assert states["刘书记"] == ("列席", "街道党工委联系人")
    vote = d.votes[0]
    assert (vote.result, vote.notes[0][:13]) == ("不足法定人数，表决无效", "实到有表决权的党员 2 人")
    assert d.attachments == ("转正申请书.pdf", "表决票统计.xlsx")
    assert [(r.expected, r.present, r.gaps) for r in rows] == [(5, 3, "")]
    with db.reading() as s:
        kept = s.execute(select(MeetingAttendance.member_id, MeetingAttendance.state)).all()
    assert len(kept) == 3  # the exceptions and the guest; 出席 is not stored
    with db.reading() as s:  # 实到 is written with the record (what 统计 sums)
        assert s.get(Meeting, mid).present_count == d.summary.present == 3


def test_refusals_name_the_field_and_write_nothing(db, branch):
    cases = [
        (dict(attendance=(AttendanceEntry("请假", branch["王五"]),)), "请假原因"),
        (dict(meeting_date=date(2026, 4, 20), attendance=(AttendanceEntry("缺席", branch["钱七"], reason="x"),),
              votes=()), "出勤"),  # 钱七 came in May
        (dict(attendance=(AttendanceEntry("列席", branch["张三"]),)), "出勤"),
        (dict(attendance=(AttendanceEntry("出席", person_name="路人"),)), "列席人员"),
        (dict(meeting_date=date(2026, 12, 5)), "日期"),
        (dict(org_id=branch["group"]), "组织"),
        (dict(type_name="党小组会", votes=()), "组织"),
        (dict(votes=(VoteCounts("转正", 4, 2, 2, 1, 0),)), "赞成"),
        (dict(type_name="主题党日"), "表决"),
        (dict(host=""), "主持人"),
        (dict(end_time=time(14, 0)), "结束时间"),
        (dict(study_hours="2.55"), "学时"),
        (dict(type_name="茶话会"), "会议类型"),
    ]
    for changes, field in cases:
        with pytest.raises(ValidationError) as err:
            with db.unit_of_work() as s:
                save_meeting(s, _general_meeting(branch, **changes), today=TODAY)
        assert err.value.field == field, (changes, err.value)
    with db.reading() as s:
        assert [s.scalar(select(func.count()).select_from(t)) for t in (Meeting, MeetingAttendance, MeetingVote)] == [0, 0, 0]


def test_a_plan_becomes_the_record_and_a_plan_can_be_cancelled(db, branch):
    plan = MeetingData("支部委员会", branch["branch"], date(2026, 12, 3), status="计划", host="张三", theme="年终工作")
    with db.unit_of_work() as s:
        mid = save_meeting(s, plan, today=TODAY)
        other = save_meeting(s, MeetingData("主题党日", branch["branch"], date(2026, 12, 12), status="计划"), today=TODAY)
    with db.reading() as s:
        d = meeting_detail(s, mid)
    assert (d.row.status, d.row.expected, d.row.present) == ("计划", 3, None)
    with db.reading() as s:
        assert s.get(Meeting, mid).present_count is None  # nobody is present at a plan
    assert names(d.people) == ["张三", "李四", "王五"]  # the committee in office on the planned day
    with db.unit_of_work() as s:  # held a day later than planned
        save_meeting(s, MeetingData("支部委员会", branch["branch"], date(2026, 12, 4), host="张三", recorder="李四",
                                    theme="年终工作", minutes="研究年终总结。",
                                    attendance=(AttendanceEntry("请假", branch["王五"], reason="出差"),)),
                     meeting_id=mid, expected_version=d.version, today=date(2026, 12, 5))
        cancel_meeting(s, other)
    with db.reading() as s:
        d = meeting_detail(s, mid)
        statuses = {r.type_name: r.status for r in list_meetings(s, year=2026)}
    assert (d.row.status, d.summary.present, d.warnings) == ("已召开", 2, ())
    with db.reading() as s:
        assert s.get(Meeting, mid).present_count == 2
    assert statuses == {"支部委员会": "已召开", "主题党日": "取消"}
    with pytest.raises(ValidationError):
        with db.unit_of_work() as s:
            cancel_meeting(s, mid)
    with pytest.raises(ValidationError, match="计划的日期已过"):
        with db.unit_of_work() as s:
            save_meeting(s, MeetingData("党课", branch["branch"], date(2026, 11, 1), status="计划"), today=TODAY)


def test_a_talk_expects_those_it_names(db, branch):
    talk = MeetingData("谈心谈话", branch["branch"], date(2026, 6, 3), host="张三", theme="思想交流",
                       attendance=(AttendanceEntry("出席", branch["张三"]), AttendanceEntry("出席", branch["赵六"])))
    with db.unit_of_work() as s:
        mid = save_meeting(s, talk, today=TODAY)
    with db.reading() as s:
        d = meeting_detail(s, mid)
        fresh = expected_people(s, branch["branch"], "谈心谈话", date(2026, 6, 3))
    assert (d.summary.expected, d.summary.present, names(d.people)) == (2, 2, ["张三", "赵六"])
    assert fresh.basis == "指定人员" and fresh.people == ()
    with pytest.raises(ValidationError, match="不在应到人员之列"):
        with db.unit_of_work() as s:  # 孙八 left on 1 August
            save_meeting(s, MeetingData("谈心谈话", branch["branch"], date(2026, 9, 3), host="张三", theme="谈话",
                                        attendance=(AttendanceEntry("出席", branch["孙八"]),)), today=TODAY)


def test_a_later_transfer_shows_the_record_is_out_of_date(db, branch):
    with db.unit_of_work() as s:
        mid = save_meeting(s, MeetingData("主题党日", branch["branch"], date(2026, 10, 10), host="张三", theme="学习"),
                           today=TODAY)
        member_events.add_event(s, branch["王五"], member_events.EventData("转出", date(2026, 10, 1), counterpart="外区"),
                                today=TODAY)
    with db.reading() as s:
        d = meeting_detail(s, mid)
    assert d.row.expected == 5 and "按现有党员变动记录，应到为 4 人" in d.warnings[0]
