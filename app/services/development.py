"""发展党员 records: the clerk's dates, people and documents, and what they change on the roster.

Every step is a date the clerk enters (the app never invents an organisational decision);
the rules only warn (app.services.development_cases). What the rules make certain is
carried onto the roster (细则 2026, 党章 第七条):

- 上级党委审批 of the admission → the person is a 预备党员 on the roster, 入党日期 = the
  支部大会 date (党籍, 预备期 and 党费 start there), with a 发展 event;
- 转正审批 → 转正 event dated at the end of the 预备期 (党龄 counts from it), 正式;
- an extension of the 预备期 → a 延长预备期 event; 取消预备党员资格 → an 出党 event of that kind.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import DevelopmentDocument, DevelopmentPerson, DevelopmentRecord, Member, MembershipEvent, Organisation
from app.domain import idnumber
from app.domain.dates import PartialDate, add_years
from app.domain.development_case import RULES_VERSION
from app.domain.enums import (
    DevelopmentDocumentKind, DevelopmentRole, EventKind, ExitType, Gender, MemberCategory, OrgLevel,
)
from app.domain.errors import NotFoundError, ValidationError
from app.domain.member_rules import MemberData
from app.domain.names import name_keys
from app.services import member_events, members
from app.services.concurrency import require_version

DATE_FIELDS = (
    "birth_date", "leaving_on", "applied_on", "talked_on", "activist_on", "activist_filed_on", "candidate_on",
    "publicity_start", "publicity_end", "political_review_on", "training_start", "training_end", "training_passed_on",
    "pre_review_on", "form_filled_on", "branch_meeting_on", "higher_talk_on", "approved_on", "oath_on",
    "probation_extended_to", "extension_decided_on", "confirm_applied_on", "confirm_meeting_on",
    "confirm_approved_on", "terminated_on",
)
INT_FIELDS = ("training_days", "training_hours", "vote_eligible", "vote_present", "vote_yes", "vote_no",
              "vote_abstain", "confirm_vote_eligible", "confirm_vote_present", "confirm_vote_yes", "confirm_vote_no",
              "confirm_vote_abstain")
TEXT_FIELDS = ("name", "ethnicity", "id_number", "education", "job_post", "work_unit", "phone", "political_status",
               "activist_method", "political_review_result", "higher_talk_by", "approving_body",
               "termination_reason", "notes")
FUTURE_ALLOWED = {"leaving_on", "probation_extended_to", "publicity_end"}  # plans and spans, not decisions
LABELS = {
    "birth_date": "出生日期", "leaving_on": "预计离开单位日期", "applied_on": "递交入党申请书", "talked_on": "谈话",
    "activist_on": "确定积极分子", "activist_filed_on": "积极分子备案", "candidate_on": "确定发展对象",
    "publicity_start": "公示开始", "publicity_end": "公示结束", "political_review_on": "政治审查",
    "training_start": "培训开始", "training_end": "培训结束", "training_passed_on": "培训结业",
    "pre_review_on": "预审", "form_filled_on": "填写入党志愿书", "branch_meeting_on": "支部大会",
    "higher_talk_on": "上级党委谈话", "approved_on": "上级党委审批", "oath_on": "入党宣誓",
    "probation_extended_to": "延长预备期至", "extension_decided_on": "决定延长预备期",
    "confirm_applied_on": "转正申请", "confirm_meeting_on": "转正支部大会", "confirm_approved_on": "转正审批",
    "terminated_on": "终止", "training_days": "培训天数", "training_hours": "培训学时",
    "vote_eligible": "应到有表决权", "vote_present": "实到有表决权", "vote_yes": "赞成", "vote_no": "反对",
    "vote_abstain": "弃权", "confirm_vote_eligible": "转正·应到有表决权", "confirm_vote_present": "转正·实到有表决权",
    "confirm_vote_yes": "转正·赞成", "confirm_vote_no": "转正·反对", "confirm_vote_abstain": "转正·弃权",
}


@dataclass(frozen=True)
class RecordData:
    """What the clerk enters on the form; dates as ``date`` or None, counts as int or None."""

    name: str
    org_id: int
    gender: str | None = None
    values: dict = dataclasses.field(default_factory=dict)  # any of DATE_FIELDS, INT_FIELDS, TEXT_FIELDS
    transferred_in: bool = False


def check_record(data: RecordData, today: date) -> dict:
    """The record's values checked and cleaned; ValidationError names the field."""
    if not (data.name or "").strip():
        raise ValidationError("姓名", "不能为空")
    clean: dict = {"name": data.name.strip()}
    for key, value in data.values.items():
        if key in DATE_FIELDS:
            if value in (None, ""):
                clean[key] = None
                continue
            if not isinstance(value, date):
                try:
                    value = PartialDate.parse(str(value)).value
                except ValueError as exc:
                    raise ValidationError(LABELS[key], str(exc)) from None
            if value > today and key not in FUTURE_ALLOWED:
                raise ValidationError(LABELS[key], f"{value} 晚于今天：这里只登记已经发生的事")
            clean[key] = value
        elif key in INT_FIELDS:
            if value in (None, ""):
                clean[key] = None
                continue
            try:
                number = int(str(value).strip())
            except ValueError:
                raise ValidationError(LABELS[key], f"“{value}”不是整数") from None
            if number < 0:
                raise ValidationError(LABELS[key], "不能为负数")
            clean[key] = number
        elif key in TEXT_FIELDS:
            clean[key] = (str(value).strip() or None) if value is not None else None
        else:
            raise KeyError(key)
    number = clean.get("id_number")
    if number:
        info = idnumber.parse(number, today=today)
        clean["id_number"] = info.number
        if clean.get("birth_date") is None:
            clean["birth_date"] = info.birth_date
        if data.gender and data.gender != info.gender:
            raise ValidationError("性别", f"与公民身份号码不符（号码为{info.gender}性）")
        clean["gender"] = Gender(info.gender)
    elif data.gender:
        clean["gender"] = Gender(data.gender)
    return clean


