"""A streamed (write-only) sheet with a title, a note, a red header row and typed columns.

Each column has a kind — text, id, int, money, hours, date — and one styled template cell,
whose value changes row by row (openpyxl's write-only mode writes each row as it comes, so
a 5,000-row sheet costs little more than dumping its values). Text that Excel would read as a
formula is kept as text (xlsx_safe); ID and phone numbers get Excel's 文本 format.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.io.xlsx_safe import FORMULA_STARTS, print_landscape

MONEY = "#,##0.00"
HOURS = "0.0#"
DAY = "yyyy-mm-dd"


@dataclass(frozen=True)
class Col:
    header: str
    width: float
    kind: str = "text"  # text | id | int | money | hours | date | auto (Decimal as money, the rest as it is)


class StreamSheet:
    HEADER_ROW = 3

    def __init__(self, wb, title: str, columns: list[Col], *, heading: str, note: str = "") -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter

        self._cell = WriteOnlyCell
        self.ws = ws = wb.create_sheet(title)
        self.columns = columns
        last = get_column_letter(len(columns))
        for i, c in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = c.width
        ws.freeze_panes = f"C{self.HEADER_ROW + 1}"
        top = WriteOnlyCell(ws, heading)
        top.font, top.alignment = Font(size=15, bold=True), Alignment(horizontal="center")
        ws.append([top])
        ws.append([self.text(note)])
        ws.merged_cells.add(f"A1:{last}1")
        ws.merged_cells.add(f"A2:{last}2")
        head = []
        for c in columns:
            cell = WriteOnlyCell(ws, c.header)
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor="C00000")
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            head.append(cell)
        ws.append(head)
        self._templates = [self._template(c.kind) for c in columns]
        self._bold = Font(bold=True)
        self.rows = 0
        print_landscape(ws, self.HEADER_ROW)

    def _template(self, kind: str):
        if kind in ("text", "int"):
            return None
        cell = self._cell(self.ws)
        cell.number_format = {"id": "@", "money": MONEY, "auto": MONEY, "hours": HOURS, "date": DAY}[kind]
        if kind == "id":
            cell.data_type = "s"
        return cell

    def text(self, value: str | None):
        if value is None or value == "":
            return None
        if not value.startswith(FORMULA_STARTS):
            return value
        cell = self._cell(self.ws, value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell

    def append(self, values: list) -> None:
        """One data row, a value per column (None leaves the cell empty)."""
        row = []
        for value, col, template in zip(values, self.columns, self._templates):
            if value is None or value == "":
                row.append(None)
            elif col.kind == "text":
                row.append(self.text(value) if isinstance(value, str) else value)
            elif template is None or (col.kind == "auto" and not isinstance(value, Decimal)):
                row.append(value)
            else:
                template.value = value.isoformat() if col.kind == "id" and isinstance(value, date) else value
                row.append(template)
        self.ws.append(row)
        self.rows += 1

    def total(self, label: str, values: dict[int, object]) -> None:
        """A bold 合计 row: ``label`` in the second column, ``values`` by column index."""
        row: list = [None] * len(self.columns)
        row[1] = self._cell(self.ws, label)
        row[1].font = self._bold
        for i, v in values.items():
            cell = self._cell(self.ws, v)
            cell.font = self._bold
            if self.columns[i].kind in ("money", "hours"):
                cell.number_format = MONEY if self.columns[i].kind == "money" else HOURS
            row[i] = cell
        self.ws.append(row)

    def line(self, text: str) -> None:
        self.ws.append([])
        self.ws.append([self.text(text)])


def stream_copy(src, wb) -> None:
    """Copy a small sheet built in a normal (random-access) workbook into the streamed workbook ``wb``:
    values, styles, merged ranges, column widths and row heights, row by row."""
    from copy import copy

    from openpyxl.cell import WriteOnlyCell

    ws = wb.create_sheet(src.title)
    for letter, dim in src.column_dimensions.items():
        if dim.width:
            ws.column_dimensions[letter].width = dim.width
    for r in range(1, src.max_row + 1):
        if src.row_dimensions[r].height:
            ws.row_dimensions[r].height = src.row_dimensions[r].height
    for rng in src.merged_cells.ranges:
        ws.merged_cells.add(str(rng))
    for row in src.iter_rows():
        out = []
        for cell in row:
            if cell.value is None and not cell.has_style:
                out.append(None)
                continue
            c = WriteOnlyCell(ws, cell.value)
            if cell.data_type == "s":
                c.data_type = "s"
            if cell.has_style:
                c.font, c.border, c.fill = copy(cell.font), copy(cell.border), copy(cell.fill)
                c.alignment, c.number_format = copy(cell.alignment), cell.number_format
                c.quotePrefix = cell.quotePrefix
            out.append(c)
        ws.append(out)
