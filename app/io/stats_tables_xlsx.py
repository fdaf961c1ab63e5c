"""The 党内统计 basic tables and the 工作总结数据 sheet (.xlsx).

``add_party_sheets`` and ``add_summary_sheet`` add sheets to a given openpyxl Workbook (the
quarterly workbook puts them among its own); ``write_party_stats_xlsx`` and ``write_summary_xlsx``
write a standalone file atomically. Each table sheet: a title, the line saying how it is counted,
the headers (two levels, merged, where the table groups its columns), rows with their labels
indented by level and whole numbers as numbers, thin borders, printable on A4 landscape.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from app.io.atomic import atomic_path
from app.io.xlsx_safe import print_landscape, set_text
from app.services.stats_figures import figure_lines
from app.services.stats_summary import ADMITTED_HOW, Summary
from app.services.stats_tables import StatsTable

_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEAD_FILL = PatternFill("solid", fgColor="F2DCDB")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
SUMMARY_SHEET = "工作总结数据"


def _head(cell, text: str) -> None:
    set_text(cell, text)
    cell.font = Font(bold=True)
    cell.fill = HEAD_FILL
    cell.alignment = CENTER
    cell.border = BORDER


def _merge(ws, row: int, col: int, rows: int = 1, cols: int = 1) -> None:
    if rows > 1 or cols > 1:
        ws.merge_cells(start_row=row, start_column=col, end_row=row + rows - 1, end_column=col + cols - 1)
        for r in range(row, row + rows):
            for c in range(col, col + cols):
                ws.cell(r, c).border = BORDER


def _title(ws, text: str, note: str, width: int) -> None:
    set_text(ws.cell(1, 1), text)
    ws.cell(1, 1).font = Font(size=16, bold=True)
    ws.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
    set_text(ws.cell(2, 1), note)
    ws.cell(2, 1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.cell(2, 1).font = Font(size=9, color="404040")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    ws.row_dimensions[1].height = 28
    ws.row_dimensions[2].height = 15 * max(1, min(5, len(note) // (width * 6) + 1))


def add_table_sheet(wb, table: StatsTable):
    """One table on a new sheet named after it; returns the sheet."""
    ws = wb.create_sheet(table.title[:31])
    width = len(table.columns) + 1
    _title(ws, f"{table.org_name}{table.year}年{table.title}", f"统计口径：{table.note}。", width)
    head = 3
    rows = 2 if table.grouped else 1
    _head(ws.cell(head, 1), table.row_header)
    _merge(ws, head, 1, rows=rows)
    for group, first, span in table.header_groups():
        col = first + 2
        if not group:
            for i in range(span):
                _head(ws.cell(head, col + i), table.columns[first + i].label)
                _merge(ws, head, col + i, rows=rows)
            continue
        _head(ws.cell(head, col), group)
        _merge(ws, head, col, cols=span)
        for i in range(span):
            _head(ws.cell(head + 1, col + i), table.columns[first + i].label)
    start = head + rows
    for n, row in enumerate(table.rows):
        r = start + n
        label = ws.cell(r, 1)
        set_text(label, row.label)
        label.alignment = Alignment(indent=row.level * 2 if not row.of_which else row.level * 2 + 1, vertical="center")
        label.border = BORDER
        if row.level == 0:
            label.font = Font(bold=True)
        for i, value in enumerate(row.cells):
            c = ws.cell(r, i + 2, int(value))
            c.number_format = "0"
            c.border = BORDER
            c.alignment = Alignment(horizontal="center")
    ws.column_dimensions["A"].width = 34 if table.key != "change" else 30
    for i, c in enumerate(table.columns, start=2):
        ws.column_dimensions[get_column_letter(i)].width = 12 if table.key == "change" else max(7, min(11, len(c.label) * 2))
    if table.grouped:
        ws.row_dimensions[head + 1].height = 48
    ws.freeze_panes = ws.cell(start, 2)
    print_landscape(ws, head, grid=False)
    ws.print_title_rows = f"{head}:{start - 1}"
    return ws


def add_party_sheets(wb, tables: list[StatsTable]) -> list:
    """The tables (stats_tables.party_tables) as sheets of ``wb``, one each, in order; returns the sheets."""
    return [add_table_sheet(wb, t) for t in tables]


def _figure_value(summary: Summary, key: str):
    if key.startswith("meetings."):
        return summary.values["meetings"].get(key.split(".", 1)[1], 0)
    value = summary.values[key]
    return float(value) if isinstance(value, Decimal) else value


def add_summary_sheet(wb, summary: Summary):
    """The 工作总结数据 sheet: the sentences one per row, then the figures with how each is counted."""
    ws = wb.create_sheet(SUMMARY_SHEET)
    p = summary.period
    _title(ws, f"{summary.org_name}{p.label}工作总结数据",
           f"{p.start} 至 {p.end}；人数按期末在册计算，变动按期内日期计算；百分比保留{summary.digits}位小数，四舍五入。", 4)
    r = 3
    for sentence in summary.sentences:
        cell = ws.cell(r, 1)
        set_text(cell, sentence.text)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        ws.row_dimensions[r].height = 34
        r += 1
    r += 1
    for i, text in enumerate(("分组", "项目", "数值", "怎么算"), start=1):
        _head(ws.cell(r, i), text)
    header = r
    lines = [(ln.group, ln.key, ln.label, ln.how) for ln in figure_lines(summary.figures)]
    lines += [("发展党员构成", key, label, ADMITTED_HOW[key]) for key, label in (
        ("adm_total", "本期发展党员"), ("adm_female", "其中：女"), ("adm_35", "其中：35岁及以下（接收时）"),
        ("adm_college", "其中：大专及以上学历"))]
    for group, key, label, how in lines:
        r += 1
        value = _figure_value(summary, key)
        for i, text in enumerate((group, label), start=1):
            set_text(ws.cell(r, i), text)
        c = ws.cell(r, 3, value)
        c.number_format = "0" if isinstance(value, int) else "#,##0.00"
        set_text(ws.cell(r, 4), how)
        ws.cell(r, 4).alignment = Alignment(wrap_text=True)
        for i in range(1, 5):
            ws.cell(r, i).border = BORDER
    for letter, width in zip("ABCD", (14, 30, 14, 70)):
        ws.column_dimensions[letter].width = width
    print_landscape(ws, header, grid=False)
    return ws


def _save(wb, target: Path | str) -> Path:
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return Path(target)


def write_party_stats_xlsx(tables: list[StatsTable], target: Path | str) -> Path:
    """A file with the tables, one sheet each."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    add_party_sheets(wb, tables)
    return _save(wb, target)


def write_summary_xlsx(summary: Summary, target: Path | str) -> Path:
    """A file with the 工作总结数据 sheet."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    add_summary_sheet(wb, summary)
    return _save(wb, target)
