"""Migration 0010 on a real older file: 实到 written into every held meeting from its attendance rows (请假 and
缺席 members off 应到, never below 0; guests and 列席 not counted; nothing for plans or without 应到), the
meetings list agreeing with it, and the 统计 indexes in place."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from app.services.database import Database

DATA = Path(__file__).resolve().parents[1] / "data"


def test_0009_meetings_get_their_present_count_from_the_attendance_rows(tmp_path):
    copy = tmp_path / "old.db"
    copy.write_bytes((DATA / "schema-0009.db").read_bytes())
    conn = sqlite3.connect(copy)
    conn.executescript("""
        DELETE FROM meeting_vote; DELETE FROM meeting_attendance; DELETE FROM meeting;
        INSERT INTO meeting (id, org_id, type_id, status, meeting_date, expected_count, version) VALUES
            (11, 2, 4, '已召开', '2026-03-05', 5, 1),   -- 1 请假, 1 缺席, 1 列席 member, 1 guest 缺席: 3
            (12, 2, 4, '已召开', '2026-03-06', 1, 1),   -- 3 away of 1 expected: 0, not -2
            (13, 2, 4, '计划', '2026-12-20', 4, 1),     -- a plan: nobody present yet
            (14, 2, 4, '已召开', '2026-03-07', NULL, 1), -- no 应到: nothing to count
            (15, 2, 4, '已召开', '2026-03-08', 4, 1);   -- nobody away: all 4
        INSERT INTO meeting_attendance (meeting_id, member_id, person_name, state, reason) VALUES
            (11, 1, NULL, '请假', '住院'), (11, 2, NULL, '缺席', '未请假'), (11, 3, NULL, '列席', NULL),
            (11, NULL, '来宾', '缺席', '未到'),
            (12, 1, NULL, '请假', 'x'), (12, 2, NULL, '缺席', 'y'), (12, 3, NULL, '请假', 'z'),
            (13, 1, NULL, '请假', '出差');
    """)
    conn.commit()
    conn.close()
    db = Database.open(path=copy)
    try:
        from app.services.views.meetings import list_meetings

        with db.reading() as s:
            listed = {r.id: r.present for r in list_meetings(s, first=date(2026, 1, 1), last=date(2026, 12, 31))}
    finally:
        db.close()
    conn = sqlite3.connect(copy)
    try:
        stored = dict(conn.execute("SELECT id, present_count FROM meeting").fetchall())
        indexes = {r[0]: r[1] for r in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('dues_payment', 'dues_assessment')")}
    finally:
        conn.close()
    assert stored == {11: 3, 12: 0, 13: None, 14: None, 15: 4}
    assert listed == stored  # what the meetings list computes from the rows
    assert "amount" in indexes["ix_dues_payment_period_end"] and "amount" in indexes["ix_dues_payment_member_period"]
    assert "WHERE period_start <> period_end" in indexes["ix_dues_payment_spanning"]
    assert "year, member_id" in indexes["ix_dues_assessment_year"]
