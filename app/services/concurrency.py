"""Optimistic locking for edits made from a form.

A form loads a view with the row's ``version``; when it saves, the service calls
``require_version`` before changing anything. If another clerk saved in between
(shared PostgreSQL database, or a second window), the save is refused with a
message instead of silently overwriting. The version column itself is bumped by
SQLAlchemy on every UPDATE (``version_id_col``), which also catches races between
this check and the commit.
"""

from __future__ import annotations

from app.domain.errors import ConcurrentEditError, NotFoundError


def require_version(row, expected: int | None, what: str = "这条记录") -> None:
    """Raise unless ``row`` still carries the version the form was loaded with."""
    if row is None:
        raise NotFoundError(f"{what}已被删除。")
    if expected is not None and row.version != expected:
        raise ConcurrentEditError(f"{what}已被其他人修改并保存（您打开后又有改动），您的修改未保存。请刷新后重新编辑。")
