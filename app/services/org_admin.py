"""Editing the organisation tree: add, rename, move, merge, dissolve (支部工作条例 第五至九条)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Member, Organisation
from app.domain.enums import ACTIVE_STATUSES, OrgLevel, OrgType
from app.domain.errors import NotFoundError, ValidationError
from app.domain.org_rules import may_contain
from app.services.concurrency import require_version
from app.services.organisation_tree import subtree_ids
from app.services.organisations import OrgView, to_view


@dataclass(frozen=True)
class OrgData:
    name: str
    level: str
    org_type: str = OrgType.COMMUNITY.value
    parent_id: int | None = None
    founded_on: date | None = None
    short_name: str | None = None
    code: str | None = None
    host_units: str | None = None
    contact_phone: str | None = None
    address: str | None = None
    notes: str | None = None


def _get(session: Session, org_id: int) -> Organisation:
    org = session.get(Organisation, org_id)
    if org is None:
        raise NotFoundError("该党组织不存在。")
    return org


def _check(session: Session, data: OrgData, org_id: int | None) -> tuple[OrgLevel, OrgType]:
    name = (data.name or "").strip()
    if not name:
        raise ValidationError("组织名称", "不能为空")
    try:
        level, org_type = OrgLevel(data.level), OrgType(data.org_type)
    except ValueError:
        raise ValidationError("组织层级", f"未知的层级或类型：{data.level} {data.org_type}") from None
    if data.parent_id is None:
        top = session.scalars(select(Organisation).where(Organisation.parent_id.is_(None))).first()
        if top is not None and top.id != org_id:
            raise ValidationError("上级组织", "只能有一个本级党组织，请选择上级组织")
    else:
        parent = _get(session, data.parent_id)
        if parent.dissolved_on is not None:
            raise ValidationError("上级组织", f"“{parent.name}”已撤销")
        if not may_contain(parent.level, level):
            raise ValidationError("组织层级", f"{parent.level.value}下不能直接设{level.value}")
    clash = select(Organisation.id).where(
        Organisation.name == name, Organisation.dissolved_on.is_(None),
        Organisation.parent_id.is_(None) if data.parent_id is None else Organisation.parent_id == data.parent_id,
    )
    if org_id is not None:
        clash = clash.where(Organisation.id != org_id)
    if session.execute(clash).first():
        raise ValidationError("组织名称", f"同一上级下已有“{name}”")
    return level, org_type


def create_org(session: Session, data: OrgData) -> OrgView:
    level, org_type = _check(session, data, None)
    org = Organisation(level=level, org_type=org_type)
    _fill(org, data)
    session.add(org)
    session.flush()
    return to_view(org)


def update_org(session: Session, org_id: int, data: OrgData, *, expected_version: int | None) -> OrgView:
    org = _get(session, org_id)
    require_version(org, expected_version, f"党组织“{org.name}”")
    if data.parent_id != org.parent_id:
        _check_move(session, org, data.parent_id)
    level, org_type = _check(session, data, org_id)
    if level != org.level:
        for child in session.scalars(select(Organisation).where(Organisation.parent_id == org_id)):
            if not may_contain(level, child.level):
                raise ValidationError("组织层级", f"改为{level.value}后不能再管辖{child.level.value}“{child.name}”")
    org.level, org.org_type = level, org_type
    _fill(org, data)
    session.flush()
    return to_view(org)


def _fill(org: Organisation, data: OrgData) -> None:
    org.name = data.name.strip()
    org.parent_id = data.parent_id
    org.founded_on = data.founded_on
    for attr in ("short_name", "code", "host_units", "contact_phone", "address", "notes"):
        setattr(org, attr, (getattr(data, attr) or "").strip() or None)


def _check_move(session: Session, org: Organisation, new_parent_id: int | None) -> None:
    if new_parent_id is None:
        raise ValidationError("上级组织", "不能把下级组织移为本级党组织")
    if new_parent_id in subtree_ids(session, org.id):
        raise ValidationError("上级组织", "不能移到自己或自己的下级组织之下")


def move_org(session: Session, org_id: int, new_parent_id: int) -> OrgView:
    """Put a branch (with its groups and members) under another organisation."""
    org = _get(session, org_id)
    _check_move(session, org, new_parent_id)
    parent = _get(session, new_parent_id)
    if not may_contain(parent.level, org.level):
        raise ValidationError("上级组织", f"{parent.level.value}下不能直接设{org.level.value}")
    org.parent_id = new_parent_id
    session.flush()
    return to_view(org)


def active_member_count(session: Session, org_id: int) -> int:
    return session.scalar(
        select(func.count()).select_from(Member).where(
            (Member.org_id == org_id) | (Member.group_id == org_id), Member.status.in_(ACTIVE_STATUSES)
        )
    ) or 0


def dissolve_org(session: Session, org_id: int, on: date) -> OrgView:
    """Mark an organisation 撤销; its members and sub-organisations must be moved first."""
    org = _get(session, org_id)
    if org.parent_id is None:
        raise ValidationError("组织", "不能撤销本级党组织")
    members = active_member_count(session, org_id)
    if members:
        raise ValidationError("组织", f"“{org.name}”还有 {members} 名在册党员，请先把他们转到其他组织")
    children = session.scalars(
        select(Organisation.name).where(Organisation.parent_id == org_id, Organisation.dissolved_on.is_(None))
    ).all()
    if children:
        raise ValidationError("组织", f"“{org.name}”下还有组织：{'、'.join(children)}，请先移走或撤销")
    org.dissolved_on = on
    session.flush()
    return to_view(org)


def move_members(session: Session, member_ids: list[int], org_id: int, group_id: int | None = None) -> int:
    """Move members to another branch (and group) of this organisation."""
    org = _get(session, org_id)
    if org.level is OrgLevel.GROUP or org.dissolved_on is not None:
        raise ValidationError("所在党支部", "请选择未撤销的党支部")
    if group_id is not None:
        group = _get(session, group_id)
        if group.parent_id != org_id or group.level is not OrgLevel.GROUP:
            raise ValidationError("党小组", f"所选党小组不属于“{org.name}”")
    for member in session.scalars(select(Member).where(Member.id.in_(member_ids))):
        member.org_id, member.group_id = org_id, group_id
    session.flush()
    return len(member_ids)


def merge_org(session: Session, source_id: int, target_id: int, on: date) -> OrgView:
    """Merge a branch into another: members and 党小组 move over, the source is dissolved."""
    source, target = _get(session, source_id), _get(session, target_id)
    if source_id == target_id:
        raise ValidationError("合并到", "不能合并到自身")
    if source.level != target.level:
        raise ValidationError("合并到", f"只能合并同一层级的组织（{source.level.value} → {target.level.value}）")
    for child in session.scalars(select(Organisation).where(Organisation.parent_id == source_id)):
        child.parent_id = target_id
    for member in session.scalars(select(Member).where(Member.org_id == source_id)):
        member.org_id = target_id  # one by one, so each move is in the audit log
    session.flush()
    return dissolve_org(session, source_id, on)
