"""The quarterly workbook: every sheet of one period, its figures agreeing with its rows, whole IDs audited."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from decimal import Decimal

from openpyxl import load_workbook

from app.services.stats_figures import Period, people_behind
from app.services.stats_workbook import MARKER, build_package
from helpers_cli import run
from tests.services.test_stats_figures import _book


def test_the_first_quarter_package_matches_its_figures(db):
    book = _book(db)
    with db.reading() as s:
        p = build_package(s, Period.of(2026, quarter=1))
    names = {e.name for e in p.roster.entries}
    assert names == {"甲三十五", "乙退休", "丙转出", "己失联", "庚流出", "壬二支部"}  # on the books on 31 March
    assert p.dues_months == [(2026, 1), (2026, 2), (2026, 3)]
    jia = next(d for d in p.dues if d.name == "甲三十五")
    assert jia.months == (Decimal("40.00"), Decimal("40.00"), Decimal("0.00")) and (jia.due, jia.paid) == (120, 80)
    assert sum(d.due for d in p.dues) == p.figures.values["dues_due"]
    assert sum(d.paid for d in p.dues) == p.figures.values["dues_paid"]
    assert [(stage, r.name) for stage, r in p.development] == [("入党申请人", "申请人")]  # applied 1 February
    with db.reading() as s:
        assert book["甲三十五"] in people_behind(s, Period.of(2026, quarter=1), None, "female")


def test_the_command_writes_every_sheet_with_whole_ids_and_audits_it(db_path, sqlite_db, tmp_path):
    _book(sqlite_db)
    out = tmp_path / "季度工作簿.xlsx"
    result = run("--db", str(db_path), "export", "workbook", "--year", "2026", "--quarter", "1", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "花名册 6 人" in result.stdout
    wb = load_workbook(out)
    assert wb.sheetnames == ["说明", "花名册", "党费收缴", "三会一课台账", "发展党员", "志愿服务", "统计汇总", "工作总结数据",
                             "党员数量变化情况", "党员基本情况", "发展党员情况", "入党积极分子、入党申请人情况", "失去联系党员情况"]
    summary = [r[0] for r in wb["工作总结数据"].iter_rows(min_row=3, values_only=True) if r[0]]
    assert any("现有党员6名" in str(s) for s in summary)
    basic = wb["党员基本情况"]
    assert ("A1:" in " ".join(str(r) for r in basic.merged_cells.ranges)) and basic["A1"].font.size == 16
    about = {r[0]: r[1] for r in wb["说明"].iter_rows(values_only=True)}
    assert wb["说明"]["A1"].value == MARKER and about["统计期间"] == "2026年第1季度"
    roster = wb["花名册"]
    header = [c.value for c in roster[3]]
    id_col = header.index("公民身份号码") + 1
    rows = {roster.cell(r, 2).value: r for r in range(4, roster.max_row + 1)}
    assert set(rows) == {"甲三十五", "乙退休", "丙转出", "己失联", "庚流出", "壬二支部"}
    cell = roster.cell(rows["甲三十五"], id_col)
    assert cell.data_type == "s" and cell.number_format == "@" and len(cell.value) == 18  # whole, as text
    assert isinstance(roster.cell(rows["甲三十五"], header.index("出生日期") + 1).value, datetime)
    dues = wb["党费收缴"]
    head = [c.value for c in dues[3]]
    assert head[5:8] == ["1月", "2月", "3月"]
    jia = next(r for r in dues.iter_rows(min_row=4, values_only=True) if r[1] == "甲三十五")
    assert jia[5:11] == (40, 40, 0, 120, 80, 40)
    assert dues.cell(4, 6).number_format == "#,##0.00"
    figures = {r[4]: r[2] for r in wb["统计汇总"].iter_rows(min_row=4, values_only=True)}
    assert figures["members_total"] == 6 and figures["dues_due"] == 120 and figures["meetings.支部党员大会"] == 0
    assert figures["deceased"] == 1 and figures["applications"] == 1
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM audit_log WHERE action='导出' AND entity='workbook'").fetchone() == (1,)
    con.close()


def test_a_pdf_is_refused_with_a_clear_message(db_path, sqlite_db, tmp_path):
    _book(sqlite_db)
    result = run("--db", str(db_path), "export", "workbook", "--year", "2026", "--out", str(tmp_path / "x.pdf"))
    assert result.returncode != 0 and "只导出 .xlsx" in result.stderr
    assert not (tmp_path / "x.pdf").exists()
