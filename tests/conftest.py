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


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


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
        url = pg_url()
        _reset_postgres(url)
        database = Database.open(url=url)
    yield database
    database.close()
