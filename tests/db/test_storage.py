"""The storage rules of architecture.md: pragmas, real transactions, migrations, bad files."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from app.db import migrate
from app.db.base import Base
from app.db.models import DuesPayment, Member, Organisation
from app.domain.enums import OrgLevel
from app.domain.errors import StorageError
from app.services.database import Database


def test_every_connection_sets_the_pragmas(sqlite_db):
    with sqlite_db.engine.connect() as conn:
        values = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout", "secure_delete")
        }
    assert values == {"journal_mode": "delete", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 5000,
                      "secure_delete": 1}


def test_committed_data_is_in_the_main_file_so_a_copy_is_complete(sqlite_db, db_path, tmp_path):
    with sqlite_db.unit_of_work() as session:
        session.add(Organisation(name="复制测试党委", level=OrgLevel.COMMITTEE))
    # A clerk copying the file while the app runs (DELETE journal: no -wal side file).
    assert not Path(str(db_path) + "-wal").exists()
    copy = tmp_path / "copy.db"
    copy.write_bytes(db_path.read_bytes())
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT name FROM organisation").fetchall() == [("复制测试党委",)]
    conn.close()


def test_a_failing_unit_of_work_rolls_back_rows_and_ddl(sqlite_db):
    with pytest.raises(RuntimeError):
        with sqlite_db.unit_of_work() as session:
            session.add(Organisation(name="甲", level=OrgLevel.BRANCH))
            session.flush()
            session.execute(text("CREATE TABLE scratch (x INTEGER)"))
            raise RuntimeError("boom")
    with sqlite_db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Organisation)) == 0
        assert session.execute(text("SELECT name FROM sqlite_master WHERE name='scratch'")).first() is None


def test_fresh_database_is_at_head_and_matches_the_models(db):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    assert migrate.current_revision(db.engine) == migrate.HEAD_REVISION
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_known_revisions_match_the_migration_scripts():
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    assert scripts.get_heads() == [migrate.HEAD_REVISION]
    chain = [s.revision for s in scripts.walk_revisions()][::-1]
    assert tuple(chain) == migrate.KNOWN_REVISIONS


def test_a_newer_database_is_refused_and_left_untouched(db_path):
    Database.open(path=db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StorageError, match="更新版本"):
        Database.open(path=db_path)
    assert db_path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused_unchanged(tmp_path):
    path = tmp_path / "花名册.xlsx"
    path.write_bytes(b"PK\x03\x04 not a database at all" * 10)
    before = path.read_bytes()
    with pytest.raises(StorageError, match="不是支部台账的数据库文件"):
        Database.open(path=path)
    assert path.read_bytes() == before


def test_a_sqlite_file_of_another_program_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError, match="不是支部台账的数据库"):
        Database.open(path=path)
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["notes"]
    conn.close()


def test_missing_file_is_refused_when_creation_is_not_allowed(tmp_path):
    path = tmp_path / "nope.db"
    with pytest.raises(StorageError, match="不存在"):
        Database.open(path=path, create=False)
    assert not path.exists()


def test_a_locked_database_gets_a_clear_message(db_path):
    Database.open(path=db_path).close()
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError, match="正被另一个程序占用"):
            Database.open(path=db_path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_an_unreachable_server_gets_a_clear_message():
    with pytest.raises(StorageError, match="无法连接到数据库服务器") as err:
        Database.open(url="postgresql+psycopg://someone:secret@127.0.0.1:1/nowhere")
    assert "secret" not in str(err.value)


def test_money_is_exact_decimal_and_sums_exactly_in_sql(db):
    from datetime import date

    with db.unit_of_work() as session:
        org = Organisation(name="党支部", level=OrgLevel.BRANCH)
        session.add(org)
        session.flush()
        member = Member(org_id=org.id, name="张三")
        session.add(member)
        session.flush()
        for amount in ("0.10", "0.20", "15.05"):
            session.add(DuesPayment(member_id=member.id, period_start=date(2026, 1, 1),
                                    period_end=date(2026, 1, 1), amount=Decimal(amount), paid_on=date(2026, 1, 5)))
    with db.reading() as session:
        amounts = session.scalars(select(DuesPayment.amount).order_by(DuesPayment.id)).all()
        total = session.scalar(select(func.sum(DuesPayment.amount)))
    assert amounts == [Decimal("0.10"), Decimal("0.20"), Decimal("15.05")]
    assert all(isinstance(a, Decimal) for a in amounts)
    assert total == Decimal("15.35")


def test_money_with_fractions_of_a_fen_is_refused(sqlite_db):
    from datetime import date

    with pytest.raises(Exception):
        with sqlite_db.unit_of_work() as session:
            org = Organisation(name="党支部", level=OrgLevel.BRANCH)
            session.add(org)
            session.flush()
            member = Member(org_id=org.id, name="李四")
            session.add(member)
            session.flush()
            session.add(DuesPayment(member_id=member.id, period_start=date(2026, 1, 1),
                                    period_end=date(2026, 1, 1), amount=Decimal("1.005"), paid_on=date(2026, 1, 5)))
