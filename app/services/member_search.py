"""The roster list: search as the clerk types, filters, pinyin or 笔画 order, paging.

Names are matched with LIKE on the name and the stored pinyin columns (SQLite's
FTS5 trigram finds nothing for 1–2 character queries). Digits match the end of the
ID number or any part of the phone number.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.db.models import Member, Organisation
from app.domain import codes
from app.domain.enums import ACTIVE_STATUSES
from app.domain.strokes import stroke_key
from app.services.organisation_tree import subtree_ids
from app.services.roster_types import SCOPE_ACTIVE, SCOPE_LEFT, MemberPage, MemberQuery, MemberRow, member_row
from app.services.roster_types import SCOPE_ALL  # noqa: F401  (re-exported)

FLAGS = {
    "流动党员": Member.is_mobile,
    "失联党员": Member.is_lost_contact,
    "困难党员": Member.is_hardship,
    "在职党员到社区报到": Member.is_community_reported,
    "党代表": Member.is_congress_delegate,
    "离退休": Member.is_retired,
}
FLAG_MISSING_ID = "身份证号待补充"


def _text_filter(text: str):
    text = "".join(text.split())
    if not text:
        return None
    if text.isdigit() or (text[:-1].isdigit() and text[-1] in "xX"):
        return or_(Member.id_number.like(f"%{text.upper()}"), Member.phone.like(f"%{text}%"))
    if text.isascii():
        q = text.lower()
        # Initials and full pinyin both start with the surname's first letter, and so does
        # sort_key: that range is a slice of the covering index, not a scan of all rows.
        first = q[0]
        return and_(
            Member.sort_key >= first,
            Member.sort_key < chr(ord(first) + 1),
            or_(Member.name_initials.like(f"{q}%"), func.replace(Member.name_pinyin, " ", "").like(f"{q}%")),
        )
    return Member.name.like(f"%{text}%")


def _conditions(session: Session, q: MemberQuery) -> list:
    cond = []
    if q.scope == SCOPE_ACTIVE:
        cond.append(Member.status.in_(ACTIVE_STATUSES))
    elif q.scope == SCOPE_LEFT:
        cond.append(Member.status.not_in(ACTIVE_STATUSES))
    if q.org_id is not None:
        ids = subtree_ids(session, q.org_id)
        cond.append(or_(Member.org_id.in_(ids), Member.group_id.in_(ids)))
    if q.category:
        cond.append(Member.category == q.category)
    if q.occupation:
        posts = [p.label for p in codes.job_posts().values() if p.group == q.occupation]
        if q.occupation == "离退休":
            cond.append(or_(Member.job_post.in_(posts), Member.is_retired.is_(True)))
        elif q.occupation == "其他":
            known = list(codes.job_posts())
            cond.append(or_(Member.job_post.in_(posts), Member.job_post.is_(None), Member.job_post.not_in(known)))
        else:
            cond.append(Member.job_post.in_(posts))
    for flag in q.flags:
        if flag == FLAG_MISSING_ID:
            cond.append(Member.id_number.is_(None))
        elif flag in FLAGS:
            cond.append(FLAGS[flag].is_(True))
    text = _text_filter(q.text)
    if text is not None:
        cond.append(text)
    return cond


def search(session: Session, q: MemberQuery, *, today: date | None = None) -> MemberPage:
    """One page of the roster for ``q`` and the total number of matches."""
    today = today or date.today()
    parts = _conditions(session, q)
    cond = and_(*parts) if parts else None
    count = select(func.count()).select_from(Member)
    if cond is not None:
        count = count.where(cond)
    total = session.scalar(count) or 0
    org, group = aliased(Organisation), aliased(Organisation)
    stmt = (
        select(Member, org.name, group.name)
        .join(org, org.id == Member.org_id)
        .outerjoin(group, group.id == Member.group_id)
    )
    if cond is not None:
        stmt = stmt.where(cond)
    if q.order == "strokes":
        ids = session.execute(select(Member.id, Member.name).where(cond) if cond is not None
                              else select(Member.id, Member.name)).all()
        ids.sort(key=lambda r: (stroke_key(r.name), r.id))
        end = None if q.limit is None else q.offset + q.limit
        page_ids = [r.id for r in ids[q.offset:end]]
        position = {mid: i for i, mid in enumerate(page_ids)}
        found = session.execute(stmt.where(Member.id.in_(page_ids))).all() if page_ids else []
        found.sort(key=lambda r: position[r[0].id])
        return MemberPage([_row(*r, today=today) for r in found], total)
    order = {
        "join_date": (Member.join_date, Member.sort_key),
        "birth_date": (Member.birth_date, Member.sort_key),
    }.get(q.order, (Member.sort_key,))
    stmt = stmt.order_by(*order, Member.id).offset(q.offset)
    if q.limit is not None:
        stmt = stmt.limit(q.limit)
    return MemberPage([_row(*r, today=today) for r in session.execute(stmt)], total)


def _row(m: Member, org_name: str, group_name: str | None, *, today: date) -> MemberRow:
    return member_row(
        id=m.id, version=m.version, name=m.name, gender=m.gender.value if m.gender else None,
        birth_date=m.birth_date, birth_precision=m.birth_precision.value, ethnicity=m.ethnicity,
        education=m.education, category=m.category.value, join_date=m.join_date,
        join_precision=m.join_precision.value, full_date=m.full_date, full_precision=m.full_precision.value,
        org_name=org_name, group_name=group_name, job_post=m.job_post, work_unit=m.work_unit,
        party_post=m.party_post, phone=m.phone, address=m.address, id_number=m.id_number, status=m.status.value,
        is_mobile=m.is_mobile, is_lost_contact=m.is_lost_contact, notes=m.notes, today=today,
    )
