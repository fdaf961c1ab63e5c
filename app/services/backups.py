"""Automatic rolling backups, thinned like Anki's, and backups that leave the machine.

Automatic copies go to the folder beside the database (``backup_dir_for``), always
through the SQLite backup API and only from a database that passes ``quick_check``:
a damaged file never produces a "backup" that could push a good one out of the window.

When (reliability-and-privacy.md §7.3): at start once a day, before every import,
restore and migration, and on close. Thinning keeps everything from the last two
days, then 12 daily, 10 weekly and 9 monthly copies (Anki's ``BackupLimits``).
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from app.db import maintenance as dbm
from app.domain.errors import StorageError
from app.services import backup_crypto, settings
from app.services.database import Database, backup_dir_for

KEEP_RECENT_DAYS = 2
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 12, 10, 9
OFFSITE_REMINDER_DAYS = 30
_STAMP = re.compile(r"-(\d{8}-\d{6})\.(db|bbk)$")
REASONS = {"daily": "每日自动备份", "close": "关闭时备份", "before-import": "导入前", "before-restore": "恢复前",
           "before-migrate": "升级前", "manual": "立即备份"}


@dataclass(frozen=True)
class BackupEntry:
    path: Path
    taken: datetime
    reason: str  # a key of REASONS, or "" for a file named by hand
    size_bytes: int

    @property
    def reason_label(self) -> str:
        return REASONS.get(self.reason, "备份")


def _reason(path: Path, stem: str) -> str:
    middle = path.name[len(stem) + 1:]
    for key in REASONS:
        if middle.startswith(key):
            return key
    return "manual" if re.match(r"\d{8}-\d{6}\.db$", middle) else ""


def list_backups(db_path: Path) -> list[BackupEntry]:
    """The automatic backups of ``db_path``, newest first (the time comes from the file name)."""
    folder = backup_dir_for(Path(db_path))
    if not folder.is_dir():
        return []
    entries = []
    for path in folder.iterdir():
        match = _STAMP.search(path.name)
        if match is None or not path.is_file():
            continue
        taken = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        entries.append(BackupEntry(path, taken, _reason(path, Path(db_path).stem), path.stat().st_size))
    return sorted(entries, key=lambda e: e.taken, reverse=True)


def thin(taken: list[datetime], now: datetime) -> set[datetime]:
    """Which backup times to keep: all of the last 2 days, then 12 daily, 10 weekly, 9 monthly.

    Walks from the newest down, as Anki's ``thin_backups`` does, one tier after the other:
    after the recent ones, the newest copy of each earlier day until 12 days are kept, then
    of each earlier week until 10 weeks are, then of each earlier month until 9 are (≈ 1 year).
    """
    recent_from = datetime.combine(now.date() - timedelta(days=KEEP_RECENT_DAYS - 1), datetime.min.time())
    tiers = [("day", KEEP_DAILY), ("week", KEEP_WEEKLY), ("month", KEEP_MONTHLY)]
    keys = {"day": lambda t: t.date(), "week": lambda t: t.isocalendar()[:2], "month": lambda t: (t.year, t.month)}
    keep: set[datetime] = set()
    last: datetime | None = None
    tier, left = 0, tiers[0][1]
    for t in sorted(set(taken), reverse=True):
        if t >= recent_from:
            keep.add(t)
            last = t
            continue
        while tier < len(tiers) and left == 0:
            tier += 1
            left = tiers[tier][1] if tier < len(tiers) else 0
        if tier >= len(tiers):
            break
        key = keys[tiers[tier][0]]
        if last is None or key(t) != key(last):
            keep.add(t)
            last = t
            left -= 1
    return keep


def prune(db_path: Path, *, now: datetime | None = None) -> list[Path]:
    """Delete the automatic backups the thinning rule no longer keeps; return what went."""
    entries = list_backups(db_path)
    keep = thin([e.taken for e in entries], now or datetime.now())
    removed = []
    for entry in entries[1:]:  # the newest is never removed, whatever the clock says
        if entry.taken not in keep:
            try:
                entry.path.unlink()
                removed.append(entry.path)
            except OSError:
                pass  # open in another program: try again next time
    return removed


def is_healthy(db: Database) -> bool:
    """``quick_check`` passes (a server database is always taken as healthy here)."""
    try:
        return not dbm.integrity_check(db.engine, quick=True)
    except Exception:  # noqa: BLE001 - a malformed file raises instead of reporting
        return False


def automatic_backup(db: Database, reason: str, *, now: datetime | None = None, checked: bool = False) -> Path | None:
    """One automatic backup for ``reason`` (a key of REASONS), then thinning.

    Returns None for a server database, and for a database that fails ``quick_check``
    (``checked`` says the caller has just run it): a damaged file is never backed up.
    """
    if not db.is_sqlite or db.path is None:
        return None
    if not checked and not is_healthy(db):
        return None
    now = now or datetime.now()
    target = backup_dir_for(db.path) / f"{db.path.stem}-{reason}-{now:%Y%m%d-%H%M%S}.db"
    if target.exists():
        return target  # the same second: that copy is as new as this one would be
    stamp = _file_stamp(db)
    try:
        dbm.backup_sqlite(db.engine, target)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(f"自动备份到「{target.parent}」失败：{_reason_text(exc)}。数据库未受影响。") from exc
    db.backed_up_stamp = stamp
    prune(db.path, now=now)
    return target


def _file_stamp(db: Database) -> tuple[int, int] | None:
    """The file's size and modification time: every commit (rollback journal) changes them, reading does not."""
    try:
        st = db.path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def daily_backup_if_due(db: Database, *, now: datetime | None = None, checked: bool = False) -> Path | None:
    """The start-of-day backup: made when no automatic backup is from today yet."""
    if not db.is_sqlite or db.path is None:
        return None
    now = now or datetime.now()
    if any(e.taken.date() == now.date() for e in list_backups(db.path)):
        return None
    return automatic_backup(db, "daily", now=now, checked=checked)


