"""The headless commands, run as a clerk or a script would: a real process, real files."""

from __future__ import annotations

import sqlite3

import pytest

from helpers_cli import rows, run


def test_version():
    result = run("--version")
    assert result.returncode == 0 and "支部台账" in result.stdout


def test_init_creates_database_and_top_organisation(tmp_path):
    db = tmp_path / "sub" / "branch.db"
    result = run("--db", str(db), "init", "--org", "幸福社区党委", "--type", "社区党委")
    assert result.returncode == 0, result.stderr
    assert "幸福社区党委" in result.stdout
    assert rows(db, "SELECT name, level, org_type FROM organisation") == [("幸福社区党委", "党委", "社区")]
    again = run("--db", str(db), "init", "--org", "另一个党委")
    assert again.returncode == 1 and "已有本级党组织" in again.stderr
    assert rows(db, "SELECT count(*) FROM organisation") == [(1,)]


def test_init_rejects_an_unknown_type_without_creating_an_organisation(tmp_path):
    db = tmp_path / "b.db"
    result = run("--db", str(db), "init", "--org", "某党委", "--type", "居委会")
    assert result.returncode == 1 and "组织类型" in result.stderr
    assert rows(db, "SELECT count(*) FROM organisation") == [(0,)]


def test_check_reports_a_healthy_database(tmp_path):
    db = tmp_path / "b.db"
    assert run("--db", str(db), "init", "--org", "测试党委").returncode == 0
    result = run("--db", str(db), "check")
    assert result.returncode == 0, result.stderr
    assert "完整性检查（integrity_check）：通过" in result.stdout
    assert "外键检查（foreign_key_check）：通过" in result.stdout


def test_check_finds_a_broken_foreign_key(tmp_path):
    db = tmp_path / "b.db"
    assert run("--db", str(db), "init", "--org", "测试党委").returncode == 0
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO member (org_id, name, name_pinyin, name_initials, sort_key, birth_precision, category,"
                 " join_precision, full_precision, status, is_active, is_mobile, is_lost_contact, is_hardship,"
                 " is_community_reported, shows_identity, is_congress_delegate, is_reserve_cadre, is_retired,"
                 " has_post, version) VALUES (999, '孤儿', '', '', '', '日', '正式党员', '日', '日', '正常', 1,"
                 " 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)")
    conn.commit()
    conn.close()
    result = run("--db", str(db), "check")
    assert result.returncode == 1
    assert "引用缺失" in result.stdout and "member" in result.stdout


@pytest.mark.parametrize("command", [["check"], ["backup", "--out", "x.db"], ["restore", "y.db"]])
def test_commands_that_must_not_create_refuse_a_missing_file(tmp_path, command):
    db = tmp_path / "missing.db"
    result = run("--db", str(db), *command)
    assert result.returncode == 2
    assert "不存在" in result.stderr
    assert not db.exists()


def test_other_commands_create_a_missing_database(tmp_path):
    db = tmp_path / "new.db"
    assert run("--db", str(db), "init", "--org", "新党委").returncode == 0
    from app.db.migrate import HEAD_REVISION

    assert rows(db, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]


def test_a_file_that_is_not_a_database_is_refused_and_unchanged(tmp_path):
    bogus = tmp_path / "roster.xlsx"
    bogus.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    for command in (["check"], ["init", "--org", "x"]):
        result = run("--db", str(bogus), *command)
        assert result.returncode == 2
        assert "不是支部台账的数据库文件" in result.stderr
    assert bogus.read_bytes() == b"PK\x03\x04" + b"\x00" * 200


def test_a_newer_database_is_refused(tmp_path):
    db = tmp_path / "b.db"
    assert run("--db", str(db), "init", "--org", "测试党委").returncode == 0
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    for command in (["check"], ["init", "--org", "x"]):
        result = run("--db", str(db), *command)
        assert result.returncode == 2 and "更新版本" in result.stderr
    assert db.read_bytes() == before


def test_unreachable_postgresql_url():
    result = run("--database-url", "postgresql+psycopg://u:pw@127.0.0.1:1/none", "check")
    assert result.returncode == 2
    assert "无法连接到数据库服务器" in result.stderr and "pw@" not in result.stderr


def test_backup_and_restore_round_trip(tmp_path):
    db = tmp_path / "b.db"
    assert run("--db", str(db), "init", "--org", "测试党委").returncode == 0
    result = run("--db", str(db), "backup", "--out", str(tmp_path / "backups") + "/")
    assert result.returncode == 0, result.stderr
    backups = list((tmp_path / "backups").glob("*.db"))
    assert len(backups) == 1
    conn = sqlite3.connect(db)
    conn.execute("UPDATE organisation SET name = '改过的名字'")
    conn.commit()
    conn.close()
    result = run("--db", str(db), "restore", str(backups[0]))
    assert result.returncode == 0, result.stderr
    assert rows(db, "SELECT name FROM organisation") == [("测试党委",)]
    safety = list((tmp_path / "b-backups").glob("b-before-restore-*.db"))
    assert len(safety) == 1
    assert rows(safety[0], "SELECT name FROM organisation") == [("改过的名字",)]


def test_restore_refuses_a_damaged_or_foreign_file_and_keeps_the_database(tmp_path):
    db = tmp_path / "b.db"
    assert run("--db", str(db), "init", "--org", "测试党委").returncode == 0
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    result = run("--db", str(db), "restore", str(foreign))
    assert result.returncode == 1 and "不是支部台账的备份文件" in result.stderr
    assert rows(db, "SELECT name FROM organisation") == [("测试党委",)]
