"""民主评议党员 results, one per member per year (支部工作条例 第十八条; 党员教育管理工作条例 第十八条).

The grades in use are 优秀 / 合格 / 基本合格 / 不合格 (the 党统 tables count 不合格 and what
followed). The sheet lists the 正式党员 who belonged at the year's end (or today, in the
current year) and anyone already graded for the year.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import AppraisalResultRecord, Meeting, MeetingType, Member
from app.domain.enums import AppraisalResult, OrgLevel
from app.domain.errors import NotFoundError, ValidationError
from app.services.meeting_attendees import MembershipBook, org_scope
from app.services.views._common import org_names

RESULTS = tuple(r.value for r in AppraisalResult)


@dataclass(frozen=True)
class AppraisalLine:
    member_id: int
    name: str
    org_name: str
    category: str
    result: str  # "" while not graded
    notes: str
    meeting: str  # the 民主评议党员 meeting it was given at (date), if recorded


def appraisal_sheet(session: Session, year: int, *, org_id: int | None = None, today: date | None = None
                    ) -> list[AppraisalLine]:
    today = today or date.today()
    day = min(date(year, 12, 31), today)
    if org_id is None:
        book = MembershipBook(session)
    else:
        org, scope = org_scope(session, org_id)
        book = MembershipBook(session, group_id=org_id) if org.level is OrgLevel.GROUP else \
            MembershipBook(session, org_ids=scope)
    graded = {r.member_id: r for r in session.scalars(
        select(AppraisalResultRecord).where(AppraisalResultRecord.year == year))}
    meetings = dict(session.execute(select(Meeting.id, Meeting.meeting_date).where(
        Meeting.id.in_([r.meeting_id for r in graded.values() if r.meeting_id])).order_by(Meeting.id)).all())
    names = org_names(session, qualify_groups=True)
    out = []
    for p in book.people.values():
        on = any((s is None or s <= day) and (e is None or day < e) for s, e in p.spans)
        record = graded.get(p.id)
        if record is None and not (on and p.full_on(day)):
            continue
        when = meetings.get(record.meeting_id) if record and record.meeting_id else None
        out.append(AppraisalLine(p.id, p.name, names.get(p.group_id or p.org_id, ""),
                                 "正式党员" if p.full_on(day) else "预备党员",
                                 record.result.value if record else "", (record.notes or "") if record else "",
                                 when.isoformat() if when else ""))
    return out


def result_counts(lines: list[AppraisalLine]) -> dict[str, int]:
    """How many of each grade, and how many still to grade (未评定)."""
    counts = Counter(line.result or "未评定" for line in lines)
    return {k: counts.get(k, 0) for k in (*RESULTS, "未评定")}


def _meeting_for(session: Session, year: int, member: Member) -> int | None:
    """The branch's 民主评议党员 meeting that graded ``year`` (held in that year or early the next)."""
    return session.scalar(
        select(Meeting.id).join(MeetingType, MeetingType.id == Meeting.type_id)
        .where(MeetingType.name == "民主评议党员", Meeting.org_id == member.org_id,
               Meeting.meeting_date >= date(year, 10, 1), Meeting.meeting_date <= date(year + 1, 3, 31))
        .order_by(Meeting.meeting_date.desc())
    )


def set_result(session: Session, member_id: int, year: int, result: str, *, notes: str = "",
               today: date | None = None) -> None:
    """Grade one member for ``year``; an empty ``result`` removes the grade."""
    today = today or date.today()
    member = session.get(Member, member_id)
    if member is None:
        raise NotFoundError("该党员不存在（可能已被删除）。")
    if not 1949 <= year <= today.year:
        raise ValidationError("年度", f"应在1949年到{today.year}年之间")
    existing = session.scalar(select(AppraisalResultRecord).where(
        AppraisalResultRecord.member_id == member_id, AppraisalResultRecord.year == year))
    if not result.strip():
        if existing is not None:
            session.delete(existing)
            session.flush()
        return
    try:
        grade = AppraisalResult(result.strip())
    except ValueError:
        raise ValidationError("评议结果", "应为：" + "、".join(RESULTS)) from None
    if member.join_date is not None and member.join_date.year > year:
        raise ValidationError("年度", f"{member.name}于{member.join_date.year}年入党，不能评议{year}年")
    if len(notes.strip()) > 200:
        raise ValidationError("备注", "不能超过200个字")
    if grade is AppraisalResult.UNQUALIFIED and not notes.strip():
        raise ValidationError("备注", "评为不合格的，请写明原因和处置意见（如限期改正）")
    if existing is None:
        existing = AppraisalResultRecord(member_id=member_id, year=year, meeting_id=_meeting_for(session, year, member))
        session.add(existing)
    existing.result = grade
    existing.notes = notes.strip() or None
    session.flush()


def grade_unrated(session: Session, year: int, member_ids: list[int], result: str = AppraisalResult.QUALIFIED.value,
                  *, today: date | None = None) -> int:
    """Give ``result`` to those of ``member_ids`` not yet graded for ``year``; returns how many."""
    have = set(session.scalars(select(AppraisalResultRecord.member_id).where(
        AppraisalResultRecord.year == year, AppraisalResultRecord.member_id.in_(member_ids))))
    n = 0
    for mid in member_ids:
        if mid not in have:
            set_result(session, mid, year, result, today=today)
            n += 1
    return n
