"""One copy of the program per SQLite database: a lock file naming the host and process.

``<db>.lock`` holds JSON {host, pid, since}. A second copy finds it and is refused with
who holds it. A lock left by a process that no longer runs on this computer (killed,
power cut) is stale and taken over, as GnuCash's ``gnclock`` and Qt's QLockFile do. A
lock from another computer (the file on a shared folder) cannot be checked and is
refused; the message says how to clear it. PostgreSQL relies on the version counters.
"""

from __future__ import annotations

import json
import os
import socket
from datetime import datetime
from pathlib import Path

from app.domain.errors import StorageError


class DatabaseInUseError(StorageError):
    """Another copy of the program has the database open."""


def lock_path(db_path: Path) -> Path:
    return Path(db_path).with_name(Path(db_path).name + ".lock")


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill would terminate the process on Windows
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_lock(path: Path) -> dict | None:
    try:
        data = json.loads(lock_path(path).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {}  # half-written or garbage: treated as stale


class InstanceLock:
    """Held while the program has the database open; ``release()`` removes the lock file."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self.taken_over: dict | None = None
        self.held = False

    @classmethod
    def acquire(cls, db_path: Path) -> "InstanceLock":
        lock = cls(db_path)
        lock._acquire()
        return lock

    def _mine(self) -> dict:
        return {"host": socket.gethostname(), "pid": os.getpid(), "since": datetime.now().isoformat(timespec="seconds")}

    def _acquire(self) -> None:
        mine = self._mine()
        payload = json.dumps(mine, ensure_ascii=False).encode("utf-8")
        for _attempt in range(3):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = read_lock(self.db_path)
                if holder is None:
                    continue  # released meanwhile: try again
                if not self._stale(holder):
                    raise DatabaseInUseError(_in_use_message(self.db_path, holder))
                self.taken_over = holder
                try:
                    self.path.unlink()
                except FileNotFoundError:
                    pass
                continue
            except OSError as exc:  # a read-only folder: the database itself will say so
                raise StorageError(f"无法在「{self.path.parent}」中创建锁文件：{exc.strerror or exc}") from exc
            try:
                os.write(fd, payload)
            finally:
                os.close(fd)
            self.held = True
            return
        raise DatabaseInUseError(_in_use_message(self.db_path, read_lock(self.db_path) or {}))

    @staticmethod
    def _stale(holder: dict) -> bool:
        if not holder or "pid" not in holder:
            return True
        if holder.get("host") != socket.gethostname():
            return False  # cannot look at another computer's processes
        pid = int(holder.get("pid") or 0)
        return pid == os.getpid() or not _alive(pid)

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        holder = read_lock(self.db_path)
        if holder and holder.get("pid") == os.getpid() and holder.get("host") == socket.gethostname():
            try:
                self.path.unlink()
            except OSError:
                pass


def _in_use_message(db_path: Path, holder: dict) -> str:
    host, pid, since = holder.get("host", "?"), holder.get("pid", "?"), holder.get("since", "")
    where = "本机" if host == socket.gethostname() else f"计算机“{host}”"
    return (f"数据库「{db_path}」已被打开：{where}上的支部台账（进程 {pid}，{since[:16].replace('T', ' ')} 起）正在使用它。"
            f"同一数据库同时只能在一个支部台账窗口中使用，请先关闭另一个窗口。"
            + ("" if where == "本机" else f"如果那台计算机已关机，请删除锁文件「{lock_path(db_path)}」后重试。"))
