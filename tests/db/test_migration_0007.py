"""Migration 0007 on real older files: hours take their activity's team and organisation; the frozen 0007 file
(written by this release: a member and a resident volunteer, a team, an activity, hours of a deleted activity,
a 报到 and an issued certificate) reads back."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

from app.domain.volunteer_rules import period_of
from app.services.database import Database

DATA = Path(__file__).resolve().parents[1] / "data"


def test_0006_hours_take_their_activitys_team_and_organisation(tmp_path):
    copy = tmp_path / "old.db"
    copy.write_bytes((DATA / "schema-0006.db").read_bytes())
    conn = sqlite3.connect(copy)
    conn.executescript("""
        INSERT INTO volunteer (id, kind, name, name_pinyin, name_initials, id_type, is_archived, version)
            VALUES (1, '个人', '老志愿者', 'lao zhi yuan zhe', 'lzyz', '居民身份证', 0, 1),
                   (2, '个人', '已注销', 'yi zhu xiao', 'yzx', '居民身份证', 1, 1);
        INSERT INTO volunteer_team (id, name, org_id, is_archived, version) VALUES (1, '老服务队', 2, 0, 1);
        INSERT INTO volunteer_activity (id, title, activity_date, team_id, org_id, beneficiaries, is_archived, version)
            VALUES (1, '老活动', '2026-03-05', 1, 2, 10, 0, 1);
        INSERT INTO volunteer_hours (volunteer_id, activity_id, service_date, activity_title, hours, state, version)
            VALUES (1, 1, '2026-03-05', '老活动', 250, '已确认', 1), (2, NULL, '2026-01-01', '无活动', 100, '已确认', 1);
    """)
    conn.commit()
    conn.close()
    Database.open(path=copy).close()
    conn = sqlite3.connect(copy)
    try:
        hours = conn.execute("SELECT activity_title, team_id, org_id FROM volunteer_hours ORDER BY id").fetchall()
        archived = conn.execute("SELECT name, archived_on IS NOT NULL FROM volunteer ORDER BY id").fetchall()
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    assert hours == [("老活动", 1, 2), ("无活动", None, None)]
    assert archived == [("老志愿者", 0), ("已注销", 1)] and "volunteer_certificate" in tables


def test_the_frozen_0007_volunteer_records_read_back(tmp_path):
    from app.services.volunteer_certificate import list_certificates
    from app.services.volunteer_hours import hours_report
    from app.services.volunteer_stats import volunteer_statistics

    copy = tmp_path / "frozen.db"
    copy.write_bytes((DATA / "schema-0007.db").read_bytes())
    db = Database.open(path=copy)
    try:
        with db.reading() as s:
            report = hours_report(s, period_of(2026))
            stats = volunteer_statistics(s, period_of(2026))
            certs = list_certificates(s)
    finally:
        db.close()
    assert report.total == Decimal("5.50") and report.by_team() == {"冻结服务队": Decimal("5.50")}
    resident = next(p for p in report.people if p.name == "冻结居民")
    assert (resident.id_type, resident.id_number, resident.hours) == ("港澳居民来往内地通行证", "H12345678", Decimal("3.50"))
    assert [line.title for line in report.lines if line.activity_id is None] == ["已删除的活动"]
    assert stats.value("到社区报到的在职党员") == "1" and stats.value("开展志愿服务活动") == "1"
    assert [(c.number, c.person_name, c.total_hours, c.issued_on) for c in certs] == [
        ("ZYFW2026-0001", "冻结居民", Decimal("3.50"), date(2026, 11, 30))]
