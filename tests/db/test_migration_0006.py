"""Migration 0006 on a real older file: the built-in meeting types learn who is expected and what counts as study."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

from app.services.database import Database

DATA = Path(__file__).resolve().parents[1] / "data"


def test_0005_to_0006_sets_the_builtin_types(tmp_path):
    copy = tmp_path / "old.db"
    copy.write_bytes((DATA / "schema-0005.db").read_bytes())
    Database.open(path=copy).close()
    conn = sqlite3.connect(copy)
    try:
        types = dict((n, (a, c)) for n, a, c in conn.execute("SELECT name, attendees, counts_study FROM meeting_type"))
        cols = [r[1] for r in conn.execute("PRAGMA table_info(meeting)")]
    finally:
        conn.close()
    assert types["支部委员会"] == ("委员会委员", 0) and types["谈心谈话"] == ("指定人员", 0)
    assert types["党课"] == ("全体党员", 1) and types["集中学习"][1] == 1 and types["主题党日"][1] == 1
    assert types["支部党员大会"] == ("全体党员", 0)
    assert {"study_hours", "lecturer_post"} <= set(cols)


def test_the_frozen_0006_meetings_read_back(tmp_path):
    from app.services.views.meetings import list_meetings, meeting_detail

    copy = tmp_path / "frozen.db"
    copy.write_bytes((DATA / "schema-0006.db").read_bytes())
    db = Database.open(path=copy)
    try:
        with db.reading() as s:
            rows = {r.type_name: r for r in list_meetings(s, year=2026)}
            general = meeting_detail(s, rows["支部党员大会"].id)
            lecture = meeting_detail(s, rows["党课"].id)
    finally:
        db.close()
    assert general.study_hours == Decimal("1.50") and general.votes[0].result == "通过"
    assert (lecture.lecturer_post, lecture.summary.present) == ("党支部书记", 1)
    assert rows["主题党日"].status == "计划"
