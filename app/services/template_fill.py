"""The record a filled template leaves: it carries whole ID numbers to a higher level."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.services import audit


def record_fill(session: Session, profile: str, layout, rows: int, target: str) -> None:
    whole = any(c.field in ("id_number", "phone") for c in layout.columns)
    audit.record(session, "导出", "template", profile,
                 f"按上级模板方案“{profile}”填写 {rows} 名党员{'（含完整身份证号或电话）' if whole else ''}到 {target}")
