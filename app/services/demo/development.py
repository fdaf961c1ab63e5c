"""Demo 发展党员 records at every stage, dates in the order the 2026 细则 requires."""

from __future__ import annotations

from datetime import date, timedelta

from app.db.models import DevelopmentDocument, DevelopmentPerson, DevelopmentRecord
from app.domain.dates import add_months, add_years
from app.domain.enums import DevelopmentDocumentKind, DevelopmentRole, Gender, MemberStatus
from app.domain.names import name_keys
from app.services.demo.members import DemoMember
from app.services.demo.organisation import Branch
from app.services.demo.people import People
from app.services.demo.writer import Writer

STAGES = ["入党申请人", "积极分子", "发展对象", "预备党员", "正式党员", "终止"]


def build_development(w: Writer, rng, people: People, branches: list[Branch], members: list[DemoMember],
                      today: date) -> int:
    rec, per, doc = DevelopmentRecord.__table__, DevelopmentPerson.__table__, DevelopmentDocument.__table__
    full = [m for m in members if m.full and m.status is MemberStatus.NORMAL]
    admitted = [m for m in members if m.status is MemberStatus.NORMAL and m.join >= add_years(today, -3)
                and m.join <= today - timedelta(days=20)]
    count = 0
    # records for members admitted recently (预备 or already 正式), then candidates who are not members yet
    jobs = [("member", m) for m in admitted]
    jobs += [("new", rng.choices(STAGES[:3] + ["终止"], [30, 25, 15, 3])[0]) for _ in range(max(3, len(members) // 70))]
    for kind, item in jobs:
        if kind == "member":
            m: DemoMember = item
            name, sex, birth, branch, member_id = m.name, m.sex, m.birth, m.branch, m.id
            meeting = m.join
        else:
            sex = "女" if rng.random() < 0.5 else "男"
            birth = people.birth_for_age(rng.randrange(20, 45), today)
            name, branch, member_id, meeting = people.name(sex), rng.choice(branches), None, None
        # work backwards from the 支部大会 (or forwards from a recent application)
        if meeting is not None:
            approved = meeting + timedelta(days=rng.randrange(20, 80))
            candidate = add_months(meeting, -rng.randrange(3, 6))
            activist = add_months(candidate, -rng.randrange(12, 20))
        else:
            stage = item
            applied_base = today - timedelta(days={"入党申请人": 90, "积极分子": 300, "发展对象": 700, "终止": 500}[stage])
            activist = add_months(applied_base, rng.randrange(2, 6)) if stage != "入党申请人" else None
            candidate = add_months(activist, 13) if stage == "发展对象" else None
            approved = None
        applied = add_months(activist or today, -rng.randrange(3, 10)) if activist else today - timedelta(days=rng.randrange(20, 100))
        row = {
            "org_id": branch.id, "member_id": member_id, "rule_version": "2026.05", "name": name,
            "name_pinyin": name_keys(name).pinyin, "gender": Gender(sex), "ethnicity": "汉族", "birth_date": birth,
            "education": rng.choice(["大专", "大学", "硕士研究生"]), "phone": people.phone(),
            "political_status": rng.choice(["共青团员", "群众"]), "applied_on": applied,
            "talked_on": applied + timedelta(days=rng.randrange(5, 28)),
        }
        if activist:
            row.update(activist_on=activist, activist_method=rng.choice(["党员推荐", "群团组织推优"]),
                       activist_filed_on=activist + timedelta(days=7))
        if candidate:
            row.update(candidate_on=candidate, publicity_start=candidate + timedelta(days=3),
                       publicity_end=candidate + timedelta(days=10), political_review_on=candidate + timedelta(days=20),
                       political_review_result="合格", training_start=candidate + timedelta(days=30),
                       training_end=candidate + timedelta(days=33), training_days=4, training_hours=32,
                       training_passed_on=candidate + timedelta(days=33))
        if meeting is not None:
            pre_review = meeting - timedelta(days=rng.randrange(7, 25))
            probation_end = add_years(meeting, 1)
            row.update(pre_review_on=pre_review, form_filled_on=pre_review + timedelta(days=3), branch_meeting_on=meeting,
                       vote_eligible=30, vote_present=27, vote_yes=27, vote_no=0, vote_abstain=0,
                       higher_talk_on=meeting + timedelta(days=10), approved_on=approved,
                       oath_on=approved + timedelta(days=rng.randrange(5, 25)), probation_start=meeting,
                       probation_end=probation_end)
            if m.full is not None and m.full <= today:
                row.update(confirm_applied_on=probation_end - timedelta(days=30), confirm_meeting_on=probation_end,
                           confirm_vote_eligible=30, confirm_vote_present=28, confirm_vote_yes=28, confirm_vote_no=0,
                           confirm_vote_abstain=0, confirm_approved_on=probation_end + timedelta(days=40))
        if kind == "new" and item == "终止":
            row.update(terminated_on=today - timedelta(days=rng.randrange(10, 100)), termination_reason="本人撤回入党申请")
        rid = w.add(rec, row)
        count += 1
        if activist and full:
            for mentor in rng.sample(full, min(2, len(full))):
                w.add(per, {"record_id": rid, "role": DevelopmentRole.MENTOR, "member_id": mentor.id,
                            "person_name": mentor.name, "assigned_on": activist})
        if meeting is not None and full:
            for sponsor in rng.sample(full, min(2, len(full))):
                w.add(per, {"record_id": rid, "role": DevelopmentRole.SPONSOR, "member_id": sponsor.id,
                            "person_name": sponsor.name, "assigned_on": candidate})
        w.add(doc, {"record_id": rid, "kind": DevelopmentDocumentKind.APPLICATION, "received_on": applied})
        if activist:
            q = activist
            while q < min(today, approved or today):
                w.add(doc, {"record_id": rid, "kind": DevelopmentDocumentKind.THOUGHT_REPORT,
                            "period": f"{q.year}Q{(q.month - 1) // 3 + 1}", "received_on": q + timedelta(days=20)})
                q = add_months(q, 3)
    return count
