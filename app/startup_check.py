"""Refuse a Windows that is too old, before Qt is imported (Python 3.11 and Qt 6 need Windows 10).

Pure Python, no Qt: a Qt 6 DLL would fail to load on Windows 8.1 with a cryptic system error, so the
check runs first and says in Chinese what is wrong. The installer (installer/branchbook.nsi) refuses the
same systems; this covers a copied program folder. (On Windows 7 the Python 3.11 runtime itself cannot
load, so there only the installer's check can speak.)
"""

from __future__ import annotations

import sys

# Qt 6 supports 64-bit Windows 10 from version 1809 (build 17763) on, and Windows 11.
MIN_WINDOWS = (10, 0, 17763)

_NAMES = {(5, 1): "Windows XP", (5, 2): "Windows XP", (6, 0): "Windows Vista", (6, 1): "Windows 7",
          (6, 2): "Windows 8", (6, 3): "Windows 8.1"}

TITLE = "支部台账无法在这台电脑上运行"


def unsupported_windows(system: str, version: tuple[int, int, int]) -> str | None:
    """The Chinese message for a Windows older than ``MIN_WINDOWS``; None when the system is fine.

    ``system`` is ``platform.system()`` ("Windows", "Linux" …); ``version`` is (major, minor, build).
    Only Windows is ever refused.
    """
    if system != "Windows":
        return None
    major, minor, build = version
    if (major, minor, build) >= MIN_WINDOWS:
        return None
    if (major, minor) < (10, 0):
        name = _NAMES.get((major, minor), f"Windows {major}.{minor}")
        found = f"这台电脑是 {name}"
    else:
        found = f"这台电脑是 Windows 10 的早期版本（内部版本 {build}）"
    return (f"{found}，版本太旧。支部台账（以及它所用的 Python 3.11 和 Qt 6）需要 Windows 10 1809 版或更新的 "
            "Windows 10，或 Windows 11。\n\n请升级 Windows，或换一台 Windows 10/11 的电脑使用。"
            "已有的台账数据库文件可以复制到新电脑上继续使用。")


def current_windows() -> tuple[str, tuple[int, int, int]]:
    """This machine's system name and Windows version (the real one, from kernel32, when on Windows)."""
    import platform

    system = platform.system()
    if system != "Windows":
        return system, (0, 0, 0)
    info = sys.getwindowsversion()
    major, minor, build = getattr(info, "platform_version", None) or (info.major, info.minor, info.build)
    return system, (major, minor, build)


def show_refusal(message: str) -> None:
    """A message box when the program has no console (the windowed branchbook.exe), stderr otherwise."""
    if sys.stderr is None or getattr(sys.stderr, "closed", False):
        try:
            import ctypes

            ctypes.windll.user32.MessageBoxW(None, message, TITLE, 0x10)  # MB_ICONERROR
        except (AttributeError, OSError):
            pass
        return
    print(f"{TITLE}：{message}", file=sys.stderr)


def refuse_unsupported_windows() -> bool:
    """Tell the clerk and return True when this Windows is too old; False (and silent) otherwise."""
    message = unsupported_windows(*current_windows())
    if message is None:
        return False
    show_refusal(message)
    return True
