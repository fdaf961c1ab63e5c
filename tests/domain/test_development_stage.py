"""The 发展党员 stage follows from the latest step that has a date (发展党员工作细则)."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.development import derive_stage
from app.domain.enums import DevelopmentStage

D = date(2025, 3, 1)


@pytest.mark.parametrize(
    ("dates", "stage"),
    [
        ({}, DevelopmentStage.APPLICANT),
        ({"applied_on": D}, DevelopmentStage.APPLICANT),
        ({"applied_on": D, "activist_on": D}, DevelopmentStage.ACTIVIST),
        ({"activist_on": D, "candidate_on": D}, DevelopmentStage.CANDIDATE),
        # a 支部大会 resolution still awaiting the higher committee leaves the person a 发展对象
        ({"candidate_on": D, "branch_meeting_on": D}, DevelopmentStage.CANDIDATE),
        ({"branch_meeting_on": D, "approved_on": D}, DevelopmentStage.PROBATIONARY),
        ({"approved_on": D, "confirm_approved_on": D}, DevelopmentStage.FULL),
        ({"approved_on": D, "terminated_on": D}, DevelopmentStage.TERMINATED),
        ({"applied_on": D, "terminated_on": D}, DevelopmentStage.TERMINATED),
    ],
)
def test_latest_dated_step_wins(dates, stage):
    assert derive_stage(**dates) is stage


def test_dates_after_as_of_are_not_yet_reached():
    dates = {"applied_on": date(2025, 1, 1), "activist_on": date(2025, 6, 1), "candidate_on": date(2026, 6, 1)}
    assert derive_stage(**dates, as_of=date(2025, 3, 1)) is DevelopmentStage.APPLICANT
    assert derive_stage(**dates, as_of=date(2025, 6, 1)) is DevelopmentStage.ACTIVIST  # the day itself counts
    assert derive_stage(**dates, as_of=date(2026, 7, 1)) is DevelopmentStage.CANDIDATE
    assert derive_stage(terminated_on=date(2027, 1, 1), approved_on=D, as_of=date(2026, 1, 1)) \
        is DevelopmentStage.PROBATIONARY


def test_stage_values_are_the_words_on_the_page():
    assert [s.value for s in (DevelopmentStage.APPLICANT, DevelopmentStage.ACTIVIST, DevelopmentStage.CANDIDATE,
                              DevelopmentStage.PROBATIONARY, DevelopmentStage.FULL, DevelopmentStage.TERMINATED)] \
        == ["入党申请人", "积极分子", "发展对象", "预备党员", "正式党员", "终止"]
