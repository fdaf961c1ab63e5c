"""Engines for the embedded SQLite file and the shared PostgreSQL server.

Every SQLite connection gets the pragmas of reliability-and-privacy.md §1.5 and real
transactions (pysqlite's own transaction handling would make DDL non-transactional,
leaving ``_alembic_tmp_*`` tables behind after a failed migration).
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

SQLITE_PRAGMAS = (
    # A clerk copies the .db while the app runs; in WAL mode that copy can be empty.
    ("journal_mode", "DELETE"),
    ("synchronous", "FULL"),
    ("foreign_keys", "ON"),
    ("busy_timeout", "5000"),
    ("secure_delete", "ON"),
    # 64 MiB of pages kept per connection (the default is 2 MiB): a street office's year of 党费 and
    # meetings is read again for every 统计 figure and report; the file itself stays as it is.
    ("cache_size", "-65536"),
)


# Tests only: every new connection gets ``PRAGMA max_page_count`` = this many pages more than the
# file has, so a write fills the "disk" (reliability-and-privacy.md §6, R3); backup copies are
# limited to BACKUP_PAGE_LIMIT_ENV pages in all.
PAGE_LIMIT_ENV = "BRANCHBOOK_TEST_MAX_PAGE_COUNT"
BACKUP_PAGE_LIMIT_ENV = "BRANCHBOOK_TEST_BACKUP_MAX_PAGES"


def page_limit_for_tests(name: str = PAGE_LIMIT_ENV) -> int | None:
    value = os.environ.get(name, "")
    return int(value) if value.isdigit() else None


def sqlite_url(path: Path | str) -> str:
    return f"sqlite+pysqlite:///{Path(path)}"


def is_sqlite(engine_or_url: Engine | str) -> bool:
    url = engine_or_url.url if isinstance(engine_or_url, Engine) else make_url(engine_or_url)
    return url.get_backend_name() == "sqlite"


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create an engine; for SQLite install the pragmas and explicit BEGIN."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            parsed,
            echo=echo,
            # one worker thread at a time uses a connection; the pool hands it over
            connect_args={"check_same_thread": False, "timeout": 5.0},
        )
        _install_sqlite_hooks(engine)
        return engine
    return create_engine(
        parsed,
        echo=echo,
        pool_pre_ping=True,
        connect_args={"connect_timeout": 5, "application_name": "branchbook"},
    )


def _install_sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # pragma: no cover - exercised through every test
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_conn.cursor()
        try:
            for name, value in SQLITE_PRAGMAS:
                cursor.execute(f"PRAGMA {name} = {value}")
                cursor.fetchall()
            limit = page_limit_for_tests()
            if limit is not None:
                pages = cursor.execute("PRAGMA page_count").fetchone()[0]
                cursor.execute(f"PRAGMA max_page_count = {pages + limit}").fetchall()
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # pragma: no cover
        conn.exec_driver_sql("BEGIN")