def save_record(session: Session, record_id: int | None, data: RecordData, *, expected_version: int | None = None,
                today: date | None = None) -> int:
    """Create or update a record, then carry admission, 转正, extension or 取消 onto the roster."""
    today = today or date.today()
    clean = check_record(data, today)
    org = session.get(Organisation, data.org_id)
    if org is None or org.dissolved_on is not None or org.level not in (OrgLevel.BRANCH, OrgLevel.GROUP):
        raise ValidationError("所在党支部", "应选择一个在用的党支部")
    if org.level is OrgLevel.GROUP:
        org = session.get(Organisation, org.parent_id)
    if record_id is None:
        if clean.get("applied_on") is None:
            raise ValidationError("递交入党申请书", "不能为空：每份档案从入党申请书开始")
        row = DevelopmentRecord(org_id=org.id, rule_version=RULES_VERSION)
        session.add(row)
    else:
        row = session.get(DevelopmentRecord, record_id)
        if row is None:
            raise NotFoundError("该发展党员档案不存在，请刷新。")
        require_version(row, expected_version, f"“{row.name}”的发展档案")
        row.org_id = org.id
    for key, value in clean.items():
        setattr(row, key, value)
    if row.applied_on is None:
        raise ValidationError("递交入党申请书", "不能为空：每份档案从入党申请书开始")
    row.transferred_in = data.transferred_in
    row.name_pinyin = name_keys(row.name).pinyin
    if row.applied_on is not None and row.id is None:
        session.flush()
        _ensure_application(session, row)
    session.flush()
    sync_roster(session, row, today=today)
    return row.id


def _ensure_application(session: Session, row: DevelopmentRecord) -> None:
    """The 入党申请书 is the first document of every file (第三十六条)."""
    session.add(DevelopmentDocument(record_id=row.id, kind=DevelopmentDocumentKind.APPLICATION,
                                    received_on=row.applied_on))


def sync_roster(session: Session, row: DevelopmentRecord, *, today: date) -> None:
    """Admission, 转正, extension and 取消 as the roster records them (see the module notes)."""
    if row.approved_on is None or row.branch_meeting_on is None:
        return
    member = session.get(Member, row.member_id) if row.member_id else None
    if member is None:
        member = _admit(session, row, today)
    kinds = {e.kind for e in session.scalars(select(MembershipEvent).where(MembershipEvent.member_id == member.id))}
    if row.probation_extended_to and EventKind.PROBATION_EXTENDED not in kinds:
        member_events.add_event(session, member.id, member_events.EventData(
            EventKind.PROBATION_EXTENDED.value, row.extension_decided_on or add_years(row.branch_meeting_on, 1),
            ends_on=row.probation_extended_to, reason="支部大会决定延长预备期（发展党员工作细则 第三十一条）"), today=today)
    if row.confirm_approved_on and EventKind.CONFIRMED not in kinds and member.category is MemberCategory.PROBATIONARY:
        end = row.probation_extended_to or add_years(row.branch_meeting_on, 1)  # 转正日期: the 预备期's end (第三十三条)
        member_events.add_event(session, member.id, member_events.EventData(
            EventKind.CONFIRMED.value, end, document_ref=row.approving_body or None), today=today)
    if row.terminated_on and member.is_active and member.category is MemberCategory.PROBATIONARY \
            and EventKind.EXPELLED not in kinds:
        member_events.add_event(session, member.id, member_events.EventData(
            EventKind.EXPELLED.value, row.terminated_on, subtype=ExitType.PROBATION_CANCELLED.value,
            reason=row.termination_reason or "取消预备党员资格（发展党员工作细则 第三十一条）"), today=today)


