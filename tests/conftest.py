"""Shared fixtures. Qt must be told to render offscreen before anything imports it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

PG_URL_ENV = "BRANCHBOOK_TEST_DATABASE_URL"


def pg_url() -> str | None:
    """A PostgreSQL URL to run the database tests against as well (set by scripts/test-postgres)."""
    return os.environ.get(PG_URL_ENV) or None


def _private_schema_url(url: str) -> str:
    """A schema of this test process's own, so parallel runs on one server never drop each other's tables."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    schema = f"bb_test_{os.getpid()}"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    return make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "branch.db"


@pytest.fixture
def sqlite_db(db_path: Path):
    """A fresh, migrated SQLite database."""
    from app.services.database import Database

    db = Database.open(path=db_path)
    yield db
    db.close()


def _backends():
    yield "sqlite"
    if pg_url():
        yield "postgresql"


@pytest.fixture(params=list(_backends()))
def db(request, db_path: Path):
    """A fresh, migrated database on each available backend (SQLite always, PostgreSQL when configured)."""
    from app.services.database import Database

    if request.param == "sqlite":
        database = Database.open(path=db_path)
    else:
        database = Database.open(url=_private_schema_url(pg_url()))
    yield database
    database.close()
    if request.param != "sqlite":
        from sqlalchemy import create_engine, text

        engine = create_engine(pg_url())
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "bb_test_{os.getpid()}" CASCADE'))
        engine.dispose()
