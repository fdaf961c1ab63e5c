"""Check, back up and restore the database (the backup API only, never a file copy)."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterator

from sqlalchemy import inspect

from app.db import maintenance as dbm
from app.db import migrate
from app.domain.errors import StorageError
from app.services import backup_crypto
from app.services.database import SQLITE_MAGIC, Database, backup_dir_for

KEY_TABLES = ("organisation", "member", "membership_event", "dues_payment", "meeting", "development_record",
              "volunteer", "volunteer_hours")
TABLE_LABELS = {
    "organisation": "党组织", "member": "党员", "membership_event": "党员变动记录", "dues_payment": "党费缴纳记录",
    "meeting": "会议记录", "development_record": "发展党员档案", "volunteer": "志愿者", "volunteer_hours": "服务时长记录",
}


@dataclass(frozen=True)
class CheckReport:
    location: str
    revision: str | None
    integrity: list[str] = field(default_factory=list)
    foreign_keys: list[tuple] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.integrity and not self.foreign_keys

    def lines(self) -> list[str]:
        out = [f"数据库：{self.location}", f"结构版本：{self.revision or '（无）'}（本程序：{migrate.HEAD_REVISION}）"]
        out.append("完整性检查（integrity_check）：" + ("通过" if not self.integrity else "发现问题"))
        out += [f"  {line}" for line in self.integrity[:50]]
        out.append("外键检查（foreign_key_check）：" + ("通过" if not self.foreign_keys else f"{len(self.foreign_keys)} 处引用缺失"))
        out += [f"  表 {t} 行 {rowid} 引用的 {parent} 不存在" for t, rowid, parent, _ in self.foreign_keys[:50]]
        for table, count in self.counts.items():
            out.append(f"{TABLE_LABELS.get(table, table)}：{count}")
        out.append("结论：" + ("数据库完好。" if self.ok else "数据库有问题，请勿继续写入，并从备份恢复。"))
        return out


def check(db: Database) -> CheckReport:
    """integrity_check, foreign_key_check and a few counts; works on an older schema too."""
    return check_engine(db.engine, db.display_name)


def check_engine(engine, location: str) -> CheckReport:
    revision = migrate.current_revision(engine)
    integrity = dbm.integrity_check(engine)
    foreign = dbm.foreign_key_check(engine) if not integrity else []
    with engine.connect() as conn:
        present = set(inspect(conn).get_table_names())
    counts = dbm.table_counts(engine, [t for t in KEY_TABLES if t in present]) if not integrity else {}
    return CheckReport(location, revision, integrity, foreign, counts)


def _require_sqlite(db: Database, what: str) -> Path:
    if not db.is_sqlite or db.path is None:
        raise StorageError(f"{what}只适用于本机数据库文件；服务器上的 PostgreSQL 数据库请由管理员用 pg_dump 备份。")
    return db.path


def backup(db: Database, out: Path | str) -> Path:
    """Write a checked copy of the database to ``out`` (through a temporary file, then rename).

    ``out`` may name a folder (existing, or written with a trailing slash): the copy then
    gets a dated file name inside it.
    """
    _require_sqlite(db, "备份")
    as_dir = isinstance(out, str) and out.endswith(("/", "\\"))
    out = Path(out)
    if as_dir or out.is_dir():
        out = out / f"{db.path.stem}-{datetime.now():%Y%m%d-%H%M%S}.db"
    try:
        return dbm.backup_sqlite(db.engine, out)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(f"备份到「{out}」失败：{exc}。原数据库未受影响。") from exc


def automatic_backup_path(db: Database, reason: str) -> Path:
    path = _require_sqlite(db, "备份")
    return backup_dir_for(path) / f"{path.stem}-{reason}-{datetime.now():%Y%m%d-%H%M%S}.db"


def backup_before_import(db: Database) -> Path | None:
    """The automatic copy every import makes before it writes (SQLite; a server keeps its own)."""
    from app.services.backups import automatic_backup

    return automatic_backup(db, "before-import")


@dataclass(frozen=True)
class RestoreReport:
    source: Path
    safety_copy: Path
    revision: str | None
    counts: dict[str, int]


@contextmanager
def _plain_copy(source: Path, password: str | None) -> Iterator[Path]:
    """The backup as a plain SQLite file: itself, or decrypted into a temporary folder."""
    if not backup_crypto.is_encrypted(source):
        yield source
        return
    if not password:
        raise StorageError(f"「{source.name}」是加密备份，请输入备份时设置的密码。")
    with tempfile.TemporaryDirectory(prefix="branchbook-restore-") as scratch:
        yield backup_crypto.decrypt_file(source, Path(scratch) / "backup.db", password)


def inspect_backup(source: Path, *, password: str | None = None) -> tuple[str | None, dict[str, int]]:
    """Validate a backup file (decrypting a .bbk) and return its revision and counts; raise StorageError if unusable."""
    source = Path(source)
    if not source.is_file():
        raise StorageError(f"备份文件「{source}」不存在。")
    with _plain_copy(source, password) as plain:
        return _inspect_plain(plain, source)


def _inspect_plain(plain: Path, source: Path) -> tuple[str | None, dict[str, int]]:
    with plain.open("rb") as fh:
        if fh.read(16) != SQLITE_MAGIC:
            raise StorageError(f"「{source}」不是支部台账的备份文件。")
    conn = sqlite3.connect(f"file:{plain}?mode=ro", uri=True)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
        if [r[0] for r in result] != ["ok"]:
            raise StorageError(f"备份文件「{source}」已损坏（integrity_check 未通过），不能用于恢复。")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables or "member" not in tables:
            raise StorageError(f"「{source}」不是支部台账的备份文件。")
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = revision[0] if revision else None
        if revision not in migrate.KNOWN_REVISIONS:
            raise StorageError(f"备份文件「{source}」来自更新版本的支部台账（结构版本 {revision}），请先升级程序。")
        counts = {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in KEY_TABLES if t in tables}
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"无法读取备份文件「{source}」：{exc}") from exc
    finally:
        conn.close()
    return revision, counts


def restore(db: Database, source: Path, *, password: str | None = None) -> RestoreReport:
    """Replace the database's contents with ``source``, all or nothing, keeping a safety copy first.

    A damaged database cannot be copied: it is set aside as ``*.damaged-<time>`` instead
    (never deleted) and the backup becomes the file (``restore_damaged``).
    """
    path = _require_sqlite(db, "恢复")
    source = Path(source)
    with _plain_copy(source, password) as plain:
        revision, counts = _inspect_plain(plain, source)
        if is_damaged(db):
            db.close()
            damaged = restore_damaged(path, plain)
            return RestoreReport(source, damaged, revision, counts)
        return _restore_into(db, plain, source, revision, counts)


def is_damaged(db: Database) -> bool:
    try:
        return bool(dbm.integrity_check(db.engine, quick=True))
    except Exception:  # noqa: BLE001 - a malformed file raises instead of reporting
        return True


def restore_damaged(db_path: Path, plain_backup: Path) -> Path:
    """Set the damaged file aside as ``<name>.damaged-<time>`` and put the backup in its place.

    The copy is written beside the target through the backup API, then renamed over it,
    so the database path holds either the damaged file or the whole backup, never a mix.
    """
    db_path = Path(db_path)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    damaged = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    part = db_path.with_name(db_path.name + ".restoring")
    part.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{plain_backup}?mode=ro", uri=True)
    dst = sqlite3.connect(part)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE").fetchall()
    except sqlite3.Error as exc:
        dst.close()
        part.unlink(missing_ok=True)
        raise StorageError(f"恢复失败：{exc}。损坏的数据库保持原样。") from exc
    finally:
        src.close()
    dst.close()
    try:
        os.replace(db_path, damaged)
        for side in ("-journal", "-wal", "-shm"):  # a hot journal belongs to the damaged file
            extra = db_path.with_name(db_path.name + side)
            if extra.exists():
                os.replace(extra, damaged.with_name(damaged.name + side))
        os.replace(part, db_path)
    except OSError as exc:
        raise StorageError(f"恢复失败：{exc.strerror or exc}。") from exc
    return damaged


def _restore_into(db: Database, source: Path, shown: Path, revision, counts) -> RestoreReport:
    safety = backup(db, automatic_backup_path(db, "before-restore"))
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    raw = db.engine.raw_connection()
    try:
        # The backup API copies every page inside one write transaction: a crash midway
        # leaves the hot journal, and SQLite rolls the target back to its old contents.
        src.backup(raw.driver_connection)
    except sqlite3.Error as exc:
        raise StorageError(f"恢复失败：{exc}。数据库保持原样；恢复前的副本在「{safety}」。") from exc
    finally:
        raw.close()
        src.close()
    db.engine.dispose()
    return RestoreReport(Path(shown), safety, revision, counts)