def _admit(session: Session, row: DevelopmentRecord, today: date) -> Member:
    """Link the person to the roster as a 预备党员, or link an existing member with the same ID number."""
    if row.id_number:
        found = session.scalar(select(Member).where(Member.id_number == row.id_number, Member.is_active.is_(True)))
        if found is not None:
            row.member_id = found.id
            return found
    data = MemberData(
        name=row.name, org_id=row.org_id, gender=row.gender.value if row.gender else None, ethnicity=row.ethnicity,
        birth_date=PartialDate(row.birth_date) if row.birth_date else None, id_number=row.id_number,
        education=row.education, category=MemberCategory.PROBATIONARY.value,
        join_date=PartialDate(row.branch_meeting_on), job_post=row.job_post, work_unit=row.work_unit,
        phone=row.phone, notes="由发展党员档案接收为预备党员",
    )
    member_id = members.create_member(session, data, today=today).member.id
    member_events.add_event(session, member_id, member_events.EventData(
        EventKind.ADMITTED.value, row.branch_meeting_on, document_ref=row.approving_body or None,
        reason="支部大会接收为预备党员，上级党委已审批"), today=today)
    row.member_id = member_id
    session.flush()
    return session.get(Member, member_id)


@dataclass(frozen=True)
class PersonEntry:
    name: str
    member_id: int | None = None
    assigned_on: date | None = None


def set_people(session: Session, record_id: int, role: str, people: list[PersonEntry]) -> None:
    """Replace the 培养联系人 (1–2) or 入党介绍人 (2) of a case; a name on the roster links to the member."""
    kind = DevelopmentRole(role)
    people = [p for p in people if p.name.strip() or p.member_id]
    limits = {DevelopmentRole.MENTOR: (2, "第九条"), DevelopmentRole.SPONSOR: (2, "第十四条")}
    limit, article = limits.get(kind, (5, ""))
    if len(people) > limit:
        raise ValidationError(kind.value, f"最多{limit}名" + (f"（发展党员工作细则 {article}）" if article else ""))
    for old in session.scalars(select(DevelopmentPerson).where(
            DevelopmentPerson.record_id == record_id, DevelopmentPerson.role == kind)):
        session.delete(old)
    for p in people:
        member_id, name = p.member_id, p.name.strip()
        if member_id is None and name:
            ids = list(session.scalars(select(Member.id).where(Member.name == name, Member.is_active.is_(True))))
            member_id = ids[0] if len(ids) == 1 else None
        if member_id is not None and not name:
            name = session.get(Member, member_id).name
        session.add(DevelopmentPerson(record_id=record_id, role=kind, member_id=member_id, person_name=name,
                                      assigned_on=p.assigned_on))
    session.flush()


def add_document(session: Session, record_id: int, kind: str, *, period: str = "", received_on: date | None = None,
                 summary: str = "") -> int:
    try:
        doc_kind = DevelopmentDocumentKind(kind)
    except ValueError:
        raise ValidationError("材料", f"未知的材料“{kind}”") from None
    period = period.strip().upper()
    if doc_kind is DevelopmentDocumentKind.THOUGHT_REPORT and not _is_quarter(period):
        raise ValidationError("季度", "思想汇报请写明季度，如 2026Q3")
    doc = DevelopmentDocument(record_id=record_id, kind=doc_kind, period=period or None, received_on=received_on,
                              summary=summary.strip() or None)
    session.add(doc)
    session.flush()
    return doc.id


def _is_quarter(text: str) -> bool:
    return len(text) == 6 and text[:4].isdigit() and text[4] == "Q" and text[5] in "1234"


def delete_document(session: Session, document_id: int) -> None:
    doc = session.get(DevelopmentDocument, document_id)
    if doc is not None:
        session.delete(doc)
        session.flush()
