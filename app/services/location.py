"""Where a live database must not sit: network shares, removable drives, cloud-synced folders.

SQLite's locking breaks on network filesystems; USB sticks lie about sync and get pulled
out; sync clients copy the file mid-write (reliability-and-privacy.md §1.3, R14).
"""

from __future__ import annotations

import os
from pathlib import Path, PureWindowsPath
from typing import Callable

CLOUD_MARKERS = ("onedrive", "dropbox", "google drive", "googledrive", "icloud", "icloud drive", "iclouddrive",
                 "nutstore", "坚果云", "baidunetdisk", "百度网盘", "百度云同步盘", "wps云盘", "wpsdrive", "seafile",
                 "nextcloud", "owncloud", "syncthing", "box sync", "腾讯微云", "weiyun", "阿里云盘", "aliyundrive")
NETWORK_FS = {"nfs", "nfs4", "cifs", "smb", "smbfs", "smb3", "fuse.sshfs", "9p", "afs", "davfs", "fuse.davfs2",
              "fuse.rclone", "glusterfs", "ceph"}
DRIVE_REMOVABLE, DRIVE_REMOTE = 2, 4  # GetDriveTypeW


def _windows_drive_type(path: str) -> int | None:
    if os.name != "nt":
        return None
    import ctypes

    root = PureWindowsPath(path).anchor or path
    return int(ctypes.windll.kernel32.GetDriveTypeW(root if root.endswith("\\") else root + "\\"))


def _posix_mount(path: str) -> tuple[str, str] | None:
    """(mount point, filesystem type) holding ``path`` from /proc/mounts, or None."""
    try:
        lines = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    best = None
    real = os.path.realpath(path)
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount = parts[1].replace("\\040", " ")
        if (real == mount or real.startswith(mount.rstrip("/") + "/")) and (best is None or len(mount) > len(best[0])):
            best = (mount, parts[2])
    return best


def risks(path: Path | str, *, drive_type: Callable[[str], int | None] = _windows_drive_type,
          mount: Callable[[str], tuple[str, str] | None] = _posix_mount) -> list[str]:
    """Chinese warnings for a risky database location (empty when the place is fine)."""
    text = str(path)
    found: list[str] = []
    lowered = text.lower().replace("\\", "/")
    if text.startswith(("\\\\", "//")):
        found.append("network")
    else:
        kind = drive_type(text)
        if kind == DRIVE_REMOTE:
            found.append("network")
        elif kind == DRIVE_REMOVABLE:
            found.append("removable")
        elif kind is None:
            where = mount(text)
            if where is not None and (where[1] in NETWORK_FS or where[1].startswith("fuse.s3")):
                found.append("network")
            elif where is not None and where[0].startswith(("/media/", "/run/media/", "/mnt/usb")):
                found.append("removable")
            elif lowered.startswith(("/media/", "/run/media/")):
                found.append("removable")
    if any(f"/{marker}" in lowered for marker in CLOUD_MARKERS):
        found.append("cloud")
    return [MESSAGES[k] for k in found]


MESSAGES = {
    "network": "数据库文件在网络共享文件夹中。网络文件夹上的加锁不可靠，可能损坏数据库；请把数据库放在本机硬盘上。",
    "removable": "数据库文件在U盘或移动硬盘上。拔出U盘或断电时数据库容易损坏；请把数据库放在本机硬盘上，U盘只用来存放备份。",
    "cloud": "数据库文件在云同步文件夹中（如 OneDrive、坚果云、百度网盘）。同步软件可能在写入时复制它，造成损坏或旧数据覆盖新数据；请移到不同步的文件夹。",
}
