"""志愿服务 services on a real database: registration, teams, an activity with 20 people, hours that
reconcile per person, team, month and year, and hours that outlive their activity and team."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.db.models import AuditLog, VolunteerHours
from app.domain.errors import ValidationError
from app.domain.volunteer_rules import VolunteerData, period_of
from app.services import volunteer_activities as acts
from app.services import volunteer_teams, volunteers
from app.services.volunteer_certificate import Issuer, issue_certificate, list_certificates
from app.services.volunteer_hours import hours_report
from app.services.volunteer_stats import volunteer_statistics
from helpers_ids import make_id
from helpers_volunteers import TODAY, populate, resident_names


@pytest.fixture
def sample(db):
    return populate(db)


def _activity(s, title, day, team_id, start=time(9, 0), end=time(11, 0), beneficiaries=30, category=None):
    cat = next(c.id for c in volunteers.list_categories(s) if c.name == category) if category else None
    return acts.save_activity(s, acts.ActivityData(title, day, start, end, "幸福敬老院", team_id=team_id,
                                                   beneficiaries=beneficiaries, category_id=cat), today=TODAY)


def test_registration_links_members_and_refuses_the_same_person_twice(db, sample):
    with db.unit_of_work() as s:
        zhang = volunteers.get_volunteer(s, sample.volunteer_ids["张三丰"])
        assert (zhang.data.member_id, zhang.member_name, zhang.data.id_number[:6]) == (
            sample.member_ids["张三丰"], "张三丰", "110105")  # copied from the member row
        assert volunteers.register_member(s, sample.member_ids["张三丰"], today=TODAY).id == zhang.id
        with pytest.raises(ValidationError, match="已登记在志愿者“赵伟华”名下") as exc:
            volunteers.save_volunteer(s, VolunteerData(name="赵伟", id_number=make_id(date(1980, 1, 1), 101)),
                                      today=TODAY)
        assert exc.value.field == "证件号码"
        passport = volunteers.save_volunteer(s, VolunteerData(name="Anna Lee", id_type="护照", id_number="p1234567"),
                                             today=TODAY)
        assert (passport.data.id_type, passport.data.id_number) == ("护照", "P1234567")


def test_an_activity_with_twenty_people_and_hours_that_reconcile(db, sample):
    pasted = "、".join(resident_names(18)) + "\n李小红 不在册的人"
    with db.unit_of_work() as s:
        march = _activity(s, "敬老院探访", date(2026, 3, 5), sample.team_id)
        found = volunteers.resolve_entries(s, pasted)
        assert found.unknown == ("不在册的人",) and len(found.found) == 19
        added = acts.add_participants(s, march.id, [v for v, _ in found.found] + [sample.volunteer_ids["张三丰"]])
        assert (added.added, added.already) == (20, 0)
        assert acts.add_participants(s, march.id, [sample.volunteer_ids["张三丰"]]).already == 1
        view = acts.get_activity(s, march.id)
        assert len(view.participants) == 20 and {p.hours for p in view.participants} == {Decimal("2.00")}
        first = view.participants[0]
        acts.set_hours(s, first.hours_id, "1.5")  # came late: actual service only
        with pytest.raises(ValidationError, match="不含往返交通"):
            acts.set_hours(s, first.hours_id, "2.5")
        assert acts.confirm(s, [p.hours_id for p in view.participants], by="张三丰", on=date(2026, 3, 6)) == 20
        with pytest.raises(ValidationError, match="撤销确认"):
            acts.set_hours(s, first.hours_id, "1")
        # two more activities: a team one in June (whole team), one in December of the year before
        june = _activity(s, "社区环境整治", date(2026, 6, 12), sample.team_id, time(14, 0), time(17, 0))
        assert acts.add_team(s, june.id).added == 24  # both member volunteers and 22 residents
        acts.confirm(s, [p.hours_id for p in acts.get_activity(s, june.id).participants], by="李小红")
        old = _activity(s, "冬季送温暖", date(2025, 12, 20), None, time(9, 0), time(10, 0))
        acts.add_participants(s, old.id, [sample.volunteer_ids["张三丰"]])
        acts.confirm(s, [p.hours_id for p in acts.get_activity(s, old.id).participants], by="李小红")
        pending = _activity(s, "未确认的巡逻", date(2026, 7, 1), sample.team_id, time(19, 0), time(20, 0))
        acts.add_participants(s, pending.id, [sample.volunteer_ids["张三丰"]])
    with db.reading() as s:
        year = hours_report(s, period_of(2026))
        q1, q2 = hours_report(s, period_of(2026, 1)), hours_report(s, period_of(2026, 2))
        last_year = hours_report(s, period_of(2025))
    expected = Decimal("1.50") + 19 * Decimal("2.00") + 24 * Decimal("3.00")
    assert year.total == expected == sum(p.hours for p in year.people)  # per person
    assert sum(year.by_month().values()) == expected and year.by_month()[(2026, 6)] == Decimal("72.00")
    assert sum(year.by_team().values()) == expected and year.by_team() == {"红帽子服务队": expected}
    assert q1.total + q2.total == expected
    assert sum(pm.hours for pm in year.person_months()) == expected and len(year.person_months()) == 20 + 24
    assert last_year.total == Decimal("1.00") and last_year.by_team() == {"（未属服务队）": Decimal("1.00")}
    zhang = next(p for p in year.people if p.name == "张三丰")
    assert (zhang.times, zhang.first, zhang.last) == (2, date(2026, 3, 5), date(2026, 6, 12))  # pending not counted


def test_hours_stay_with_the_person_when_activity_and_team_go(db, sample):
    with db.unit_of_work() as s:
        a = _activity(s, "敬老院探访", date(2026, 3, 5), sample.team_id)
        acts.add_team(s, a.id)
        people = acts.get_activity(s, a.id).participants
        acts.confirm(s, [p.hours_id for p in people[:20]], by="张三丰")  # 4 still 待确认
    with db.reading() as s:
        before = hours_report(s, period_of(2026))
    with db.unit_of_work() as s:
        acts.archive_activity(s, a.id)
    with db.reading() as s:
        assert hours_report(s, period_of(2026)).people == before.people  # archived: still counts
        assert volunteer_statistics(s, period_of(2026)).value("开展志愿服务活动") == "1"
    with db.unit_of_work() as s:
        with pytest.raises(ValidationError, match="不能移除"):
            acts.remove_participants(s, [people[0].hours_id])
        deleted = acts.delete_activity(s, a.id)
        assert (deleted.kept, deleted.removed) == (20, 4)
        assert volunteer_teams.delete_team(s, sample.team_id) == 0  # its activity is gone already
    with db.reading() as s:
        after = hours_report(s, period_of(2026))
        rows = s.execute(select(VolunteerHours.activity_id, VolunteerHours.team_id, VolunteerHours.activity_title)
                         .distinct()).all()
        assert volunteers.get_volunteer(s, sample.volunteer_ids["张三丰"]).hours == Decimal("2.00")
    assert after.total == before.total == Decimal("40.00")
    assert [(p.name, p.hours) for p in after.people] == [(p.name, p.hours) for p in before.people]
    assert rows == [(None, None, "敬老院探访")] and after.by_team() == {"（未属服务队）": Decimal("40.00")}


def test_a_volunteer_with_hours_is_archived_not_deleted(db, sample):
    vid = sample.volunteer_ids["钱伟华"]
    with db.unit_of_work() as s:
        a = _activity(s, "义诊", date(2026, 4, 1), None)
        acts.add_participants(s, a.id, [vid])
        with pytest.raises(ValidationError, match="不能删除"):
            volunteers.delete_volunteer(s, vid)
        volunteers.archive_volunteer(s, vid, on=date(2026, 10, 1))
    with db.reading() as s:
        assert volunteer_statistics(s, period_of(2026, 3)).value("注册个人志愿者") == "24"
        assert volunteer_statistics(s, period_of(2026, 4)).value("注册个人志愿者") == "23"


def test_certificates_are_numbered_per_year_and_audited(db, sample):
    vid = sample.volunteer_ids["孙伟华"]
    with db.unit_of_work() as s:
        a = _activity(s, "敬老院探访", date(2026, 3, 5), sample.team_id)
        acts.add_participants(s, a.id, [vid])
        acts.confirm(s, [p.hours_id for p in acts.get_activity(s, a.id).participants], by="张三丰")
    with db.unit_of_work(actor="测试员") as s:
        with pytest.raises(ValidationError, match="没有已确认的服务时长"):
            issue_certificate(s, vid, period_of(2025))
        one = issue_certificate(s, vid, period_of(2026), issuer=Issuer("幸福社区党委", "李书记", "张三丰", "0571-1234"),
                                issued_on=date(2026, 11, 20))
        two = issue_certificate(s, vid, period_of(2026, 1), issued_on=date(2026, 11, 21))
    assert (one.number, two.number) == ("ZYFW2026-0001", "ZYFW2026-0002")
    assert (one.total, one.id_masked, two.issuer.leader) == (Decimal("2.00"), "110105********" + one.id_masked[-4:],
                                                              "李书记")
    with db.reading() as s:
        logged = s.scalars(select(AuditLog).where(AuditLog.action == "出具").order_by(AuditLog.id)).all()
        assert [(r.entity_id, r.actor) for r in logged] == [("ZYFW2026-0001", "测试员"), ("ZYFW2026-0002", "测试员")]
        assert "孙伟华" in logged[0].summary and [c.number for c in list_certificates(s, volunteer_id=vid)] == [
            "ZYFW2026-0002", "ZYFW2026-0001"]


def test_statistics_for_a_period_and_a_branch(db, sample):
    from app.services.volunteer_community import ReportData, list_reports, save_report, save_training

    with db.unit_of_work() as s:
        a = _activity(s, "敬老院探访", date(2026, 3, 5), sample.team_id, beneficiaries=40)
        acts.add_team(s, a.id)
        acts.confirm(s, [p.hours_id for p in acts.get_activity(s, a.id).participants], by="张三丰")
        rid = save_report(s, ReportData("刘在职", "区税务局", date(2026, 2, 1), "楼栋长", org_id=sample.top_id),
                          today=TODAY)
        report_vid = next(r.volunteer_id for r in list_reports(s) if r.id == rid)
        b = _activity(s, "垃圾分类宣传", date(2026, 8, 8), None, beneficiaries=100, category="环境")
        acts.add_participants(s, b.id, [report_vid, sample.volunteer_ids["李小红"]], hours="1.5")
        acts.confirm(s, [p.hours_id for p in acts.get_activity(s, b.id).participants], by="李小红")
        save_training(s, date(2026, 4, 2), "急救知识培训", volunteer_ids=list(sample.volunteer_ids.values())[:10],
                      today=TODAY)
    with db.reading() as s:
        stats = volunteer_statistics(s, period_of(2026))
        branch = volunteer_statistics(s, period_of(2026), org_id=sample.branch_ids[0])
    v = stats.value
    assert (v("注册个人志愿者"), v("其中：党员志愿者"), v("其中：群众志愿者"), v("团体志愿者")) == ("25", "3", "22", "1")
    assert (v("志愿服务队"), v("开展志愿服务活动"), v("受益群众（人次）"), v("参与志愿者（人次）")) == ("1", "2", "140", "26")
    assert (v("服务时长（小时）"), v("参加服务的志愿者"), v("人均服务时长（小时）")) == ("51.00", "25", "2.04")
    assert (v("志愿者培训（次）"), v("参加培训（人次）"), v("到社区报到的在职党员")) == ("1", "10", "1")
    assert (v("其中：参加志愿服务"), v("报到党员服务时长（小时）")) == ("1", "1.50")
    assert v("服务类别") == "1" and "环境" in next(line.how for line in stats.lines if line.label == "服务类别")
    # 第一党支部: its two member volunteers; the activities belong to the 党委, so none are counted here
    assert (branch.value("注册个人志愿者"), branch.value("其中：党员志愿者"), branch.value("开展志愿服务活动")) == ("2", "2", "0")
