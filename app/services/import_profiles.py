"""Saved column mappings ("profiles") for files of the same layout, kept in the settings table."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Setting
from app.domain.errors import ValidationError

PREFIX = "import.profile."


def save_profile(session: Session, name: str, mapping: dict[str, str | None]) -> None:
    """``mapping``: normalised header text -> field name (None or "" = ignore the column)."""
    name = name.strip()
    if not name:
        raise ValidationError("方案名称", "不能为空")
    key = PREFIX + name
    row = session.get(Setting, key)
    text = json.dumps({k: v or "" for k, v in mapping.items()}, ensure_ascii=False, sort_keys=True)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text
    session.flush()


def load_profile(session: Session, name: str) -> dict[str, str]:
    row = session.get(Setting, PREFIX + name.strip())
    if row is None:
        names = "、".join(list_profiles(session)) or "（无）"
        raise ValidationError("--profile", f"没有名为“{name}”的列对应方案（已保存：{names}）")
    return json.loads(row.value)


def list_profiles(session: Session) -> list[str]:
    keys = session.scalars(select(Setting.key).where(Setting.key.like(PREFIX + "%"))).all()
    return sorted(k[len(PREFIX):] for k in keys)
