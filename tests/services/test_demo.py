"""The demo generator: realistic, consistent, deterministic, all or nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.db.models import (
    DevelopmentRecord, DuesAssessment, DuesPayment, Meeting, MeetingType, Member, Organisation, Volunteer,
    VolunteerHours,
)
from app.domain import idnumber
from app.domain.dues import monthly_dues
from app.domain.enums import BUILTIN_MEETING_TYPES, DatePrecision, MemberCategory, OrgLevel
from app.domain.errors import ValidationError
from app.services.database import Database
from app.services.demo import generate
from app.services.maintenance import check

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = Database.open(path=tmp_path_factory.mktemp("demo") / "demo.db")
    summary = generate(db, members=300, years=2, today=TODAY)
    yield db, summary
    db.close()


def test_id_numbers_are_valid_and_match_sex_and_birth(demo):
    db, _ = demo
    with db.reading() as s:
        rows = s.execute(select(Member.id_number, Member.gender, Member.birth_date, Member.birth_precision)).all()
    numbers = [r for r in rows if r.id_number]
    assert len(numbers) >= 280
    assert len({r.id_number for r in numbers}) == len(numbers)
    for r in numbers:
        info = idnumber.parse(r.id_number, today=TODAY)
        assert info.gender == r.gender.value
        if r.birth_precision is DatePrecision.DAY:
            assert info.birth_date == r.birth_date
        else:
            assert (info.birth_date.year, info.birth_date.month) == (r.birth_date.year, r.birth_date.month)


def test_summary_counts_match_the_tables(demo):
    db, summary = demo
    with db.reading() as s:
        def n(model):
            return s.scalar(select(func.count()).select_from(model))
        assert (summary.members, summary.meetings, summary.dues_payments, summary.volunteers) == (
            n(Member), n(Meeting), n(DuesPayment), n(Volunteer))
        assert summary.development_records == n(DevelopmentRecord) > 0
        assert summary.active_members == s.scalar(select(func.count()).select_from(Member).where(Member.is_active))


def test_members_sit_in_branches_and_their_own_groups(demo):
    db, _ = demo
    with db.reading() as s:
        orgs = {o.id: o for o in s.scalars(select(Organisation))}
        for m in s.scalars(select(Member)):
            assert orgs[m.org_id].level is OrgLevel.BRANCH
            if m.group_id:
                assert orgs[m.group_id].level is OrgLevel.GROUP and orgs[m.group_id].parent_id == m.org_id
            if m.category is MemberCategory.PROBATIONARY:
                assert m.join_date > TODAY - timedelta(days=366) and m.full_date is None
            if m.birth_date and m.join_date:
                assert (m.join_date - m.birth_date).days >= 18 * 365


def test_every_meeting_type_and_dues_follow_the_rule(demo):
    db, _ = demo
    with db.reading() as s:
        used = set(s.scalars(select(MeetingType.name).join(Meeting, Meeting.type_id == MeetingType.id)))
        assert set(BUILTIN_MEETING_TYPES) <= used
        for a in s.scalars(select(DuesAssessment)):
            assert a.monthly_amount == monthly_dues(a.category.value, a.base)
        assert not s.scalar(select(func.count()).select_from(DuesPayment).where(DuesPayment.paid_on > TODAY))
        orphan = select(func.count()).select_from(VolunteerHours).outerjoin(
            Volunteer, Volunteer.id == VolunteerHours.volunteer_id).where(Volunteer.id.is_(None))
        assert s.scalar(orphan) == 0


def test_database_is_sound_and_a_second_run_is_refused(demo):
    db, summary = demo
    assert check(db).ok
    with pytest.raises(ValidationError, match="已有党员"):
        generate(db, members=10, years=1, today=TODAY)
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Member)) == summary.members


def test_same_seed_same_people(tmp_path, demo):
    db, _ = demo
    other = Database.open(path=tmp_path / "again.db")
    try:
        generate(other, members=300, years=2, today=TODAY)
        with db.reading() as a, other.reading() as b:
            names_a = a.scalars(select(Member.name).order_by(Member.id)).all()
            names_b = b.scalars(select(Member.name).order_by(Member.id)).all()
        assert names_a == names_b
    finally:
        other.close()
