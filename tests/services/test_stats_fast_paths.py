"""The 统计 figures' SQL shortcuts give exactly what the 台账 and 本月收缴 give, on a whole demo database."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.dates import month_end
from app.services.demo import generate
from app.services.dues_collect import month_sheet
from app.services.stats_dues import period_dues, period_totals
from app.services.stats_figures import Period, _unpaid_lately, period_figures
from app.services.views.meetings import list_meetings

TODAY = date(2026, 12, 2)
PERIODS = [Period.of(2025), Period.of(2026, quarter=1), Period.of(2026, quarter=3), Period.of(2024, month=12),
           Period.of(2026)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from app.services.database import Database

    db = Database.open(path=tmp_path_factory.mktemp("demo") / "demo.db")
    generate(db, members=240, years=3, today=TODAY)
    yield db
    db.close()


def test_dues_totals_equal_the_ledger_member_by_member(demo):
    with demo.reading() as s:
        branch = sorted({o for o in _branches(s)})[0]
        for p in PERIODS:
            for scope, org_id in ((None, None), ({branch}, branch)):
                lines = period_dues(s, p.start, p.end, org_id)
                assert period_totals(s, p.start, p.end, scope) == (sum(d.due for d in lines), sum(d.paid for d in lines))
                assert lines or scope is not None


def test_arrears_candidates_lose_no_one(demo):
    with demo.reading() as s:
        for p in PERIODS:
            end = month_end(p.end)
            full = {ln.member_id for ln in month_sheet(s, end.year, end.month)
                    if ln.arrears + (1 if not ln.paid and ln.monthly > 0 else 0) >= 3}
            assert full <= _unpaid_lately(s, end, None)
            assert period_figures(s, p).values["dues_arrears_members"] == len(full)


def test_meeting_counts_equal_the_meetings_list(demo):
    with demo.reading() as s:
        for p in PERIODS:
            f = period_figures(s, p).values
            rows = list_meetings(s, first=p.start, last=p.end, status="已召开")
            assert sum(f["meetings"].values()) == len(rows) > 0
            assert f["meeting_attendance"] == sum(r.present or 0 for r in rows)
            for name, n in f["meetings"].items():
                assert n == sum(1 for r in rows if r.type_name == name)


def _branches(s):
    from sqlalchemy import select

    from app.db.models import Member

    return s.scalars(select(Member.org_id).distinct())


def test_period_lines_equal_the_years_ledger_member_by_member(demo):
    from app.services.dues_ledger import build_ledger

    with demo.reading() as s:
        branch = sorted(set(_branches(s)))[0]
        for p in PERIODS:
            for org_id in (None, branch):
                lines = {d.member_id: d for d in period_dues(s, p.start, p.end, org_id)}
                ledger = build_ledger(s, p.start.year, as_of=date(p.start.year, 12, 31), org_id=org_id)
                i, j = p.start.month - 1, p.end.month
                expected = {r.member_id: r.months[i:j] for r in ledger.rows if any(v is not None for v in r.months[i:j])}
                assert set(lines) <= set(expected)
                for mid, d in lines.items():
                    assert d.months == expected[mid], (p.label, mid)


def test_member_counts_equal_counting_the_list_of_those_on_the_books(demo):
    """member_counts (the database sums those without events) = counting over members_at, day by day and for
    the whole tree, a branch and a sub-tree; the boundaries of the age bands included (29 February)."""
    from app.services.organisation_tree import subtree_ids
    from app.services.stats_members import MEMBER_FIGURES, member_counts, members_at

    with demo.reading() as s:
        branch = sorted(set(_branches(s)))[0]
        parent = _parent_of(s, branch)
        scopes = (None, {branch}, set(subtree_ids(s, parent)))
        days = (date(2024, 2, 29), date(2024, 12, 31), date(2025, 6, 30), date(2026, 3, 31), TODAY)
        for day in days:
            for scope in scopes:
                people = members_at(s, day, scope)
                expected = {m.key: sum(1 for p in people if m.test(p, day)) for m in MEMBER_FIGURES}
                assert member_counts(s, day, scope) == expected, (day, scope)
        assert expected["members_total"] > 0 and expected["female"] > 0


def _parent_of(s, org_id):
    from app.db.models import Organisation

    return s.get(Organisation, org_id).parent_id


def test_the_volunteer_headline_equals_the_full_volunteer_statistics(demo):
    from decimal import Decimal

    from app.domain.volunteer_rules import Period as VolunteerPeriod
    from app.services.volunteer_stats import headline, volunteer_statistics

    with demo.reading() as s:
        branch = sorted(set(_branches(s)))[0]
        for p in PERIODS:
            for org_id in (None, branch):
                period = VolunteerPeriod(p.start, p.end, p.label)
                full, h = volunteer_statistics(s, period, org_id=org_id), headline(s, period, org_id=org_id)

                def number(label):
                    return int(full.value(label).replace(",", ""))

                assert h.volunteers == number("注册个人志愿者") + number("团体志愿者")
                assert (h.teams, h.activities, h.beneficiaries) == (
                    number("志愿服务队"), number("开展志愿服务活动"), number("受益群众（人次）"))
                assert h.hours == Decimal(full.value("服务时长（小时）").replace(",", ""))
        assert headline(s, VolunteerPeriod(PERIODS[0].start, PERIODS[0].end, "")).volunteers > 0
