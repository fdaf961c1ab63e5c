"""Integrity checks and backups through the SQLite backup API (never a file copy)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, text

from app.db.engine import BACKUP_PAGE_LIMIT_ENV, is_sqlite, page_limit_for_tests


def integrity_check(engine: Engine, *, quick: bool = False) -> list[str]:
    """Problems found by ``PRAGMA integrity_check`` (empty list = ok)."""
    if not is_sqlite(engine):
        return []
    pragma = "quick_check" if quick else "integrity_check"
    with engine.connect() as conn:
        rows = [r[0] for r in conn.exec_driver_sql(f"PRAGMA {pragma}").fetchall()]
    return [] if rows == ["ok"] else rows


def foreign_key_check(engine: Engine) -> list[tuple[str, int | None, str, int]]:
    """Rows that point at a missing parent: (table, rowid, parent table, fk index)."""
    if is_sqlite(engine):
        with engine.connect() as conn:
            return [tuple(r) for r in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()]
    return []  # PostgreSQL enforces foreign keys at all times


def backup_sqlite(engine: Engine, destination: Path) -> Path:
    """Copy the live database with the backup API; the copy is checked before returning."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    tmp = destination.with_name(destination.name + ".part")
    tmp.unlink(missing_ok=True)
    raw = engine.raw_connection()
    try:
        source: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
        target = sqlite3.connect(tmp)
        try:
            limit = page_limit_for_tests(BACKUP_PAGE_LIMIT_ENV)
            if limit is not None:  # a "disk" that fills up, for the tests only
                target.execute(f"PRAGMA max_page_count = {limit}").fetchall()
            source.backup(target)
            target.execute("PRAGMA journal_mode = DELETE").fetchall()
            result = target.execute("PRAGMA integrity_check").fetchone()
        finally:
            target.close()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        raw.close()
    if not result or result[0] != "ok":
        tmp.unlink(missing_ok=True)
        raise sqlite3.DatabaseError(f"backup copy failed integrity_check: {result}")
    with tmp.open("rb+") as fh:  # on disk before the rename makes it the backup
        os.fsync(fh.fileno())
    tmp.replace(destination)
    return destination


def table_counts(engine: Engine, tables: list[str]) -> dict[str, int]:
    with engine.connect() as conn:
        return {t: conn.execute(text(f'SELECT COUNT(*) FROM "{t}"')).scalar_one() for t in tables}
