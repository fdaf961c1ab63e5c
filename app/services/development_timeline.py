"""One person's 发展党员 file in full: every step with its date, people and article, the documents,
and the case judged as of a day (the window's timeline and the 全程纪实表)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import DevelopmentDocument, DevelopmentPerson, DevelopmentRecord
from app.domain.development_case import RULES_NAME
from app.domain.errors import NotFoundError
from app.services.development_cases import CaseView, judged


@dataclass(frozen=True)
class Step:
    stage: str  # the 细则's five stages
    step: str
    day: date | None
    detail: str
    article: str


@dataclass(frozen=True)
class PersonLine:
    role: str
    name: str
    assigned_on: date | None
    on_roster: bool


@dataclass(frozen=True)
class DocumentLine:
    id: int
    kind: str
    period: str
    received_on: date | None
    summary: str


@dataclass(frozen=True)
class CaseFile:
    record_id: int
    version: int
    org_id: int
    values: dict  # every field of the record, for the form
    view: CaseView
    steps: tuple[Step, ...]
    people: tuple[PersonLine, ...]
    documents: tuple[DocumentLine, ...]
    rules: str  # the rule set the case is judged by


def _vote(r: DevelopmentRecord, prefix: str) -> str:
    e, p, y, n, a = (getattr(r, f"{prefix}_{k}") for k in ("eligible", "present", "yes", "no", "abstain"))
    if e is None:
        return ""
    return f"应到有表决权{e}人，实到{p or 0}人；赞成{y or 0}、反对{n or 0}、弃权{a or 0}"


def _steps(r: DevelopmentRecord, people: dict[str, list[str]], end: date | None) -> list[Step]:
    training = "，".join(x for x in (f"{r.training_days}天" if r.training_days else "",
                                     f"{r.training_hours}学时" if r.training_hours else "") if x)
    s = [
        ("申请入党", "递交入党申请书", r.applied_on, "", "第五、六条"),
        ("申请入党", "党组织派人谈话", r.talked_on, "、".join(people.get("谈话人", [])), "第七条"),
        ("积极分子的确定和培养教育", "确定为入党积极分子", r.activist_on, r.activist_method or "", "第八条"),
        ("积极分子的确定和培养教育", "报上级党委备案", r.activist_filed_on, "", "第八条"),
        ("积极分子的确定和培养教育", "指定培养联系人", r.activist_on if people.get("培养联系人") else None,
         "、".join(people.get("培养联系人", [])), "第九条"),
        ("发展对象的确定和考察", "发展对象公示",
         r.publicity_start, f"至 {r.publicity_end}" if r.publicity_end else "", "第十三条"),
        ("发展对象的确定和考察", "列为发展对象", r.candidate_on, "", "第十三条"),
        ("发展对象的确定和考察", "确定入党介绍人", r.candidate_on if people.get("入党介绍人") else None,
         "、".join(people.get("入党介绍人", [])), "第十四条"),
        ("发展对象的确定和考察", "政治审查", r.political_review_on, r.political_review_result or "", "第十六条"),
        ("发展对象的确定和考察", "短期集中培训结业", r.training_passed_on, training, "第十七条"),
        ("预备党员的接收", "基层党委预审", r.pre_review_on, "", "第十八条"),
        ("预备党员的接收", "填写入党志愿书", r.form_filled_on, "", "第十八条"),
        ("预备党员的接收", "支部大会讨论接收", r.branch_meeting_on, _vote(r, "vote"), "第十九至二十一条"),
        ("预备党员的接收", "上级党委派人谈话", r.higher_talk_on, r.higher_talk_by or "", "第二十三条"),
        ("预备党员的接收", "上级党委审批", r.approved_on, r.approving_body or "", "第二十五条"),
        ("预备党员的教育考察和转正", "入党宣誓", r.oath_on, "", "第二十九条"),
        ("预备党员的教育考察和转正", "预备期满", end, f"延长至 {r.probation_extended_to}" if r.probation_extended_to
         else "", "第三十一条"),
        ("预备党员的教育考察和转正", "提出转正申请", r.confirm_applied_on, "", "第三十二条"),
        ("预备党员的教育考察和转正", "支部大会讨论转正", r.confirm_meeting_on, _vote(r, "confirm_vote"), "第三十二条"),
        ("预备党员的教育考察和转正", "上级党委审批转正", r.confirm_approved_on, "", "第三十三条"),
    ]
    if r.terminated_on:
        s.append(("终止", "终止发展", r.terminated_on, r.termination_reason or "", ""))
    return [Step(*x) for x in s]


def case_file(session: Session, record_id: int, on: date) -> CaseFile:
    r = session.get(DevelopmentRecord, record_id)
    if r is None:
        raise NotFoundError("该发展党员档案不存在，请刷新。")
    view = judged(session, on, record_ids=[record_id])[0] if r.applied_on and r.applied_on <= on else None
    if view is None:
        view = judged(session, max(on, r.applied_on), record_ids=[record_id])[0]
    people_rows = list(session.scalars(select(DevelopmentPerson).where(DevelopmentPerson.record_id == record_id)
                                       .order_by(DevelopmentPerson.id)))
    by_role: dict[str, list[str]] = {}
    for p in people_rows:
        by_role.setdefault(p.role.value, []).append(p.person_name)
    docs = session.scalars(select(DevelopmentDocument).where(DevelopmentDocument.record_id == record_id)
                           .order_by(DevelopmentDocument.received_on, DevelopmentDocument.id))
    values = {c.key: getattr(r, c.key) for c in DevelopmentRecord.__table__.columns}
    values["gender"] = r.gender.value if r.gender else None
    return CaseFile(
        r.id, r.version, r.org_id, values, view, tuple(_steps(r, by_role, view.probation_end)),
        tuple(PersonLine(p.role.value, p.person_name, p.assigned_on, p.member_id is not None) for p in people_rows),
        tuple(DocumentLine(d.id, d.kind.value, d.period or "", d.received_on, d.summary or "") for d in docs),
        f"{RULES_NAME}（规则版本 {r.rule_version}）",
    )


def find_record(session: Session, who: str) -> int:
    """A record by its ID number, or by name when that name is unique; ValidationError otherwise."""
    who = (who or "").strip()
    rows = list(session.execute(select(DevelopmentRecord.id, DevelopmentRecord.name).where(
        (DevelopmentRecord.id_number == who.upper()) | (DevelopmentRecord.name == who))))
    if not rows:
        from app.domain.errors import ValidationError

        raise ValidationError("--record", f"没有姓名或身份证号为“{who}”的发展党员档案")
    if len(rows) > 1:
        from app.domain.errors import ValidationError

        raise ValidationError("--record", f"有 {len(rows)} 份名为“{who}”的档案，请改用身份证号")
    return rows[0][0]
