"""发展党员 on a real database: one person from application to 转正, the roster and dues following."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.db.models import DevelopmentRecord, Member, MembershipEvent
from app.domain.dates import PartialDate
from app.domain.errors import ValidationError
from app.domain.member_rules import MemberData
from app.services import development as dev
from app.services import members
from app.services.development_cases import due_within, judged, open_cases
from app.services.dues_liability import liabilities
from helpers_ids import make_id
from helpers_orgs import committee_and_branch

TODAY = date(2026, 11, 22)


@pytest.fixture
def branch(db):
    with db.unit_of_work() as s:
        b = committee_and_branch(s)
        ids = {"branch": b.id}
        for n, (name, category) in enumerate([("老党员甲", "正式党员"), ("老党员乙", "正式党员"), ("预备丙", "预备党员")], 1):
            ids[name] = members.create_member(s, MemberData(
                name=name, org_id=b.id, id_number=make_id(date(1960 + n, 1, 1), 60 + n), category=category,
                join_date=PartialDate(date(2026, 1, 10) if category == "预备党员" else date(1990, 7, 1)),
                full_date=None if category == "预备党员" else PartialDate(date(1991, 7, 1))), today=TODAY).member.id
    return ids


def _save(db, record_id, branch, today=TODAY, **values):
    with db.unit_of_work() as s:
        version = s.get(DevelopmentRecord, record_id).version if record_id else None
        name = s.get(DevelopmentRecord, record_id).name if record_id else "李向阳"
        return dev.save_record(s, record_id, dev.RecordData(name, branch["branch"], values=values),
                               expected_version=version, today=today)


def _case(db, record_id, on):
    with db.reading() as s:
        return judged(s, on, record_ids=[record_id])[0]


def test_one_person_from_application_to_full_membership(db, branch):
    rid = _save(db, None, branch, today=date(2024, 3, 20), applied_on=date(2024, 3, 15),
                id_number=make_id(date(2001, 4, 9), 18))
    case = _case(db, rid, date(2024, 3, 20))
    assert (case.stage, case.next_step, case.deadline) == ("入党申请人", "党组织派人谈话", date(2024, 4, 15))
    assert case.as_json()["stage"] == "入党申请人" and case.warnings == ()
    late = _case(db, rid, date(2024, 4, 16))
    assert late.overdue and late.warnings == (("第七条", "与入党申请人谈话已逾期：应不晚于2024-04-15（收到申请书后一个月内）"),)

    _save(db, rid, branch, talked_on=date(2024, 4, 2), activist_on=date(2024, 6, 1), activist_method="党员推荐",
          activist_filed_on=date(2024, 6, 10))
    with db.unit_of_work() as s:
        dev.set_people(s, rid, "培养联系人", [dev.PersonEntry("老党员甲", assigned_on=date(2024, 6, 1))])
        for q in ("2024Q3", "2024Q4", "2025Q1", "2025Q2"):
            dev.add_document(s, rid, "思想汇报", period=q)
        dev.add_document(s, rid, "半年考察意见", period="2024H2")
        dev.add_document(s, rid, "半年考察意见", period="2025H1")
    activist = _case(db, rid, date(2025, 6, 1))
    assert activist.stage == "积极分子" and activist.next_step.startswith("发展对象公示")
    assert activist.earliest == date(2025, 6, 1) and activist.warnings == ()

    _save(db, rid, branch, publicity_start=date(2025, 6, 3), publicity_end=date(2025, 6, 9),
          candidate_on=date(2025, 6, 10), political_review_on=date(2025, 6, 20), political_review_result="政治审查合格",
          training_days=3, training_passed_on=date(2025, 7, 5), pre_review_on=date(2025, 7, 15),
          form_filled_on=date(2025, 7, 18), branch_meeting_on=date(2025, 8, 8), vote_eligible=20, vote_present=18,
          vote_yes=17, vote_no=1, vote_abstain=0, higher_talk_on=date(2025, 8, 20), approved_on=date(2025, 9, 10),
          approving_body="幸福社区党委", oath_on=date(2025, 9, 28))
    with db.unit_of_work() as s:
        dev.set_people(s, rid, "入党介绍人", [dev.PersonEntry("老党员甲"), dev.PersonEntry("预备丙")])
        for kind in ("政审材料", "培训结业证明", "自传"):
            dev.add_document(s, rid, kind)
        for q in ("2025Q3", "2025Q4", "2026Q1", "2026Q2"):
            dev.add_document(s, rid, "思想汇报", period=q)
    probationary = _case(db, rid, date(2025, 10, 1))
    assert probationary.stage == "预备党员" and probationary.probation_end == date(2026, 8, 8)
    # a 预备党员 cannot introduce (第十四条): the warning names the person and the day
    assert probationary.warnings == (("第十四条", "入党介绍人预备丙在2025-06-10不是本组织的正式党员"),)
    with db.unit_of_work() as s:
        dev.set_people(s, rid, "入党介绍人", [dev.PersonEntry("老党员甲"), dev.PersonEntry("老党员乙")])
        person = s.get(Member, s.get(DevelopmentRecord, rid).member_id)
        assert (person.category.value, person.join_date, person.name) == ("预备党员", date(2025, 8, 8), "李向阳")
        assert liabilities(s, [person.id])[person.id].first == 2025 * 12 + 7  # dues from August (第八条)
    assert _case(db, rid, date(2025, 10, 1)).warnings == ()

    due = _case(db, rid, date(2026, 9, 9))
    assert due.next_step == "提出转正申请" and due.overdue  # the 预备期 ended on 8 August
    _save(db, rid, branch, confirm_applied_on=date(2026, 7, 20), confirm_meeting_on=date(2026, 8, 12),
          confirm_vote_eligible=21, confirm_vote_present=19, confirm_vote_yes=19, confirm_approved_on=date(2026, 9, 1))
    with db.reading() as s:
        person = s.get(Member, s.get(DevelopmentRecord, rid).member_id)
        assert (person.category.value, person.full_date) == ("正式党员", date(2026, 8, 8))  # 党龄 from the 预备期's end
        kinds = [e.kind.value for e in s.scalars(select(MembershipEvent).where(MembershipEvent.member_id == person.id)
                                                 .order_by(MembershipEvent.event_date))]
        assert kinds == ["发展", "转正"]
        assert open_cases(s, TODAY) == []
    done = _case(db, rid, TODAY)
    assert done.stage == "正式党员" and done.next_step == "" and done.warnings == ()


def test_an_extension_and_a_cancellation_reach_the_roster(db, branch):
    steps = dict(applied_on=date(2023, 1, 5), talked_on=date(2023, 1, 20), activist_on=date(2023, 3, 1),
                 candidate_on=date(2024, 3, 15), pre_review_on=date(2024, 5, 1), branch_meeting_on=date(2024, 5, 20),
                 approved_on=date(2024, 7, 1))
    rid = _save(db, None, branch, **steps)
    _save(db, rid, branch, probation_extended_to=date(2025, 11, 20), extension_decided_on=date(2025, 5, 25))
    _save(db, rid, branch, terminated_on=date(2025, 11, 25), termination_reason="延长预备期满仍不具备党员条件")
    with db.reading() as s:
        member = s.get(Member, s.get(DevelopmentRecord, rid).member_id)
        events = [(e.kind.value, e.subtype) for e in s.scalars(select(MembershipEvent).where(
            MembershipEvent.member_id == member.id).order_by(MembershipEvent.event_date))]
        assert events == [("发展", None), ("延长预备期", None), ("出党", "取消预备党员资格")]
        assert not member.is_active
    assert _case(db, rid, TODAY).stage == "终止"


def test_bad_input_is_refused_and_nothing_is_written(db, branch):
    with pytest.raises(ValidationError, match="公民身份号码"):
        _save(db, None, branch, applied_on=date(2026, 1, 5), id_number="110101200001011234")
    with pytest.raises(ValidationError, match="谈话.*晚于今天"):
        _save(db, None, branch, applied_on=date(2026, 1, 5), talked_on=date(2026, 12, 1))
    with pytest.raises(ValidationError, match="递交入党申请书"):
        _save(db, None, branch, talked_on=date(2026, 1, 5))
    with pytest.raises(ValidationError, match="应到有表决权.*不是整数"):
        _save(db, None, branch, applied_on=date(2026, 1, 5), vote_eligible="二十")
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(DevelopmentRecord)) == 0


def test_home_lists_what_falls_due_within_thirty_days(db, branch):
    soon = _save(db, None, branch, applied_on=date(2026, 11, 1))  # 谈话 by 1 December
    _save(db, None, branch, applied_on=date(2026, 11, 20))  # … by 20 December
    later = _save(db, None, branch, applied_on=date(2026, 1, 1), talked_on=date(2026, 1, 10),
                  activist_on=date(2026, 3, 1))  # 发展对象 no earlier than March 2027: no deadline
    with db.reading() as s:
        due = due_within(s, TODAY, 30)
    assert [c.record_id for c in due] == [soon, soon + 1] and later not in [c.record_id for c in due]
    assert due[0].deadline == date(2026, 12, 1)
