"""Reading the audit log: who (the logged-in clerk), when, what record, what changed; filtered."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.db.models import AuditLog

ENTITY_LABELS = {
    "member": "党员", "organisation": "党组织", "membership_event": "党员变动", "dues_payment": "党费缴纳",
    "meeting": "会议", "development_record": "发展党员", "volunteer": "志愿者", "volunteer_hours": "服务时长",
    "app_user": "账户", "setting": "设置", "roster": "花名册", "backup": "备份", "audit_log": "审计日志",
}
FIELD_LABELS = {
    "name": "姓名", "gender": "性别", "ethnicity": "民族", "birth_date": "出生日期", "id_number": "公民身份号码",
    "education": "学历", "native_place": "籍贯", "category": "人员类别", "join_date": "入党日期", "full_date": "转正日期",
    "phone": "联系电话", "address": "家庭住址", "org_id": "所在组织", "group_id": "党小组", "notes": "备注",
    "level": "级别", "org_type": "类型", "parent_id": "上级组织", "sort_order": "排序", "is_builtin": "内置",
    "contact_phone": "联系电话", "username": "用户名", "display_name": "姓名", "failed_logins": "连续错误次数",
    "locked_until": "等待至", "last_login_at": "上次登录", "status": "状态", "is_active": "在册", "amount": "金额", "value": "值", "work_unit": "工作单位及职务",
}
LIMIT = 2000


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: str
    action: str
    entity: str  # the Chinese label
    entity_id: str
    summary: str
    changes: str  # 字段：旧 → 新；…


def _changes_text(raw: str | None) -> str:
    if not raw:
        return ""
    try:
        data = json.loads(raw)
    except ValueError:
        return raw
    if not isinstance(data, dict):
        return str(data)
    parts = []
    for key, value in data.items():
        label = FIELD_LABELS.get(key, key)
        if isinstance(value, list) and len(value) == 2:
            before, after = ("" if v is None else v for v in value)
            parts.append(f"{label}：{before} → {after}" if before != "" else f"{label}：{after}")
        else:
            parts.append(f"{label}：{value}")
    return "；".join(parts)


def entries(session: Session, *, actor: str = "", entity: str = "", text: str = "", since: date | None = None,
            until: date | None = None, limit: int = LIMIT) -> list[AuditEntry]:
    """Newest first; ``entity`` is a table name or its Chinese label, ``text`` searches the summary and changes."""
    stmt = select(AuditLog).order_by(AuditLog.id.desc()).limit(limit)
    if actor:
        stmt = stmt.where(AuditLog.actor == actor)
    if entity:
        key = next((k for k, v in ENTITY_LABELS.items() if v == entity), entity)
        stmt = stmt.where(AuditLog.entity == key)
    if text:
        like = f"%{text}%"
        stmt = stmt.where(or_(AuditLog.summary.like(like), AuditLog.changes.like(like), AuditLog.entity_id == text))
    if since:
        stmt = stmt.where(AuditLog.at >= datetime.combine(since, time.min))
    if until:
        stmt = stmt.where(AuditLog.at <= datetime.combine(until, time.max))
    return [AuditEntry(r.at, r.actor or "", r.action, ENTITY_LABELS.get(r.entity, r.entity), r.entity_id or "",
                       r.summary or "", _changes_text(r.changes)) for r in session.scalars(stmt)]


def actors(session: Session) -> list[str]:
    return [a for a in session.scalars(select(AuditLog.actor).distinct().order_by(AuditLog.actor)) if a]


def record_export(session: Session, what: str, target: str, count: int) -> None:
    """An export that carries whole ID numbers (or the log itself) is itself written to the log."""
    from app.services import audit

    audit.record(session, "导出", what, "", f"导出{ENTITY_LABELS.get(what, what)}（{count}条）到 {target}")
