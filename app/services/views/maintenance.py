"""设置与备份 page: check the database and back it up now (the SQLite backup API, never a file copy)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.db import maintenance as dbm
from app.db.engine import is_sqlite
from app.domain.errors import StorageError
from app.services.database import backup_dir_for
from app.services.errors import describe
from app.services.maintenance import CheckReport, check_engine


def _engine(session: Session) -> Engine:
    bind = session.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def check_database(session: Session) -> CheckReport:
    """PRAGMA integrity_check and foreign_key_check, plus the counts of the main tables."""
    engine = _engine(session)
    return check_engine(engine, describe(engine.url.render_as_string(hide_password=False)))


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int


def database_file(session: Session) -> Path | None:
    """The SQLite file behind the session, or None for a server database."""
    engine = _engine(session)
    if not is_sqlite(engine) or not engine.url.database or engine.url.database == ":memory:":
        return None
    return Path(engine.url.database)


def backup_now(session: Session, *, now: datetime | None = None) -> BackupResult:
    """Copy the database into its backup folder under a name with the date and time."""
    path = database_file(session)
    if path is None:
        raise StorageError("“立即备份”只适用于本机数据库文件；服务器上的 PostgreSQL 数据库请由管理员用 pg_dump 备份。")
    engine = _engine(session)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = backup_dir_for(path) / f"{path.stem}-{stamp}.db"
    try:
        out = dbm.backup_sqlite(engine, target)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(f"备份到「{target}」失败：{exc}。原数据库未受影响。") from exc
    return BackupResult(out, out.stat().st_size)
