"""export party-stats and export summary, end to end on the SQLite file the command opens."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from helpers_cli import run
from helpers_stats_tables import make_book


@pytest.fixture
def book(sqlite_db):
    return make_book(sqlite_db)


def test_party_stats_for_a_year_and_a_branch(db_path, book, tmp_path):
    out = tmp_path / "党内统计.xlsx"
    result = run("--db", str(db_path), "export", "party-stats", "--year", "2026", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "5 张" in result.stdout and "年底党员 9 名" in result.stdout
    wb = load_workbook(out)
    assert len(wb.sheetnames) == 5 and wb["党员基本情况"]["B5"].value == 9
    two = tmp_path / "二支部.xlsx"
    result = run("--db", str(db_path), "export", "party-stats", "--year", "2026", "--org", "第二党支部", "--out", str(two))
    assert result.returncode == 0, result.stderr
    assert load_workbook(two)["党员基本情况"]["A1"].value == "第二党支部2026年党员基本情况"
    bad = run("--db", str(db_path), "export", "party-stats", "--year", "2026", "--quarter", "1", "--out", str(out))
    assert bad.returncode == 1 and "按年度" in bad.stderr


def test_summary_as_text_and_as_a_sheet(db_path, book, tmp_path):
    shown = run("--db", str(db_path), "export", "summary", "--year", "2026", "--quarter", "2", "--digits", "0",
                "--out", "-")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.strip().splitlines()
    assert len(lines) == 8 and lines[0].startswith("截至2026年6月30日，幸福社区党委现有党员")
    assert "2026年第2季度发展党员1名" in shown.stdout and "女性0名，占0%" in shown.stdout
    txt = tmp_path / "总结.txt"
    result = run("--db", str(db_path), "export", "summary", "--year", "2026", "--month", "5", "--out", str(txt))
    assert result.returncode == 0, result.stderr
    assert "2026年5月发展党员1名" in txt.read_text(encoding="utf-8")
    xlsx = tmp_path / "工作总结数据.xlsx"
    result = run("--db", str(db_path), "export", "summary", "--year", "2026", "--digits", "2", "--out", str(xlsx))
    assert result.returncode == 0, result.stderr
    ws = load_workbook(xlsx)["工作总结数据"]
    assert "占100.00%" in ws["A7"].value  # the 发展党员 make-up: 辛, 26, 大学专科
    assert run("--db", str(db_path), "export", "summary", "--year", "2026", "--digits", "3",
               "--out", "-").returncode == 2  # argparse: not a choice
