"""Organisation tree: the top organisation and lookups the other services need."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Organisation
from app.domain.enums import OrgLevel, OrgType
from app.domain.errors import ValidationError

DEFAULT_TOP_NAME = "本级党组织"


@dataclass(frozen=True)
class OrgView:
    id: int
    name: str
    level: str
    org_type: str
    parent_id: int | None
    founded_on: date | None
    dissolved_on: date | None


def to_view(org: Organisation) -> OrgView:
    return OrgView(
        org.id, org.name, org.level.value, org.org_type.value, org.parent_id, org.founded_on, org.dissolved_on
    )


def has_organisation(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(Organisation)))


def top_organisation(session: Session) -> OrgView | None:
    org = session.scalars(
        select(Organisation).where(Organisation.parent_id.is_(None)).order_by(Organisation.id)
    ).first()
    return to_view(org) if org else None


def parse_level(text: str) -> tuple[OrgLevel, OrgType]:
    """Read a type such as 社区党委 or 两新党支部 into (level, type); the level may come alone."""
    text = (text or "").strip()
    for level in sorted(OrgLevel, key=lambda lv: -len(lv.value)):
        if text.endswith(level.value):
            prefix = text[: -len(level.value)]
            for org_type in OrgType:
                if prefix == org_type.value:
                    return level, org_type
            if prefix == "":
                return level, OrgType.COMMUNITY
            break
    allowed = "、".join(f"{t.value}{lv.value}" for t in (OrgType.COMMUNITY,) for lv in OrgLevel)
    raise ValidationError("组织类型", f"无法识别“{text}”，应为如 {allowed} 的形式")


def create_top_organisation(
    session: Session, name: str, type_text: str = "社区党委", founded_on: date | None = None
) -> OrgView:
    """Create the top organisation of an empty database (``init`` and the first-run dialog)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError("组织名称", "不能为空")
    if len(name) > 100:
        raise ValidationError("组织名称", "不能超过100个字")
    existing = top_organisation(session)
    if existing is not None:
        raise ValidationError("组织名称", f"数据库中已有本级党组织“{existing.name}”")
    level, org_type = parse_level(type_text)
    org = Organisation(name=name, level=level, org_type=org_type, founded_on=founded_on)
    session.add(org)
    session.flush()
    return to_view(org)


def ensure_top_organisation(session: Session, name: str | None = None) -> OrgView:
    """The top organisation, created as ``name`` (or 本级党组织) when the database has none."""
    existing = top_organisation(session)
    if existing is not None:
        return existing
    return create_top_organisation(session, name or DEFAULT_TOP_NAME)
