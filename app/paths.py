"""Where the shipped resources and reference data live (source tree or PyInstaller bundle)."""

from __future__ import annotations

import sys
from pathlib import Path


def install_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return install_root() / "resources"


def data_dir() -> Path:
    return install_root() / "data"


def cjk_font_path() -> Path:
    return resources_dir() / "fonts" / "wqy-microhei.ttc"
