"""The audit log: every insert, update and delete made through a session is recorded.

Installed on the session factory, so no service can forget it. Bulk Core inserts
(demo data, imports) write one summary row themselves through ``record``.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from app.db.models import AuditLog
from app.domain import idnumber
from app.domain.idnumber import mask_phone

# Fields too sensitive or too noisy to copy into the log in clear.
_MASKED = {"password_hash", "recovery_hash"}
_SKIPPED = {"updated_at", "created_at", "version", "name_pinyin", "name_initials", "sort_key"}
# Kept as field names and masked values only (GB/T 35273 §7.2; reliability-and-privacy.md §4.6).
_ID_FIELDS = {"id_number", "id_masked"}
_PHONE_FIELDS = {"phone", "mobile", "contact_phone"}


def _plain(value):
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _entity_id(obj) -> str:
    identity = inspect(obj).identity
    if identity:
        return ",".join(str(v) for v in identity)
    return str(getattr(obj, "id", "") or "")


def _shown(key: str, value):
    """What the log keeps of one value: secrets never, ID and phone numbers masked."""
    if value is None:
        return None
    if key in _MASKED:
        return "***"
    if key in _ID_FIELDS and isinstance(value, str):
        return idnumber.mask(value)
    if key in _PHONE_FIELDS and isinstance(value, str):
        return mask_phone(value)
    return _plain(value)


def _changes(obj, *, new: bool = False, deleted: bool = False) -> dict:
    state = inspect(obj)
    result: dict = {}
    keys = [a.key for a in state.mapper.column_attrs if a.key not in _SKIPPED]
    if new or deleted:  # no history to read: building it for every new row made imports twice as slow
        for key in keys:
            value = getattr(obj, key)
            if value is not None:
                result[key] = [None, _shown(key, value)] if new else [_shown(key, value), None]
        return result
    attrs = state.attrs
    for key in keys:
        hist = attrs[key].history
        if hist.has_changes():
            before = hist.deleted[0] if hist.deleted else None
            after = hist.added[0] if hist.added else None
            result[key] = [_shown(key, before), _shown(key, after)]
    return result


def record(session: Session, action: str, entity: str, entity_id: str, summary: str, changes=None) -> None:
    """Write one audit row by hand (for bulk operations that bypass the ORM)."""
    session.add(
        AuditLog(
            actor=session.info.get("actor", ""),
            action=action,
            entity=entity,
            entity_id=entity_id,
            summary=summary[:200],
            changes=json.dumps(changes, ensure_ascii=False) if changes is not None else None,
        )
    )


def new_changes(values: dict) -> dict:
    """What the log keeps of a new row's values (computed ahead of the write by bulk imports)."""
    return {k: [None, _shown(k, v)] for k, v in values.items() if v is not None and k not in _SKIPPED}


def record_new(session: Session, entity: str, rows: list[tuple[int, dict, dict | None]]) -> None:
    """The 新增 rows of a batch inserted with Core (an import): the same entry the ORM hook writes.

    Each row is (id, values, changes-or-None); ``changes`` from ``new_changes`` ahead of time.
    """
    actor = session.info.get("actor", "")
    now = datetime.now()
    entries = []
    for entity_id, values, ready in rows:
        changes = new_changes(values) if ready is None else ready
        entries.append({"actor": actor, "action": "新增", "entity": entity, "entity_id": str(entity_id),
                        "summary": str(values.get("name") or "")[:200] or None,
                        "changes": json.dumps(changes, ensure_ascii=False), "at": now})
    if entries:
        session.execute(AuditLog.__table__.insert(), entries)


# A person deleted from these tables keeps a record that the deletion happened (who, when, the name
# and masked ID number), but the earlier entries lose the person's values (PIPL Art. 19, 47).
ERASED_ON_DELETE = {"member", "volunteer", "development_record"}
ERASED = '{"_": "个人信息已随记录删除"}'


def _deletion_only(obj) -> dict:
    kept = {"name": [getattr(obj, "name", None), None]}
    if getattr(obj, "id_number", None):
        kept["id_number"] = [idnumber.mask(obj.id_number), None]
    return kept


def _collect(session: Session, _flush_context, _instances) -> None:
    pending = []
    for obj in session.new:
        if not isinstance(obj, AuditLog):
            pending.append(("新增", obj, _changes(obj, new=True)))
    for obj in session.dirty:
        if isinstance(obj, AuditLog) or not session.is_modified(obj, include_collections=False):
            continue
        changes = _changes(obj)
        if changes:
            pending.append(("修改", obj, changes))
    for obj in session.deleted:
        if isinstance(obj, AuditLog):
            continue
        if obj.__tablename__ in ERASED_ON_DELETE:
            pending.append(("删除", obj, _deletion_only(obj)))
        else:
            pending.append(("删除", obj, _changes(obj, deleted=True)))
    session.info.setdefault("_audit_pending", []).extend(pending)


def _write(session: Session, _flush_context) -> None:
    pending = session.info.pop("_audit_pending", [])
    if not pending:
        return
    rows = []
    actor = session.info.get("actor", "")
    for action, obj, changes in pending:
        rows.append(
            {
                "actor": actor,
                "action": action,
                "entity": obj.__tablename__,
                "entity_id": _entity_id(obj),
                "summary": str(getattr(obj, "name", None) or getattr(obj, "title", None) or "")[:200] or None,
                "changes": json.dumps(changes, ensure_ascii=False),
                "at": datetime.now(),
            }
        )
    for action, obj, _changes_ in pending:
        if action == "删除" and obj.__tablename__ in ERASED_ON_DELETE:
            table = AuditLog.__table__
            session.execute(table.update().where(table.c.entity == obj.__tablename__,
                                                 table.c.entity_id == _entity_id(obj)).values(changes=ERASED))
    # Core insert: adding ORM objects here would need another flush.
    session.execute(AuditLog.__table__.insert(), rows)


def install(factory: sessionmaker) -> None:
    event.listen(factory, "before_flush", _collect)
    event.listen(factory, "after_flush", _write)
