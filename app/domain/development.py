"""The stage of a 发展党员 record, derived from the dates the clerk entered (发展党员工作细则).

The stage is never typed in: it follows from the latest step that has a date.
"""

from __future__ import annotations

from datetime import date

from app.domain.enums import DevelopmentStage


def derive_stage(
    *,
    applied_on: date | None = None,
    activist_on: date | None = None,
    candidate_on: date | None = None,
    branch_meeting_on: date | None = None,
    approved_on: date | None = None,
    confirm_approved_on: date | None = None,
    terminated_on: date | None = None,
    as_of: date | None = None,
) -> DevelopmentStage:
    """The stage a person is at, from the step dates (dates after ``as_of`` are ignored).

    - 终止: the record was ended without admission (``terminated_on``);
    - 正式党员: the higher committee approved 转正 (``confirm_approved_on``);
    - 预备党员: the higher committee approved the admission (``approved_on``,
      细则 第二十九条). A 支部大会 resolution (``branch_meeting_on``) still awaiting
      approval leaves the person a 发展对象 — the probation period will count from
      that meeting, but the person is not a member until approved;
    - 发展对象 (``candidate_on``), 积极分子 (``activist_on``), otherwise 入党申请人.
    """

    def known(value: date | None) -> bool:
        return value is not None and (as_of is None or value <= as_of)

    if known(terminated_on):
        return DevelopmentStage.TERMINATED
    if known(confirm_approved_on):
        return DevelopmentStage.FULL
    if known(approved_on):
        return DevelopmentStage.PROBATIONARY
    if known(candidate_on) or known(branch_meeting_on):
        return DevelopmentStage.CANDIDATE
    if known(activist_on):
        return DevelopmentStage.ACTIVIST
    return DevelopmentStage.APPLICANT
