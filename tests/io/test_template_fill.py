"""A higher level's template: found, mapped, saved as a profile, filled and read again."""

from __future__ import annotations

import sqlite3

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Border, Font, Side

from app.domain.errors import ValidationError
from app.io.template_xlsx import apply_profile, fill_template, inspect_template
from helpers_cli import run
from tests.services.test_stats_figures import _book


def make_template(path, *, blank: int = 3, title: str = "XX街道党员党费交纳情况统计表"):
    """Two title rows, a merged two-level header, a row formula, a footer with totals and a signature line."""
    wb = Workbook()
    ws = wb.active
    ws.title = "党费情况"
    ws["A1"] = title
    ws.merge_cells("A1:H1")
    ws["A1"].font = Font(size=18, bold=True)
    ws["A2"] = "填报单位（盖章）：　　　　填报日期："
    ws.merge_cells("A2:H2")
    for c, text in zip("ABCDE", ["序号", "姓名", "性别", "身份证号（18位）", "出生年月"]):
        ws[f"{c}3"] = text
        ws.merge_cells(f"{c}3:{c}4")
    ws["F3"] = "党费（元）"
    ws.merge_cells("F3:G3")
    ws["F4"], ws["G4"] = "应缴", "实缴"
    ws["H3"] = "差额"
    ws.merge_cells("H3:H4")
    thin = Side(style="thin")
    for r in range(5, 5 + blank):
        for c in range(1, 9):
            ws.cell(r, c).border = Border(left=thin, right=thin, top=thin, bottom=thin)
        ws.cell(r, 8).value = f"=F{r}-G{r}"
    f = 5 + blank
    ws.cell(f, 1).value = "合计"
    ws.merge_cells(start_row=f, start_column=1, end_row=f, end_column=5)
    ws.cell(f, 6).value = f"=SUM(F5:F{f - 1})"
    ws.cell(f, 7).value = f"=SUM(G5:G{f - 1})"
    ws.cell(f, 8).value = f"=F{f}-G{f}"
    ws.cell(f + 1, 1).value = "填表人：　　　审核人："
    ws.merge_cells(start_row=f + 1, start_column=1, end_row=f + 1, end_column=8)
    ws.column_dimensions["D"].width = 22
    wb.save(path)
    return path


def test_the_header_is_found_below_the_titles_and_mapped(tmp_path):
    layout = inspect_template(make_template(tmp_path / "t.xlsx"))
    assert layout.header_rows == (3, 4) and layout.first_row == 5 and layout.footer_row == 8
    assert layout.mapping() == {"A": "seq", "B": "name", "C": "gender", "D": "id_number", "E": "birth",
                                "F": "dues_due", "G": "dues_paid"}
    h = next(c for c in layout.columns if c.letter == "H")
    assert h.formula == "=F5-G5" and h.field is None
    assert [c.header for c in layout.columns][5:7] == ["党费/应缴", "党费/实缴"]


def test_filling_more_rows_than_blank_lines_keeps_the_template(tmp_path):
    template = make_template(tmp_path / "t.xlsx", blank=3)
    layout = inspect_template(template)
    rows = [{"seq": n, "name": f"党员{n}", "gender": "女", "id_number": "=HYPERLINK(\"x\")" if n == 2 else
             "11010119800101002X", "dues_due": 30 + n, "dues_paid": 30} for n in range(1, 6)]
    out = fill_template(template, layout, rows, tmp_path / "out.xlsx")
    ws = load_workbook(out).active
    assert ws["A1"].value.startswith("XX街道") and ws["A1"].font.size == 18
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:H1", "F3:G3", "A3:A4", "A10:E10", "A11:H11"} <= merged  # the footer moved 2 rows down
    assert [ws.cell(r, 2).value for r in range(5, 10)] == [f"党员{n}" for n in range(1, 6)]
    assert [ws.cell(r, 8).value for r in range(5, 10)] == [f"=F{r}-G{r}" for r in range(5, 10)]
    assert (ws["A10"].value, ws["F10"].value, ws["G10"].value, ws["H10"].value) == \
        ("合计", "=SUM(F5:F9)", "=SUM(G5:G9)", "=F10-G10")
    assert ws["A11"].value.startswith("填表人")
    assert ws.cell(9, 4).border.left.style == "thin"  # the first data row's style, copied down
    assert ws.column_dimensions["D"].width == 22
    assert ws["D5"].data_type == "s" and ws["D5"].number_format == "@"
    assert ws["D6"].data_type == "s" and ws["D6"].quotePrefix  # text that looks like a formula stays text


def test_fewer_rows_leave_the_footer_where_it_is(tmp_path):
    template = make_template(tmp_path / "t.xlsx", blank=4)
    out = fill_template(template, inspect_template(template), [{"name": "甲"}], tmp_path / "out.xlsx")
    ws = load_workbook(out).active
    assert ws["B5"].value == "甲" and ws["A9"].value == "合计" and ws["F9"].value == "=SUM(F5:F8)"


def test_a_profile_for_other_headers_is_refused(tmp_path):
    layout = inspect_template(make_template(tmp_path / "t.xlsx"))
    with pytest.raises(ValidationError, match="表头与方案不一致"):
        apply_profile(layout, layout.mapping(), ["序号", "姓名", "民族"])
    with pytest.raises(ValidationError, match="没有找到表头"):
        wb = Workbook()
        wb.active["A1"] = "只有标题"
        wb.save(tmp_path / "empty.xlsx")
        inspect_template(tmp_path / "empty.xlsx")
    (tmp_path / "fake.xlsx").write_text("姓名,性别\n")
    with pytest.raises(ValidationError, match="无法打开"):
        inspect_template(tmp_path / "fake.xlsx")


def test_recognise_save_and_fill_next_quarter_in_one_command(db_path, sqlite_db, tmp_path):
    _book(sqlite_db)
    template = make_template(tmp_path / "街道模板.xlsx")
    first = run("--db", str(db_path), "template", str(template), "--map", "C=", "--save-profile", "街道党费表")
    assert first.returncode == 0, first.stderr
    assert "表头在第3、4行" in first.stdout and "F列 党费/应缴 → dues_due" in first.stdout
    assert "C列 性别 → （不填）" in first.stdout
    out = tmp_path / "一季度.xlsx"
    result = run("--db", str(db_path), "export", "template", "--profile", "街道党费表", "--template", str(template),
                 "--year", "2026", "--quarter", "1", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "填写 6 名党员" in result.stdout
    ws = load_workbook(out).active
    rows = {ws.cell(r, 2).value: r for r in range(5, 11)}
    assert set(rows) == {"甲三十五", "乙退休", "丙转出", "己失联", "庚流出", "壬二支部"}
    r = rows["甲三十五"]
    assert (ws.cell(r, 6).value, ws.cell(r, 7).value, ws.cell(r, 8).value) == (120, 80, f"=F{r}-G{r}")
    assert ws.cell(r, 3).value is None  # 性别 mapped to nothing
    assert len(ws.cell(r, 4).value) == 18 and ws["A11"].value == "合计" and ws["F11"].value == "=SUM(F5:F10)"
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM audit_log WHERE entity='template'").fetchone() == (1,)
    con.close()
    missing = run("--db", str(db_path), "export", "template", "--profile", "别的", "--template", str(template),
                  "--year", "2026", "--out", str(tmp_path / "x.xlsx"))
    assert missing.returncode != 0 and "没有名为“别的”的模板方案（已保存：街道党费表）" in missing.stderr
