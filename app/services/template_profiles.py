"""Saved template profiles: which sheet of a higher level's template, its header, and what each column holds.

Kept in the settings table under ``template.profile.<name>`` (one JSON object), like the
import profiles: next quarter the same template is filled in one click.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Setting
from app.domain.errors import ValidationError
from app.services.template_data import BY_KEY

PREFIX = "template.profile."


@dataclass(frozen=True)
class TemplateProfile:
    name: str
    sheet: str
    signature: list[str]  # the header texts, normalised, column by column
    mapping: dict[str, str]  # column letter → field key


def save_template_profile(session: Session, profile: TemplateProfile) -> None:
    name = profile.name.strip()
    if not name:
        raise ValidationError("方案名称", "不能为空")
    unknown = sorted(set(profile.mapping.values()) - set(BY_KEY))
    if unknown:
        raise ValidationError("方案", f"未知的字段：{'、'.join(unknown)}")
    if not profile.mapping:
        raise ValidationError("方案", "没有一列对应到字段")
    text = json.dumps({"sheet": profile.sheet, "signature": profile.signature, "mapping": profile.mapping},
                      ensure_ascii=False, sort_keys=True)
    row = session.get(Setting, PREFIX + name)
    if row is None:
        session.add(Setting(key=PREFIX + name, value=text))
    else:
        row.value = text
    session.flush()


def load_template_profile(session: Session, name: str) -> TemplateProfile:
    row = session.get(Setting, PREFIX + name.strip())
    if row is None:
        names = "、".join(list_template_profiles(session)) or "（无）"
        raise ValidationError("--profile", f"没有名为“{name}”的模板方案（已保存：{names}）")
    data = json.loads(row.value)
    return TemplateProfile(name.strip(), data["sheet"], data["signature"], data["mapping"])


def list_template_profiles(session: Session) -> list[str]:
    keys = session.scalars(select(Setting.key).where(Setting.key.like(PREFIX + "%"))).all()
    return sorted(k[len(PREFIX):] for k in keys)


def delete_template_profile(session: Session, name: str) -> None:
    row = session.get(Setting, PREFIX + name.strip())
    if row is not None:
        session.delete(row)
        session.flush()
