"""党员花名册 as .xlsx: title row, frozen header, text IDs, real dates, A4 landscape print setup."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from app.domain.dates import PartialDate
from app.domain.enums import DatePrecision
from app.io.atomic import atomic_path
from app.io.roster_columns import Column, pick
from app.io.xlsx_safe import print_landscape, set_text
from app.services.roster import Roster

HEADER_ROW = 3
TEXT_FORMAT_KEYS = {"id_number", "phone"}  # digits that must stay text when edited in Excel


def write_roster_xlsx(
    roster: Roster, target: Path | str, *, columns: list[str] | None = None, full_id: bool = True,
    progress: Callable[[int, str], None] | None = None,
) -> Path:
    """Write the roster; ID numbers whole by default (it is the working file sent upward)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    cols = pick(columns)
    wb = Workbook()
    ws = wb.active
    ws.title = "党员花名册"
    width = len(cols) + 1
    last = get_column_letter(width)
    ws["A1"] = f"{roster.org_name}党员花名册"
    ws["A1"].font = Font(size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 28
    ws["A2"] = f"截至 {roster.as_of.isoformat()}　共 {len(roster.entries)} 人　排序：{'姓氏笔画' if roster.order == 'strokes' else '姓名拼音'}"
    ws.merge_cells(f"A2:{last}2")
    ws["A2"].alignment = Alignment(horizontal="right")

    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill("solid", fgColor="C00000")
    headers = ["序号"] + [c.header for c in cols]
    for i, text in enumerate(headers, start=1):
        cell = ws.cell(row=HEADER_ROW, column=i, value=text)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    ws.column_dimensions["A"].width = 6
    for i, col in enumerate(cols, start=2):
        ws.column_dimensions[get_column_letter(i)].width = col.width

    total = len(roster.entries) or 1
    for n, entry in enumerate(roster.entries, start=1):
        r = HEADER_ROW + n
        ws.cell(row=r, column=1, value=n)
        for i, col in enumerate(cols, start=2):
            _put(ws.cell(row=r, column=i), col, col.get(entry, full_id))
        if progress and n % 2000 == 0:
            progress(int(n * 100 / total), f"已写入 {n} 行")

    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + len(roster.entries)}"
    print_landscape(ws, HEADER_ROW)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return Path(target)


def _put(cell, col: Column, value) -> None:
    if value is None or value == "":
        return
    if col.kind == "date":
        assert isinstance(value, PartialDate)
        if value.precision is DatePrecision.DAY:
            cell.value = value.value
            cell.number_format = "yyyy-mm-dd"
        else:  # never invent the day: 1978-06 stays text
            set_text(cell, str(value))
    elif col.kind == "int":
        cell.value = int(value)
    else:
        set_text(cell, str(value), text_format=col.key in TEXT_FORMAT_KEYS)
