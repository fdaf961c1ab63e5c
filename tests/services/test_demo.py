"""The demo generator: realistic, consistent with the rules, deterministic, all or nothing."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from sqlalchemy import func, select

from app.db.maintenance import foreign_key_check, integrity_check
from app.db.models import (
    CommitteePost, CommitteeTerm, DevelopmentPerson, DevelopmentRecord, DuesAssessment, DuesPayment, Meeting,
    MeetingAttendance, MeetingType, MeetingVote, Member, MembershipEvent, Organisation, Volunteer, VolunteerActivity,
    VolunteerHours, VolunteerTeam, VolunteerTeamMember,
)
from app.domain import idnumber
from app.domain.dates import add_years, age_on
from app.domain.development import derive_stage
from app.domain.dues import assessed_monthly
from app.domain.enums import (
    ACTIVE_STATUSES, BUILTIN_MEETING_TYPES, DevelopmentRole, DevelopmentStage, EventKind, MeetingStatus,
    MemberCategory, OrgLevel,
)
from app.domain.errors import ValidationError
from app.domain.names import name_keys
from app.domain.status import EventFact, derive_state
from app.services.database import Database
from app.services.demo import generate
from app.services.demo.development import fifth_workday

TODAY = date(2026, 11, 22)
MEMBERS, YEARS = 300, 2


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """One fresh, migrated database (as the ``sqlite_db`` fixture makes) shared by the read-only tests."""
    db = Database.open(path=tmp_path_factory.mktemp("demo") / "demo.db")
    summary = generate(db, members=MEMBERS, years=YEARS, today=TODAY)
    yield db, summary
    db.close()


def count(s, model, *where) -> int:
    return s.scalar(select(func.count()).select_from(model).where(*where))


def test_summary_counts_match_the_tables(demo):
    db, summary = demo
    with db.reading() as s:
        assert summary.members == count(s, Member) == MEMBERS
        assert summary.active_members == count(s, Member, Member.is_active)
        pairs = [(summary.organisations, Organisation), (summary.events, MembershipEvent),
                 (summary.dues_assessments, DuesAssessment), (summary.dues_payments, DuesPayment),
                 (summary.meetings, Meeting), (summary.attendance_rows, MeetingAttendance),
                 (summary.development_records, DevelopmentRecord), (summary.volunteers, Volunteer),
                 (summary.teams, VolunteerTeam), (summary.activities, VolunteerActivity),
                 (summary.hours_rows, VolunteerHours)]
        for reported, model in pairs:
            assert reported == count(s, model) > 0, model.__tablename__
    assert 8 <= summary.teams <= 20 and summary.elapsed > 0


def test_id_numbers_are_valid_unique_and_match_the_row(demo):
    db, _ = demo
    with db.reading() as s:
        rows = s.execute(select(Member.id_number, Member.gender, Member.birth_date, Member.birth_precision)).all()
    numbers = [r for r in rows if r.id_number]
    assert len(numbers) >= 0.95 * len(rows)
    assert len({r.id_number for r in numbers}) == len(numbers)
    for r in numbers:
        info = idnumber.parse(r.id_number, today=TODAY)
        assert info.gender == r.gender.value and info.birth_date == r.birth_date
    assert all(r.id_number is None for r in rows if r.birth_precision.value == "月")


def test_names_carry_the_domain_pinyin_keys(demo):
    db, _ = demo
    with db.reading() as s:
        for name, pinyin, initials, sort_key in s.execute(
                select(Member.name, Member.name_pinyin, Member.name_initials, Member.sort_key)):
            keys = name_keys(name)
            assert (keys.pinyin, keys.initials, keys.sort_key) == (pinyin, initials, sort_key)


def test_member_rows_are_what_their_events_say(demo):
    db, _ = demo
    with db.reading() as s:
        events = defaultdict(list)
        for e in s.scalars(select(MembershipEvent)):
            events[e.member_id].append(e)
        members = s.scalars(select(Member)).all()
    kinds = {e.kind for es in events.values() for e in es}
    assert {EventKind.ADMITTED, EventKind.CONFIRMED, EventKind.TRANSFER_IN, EventKind.AWARD} <= kinds
    for m in members:
        state = derive_state([EventFact(e.kind, e.event_date, e.entry_seq) for e in events[m.id]],
                             initial_category=m.category)
        assert (state.status, state.category or m.category) == (m.status, m.category), m.name
        assert (state.is_mobile, state.is_lost_contact) == (m.is_mobile, m.is_lost_contact), m.name
        assert m.is_active == (m.status in ACTIVE_STATUSES)
        assert (m.left_on is None) == m.is_active
        assert all(e.event_date <= TODAY for e in events[m.id])


def test_members_are_plausible_people_in_branches(demo):
    db, _ = demo
    with db.reading() as s:
        orgs = {o.id: o for o in s.scalars(select(Organisation))}
        active = s.scalars(select(Member).where(Member.is_active)).all()
    ages = [age_on(m.birth_date, TODAY) for m in active]
    assert 20 <= min(ages) and max(ages) <= 96
    assert 0.35 <= sum(a >= 60 for a in ages) / len(ages) <= 0.65
    for m in active:
        assert orgs[m.org_id].level is OrgLevel.BRANCH
        assert m.group_id is None or orgs[m.group_id].parent_id == m.org_id
        assert age_on(m.birth_date, m.join_date) >= 18
        if m.category is MemberCategory.PROBATIONARY:
            assert TODAY - timedelta(days=365) < m.join_date <= TODAY and m.full_date is None
        else:
            assert m.full_date == add_years(m.join_date, 1)
        if m.job_post in ("退休人员", "离休干部"):
            assert m.is_retired
    assert any(m.category is MemberCategory.PROBATIONARY for m in active)


def test_committee_posts_are_held_by_full_members_of_the_branch(demo):
    db, _ = demo
    with db.reading() as s:
        members = {m.id: m for m in s.scalars(select(Member))}
        orgs = {o.id: o for o in s.scalars(select(Organisation))}
        for term in s.scalars(select(CommitteeTerm)):
            posts = s.scalars(select(CommitteePost).where(CommitteePost.term_id == term.id)).all()
            assert posts and sum(p.post.value == "书记" for p in posts) == 1
            years = 5 if orgs[term.org_id].org_type.value == "社区" else 3
            assert term.planned_end_on == add_years(term.started_on, years)
            for p in posts:
                m = members[p.member_id]
                assert m.full_date is not None and m.full_date <= term.started_on
                if orgs[term.org_id].level is OrgLevel.BRANCH:
                    assert m.org_id == term.org_id
            if term.ended_on is None and orgs[term.org_id].level is OrgLevel.BRANCH and len(posts) > 1:
                full = sum(1 for m in members.values() if m.org_id == term.org_id and m.is_active
                           and m.category is MemberCategory.FULL)
                assert full >= 7


def test_every_group_has_a_leader_and_names_are_unique(demo):
    db, _ = demo
    with db.reading() as s:
        orgs = s.scalars(select(Organisation)).all()
        leaders = set(s.scalars(select(Member.group_id).where(
            Member.party_post == "党小组长", Member.status == "正常")))
    assert {o.id for o in orgs if o.level is OrgLevel.GROUP} <= leaders  # 支部工作条例 第九条
    names = [(o.parent_id, o.name) for o in orgs]
    assert len(names) == len(set(names))
    assert not any("新党支部" in o.name for o in orgs)


def test_a_top_branch_gets_the_members_itself(sqlite_db):
    """A 党支部 holds 党小组, never 党支部: with a branch on top the members go into it."""
    from app.services.organisations import create_top_organisation

    with sqlite_db.unit_of_work() as s:
        top = create_top_organisation(s, "光明社区党支部", "社区党支部")
    generate(sqlite_db, members=30, years=1, today=TODAY)
    with sqlite_db.reading() as s:
        orgs = {o.id: o for o in s.scalars(select(Organisation))}
        assert [o.id for o in orgs.values() if o.level is OrgLevel.BRANCH] == [top.id]
        assert all(o.parent_id == top.id for o in orgs.values() if o.id != top.id)
        assert set(s.scalars(select(Member.org_id))) == {top.id}
        assert set(s.scalars(select(CommitteeTerm.org_id))) == {top.id} and count(s, CommitteeTerm) == 2


def test_meetings_cover_every_type_with_attendance_as_exceptions(demo):
    db, _ = demo
    with db.reading() as s:
        types = dict(s.execute(select(MeetingType.id, MeetingType.name)).all())
        meetings = s.scalars(select(Meeting)).all()
        assert set(BUILTIN_MEETING_TYPES) <= {types[m.type_id] for m in meetings}
        for m in meetings:
            if m.status is MeetingStatus.HELD:
                assert m.meeting_date <= TODAY and m.expected_count is not None
            else:
                assert m.status is MeetingStatus.PLANNED and m.meeting_date > TODAY
        assert any(m.status is MeetingStatus.PLANNED for m in meetings)
        absent = dict(s.execute(select(MeetingAttendance.meeting_id, func.count())
                                .where(MeetingAttendance.member_id.is_not(None))
                                .group_by(MeetingAttendance.meeting_id)).all())
        assert all(absent.get(m.id, 0) <= (m.expected_count or 0) for m in meetings)
        rows = s.execute(select(Meeting.org_id, Member.org_id, Member.group_id)
                         .join(MeetingAttendance, MeetingAttendance.meeting_id == Meeting.id)
                         .join(Member, Member.id == MeetingAttendance.member_id)).all()
        assert rows and all(org in (branch, group) for org, branch, group in rows)
        votes = s.scalars(select(MeetingVote)).all()
        assert votes
        for v in votes:  # quorum and majority of 支部工作条例 第十一条
            assert 2 * v.present_eligible > v.eligible and 2 * v.yes > v.eligible
            assert v.yes + v.no + v.abstain == v.present_eligible


def _rule(category: str, base: Decimal) -> tuple[Decimal, Decimal]:
    """(rate, monthly amount) by 中组发〔2008〕3号 第二至六条, written out again for the test."""
    if category in ("学生", "下岗失业", "低保", "农民"):
        return Decimal("0"), Decimal("0.20")
    if category == "离退休":
        brackets = ((5000, "0.005"), (None, "0.01"))
    else:  # 在职, 年薪制, 个体: one rate on the whole base, each upper bound inclusive
        brackets = ((3000, "0.005"), (5000, "0.01"), (10000, "0.015"), (None, "0.02"))
    rate = next(Decimal(r) for upper, r in brackets if upper is None or base <= upper)
    # 组电明字〔2017〕5号: what is asked a month is generally not more than 1000 元
    return rate, min((base * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), Decimal("1000.00"))


def test_dues_follow_the_rule_for_the_stored_base_and_category(demo):
    db, _ = demo
    with db.reading() as s:
        top = s.scalar(select(Organisation.name).where(Organisation.parent_id.is_(None)))
        assessments = s.scalars(select(DuesAssessment)).all()
        for a in assessments:
            assert (a.rate, a.monthly_amount) == _rule(a.category.value, a.base)
            assert a.monthly_amount == assessed_monthly(a.category.value, a.base)
            if a.reduction.value != "无":  # 第七条: studied by the branch, approved by the 上一级党委
                assert a.approval_body == top and a.approval_ref
        assert any(a.reduction.value != "无" for a in assessments)
        assert len({a.category for a in assessments}) >= 5
        payments = s.scalars(select(DuesPayment)).all()
        assert all(p.paid_on <= TODAY and p.period_start <= p.period_end for p in payments)
        # 大额 is a voluntary gift of 1000 元 or more on top of the month's dues, never dues owed for many months
        gifts = {p.id: Decimal(p.notes.split()[1]) for p in payments if p.notes and p.notes.startswith("含自愿交纳大额党费")}
        assert all(p.is_large == (gifts.get(p.id, 0) >= 1000) for p in payments)
        # no month is paid twice (record_payment refuses it; 本月收缴 counts on it)
        months = [(p.member_id, k) for p in payments for k in range(
            p.period_start.year * 12 + p.period_start.month, p.period_end.year * 12 + p.period_end.month + 1)]
        assert len(months) == len(set(months))
        assert len({p.method for p in payments}) == 4


def test_development_records_keep_the_legal_order(demo):
    db, _ = demo
    with db.reading() as s:
        records = s.scalars(select(DevelopmentRecord)).all()
        members = {m.id: m for m in s.scalars(select(Member))}
        people = defaultdict(list)
        for p in s.scalars(select(DevelopmentPerson)):
            people[p.record_id].append(p)
        votes = {v.subject for v in s.scalars(select(MeetingVote))}
    stages = set()
    for r in records:
        stage = derive_stage(applied_on=r.applied_on, activist_on=r.activist_on, candidate_on=r.candidate_on,
                             branch_meeting_on=r.branch_meeting_on, approved_on=r.approved_on,
                             confirm_approved_on=r.confirm_approved_on, terminated_on=r.terminated_on)
        stages.add(stage)
        steps = [r.applied_on, r.talked_on, r.activist_on, r.candidate_on, r.political_review_on, r.training_start,
                 r.training_end, r.pre_review_on, r.form_filled_on, r.branch_meeting_on, r.approved_on, r.oath_on]
        steps = [d for d in steps if d is not None]
        assert steps == sorted(steps) and steps[-1] <= TODAY, r.name
        assert age_on(r.birth_date, r.applied_on) >= 18
        if r.talked_on:
            assert r.talked_on <= r.applied_on + timedelta(days=31)
        if r.candidate_on:
            assert r.candidate_on >= add_years(r.activist_on, 1)
            assert r.publicity_end == fifth_workday(r.publicity_start) < r.candidate_on
        if r.training_end:
            assert r.training_days >= 3 or r.training_hours >= 24
        if stage in (DevelopmentStage.PROBATIONARY, DevelopmentStage.FULL):
            m = members[r.member_id]
            assert m.join_date == r.branch_meeting_on == r.probation_start
            assert r.vote_yes * 2 > r.vote_eligible
            sponsors = [p for p in people[r.id] if p.role is DevelopmentRole.SPONSOR]
            assert len(sponsors) == 2
            for p in sponsors:
                assert members[p.member_id].full_date <= p.assigned_on
            if r.branch_meeting_on.year >= TODAY.year - YEARS + 1:
                assert f"讨论接收{r.name}为预备党员" in votes
    assert stages == set(DevelopmentStage)


def test_volunteer_hours_belong_to_volunteers_and_activities(demo):
    db, _ = demo
    with db.reading() as s:
        orphans = s.scalar(select(func.count()).select_from(VolunteerHours).outerjoin(
            Volunteer, Volunteer.id == VolunteerHours.volunteer_id).where(Volunteer.id.is_(None)))
        assert orphans == 0
        rows = s.execute(select(VolunteerHours, VolunteerActivity).join(
            VolunteerActivity, VolunteerActivity.id == VolunteerHours.activity_id)).all()
        assert rows and all(h.service_date == a.activity_date and h.activity_title == a.title for h, a in rows)
        early = (select(func.count()).select_from(VolunteerHours)
                 .join(Volunteer, Volunteer.id == VolunteerHours.volunteer_id)
                 .where(Volunteer.registered_on > VolunteerHours.service_date))
        assert s.scalar(early) == 0
        for team in s.scalars(select(VolunteerTeam)):
            crew = set(s.scalars(select(VolunteerTeamMember.volunteer_id)
                                 .where(VolunteerTeamMember.team_id == team.id)))
            assert team.leader_id in crew
        assert count(s, Volunteer, Volunteer.member_id.is_not(None)) > 0
        assert count(s, Volunteer, Volunteer.kind == "团体") > 0


def test_database_is_sound_and_a_second_run_is_refused(demo):
    db, summary = demo
    assert integrity_check(db.engine) == [] and foreign_key_check(db.engine) == []
    with pytest.raises(ValidationError, match="已有党员"):
        generate(db, members=10, years=1, today=TODAY)
    with db.reading() as s:
        assert (count(s, Member), count(s, Organisation), count(s, DuesPayment)) == (
            summary.members, summary.organisations, summary.dues_payments)


def test_same_seed_same_people(sqlite_db, demo):
    db, _ = demo
    seen: list[int] = []
    generate(sqlite_db, members=MEMBERS, years=YEARS, today=TODAY, progress=lambda p, _m: seen.append(p))
    with db.reading() as a, sqlite_db.reading() as b:
        query = select(Member.name, Member.id_number).order_by(Member.id)
        assert a.execute(query).all() == b.execute(query).all()
    assert seen == sorted(seen) and seen[-1] == 100


def test_generate_on_every_backend_then_edit_as_usual(db):
    """On PostgreSQL too; and the id sequences move past the keys the generator assigned."""
    from app.services import organisations

    summary = generate(db, members=60, years=1, today=TODAY)
    with db.unit_of_work() as s:
        assert count(s, Member) == summary.members == 60
        top = organisations.top_organisation(s)
        s.add(Organisation(name="新建党支部", level=OrgLevel.BRANCH, parent_id=top.id))
        s.flush()
    with db.reading() as s:
        assert count(s, Organisation) == summary.organisations + 1


def test_a_failure_leaves_nothing_behind(sqlite_db, monkeypatch):
    import app.services.demo as demo_module

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(demo_module, "build_volunteers", broken)
    with pytest.raises(RuntimeError):
        generate(sqlite_db, members=60, years=1, today=TODAY)
    with sqlite_db.reading() as s:
        assert count(s, Member) == count(s, Organisation) == count(s, Meeting) == 0
