"""在职党员到社区报到, 党员示范岗 / 责任区 / service posts and their claims, and volunteer trainings.

在职党员 keep their Party relation with their employer and report to the community where they
live (unit, date, the post they claim); each is registered as a volunteer so that his service is
recorded like anyone's (what-branches-report.md R24, R25). Posts are claimed by members with a
pledge (R35). Trainings record the date, topic and who took part (志愿服务条例 第十九条: 培训情况).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import (
    CommunityReport, Member, ServicePost, ServicePostClaim, Volunteer, VolunteerHours, VolunteerTraining,
    VolunteerTrainingParticipant,
)
from app.domain.enums import HoursState
from app.domain.errors import NotFoundError, ValidationError
from app.domain.volunteer_rules import VolunteerData
from app.services.concurrency import require_version

POST_KINDS = ("党员示范岗", "党员先锋岗", "党员责任区", "党员服务岗")


def _text(value, field: str, limit: int, *, required: bool = False) -> str | None:
    text = " ".join((value or "").split()) or None
    if required and not text:
        raise ValidationError(field, "不能为空")
    if text and len(text) > limit:
        raise ValidationError(field, f"不能超过{limit}个字")
    return text


# -- 在职党员到社区报到 -------------------------------------------------------------------

@dataclass(frozen=True)
class ReportData:
    person_name: str
    unit: str | None
    reported_on: date
    post_claimed: str | None = None
    phone: str | None = None
    id_number: str | None = None  # registers the volunteer record when new
    org_id: int | None = None
    left_on: date | None = None


@dataclass(frozen=True)
class ReportRow:
    id: int
    version: int
    person_name: str
    unit: str
    phone: str
    reported_on: date
    post_claimed: str
    left_on: date | None
    volunteer_id: int | None
    times: int  # confirmed participations, all time
    hours: Decimal


def save_report(session: Session, data: ReportData, *, report_id: int | None = None, version: int | None = None,
                today: date | None = None) -> int:
    """Record (or edit) a report; a new one also registers the person as a volunteer on the day."""
    from app.services.volunteers import save_volunteer

    name = _text(data.person_name, "姓名", 40, required=True)
    if data.reported_on is None or data.reported_on > (today or date.today()):
        raise ValidationError("报到日期", "请填写报到日期（不能晚于今天）")
    if data.left_on is not None and data.left_on < data.reported_on:
        raise ValidationError("离开日期", "不能早于报到日期")
    if report_id is None:
        volunteer = save_volunteer(session, VolunteerData(
            name=name, id_number=data.id_number, phone=data.phone, registered_on=data.reported_on,
            org_id=data.org_id, notes=f"在职党员到社区报到（{_text(data.unit, '工作单位', 120) or '单位未填'}）"),
            today=today)
        r = CommunityReport(volunteer_id=volunteer.id)
        session.add(r)
    else:
        r = session.get(CommunityReport, report_id)
        require_version(r, version, "该报到记录")
    r.person_name, r.unit, r.phone = name, _text(data.unit, "工作单位", 120), _text(data.phone, "联系电话", 40)
    r.reported_on, r.post_claimed, r.left_on = data.reported_on, _text(data.post_claimed, "认领岗位", 120), data.left_on
    r.org_id = data.org_id
    session.flush()
    return r.id


def list_reports(session: Session) -> list[ReportRow]:
    served = (select(VolunteerHours.volunteer_id, func.count().label("n"), func.sum(VolunteerHours.hours).label("h"))
              .where(VolunteerHours.state == HoursState.CONFIRMED).group_by(VolunteerHours.volunteer_id).subquery())
    stmt = (select(CommunityReport, served.c.n, served.c.h)
            .outerjoin(served, served.c.volunteer_id == CommunityReport.volunteer_id)
            .order_by(CommunityReport.left_on.is_not(None), CommunityReport.reported_on.desc(), CommunityReport.id))
    return [ReportRow(r.id, r.version, r.person_name, r.unit or "", r.phone or "", r.reported_on,
                      r.post_claimed or "", r.left_on, r.volunteer_id, n or 0, h if h is not None else Decimal("0.00"))
            for r, n, h in session.execute(stmt)]


# -- 党员示范岗 / 责任区 / 服务岗 -------------------------------------------------------------

@dataclass(frozen=True)
class PostRow:
    id: int
    kind: str
    name: str
    org_id: int | None
    description: str
    claimants: str  # current claimants' names


@dataclass(frozen=True)
class ClaimRow:
    id: int
    post_id: int
    post_name: str
    person_name: str
    member_id: int | None
    claimed_on: date
    pledge: str
    ended_on: date | None


def save_post(session: Session, kind: str, name: str, *, org_id: int | None = None, description: str | None = None,
              post_id: int | None = None) -> int:
    if kind not in POST_KINDS:
        raise ValidationError("岗位类型", f"应为{'、'.join(POST_KINDS)}之一")
    name = _text(name, "岗位名称", 100, required=True)
    p = ServicePost() if post_id is None else session.get(ServicePost, post_id)
    if p is None:
        raise NotFoundError("该岗位不存在。")
    if post_id is None:
        session.add(p)
    p.kind, p.name, p.org_id, p.description = kind, name, org_id, (description or "").strip() or None
    session.flush()
    return p.id


def claim_post(session: Session, post_id: int, member_id: int, *, claimed_on: date, pledge: str | None = None,
               today: date | None = None) -> int:
    """A member claims a post (认岗) with a pledge; one open claim per member and post."""
    if session.get(ServicePost, post_id) is None:
        raise NotFoundError("该岗位不存在。")
    m = session.get(Member, member_id)
    if m is None:
        raise ValidationError("党员", "该党员记录不存在")
    if claimed_on is None or claimed_on > (today or date.today()):
        raise ValidationError("认领日期", "请填写认领日期（不能晚于今天）")
    open_claim = session.scalars(select(ServicePostClaim.id).where(
        ServicePostClaim.post_id == post_id, ServicePostClaim.member_id == member_id,
        ServicePostClaim.ended_on.is_(None))).first()
    if open_claim is not None:
        raise ValidationError("党员", f"“{m.name}”已认领该岗位")
    c = ServicePostClaim(post_id=post_id, member_id=m.id, person_name=m.name, claimed_on=claimed_on,
                         pledge=(pledge or "").strip() or None)
    session.add(c)
    session.flush()
    return c.id


def end_claim(session: Session, claim_id: int, *, on: date | None = None) -> None:
    c = session.get(ServicePostClaim, claim_id)
    if c is None:
        raise NotFoundError("该认领记录不存在。")
    c.ended_on = on or date.today()
    session.flush()


def list_posts(session: Session) -> tuple[list[PostRow], list[ClaimRow]]:
    posts = list(session.scalars(select(ServicePost).order_by(ServicePost.kind, ServicePost.id)))
    names = {p.id: p.name for p in posts}
    claims = [ClaimRow(c.id, c.post_id, names.get(c.post_id, ""), c.person_name, c.member_id, c.claimed_on,
                       c.pledge or "", c.ended_on)
              for c in session.scalars(select(ServicePostClaim).order_by(
                  ServicePostClaim.ended_on.is_not(None), ServicePostClaim.claimed_on.desc(), ServicePostClaim.id))]
    current: dict[int, list[str]] = {}
    for c in claims:
        if c.ended_on is None:
            current.setdefault(c.post_id, []).append(c.person_name)
    rows = [PostRow(p.id, p.kind, p.name, p.org_id, p.description or "", "、".join(current.get(p.id, [])))
            for p in posts]
    return rows, claims


# -- trainings -----------------------------------------------------------------------------

@dataclass(frozen=True)
class TrainingRow:
    id: int
    trained_on: date
    topic: str
    place: str
    trainer: str
    participants: int
    names: str


def save_training(session: Session, trained_on: date, topic: str, *, place: str | None = None,
                  trainer: str | None = None, org_id: int | None = None, volunteer_ids: list[int] = (),
                  training_id: int | None = None, today: date | None = None) -> int:
    """Record a training and who took part (the count follows the list)."""
    if trained_on is None or trained_on > (today or date.today()):
        raise ValidationError("培训日期", "请填写培训日期（不能晚于今天）")
    topic = _text(topic, "培训主题", 200, required=True)
    t = VolunteerTraining() if training_id is None else session.get(VolunteerTraining, training_id)
    if t is None:
        raise NotFoundError("该培训记录不存在。")
    if training_id is None:
        session.add(t)
    t.trained_on, t.topic = trained_on, topic
    t.place, t.trainer, t.org_id = _text(place, "地点", 100), _text(trainer, "授课人", 40), org_id
    session.flush()
    have = set(session.scalars(select(VolunteerTrainingParticipant.volunteer_id).where(
        VolunteerTrainingParticipant.training_id == t.id)))
    known = set(session.scalars(select(Volunteer.id).where(Volunteer.id.in_(list(volunteer_ids)))))
    for vid in dict.fromkeys(volunteer_ids):
        if vid in known and vid not in have:
            session.add(VolunteerTrainingParticipant(training_id=t.id, volunteer_id=vid))
    session.flush()
    t.participant_count = session.scalar(select(func.count()).select_from(VolunteerTrainingParticipant).where(
        VolunteerTrainingParticipant.training_id == t.id)) or 0
    session.flush()
    return t.id


def list_trainings(session: Session, *, year: int | None = None) -> list[TrainingRow]:
    stmt = select(VolunteerTraining).order_by(VolunteerTraining.trained_on.desc(), VolunteerTraining.id.desc())
    if year is not None:
        stmt = stmt.where(VolunteerTraining.trained_on >= date(year, 1, 1),
                          VolunteerTraining.trained_on <= date(year, 12, 31))
    trainings = list(session.scalars(stmt))
    names: dict[int, list[str]] = {}
    if trainings:
        for tid, name in session.execute(
                select(VolunteerTrainingParticipant.training_id, Volunteer.name)
                .join(Volunteer, Volunteer.id == VolunteerTrainingParticipant.volunteer_id)
                .where(VolunteerTrainingParticipant.training_id.in_([t.id for t in trainings]))
                .order_by(Volunteer.name_pinyin)):
            names.setdefault(tid, []).append(name)
    return [TrainingRow(t.id, t.trained_on, t.topic, t.place or "", t.trainer or "", t.participant_count or 0,
                        "、".join(names.get(t.id, []))) for t in trainings]
