"""Write a file through a temporary file in the same folder, then rename.

A crash, a full disk or a cancelled export never leaves a half-written .xlsx or
.pdf under the name the clerk chose (os.replace is atomic on one filesystem).
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


class ExportError(Exception):
    """Writing the output failed; ``message`` is Chinese and says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target``."""
    target = Path(target)
    if target.exists() and target.is_dir():
        raise ExportError(f"「{target}」是一个文件夹，请给出文件名。")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix + ".part", dir=target.parent)
    except OSError as exc:
        raise ExportError(f"无法在「{target.parent}」中写文件：{exc.strerror or exc}") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.replace(tmp, target)
    except PermissionError as exc:
        raise ExportError(f"无法写入「{target}」：文件可能正在 Excel/WPS 中打开，请关闭后重试。") from exc
    except OSError as exc:
        if getattr(exc, "errno", None) == 28:
            raise ExportError(f"磁盘空间已满，未能写入「{target}」。") from exc
        raise ExportError(f"写入「{target}」失败：{exc.strerror or exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
