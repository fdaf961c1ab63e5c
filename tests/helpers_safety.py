"""Helpers for the reliability tests: canonical dumps, damaged files, small filled databases."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path


def dump(path: Path) -> str:
    """A canonical dump of every table (rows sorted), for comparing two databases."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        lines = []
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for table in tables:
            rows = sorted(repr(r) for r in conn.execute(f'SELECT * FROM "{table}"'))
            lines.append(f"{table}:{len(rows)}")
            lines.extend(rows)
        return "\n".join(lines)
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(dump(path).encode()).hexdigest()


def integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def damage(path: Path, *, page: int = 5) -> None:
    """Flip the bytes of one page in the middle of the file (the header stays valid)."""
    data = bytearray(path.read_bytes())
    start = 4096 * page
    for offset in range(start, min(start + 4000, len(data)), 7):
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def filled(path: Path, members: int = 40):
    """A migrated database with demo data (returns the open Database)."""
    from app.services.database import Database
    from app.services.demo import generate

    db = Database.open(path=path)
    generate(db, members=members, years=1)
    return db
