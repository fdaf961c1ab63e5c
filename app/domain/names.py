"""Pinyin columns for search and sorting, with a surname override table.

pypinyin has no surname mode (单 → dan, 曾 → ceng), so the surname is read from
``data/surname_pinyin.tsv`` first. pypinyin is imported on first use: it costs
0.2–0.4 s, which start-up must not pay.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from app.paths import data_dir


@dataclass(frozen=True)
class NameKeys:
    pinyin: str  # "wang xiaoming" style, lower case, syllables space-separated
    initials: str  # "wxm"
    sort_key: str  # surname first, then given name, tone-less, sortable as text


@cache
def _surname_table() -> tuple[dict[str, list[str]], tuple[str, ...]]:
    overrides: dict[str, list[str]] = {}
    for line in (data_dir() / "surname_pinyin.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            surname, reading = line.split("\t")
            overrides[surname] = reading.split()
    compounds = tuple(
        line.strip()
        for line in (data_dir() / "compound_surnames.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )
    return overrides, compounds


def split_name(name: str) -> tuple[str, str]:
    """(surname, given name), recognising the two-character surnames."""
    _, compounds = _surname_table()
    for compound in compounds:
        if name.startswith(compound) and len(name) > len(compound):
            return compound, name[len(compound):]
    return name[:1], name[1:]


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0003134f" for ch in text)


def _syllables(text: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    if not text:
        return []
    # whole-string conversion keeps pypinyin's phrase knowledge for the given name
    return [s.lower() for s in lazy_pinyin(text, style=Style.NORMAL, errors=lambda s: [s.lower()])]


def name_keys(name: str) -> NameKeys:
    """Pinyin, initials and sort key of a Chinese (or Latin) personal name."""
    name = "".join(name.split())
    if not name:
        return NameKeys("", "", "")
    if not _has_cjk(name):
        lowered = name.lower()
        return NameKeys(lowered, lowered[0], f"{lowered}\t{name}")
    overrides, _ = _surname_table()
    surname, given = split_name(name)
    sur = overrides.get(surname) or _syllables(surname)
    giv = _syllables(given)
    syllables = [s for s in sur + giv if s]
    pinyin = " ".join(syllables)
    initials = "".join(s[0] for s in syllables)
    # surname first as a unit so that 欧阳 sorts under o, then the given name; the
    # original characters break ties between homophones deterministically
    sort_key = f"{''.join(sur)} {''.join(giv)}\t{name}"
    return NameKeys(pinyin, initials, sort_key)
