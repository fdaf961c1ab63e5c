"""R9 one writer per SQLite file (lock file with host and pid, stale lock taken over) and R14 risky places."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys

import pytest

from app.services import location
from app.services.database import Database
from app.services.instance_lock import DatabaseInUseError, InstanceLock, lock_path, read_lock
from helpers_cli import ROOT, run


HOLD = """
import sys, time
from app.services.database import Database
db = Database.open(path=sys.argv[1], exclusive=True)
print("open", flush=True)
time.sleep(60)
"""


def _holder(db_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db_path)], stdout=subprocess.PIPE, env=env, text=True)
    assert proc.stdout.readline().strip() == "open"
    return proc


def test_a_second_copy_is_refused_and_a_killed_ones_lock_is_taken_over(db_path):
    Database.open(path=db_path).close()
    proc = _holder(db_path)
    try:
        holder = read_lock(db_path)
        assert holder["pid"] == proc.pid and holder["host"] == socket.gethostname()
        with pytest.raises(DatabaseInUseError, match=f"已被打开.*进程 {proc.pid}"):
            Database.open(path=db_path, exclusive=True)
        result = run("--db", str(db_path), "backup", "--out", str(db_path.parent / "b.db"))
        assert result.returncode == 2 and "已被打开" in result.stderr
        assert run("--db", str(db_path), "check").returncode == 0  # reading is allowed
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert lock_path(db_path).exists()  # the killed process could not remove it
    db = Database.open(path=db_path, exclusive=True)
    try:
        assert db.lock.taken_over["pid"] == proc.pid
        assert read_lock(db_path)["pid"] == os.getpid()
    finally:
        db.close()
    assert not lock_path(db_path).exists()


def test_a_lock_from_another_computer_is_refused_with_how_to_clear_it(db_path):
    Database.open(path=db_path).close()
    lock_path(db_path).write_text(json.dumps({"host": "办公室另一台电脑", "pid": 4242, "since": "2026-12-01T09:00:00"}))
    with pytest.raises(DatabaseInUseError, match="办公室另一台电脑.*删除锁文件"):
        Database.open(path=db_path, exclusive=True)
    lock_path(db_path).write_text("garbage, half written")
    InstanceLock.acquire(db_path).release()  # unreadable: stale
    assert not lock_path(db_path).exists()


def test_a_dead_process_on_this_computer_is_stale(db_path):
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    lock_path(db_path).write_text(json.dumps({"host": socket.gethostname(), "pid": proc.pid, "since": ""}))
    lock = InstanceLock.acquire(db_path)
    assert lock.taken_over["pid"] == proc.pid
    lock.release()


@pytest.mark.parametrize("path, drive, mount, expected", [
    (r"\\server\share\branch.db", None, None, ["network"]),
    (r"Z:\台账\branch.db", 4, None, ["network"]),
    (r"E:\branch.db", 2, None, ["removable"]),
    (r"C:\Users\clerk\OneDrive\文档\branch.db", 3, None, ["cloud"]),
    (r"C:\Users\clerk\Nutstore\branch.db", 3, None, ["cloud"]),
    (r"D:\百度网盘\branch.db", 3, None, ["cloud"]),
    (r"C:\Users\clerk\AppData\Local\BranchBook\branchbook.db", 3, None, []),
    ("/mnt/nas/branch.db", None, ("/mnt/nas", "cifs"), ["network"]),
    ("/media/clerk/USB/branch.db", None, ("/media/clerk/USB", "vfat"), ["removable"]),
    ("/home/clerk/Dropbox/branch.db", None, ("/", "ext4"), ["cloud"]),
    ("/home/clerk/.local/share/BranchBook/branchbook.db", None, ("/", "ext4"), []),
])
def test_risky_locations_are_warned_about(path, drive, mount, expected):
    warnings = location.risks(path, drive_type=lambda _p: drive, mount=lambda _p: mount)
    assert warnings == [location.MESSAGES[k] for k in expected]


def test_the_real_classifier_runs_here(tmp_path):
    assert location.risks(tmp_path / "x.db") == [] or all(isinstance(w, str) for w in location.risks(tmp_path))


def test_cli_backup_encrypted_and_restore(db_path, tmp_path):
    from helpers_safety import digest, filled

    filled(db_path, 10).close()
    before = digest(db_path)
    out = tmp_path / "usb" / "copy.bbk"
    env_pw = {"BRANCHBOOK_BACKUP_PASSWORD": "口令 2026"}
    os.environ.update(env_pw)
    try:
        result = run("--db", str(db_path), "backup", "--out", str(out), "--encrypt")
        assert result.returncode == 0, result.stderr
        assert "加密备份完成" in result.stdout and out.read_bytes()[:8] == b"BBKENC01"
        import sqlite3

        conn = sqlite3.connect(db_path)
        conn.execute("DELETE FROM volunteer_hours")
        conn.commit()
        conn.close()
        result = run("--db", str(db_path), "restore", str(out))
        assert result.returncode == 0, result.stderr
        assert digest(db_path) == before
        os.environ["BRANCHBOOK_BACKUP_PASSWORD"] = "错的"
        result = run("--db", str(db_path), "restore", str(out))
        assert result.returncode == 1 and "密码不正确" in result.stderr
    finally:
        os.environ.pop("BRANCHBOOK_BACKUP_PASSWORD", None)
    result = run("--db", str(db_path), "restore", str(out))
    assert result.returncode == 1 and "BRANCHBOOK_BACKUP_PASSWORD" in result.stderr
