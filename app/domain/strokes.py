"""姓氏笔画 order: the order official lists (名单, 花名册) use.

Stroke counts come from Unihan ``kTotalStrokes`` (mainland G-source value) in
``data/strokes.tsv``. Names sort by the surname's strokes, then by each following
character's strokes; within equal counts the code point decides — an approximation
of GB/T 12345's 横竖撇点折 tie rule, which no free table carries.
"""

from __future__ import annotations

from functools import cache

from app.paths import data_dir

UNKNOWN = 99  # a character with no count (Latin letters, rare symbols) sorts last


@cache
def _table() -> dict[str, int]:
    table: dict[str, int] = {}
    for line in (data_dir() / "strokes.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        count, chars = line.split("\t", 1)
        n = int(count)
        for ch in chars:
            table[ch] = n
    return table


def strokes(ch: str) -> int:
    return _table().get(ch, UNKNOWN)


def stroke_key(name: str) -> tuple:
    """Sort key: stroke counts character by character, then the characters themselves."""
    table = _table()
    name = "".join(name.split())
    return tuple(table.get(ch, UNKNOWN) for ch in name), name
