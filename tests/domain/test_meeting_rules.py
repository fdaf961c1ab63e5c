"""三会一课 rules on hand-made calendars; the quorum and majority at their edges; 学时; who took part when."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest

from app.domain.enums import EventKind
from app.domain.errors import ValidationError
from app.domain.meeting_record import (
    AttendanceSummary, VoteCounts, check_vote, meeting_quorum_note, meeting_title, study_hours,
)
from app.domain.meeting_rules import DEFAULTS_BY_TYPE, CellState, Period, evaluate, span_of, spans, state_for_column
from app.domain.status import EventFact, taking_part_spans, within

TODAY = date(2026, 11, 22)


def states(results):
    return [r.state for r in results]


def test_every_default_rule_names_its_article_and_the_lecture_is_local_practice():
    for rule in DEFAULTS_BY_TYPE.values():
        assert rule.basis.startswith("支部工作条例 第")
    assert DEFAULTS_BY_TYPE["支部党员大会"].basis == "支部工作条例 第十一条"
    assert DEFAULTS_BY_TYPE["支部委员会"].basis == "支部工作条例 第十二条"
    lecture = DEFAULTS_BY_TYPE["党课"]
    assert lecture.local_practice and "地方惯例" in lecture.basis_text and lecture.text == "每季度至少1次"
    assert DEFAULTS_BY_TYPE["党小组会"].text == "每个党小组每月至少1次"
    assert not any(r.local_practice for n, r in DEFAULTS_BY_TYPE.items() if n != "党课")


def test_a_quarter_without_a_lecture_is_red_the_others_green():
    lectures = [date(2026, 2, 10), date(2026, 8, 3), date(2026, 10, 9)]  # none in Q2
    results = evaluate(1, Period.QUARTER, 2026, lectures, [], TODAY)
    assert [r.held for r in results] == [1, 0, 1, 1]
    assert states(results) == [CellState.MET, CellState.MISSED, CellState.MET, CellState.MET]
    # in the month grid every month of the second quarter shows the quarter's red
    months = [state_for_column(results, m) for m in spans(2026, Period.MONTH)]
    assert months[3:6] == [CellState.MISSED] * 3 and months[0:3] == [CellState.MET] * 3


def test_two_committee_meetings_in_one_month_do_not_cover_the_next():
    held = [date(2026, 3, 2), date(2026, 3, 28)] + [date(2026, m, 5) for m in (1, 2, 5, 6, 7, 8, 9, 10, 11)]
    results = evaluate(1, Period.MONTH, 2026, held, [date(2026, 12, 4)], TODAY)
    by_month = {r.span.index: r for r in results}
    assert (by_month[3].held, by_month[3].state) == (2, CellState.MET)
    assert (by_month[4].held, by_month[4].state) == (0, CellState.MISSED)  # April had none
    assert (by_month[12].planned, by_month[12].state) == (1, CellState.FUTURE)  # planned is not held
    quarters = [state_for_column(results, q) for q in spans(2026, Period.QUARTER)]
    assert quarters == [CellState.MET, CellState.MISSED, CellState.MET, CellState.MET]  # Q4 so far: Oct, Nov


def test_the_current_period_is_open_until_enough_are_held():
    results = evaluate(1, Period.MONTH, 2026, [], [date(2026, 11, 25)], TODAY)
    assert results[10].state is CellState.OPEN and results[10].planned == 1
    assert results[9].state is CellState.MISSED and results[11].state is CellState.FUTURE
    met = evaluate(1, Period.MONTH, 2026, [date(2026, 11, 3)], [], TODAY)
    assert met[10].state is CellState.MET
    yearly = evaluate(1, Period.YEAR, 2026, [], [], TODAY)
    assert states(yearly) == [CellState.OPEN]
    assert states(evaluate(1, Period.YEAR, 2025, [], [], TODAY)) == [CellState.MISSED]


def test_not_checked_and_not_applicable_periods():
    assert set(states(evaluate(0, Period.MONTH, 2026, [date(2026, 1, 1)], [], TODAY))) == {CellState.NOT_APPLICABLE}
    in_office = evaluate(1, Period.MONTH, 2026, [], [], TODAY, applies=lambda s: s.index >= 7)
    assert states(in_office)[:6] == [CellState.NOT_APPLICABLE] * 6 and in_office[6].state is CellState.MISSED


def test_periods():
    assert span_of(date(2026, 8, 31), Period.QUARTER).label == "第三季度"
    assert [s.last for s in spans(2024, Period.MONTH)][1] == date(2024, 2, 29)
    assert span_of(date(2026, 12, 31), Period.YEAR).first == date(2026, 1, 1)


@pytest.mark.parametrize("eligible,present,yes,quorum,passed", [
    (10, 5, 5, False, False),   # exactly half present: no quorum
    (10, 6, 5, True, False),    # quorum, but 赞成 exactly half of those entitled: not passed
    (10, 6, 6, True, True),
    (9, 5, 5, True, True),      # odd: 5 of 9 is more than half
    (9, 4, 4, False, False),
    (1, 1, 1, True, True),
])
def test_quorum_and_majority_at_their_edges(eligible, present, yes, quorum, passed):
    check = check_vote(VoteCounts("接收张三为预备党员", eligible, present, yes, present - yes, 0))
    assert (check.quorum, check.passed) == (quorum, passed)
    if not quorum:
        assert check.result == "不足法定人数，表决无效" and "未超过应到有表决权的" in check.notes[0]
    elif not passed:
        assert check.result == "未通过" and "决议未通过" in check.notes[0]
    else:
        assert check.result == "通过" and check.notes == ()


@pytest.mark.parametrize("counts,field", [
    (("", 10, 8, 8, 0, 0), "表决事项"),
    (("事项", 0, 0, 0, 0, 0), "应到有表决权"),
    (("事项", 10, 11, 8, 0, 0), "实到有表决权"),
    (("事项", 10, 8, 7, 1, 1), "赞成"),  # 9 votes from 8 present
    (("事项", 10, 8, -1, 0, 0), "赞成"),
])
def test_impossible_counts_are_refused_naming_the_field(counts, field):
    with pytest.raises(ValidationError) as err:
        check_vote(VoteCounts(*counts))
    assert err.value.field == field


def test_a_member_who_did_not_vote_is_noted():
    check = check_vote(VoteCounts("事项", 10, 8, 6, 0, 1))
    assert check.passed and check.notes == ("有 1 名到会有表决权的党员未投票",)


def test_meeting_quorum_notes():
    assert meeting_quorum_note("支部党员大会", 12, 8, voters_expected=10, voters_present=5) is not None
    assert meeting_quorum_note("支部党员大会", 12, 8, voters_expected=10, voters_present=6) is None
    assert "第十二条" in meeting_quorum_note("支部委员会", 4, 2)  # exactly half the committee
    assert meeting_quorum_note("支部委员会", 5, 3) is None
    assert meeting_quorum_note("主题党日", 40, 3) is None


def test_attendance_summary():
    s = AttendanceSummary(expected=45, leave=4, absent=1, observers=1)
    assert (s.present, s.rate) == (40, Decimal("88.9"))
    assert s.text == "应到45人，实到40人，请假4人，缺席1人，列席1人，出席率88.9%"
    assert AttendanceSummary(0, 0, 0, 2).rate is None


def test_study_hours_from_the_times():
    assert study_hours(time(9, 0), time(10, 30), 45) == Decimal("2.0")
    assert study_hours(time(9, 0), time(11, 30), 45) == Decimal("3.3")
    assert study_hours(time(9, 0), time(11, 30), 60) == Decimal("2.5")
    assert study_hours(None, time(11, 0), 45) is None and study_hours(time(11, 0), time(10, 0), 45) is None


def test_titles_do_not_say_branch_twice():
    assert meeting_title("第一党支部", "支部党员大会") == "第一党支部党员大会"
    assert meeting_title("第一党支部", "支部委员会") == "第一党支部委员会会议"
    assert meeting_title("第一党支部·第一党小组", "党小组会") == "第一党支部·第一党小组党小组会"
    assert meeting_title("幸福社区党委", "支部党员大会") == "幸福社区党委支部党员大会"


def _spans(*events, join=None, active=True, left=None):
    return taking_part_spans([EventFact(k, d, n) for n, (k, d) in enumerate(events)], join_date=join,
                             stored_active=active, left_on=left)


def test_who_took_part_on_a_day():
    came = _spans((EventKind.TRANSFER_IN, date(2026, 5, 10)), join=date(1990, 7, 1))
    assert not within(came, date(2026, 5, 9)) and within(came, date(2026, 5, 10))
    left = _spans((EventKind.ADMITTED, date(2000, 7, 1)), (EventKind.TRANSFER_OUT, date(2026, 8, 1)))
    assert within(left, date(2026, 7, 31)) and not within(left, date(2026, 8, 1))
    back = _spans((EventKind.ADMITTED, date(2000, 7, 1)), (EventKind.SUSPENDED, date(2026, 3, 1)),
                  (EventKind.REINSTATED, date(2026, 6, 1)))
    assert [within(back, d) for d in (date(2026, 2, 28), date(2026, 4, 1), date(2026, 6, 1))] == [True, False, True]
    assert within(_spans(join=date(1980, 1, 1)), date(2026, 1, 1))  # no events: the stored state
    assert not within(_spans(join=date(1980, 1, 1), active=False, left=date(2025, 3, 1)), date(2026, 1, 1))
    assert not within(_spans(join=date(2027, 1, 1)), date(2026, 6, 1))
    assert not within(_spans((EventKind.DIED, date(2026, 2, 2)), join=date(1960, 1, 1)), date(2026, 2, 2))