def backup_on_close(db: Database, *, now: datetime | None = None) -> Path | None:
    """Made on close only when ``quick_check`` passes, as Anki does, and only when something was
    saved since this program's last automatic backup (a session spent only reading adds no copy)."""
    if not db.is_sqlite or db.path is None:
        return None
    if getattr(db, "backed_up_stamp", None) is not None and db.backed_up_stamp == _file_stamp(db):
        return None
    return automatic_backup(db, "close", now=now)


def _reason_text(exc: BaseException) -> str:
    if getattr(exc, "errno", None) == 28 or "full" in str(exc).lower():
        return "磁盘空间已满"
    return getattr(exc, "strerror", None) or str(exc)


# -- backups that leave the machine (备份到U盘) ----------------------------------------------------------


@dataclass(frozen=True)
class ExternalBackup:
    path: Path
    size_bytes: int
    encrypted: bool
    counts: dict[str, int]


def backup_to_folder(db: Database, folder: Path | str, *, password: str | None = None,
                     now: datetime | None = None, actor: str = "") -> ExternalBackup:
    """Write a dated, verified copy into ``folder`` (a USB stick, any folder); encrypted with a password.

    The copy is written through the backup API, renamed into place, then read back from
    the folder and checked with ``integrity_check`` (decrypted first when encrypted);
    only then is it reported as done. The time is remembered for the 首页 reminder.
    """
    from app.services.maintenance import _require_sqlite, inspect_backup

    path = _require_sqlite(db, "备份到U盘")
    folder = Path(folder)
    if not folder.is_dir():
        raise StorageError(f"文件夹「{folder}」不存在，请插好U盘后重新选择。")
    now = now or datetime.now()
    suffix = ".bbk" if password else ".db"
    target = folder / f"{path.stem}-{now:%Y%m%d-%H%M%S}{suffix}"
    try:
        if password:
            with tempfile.TemporaryDirectory(prefix="branchbook-") as scratch:
                plain = dbm.backup_sqlite(db.engine, Path(scratch) / "copy.db")
                backup_crypto.encrypt_file(plain, target, password)
        else:
            dbm.backup_sqlite(db.engine, target)
        _sync_folder(folder)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(f"备份到「{folder}」失败：{_reason_text(exc)}。数据库未受影响。") from exc
    _revision, counts = inspect_backup(target, password=password)  # read back from the stick itself
    with db.unit_of_work(actor=actor) as session:
        settings.set_value(session, "backup.last_offsite", now.isoformat(timespec="seconds"))
        settings.set_value(session, "backup.folder", str(folder))
    return ExternalBackup(target, target.stat().st_size, bool(password), counts)


def _sync_folder(folder: Path) -> None:
    if os.name == "posix":  # make the rename itself durable; Windows has no directory fsync
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def offsite_reminder(session, *, today: date | None = None) -> str | None:
    """The 首页 reminder when no backup has left the machine for 30 days (None when one has)."""
    today = today or date.today()
    last = settings.get(session, "backup.last_offsite")
    if not last:
        return "还没有把数据库备份到本机以外（U盘、移动硬盘）。电脑损坏时本机的自动备份也会一起丢失，请在“设置与备份”中点“备份到U盘”。"
    days = (today - datetime.fromisoformat(last).date()).days
    if days < OFFSITE_REMINDER_DAYS:
        return None
    return f"已有 {days} 天没有把数据库备份到本机以外（上次 {last[:10]}）。请在“设置与备份”中点“备份到U盘”。"


def newest_good_backup(db_path: Path) -> BackupEntry | None:
    """The newest automatic backup that opens and passes ``integrity_check`` (None when there is none)."""
    from app.services.maintenance import inspect_backup

    for entry in list_backups(db_path):
        if entry.path.suffix != ".db":
            continue
        try:
            inspect_backup(entry.path)
        except StorageError:
            continue
        return entry
    return None


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    taken: datetime
    revision: str | None
    counts: dict[str, int]


def describe_backup(path: Path | str, password: str | None = None) -> BackupSummary:
    """What the restore dialog shows before anything is replaced: the date and the counts."""
    from app.services.maintenance import inspect_backup

    path = Path(path)
    revision, counts = inspect_backup(path, password=password)
    match = _STAMP.search(path.name)
    taken = (datetime.strptime(match.group(1), "%Y%m%d-%H%M%S") if match
             else datetime.fromtimestamp(path.stat().st_mtime))
    return BackupSummary(path, taken, revision, counts)
