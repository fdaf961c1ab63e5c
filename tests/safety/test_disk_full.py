"""R3 a full disk (PRAGMA max_page_count) during import, edit, backup and migration: a clear message,
the database unchanged, the program still usable."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from app.db.engine import BACKUP_PAGE_LIMIT_ENV, PAGE_LIMIT_ENV
from app.domain.errors import StorageError
from app.services import backups
from app.services.database import Database
from helpers_cli import DATA
from helpers_ids import make_id
from helpers_safety import dump, filled, integrity


def _full(monkeypatch, db, extra_pages: int = 0) -> None:
    monkeypatch.setenv(PAGE_LIMIT_ENV, str(extra_pages))
    db.engine.dispose()  # new connections get the limit


def _room(monkeypatch, db) -> None:
    monkeypatch.delenv(PAGE_LIMIT_ENV)
    db.engine.dispose()


def _rows(n: int):
    from app.services.member_import import ImportRow

    return [ImportRow(row=i + 2, values={"name": f"满盘{i}", "id_number": make_id(date(1960, 1, 1 + i % 28), i % 1000),
                                         "org": "第一党支部", "notes": "备注" * 200})
            for i in range(n)]


def test_import_on_a_full_disk_changes_nothing_and_says_so(db_path, monkeypatch):
    from app.services.member_import import apply_import, plan_import

    db = filled(db_path, 20)
    try:
        with db.reading() as session:
            plan = plan_import(session, _rows(600))
        assert plan.ok
        before = dump(db_path)
        _full(monkeypatch, db, 20)
        with pytest.raises(StorageError, match="磁盘空间已满.*数据库保持原样"):
            with db.unit_of_work() as session:
                apply_import(session, plan, source="满盘.xlsx")
        assert dump(db_path) == before and integrity(db_path) == ["ok"]
        with db.reading() as session:  # still usable while full
            from app.services.views.home import record_counts

            assert record_counts(session).member_records > 0
        _room(monkeypatch, db)
        with db.unit_of_work() as session:
            apply_import(session, plan, source="满盘.xlsx")
        assert integrity(db_path) == ["ok"]
    finally:
        db.close()


def test_an_edit_on_a_full_disk_is_refused_cleanly(db_path, monkeypatch):
    from app.services.members import create_member
    from app.domain.member_rules import MemberData

    db = filled(db_path, 10)
    try:
        with db.reading() as session:
            from sqlalchemy import select

            from app.db.models import Organisation
            from app.domain.enums import OrgLevel

            branch = session.scalars(select(Organisation).where(Organisation.level == OrgLevel.BRANCH)).first().id
        before = dump(db_path)
        _full(monkeypatch, db, 0)
        data = MemberData(name="满盘新党员", org_id=branch, notes="很长的备注" * 3000)
        with pytest.raises(StorageError, match="磁盘空间已满"):
            with db.unit_of_work() as session:
                create_member(session, data)
        assert dump(db_path) == before
        _room(monkeypatch, db)
        with db.unit_of_work() as session:
            create_member(session, data)
    finally:
        db.close()


def test_a_backup_onto_a_full_disk_fails_cleanly_and_leaves_no_file(db_path, monkeypatch, tmp_path):
    db = filled(db_path, 30)
    try:
        monkeypatch.setenv(BACKUP_PAGE_LIMIT_ENV, "5")
        with pytest.raises(StorageError, match="磁盘空间已满.*数据库未受影响"):
            backups.automatic_backup(db, "manual")
        with pytest.raises(StorageError, match="磁盘空间已满"):
            backups.backup_to_folder(db, tmp_path)
        assert backups.list_backups(db_path) == []
        assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob("branch-*.db"))
        monkeypatch.delenv(BACKUP_PAGE_LIMIT_ENV)
        assert integrity(backups.automatic_backup(db, "manual")) == ["ok"]
    finally:
        db.close()


def test_a_migration_on_a_full_disk_rolls_back_and_the_old_file_still_opens(tmp_path, monkeypatch):
    from app.db import migrate

    path = tmp_path / "old.db"
    shutil.copyfile(DATA / "schema-0001.db", path)
    original = path.read_bytes()
    monkeypatch.setenv(PAGE_LIMIT_ENV, "0")
    with pytest.raises(StorageError, match="磁盘空间已满"):
        Database.open(path=path)
    assert path.read_bytes() == original
    monkeypatch.delenv(PAGE_LIMIT_ENV)
    db = Database.open(path=path)
    try:
        assert migrate.current_revision(db.engine) == migrate.HEAD_REVISION
    finally:
        db.close()
    assert Path(str(path) + "-journal").exists() is False
