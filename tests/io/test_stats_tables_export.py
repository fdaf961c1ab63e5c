"""The 党内统计 tables and the 工作总结数据 sheet re-read with openpyxl: cells, merged headers, whole numbers."""

from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook

from app.io.stats_tables_xlsx import add_party_sheets, add_summary_sheet, write_party_stats_xlsx, write_summary_xlsx
from app.services.stats_figures import Period
from app.services.stats_summary import summary
from app.services.stats_tables import TABLES, party_tables
from helpers_stats_tables import make_book


@pytest.fixture
def book(db):
    return make_book(db)


def test_the_five_tables_in_one_file(db, book, tmp_path):
    with db.reading() as s:
        tables = party_tables(s, 2026)
    out = write_party_stats_xlsx(tables, tmp_path / "党内统计.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames == list(TABLES.values())
    change = wb["党员数量变化情况"]
    assert change["A1"].value == "幸福社区党委2026年党员数量变化情况"
    assert change["A2"].value.startswith("统计口径：")
    assert (change["A3"].value, change["B3"].value) == ("项目", "人数")
    values = {change.cell(r, 1).value: change.cell(r, 2).value for r in range(4, change.max_row + 1)}
    assert values["一、上年底总数"] == 9 and values["四、本年底应有数"] == 8 and values["六、实有数与应有数之差"] == 1
    assert all(type(v) is int for v in values.values())

    basic = wb["党员基本情况"]
    merged = {str(r) for r in basic.merged_cells.ranges}
    assert {"A3:A4", "B3:B4", "C3:F3", "G3:P3"} <= merged  # 职业 and 总数 span both rows; 其中, 年龄 grouped
    assert (basic["C3"].value, basic["C4"].value, basic["G3"].value, basic["G4"].value) == ("其中", "预备党员", "年龄",
                                                                                           "30岁及以下")
    assert (basic["A5"].value, basic["B5"].value) == ("总计", 9)
    assert type(basic["B5"].value) is int and basic["B5"].border.left.style == "thin"
    lost = wb["失去联系党员情况"]
    assert lost["A5"].value == "总计" and lost["B5"].value == 2


def test_sheets_join_a_given_workbook_and_text_never_becomes_a_formula(db, book, tmp_path):
    from sqlalchemy import select

    from app.db.models import Organisation

    with db.unit_of_work() as s:
        s.scalar(select(Organisation).where(Organisation.name == "幸福社区党委")).name = "=HYPERLINK(\"x\")"
    with db.reading() as s:
        tables = party_tables(s, 2026)
        result = summary(s, Period.of(2026, quarter=3), digits=2)
    wb = Workbook()
    wb.active.title = "封面"
    sheets = add_party_sheets(wb, tables) + [add_summary_sheet(wb, result)]
    assert [ws.title for ws in sheets] == list(TABLES.values()) + ["工作总结数据"]
    wb.save(tmp_path / "q.xlsx")
    again = load_workbook(tmp_path / "q.xlsx")
    assert again.sheetnames[0] == "封面"
    title = again["党员基本情况"]["A1"]
    assert title.data_type == "s" and title.value.startswith("=HYPERLINK")


def test_the_summary_sheet(db, book, tmp_path):
    with db.reading() as s:
        result = summary(s, Period.of(2026), digits=1)
    out = write_summary_xlsx(result, tmp_path / "工作总结数据.xlsx")
    ws = load_workbook(out)["工作总结数据"]
    assert ws["A1"].value == "幸福社区党委2026年工作总结数据"
    sentences = [ws.cell(r, 1).value for r in range(3, 3 + len(result.sentences))]
    assert sentences == [x.text for x in result.sentences]
    assert "A3:D3" in {str(r) for r in ws.merged_cells.ranges}
    header = 3 + len(result.sentences) + 1
    assert [ws.cell(header, c).value for c in range(1, 5)] == ["分组", "项目", "数值", "怎么算"]
    rows = {ws.cell(r, 2).value: ws.cell(r, 3).value for r in range(header + 1, ws.max_row + 1)}
    assert rows["党员总数"] == result.values["members_total"] and type(rows["党员总数"]) is int
    assert rows["支部党员大会"] == 0 and rows["本期发展党员"] == 1
    assert rows["应缴党费（元）"] == 0
