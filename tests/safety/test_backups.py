"""Automatic backups (R8 thinning, daily/close/before-import), USB backups with encryption, restore."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.domain.errors import StorageError
from app.services import backup_crypto, backups
from app.services.database import Database, DamagedDatabaseError, backup_dir_for
from app.services.maintenance import inspect_backup, restore
from helpers_safety import damage, digest, dump, filled, integrity


def test_thinning_keeps_two_days_then_12_daily_10_weekly_9_monthly():
    now = datetime(2026, 12, 2, 9, 0)
    # Two years of one backup every six hours.
    taken = [now - timedelta(hours=6 * i) for i in range(4 * 730)]
    keep = backups.thin(taken, now)
    recent = {t for t in taken if t.date() >= now.date() - timedelta(days=1)}
    assert recent <= keep
    older = sorted((t for t in keep if t not in recent), reverse=True)
    assert len(older) == 12 + 10 + 9
    daily, rest = older[:12], older[12:]
    assert [t.date() for t in daily] == [now.date() - timedelta(days=2 + i) for i in range(12)]
    assert len({t.date() for t in older}) == 31  # never two of one day outside the recent two
    # then weekly copies: ten weeks older than the daily ones each hold one
    weekly_weeks = {t.isocalendar()[:2] for t in rest if now - t < timedelta(days=14 + 7 * 10)}
    assert len(weekly_weeks) >= 10
    # The window reaches back about a year, with a copy in each of the last eleven months.
    assert now - older[-1] > timedelta(days=300)
    months = {(t.year, t.month) for t in keep}
    for back in range(11):
        y, m = divmod(now.year * 12 + now.month - 1 - back, 12)
        assert (y, m + 1) in months


def test_thinning_is_stable_and_keeps_everything_when_there_is_little():
    now = datetime(2026, 12, 2, 9, 0)
    few = [now - timedelta(days=d) for d in range(0, 20, 3)]
    assert backups.thin(few, now) == set(few)
    many = [now - timedelta(hours=5 * i) for i in range(3000)]
    kept = backups.thin(many, now)
    assert backups.thin(sorted(kept), now) == kept  # thinning what was kept removes nothing more


def test_daily_backup_once_a_day_then_pruned_by_the_rule(db_path):
    db = filled(db_path, 10)
    try:
        day = datetime(2026, 3, 1, 8, 0)
        first = backups.daily_backup_if_due(db, now=day)
        assert first is not None and integrity(first) == ["ok"]
        assert backups.daily_backup_if_due(db, now=day + timedelta(hours=3)) is None
        for n in range(1, 60):  # two months of daily starts
            assert backups.daily_backup_if_due(db, now=day + timedelta(days=n)) is not None
        entries = backups.list_backups(db_path)
        assert len(entries) == 2 + 12 + len({e.taken.isocalendar()[:2] for e in entries[14:]})
        assert entries[0].reason == "daily" and entries[0].reason_label == "每日自动备份"
        assert len(entries) < 60
    finally:
        db.close()


def test_a_damaged_database_is_never_backed_up_and_never_opened_for_writing(db_path):
    db = filled(db_path, 30)
    good = backups.automatic_backup(db, "manual")
    db.close()
    good_hash = good.read_bytes()
    damage(db_path)
    damaged_bytes = db_path.read_bytes()
    with pytest.raises(DamagedDatabaseError, match="已损坏") as err:
        Database.open(path=db_path)
    assert err.value.path == db_path
    assert db_path.read_bytes() == damaged_bytes  # not written to
    raw = Database.open(path=db_path, migrate_schema=False)  # as `check` opens it
    try:
        assert backups.backup_on_close(raw) is None
        assert backups.automatic_backup(raw, "daily") is None
    finally:
        raw.close()
    assert [e.path for e in backups.list_backups(db_path)] == [good]
    assert good.read_bytes() == good_hash
    assert backups.newest_good_backup(db_path).path == good


def test_restore_of_a_damaged_database_keeps_it_as_damaged_and_opens_the_backup(db_path):
    db = filled(db_path, 30)
    good = backups.automatic_backup(db, "manual")
    db.close()
    before = dump(good)
    damage(db_path)
    damaged_bytes = db_path.read_bytes()
    raw = Database.open(path=db_path, create=False, migrate_schema=False)
    report = restore(raw, good)
    raw.close()
    assert report.safety_copy.name.startswith("branch.db.damaged-")
    assert report.safety_copy.read_bytes() == damaged_bytes
    reopened = Database.open(path=db_path)
    reopened.close()
    assert dump(db_path) == before


def test_backup_restore_round_trip_is_identical_and_keeps_a_safety_copy(db_path, tmp_path):
    db = filled(db_path, 40)
    try:
        original = digest(db_path)
        copy = backups.automatic_backup(db, "manual")
        with db.unit_of_work() as session:
            from sqlalchemy import text

            session.execute(text("DELETE FROM volunteer_hours"))
        changed = digest(db_path)
        assert changed != original
        report = restore(db, copy)
        assert digest(db_path) == original
        assert report.safety_copy.parent == backup_dir_for(db_path)
        assert digest(report.safety_copy) == changed
    finally:
        db.close()


def test_encrypted_usb_backup_is_opaque_verified_and_restores(db_path, tmp_path):
    usb = tmp_path / "U盘"
    usb.mkdir()
    db = filled(db_path, 20)
    try:
        with db.reading() as session:
            from sqlalchemy import text

            name = session.execute(text("SELECT name FROM member LIMIT 1")).scalar_one()
        before = digest(db_path)  # what the backup holds (the time of the USB backup is written after it)
        result = backups.backup_to_folder(db, usb, password="正确的密码 1")
        assert result.encrypted and result.path.suffix == ".bbk" and result.path.parent == usb
        assert result.counts["member"] >= 20
        blob = result.path.read_bytes()
        assert blob.startswith(backup_crypto.MAGIC)
        assert name.encode() not in blob and b"SQLite format 3" not in blob
        with pytest.raises(StorageError, match="密码不正确"):
            inspect_backup(result.path, password="错误的密码")
        with pytest.raises(StorageError, match="加密备份"):
            inspect_backup(result.path)
        tampered = tmp_path / "tampered.bbk"
        tampered.write_bytes(blob[:-40] + bytes(40))
        with pytest.raises(StorageError):
            inspect_backup(tampered, password="正确的密码 1")
        with db.reading() as session:
            from app.services import settings

            assert settings.get(session, "backup.last_offsite")
            assert settings.get(session, "backup.folder") == str(usb)
            assert backups.offsite_reminder(session) is None
        with db.unit_of_work() as session:
            session.execute(text("DELETE FROM volunteer_hours"))
        restore(db, result.path, password="正确的密码 1")
        assert digest(db_path) == before
    finally:
        db.close()
    assert not list(usb.glob("*.part"))


def test_plain_usb_backup_and_a_missing_stick(db_path, tmp_path):
    db = filled(db_path, 10)
    try:
        result = backups.backup_to_folder(db, tmp_path)
        assert result.path.suffix == ".db" and integrity(result.path) == ["ok"]
        with pytest.raises(StorageError, match="插好U盘"):
            backups.backup_to_folder(db, tmp_path / "拔出的U盘")
    finally:
        db.close()


def test_offsite_reminder_after_thirty_days(db_path):
    from datetime import date

    from app.services import settings

    db = Database.open(path=db_path)
    try:
        with db.unit_of_work() as session:
            assert "还没有" in backups.offsite_reminder(session)
            settings.set_value(session, "backup.last_offsite", "2026-01-01T10:00:00")
            assert backups.offsite_reminder(session, today=date(2026, 1, 30)) is None
            assert "已有 31 天" in backups.offsite_reminder(session, today=date(2026, 2, 1))
    finally:
        db.close()


def test_kdf_parameters_meet_owasp():
    assert backup_crypto.LOG2_N >= 17 and backup_crypto.R == 8 and backup_crypto.P == 1
    assert backup_crypto.MAXMEM > 128 * 1024 * 1024
    a = backup_crypto.encrypt_bytes(b"x" * 100, "pw")
    b = backup_crypto.encrypt_bytes(b"x" * 100, "pw")
    assert a[11:27] != b[11:27]  # a fresh salt every time
    assert backup_crypto.decrypt_bytes(a, "pw") == b"x" * 100


def test_a_backup_from_another_program_or_a_garbage_file_is_refused(tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError, match="不是支部台账的备份"):
        inspect_backup(other)
    junk = tmp_path / "junk.bbk"
    junk.write_bytes(backup_crypto.MAGIC + b"\x11\x08\x01" + bytes(10))
    with pytest.raises(StorageError, match="损坏"):
        inspect_backup(junk, password="x")
    assert not Path(str(other) + "-journal").exists()


def test_close_backs_up_only_when_something_was_saved(db_path):
    db = filled(db_path, 10)
    try:
        day = datetime(2026, 3, 2, 8, 0)
        assert backups.daily_backup_if_due(db, now=day) is not None
        with db.reading() as session:  # only reading
            from sqlalchemy import text

            session.execute(text("SELECT count(*) FROM member")).scalar()
        assert backups.backup_on_close(db, now=day + timedelta(hours=1)) is None
        from app.services import settings

        with db.unit_of_work() as session:
            settings.set_value(session, "clerk.name", "周干事")
        closing = backups.backup_on_close(db, now=day + timedelta(hours=2))
        assert closing is not None and integrity(closing) == ["ok"]
        assert backups.backup_on_close(db, now=day + timedelta(hours=3)) is None
    finally:
        db.close()
