"""The startup migration path with a real second revision written for the test.

A temporary copy of the migration scripts gets a revision 0099 on top of head; the app's
HEAD is pointed at it. This exercises what a future release will do to a
clerk's database: back up first, migrate in one transaction, refuse to half-do it.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from app.db import migrate
from app.services.database import Database, backup_dir_for

GOOD = '''
import sqlalchemy as sa
from alembic import op

revision = "0099"
down_revision = "HEAD"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("member") as batch:
        batch.add_column(sa.Column("wechat", sa.String(40), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("member") as batch:
        batch.drop_column("wechat")
'''

FAILING = GOOD.replace(
    'batch.add_column(sa.Column("wechat", sa.String(40), nullable=False, server_default=""))',
    'batch.add_column(sa.Column("wechat", sa.String(40), nullable=False, server_default=""))\n'
    '    op.execute("INSERT INTO no_such_table VALUES (1)")',
)


@pytest.fixture
def second_revision(tmp_path, monkeypatch):
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))

    def install(body: str) -> None:
        body = body.replace('down_revision = "HEAD"', f'down_revision = "{migrate.HEAD_REVISION}"')
        (scripts / "versions" / "0099_test.py").write_text(body, encoding="utf-8")
        monkeypatch.setattr(migrate, "MIGRATIONS_DIR", scripts)
        monkeypatch.setattr(migrate, "HEAD_REVISION", "0099")
        monkeypatch.setattr(migrate, "KNOWN_REVISIONS", (*migrate.KNOWN_REVISIONS, "0099"))

    return install


def _db_at_head_with_a_member(path: Path) -> None:
    db = Database.open(path=path)
    from app.db.models import Member, Organisation
    from app.domain.enums import OrgLevel

    with db.unit_of_work() as session:
        org = Organisation(name="第一党支部", level=OrgLevel.BRANCH)
        session.add(org)
        session.flush()
        session.add(Member(org_id=org.id, name="赵六"))
    db.close()


def _columns(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[1] for r in conn.execute("PRAGMA table_info(member)")]
    finally:
        conn.close()


def test_upgrade_backs_up_first_and_keeps_the_data(db_path, second_revision):
    _db_at_head_with_a_member(db_path)
    head = migrate.HEAD_REVISION
    second_revision(GOOD)
    db = Database.open(path=db_path)
    try:
        assert db.report.migrated_from == head
        backup = db.report.migration_backup
        assert backup is not None and backup.parent == backup_dir_for(db_path)
    finally:
        db.close()
    assert "wechat" in _columns(db_path)
    assert "wechat" not in _columns(backup)  # the backup is the database as it was
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT name, wechat FROM member").fetchall() == [("赵六", "")]
    assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0099",)]
    conn.close()


def test_a_failing_migration_rolls_back_completely(db_path, second_revision):
    _db_at_head_with_a_member(db_path)
    head = migrate.HEAD_REVISION
    second_revision(FAILING)
    with pytest.raises(Exception):
        Database.open(path=db_path)
    conn = sqlite3.connect(db_path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        assert not [t for t in tables if t.startswith("_alembic_tmp")]
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head,)]
        assert conn.execute("SELECT name FROM member").fetchall() == [("赵六",)]
    finally:
        conn.close()
    assert "wechat" not in _columns(db_path)
    assert list(backup_dir_for(db_path).glob(f"*before-migrate-{head}*.db"))  # and a backup exists


def test_check_opens_an_older_database_without_migrating(db_path, second_revision):
    _db_at_head_with_a_member(db_path)
    head = migrate.HEAD_REVISION
    second_revision(GOOD)
    from app.services.maintenance import check

    db = Database.open(path=db_path, create=False, migrate_schema=False)
    try:
        report = check(db)
    finally:
        db.close()
    assert report.ok and report.revision == head and report.counts["member"] == 1
    assert "wechat" not in _columns(db_path)


def test_a_frozen_database_of_every_earlier_revision_opens_with_its_data(tmp_path):
    """tests/data/schema-<rev>.db are real files written by earlier releases; each must open and keep its rows."""
    frozen = sorted((Path(__file__).resolve().parents[1] / "data").glob("schema-*.db"))
    assert frozen, "keep one frozen database per released schema revision"
    for source in frozen:
        copy = tmp_path / source.name
        copy.write_bytes(source.read_bytes())
        conn = sqlite3.connect(copy)
        before = conn.execute("SELECT name, id_number FROM member ORDER BY id").fetchall()
        conn.close()
        db = Database.open(path=copy)
        try:
            from app.services.maintenance import check

            report = check(db)
            assert report.ok and report.revision == migrate.HEAD_REVISION
        finally:
            db.close()
        conn = sqlite3.connect(copy)
        assert conn.execute("SELECT name, id_number FROM member ORDER BY id").fetchall() == before
        conn.close()


def test_rows_pointing_at_a_copied_table_survive_and_foreign_keys_come_back_on(tmp_path):
    """Batch mode copies meeting_type (0006) while meetings point at it: the rows stay, nothing dangles,
    and the pooled connection enforces foreign keys again afterwards."""
    from sqlalchemy import text

    copy = tmp_path / "with-meetings.db"
    copy.write_bytes((Path(__file__).resolve().parents[1] / "data" / "schema-0005.db").read_bytes())
    conn = sqlite3.connect(copy)
    before = conn.execute("SELECT m.id, t.name, m.theme FROM meeting m JOIN meeting_type t ON t.id = m.type_id").fetchall()
    conn.close()
    assert before, "the frozen 0005 file holds a meeting"
    db = Database.open(path=copy)
    try:
        with db.reading() as s:
            assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert s.execute(text("PRAGMA foreign_key_check")).fetchall() == []
            after = s.execute(text(
                "SELECT m.id, t.name, m.theme FROM meeting m JOIN meeting_type t ON t.id = m.type_id")).fetchall()
    finally:
        db.close()
    assert [tuple(r) for r in after] == before
