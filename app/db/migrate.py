"""Schema revision check and Alembic upgrade at startup.

Order (architecture.md idiom 6): read the revision → refuse a newer database →
back up with the SQLite backup API → upgrade → verify. Alembic is imported only
when a migration is actually needed: a database already at head costs one query.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from app.db.engine import is_sqlite

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "0010"
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010")  # oldest first; a test checks this against the scripts


class SchemaTooNewError(Exception):
    def __init__(self, revision: str) -> None:
        super().__init__(revision)
        self.revision = revision


class MigrationError(Exception):
    """An upgrade that ran but left the data inconsistent; it has been rolled back."""


class NotOurDatabaseError(Exception):
    """The file is a SQLite database, but not one of ours (tables and no revision)."""


@dataclass(frozen=True)
class MigrationResult:
    before: str | None
    after: str
    backup: Path | None


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if is_sqlite(engine):
            has_table = conn.execute(
                text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
            ).first()
        else:
            has_table = inspect(conn).has_table("alembic_version")
        if not has_table:
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return row[0] if row else None


def _has_user_tables(engine: Engine) -> bool:
    with engine.connect() as conn:
        names = [n for n in inspect(conn).get_table_names() if n != "alembic_version"]
    return bool(names)


def alembic_config(connection=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("path_separator", "os")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def needs_migration(engine: Engine) -> bool:
    revision = current_revision(engine)
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise SchemaTooNewError(revision)
    return revision != HEAD_REVISION


def upgrade(engine: Engine, *, backup_to: Path | None = None) -> MigrationResult:
    """Bring the schema to head. ``backup_to`` receives a backup-API copy first (SQLite, non-empty)."""
    from alembic import command

    before = current_revision(engine)
    if before is not None and before not in KNOWN_REVISIONS:
        raise SchemaTooNewError(before)
    if before is None and _has_user_tables(engine):
        raise NotOurDatabaseError()
    backup: Path | None = None
    if before is not None and before != HEAD_REVISION and backup_to is not None and is_sqlite(engine):
        from app.db.maintenance import backup_sqlite

        backup = backup_sqlite(engine, backup_to)
    if before != HEAD_REVISION:
        with engine.connect() as conn:
            # SQLite's batch mode copies a table and drops the old one; with foreign keys enforced, dropping
            # a table that rows still point at (meeting_type under meeting) fails. As Alembic's batch
            # documentation advises, enforcement is off for the migration (the pragma only takes effect
            # outside a transaction, so on the raw connection first), and the result is checked instead.
            raw = conn.connection.driver_connection if is_sqlite(engine) else None
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=OFF")
            try:
                command.upgrade(alembic_config(conn), "head")
                if raw is not None:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        conn.rollback()
                        raise MigrationError(f"升级后外键检查未通过（{broken[0][0]} 表），已撤销升级")
                conn.commit()
            finally:
                if raw is not None:
                    conn.rollback()  # a failed upgrade leaves nothing half-done
                    raw.execute("PRAGMA foreign_keys=ON")
    after = current_revision(engine)
    assert after == HEAD_REVISION, after
    return MigrationResult(before, after, backup)
