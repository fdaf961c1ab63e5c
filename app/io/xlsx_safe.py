"""Cell values that are safe to hand to Excel.

A cell whose text begins with = + - @ (or a tab / carriage return) would be read as a
formula — by openpyxl on writing and by Excel on opening (CSV/formula injection).
Such text is written as a plain string with Excel's quote prefix.
"""

from __future__ import annotations

from openpyxl.cell.cell import Cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def set_text(cell: Cell, value: str | None, *, text_format: bool = False) -> None:
    """Store ``value`` as text, never as a formula or a number.

    ``text_format`` also gives the cell Excel's 文本 format, so that a clerk who edits
    it later (an ID or phone number) does not turn it into a number.
    """
    if value is None or value == "":
        cell.value = None
        return
    cell.value = value
    cell.data_type = "s"
    if text_format:
        cell.number_format = "@"
    if value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True


def set_value(cell: Cell, value) -> None:
    """Numbers and dates as themselves; any string through ``set_text``."""
    if isinstance(value, str):
        set_text(cell, value)
    else:
        cell.value = value


def text_value(ws, value: str | None):
    """A value for a streaming (write-only) row: the text itself, or a cell that keeps it text.

    Text that Excel would read as a formula gets a write-only cell with the quote prefix.
    """
    if value is None or value == "":
        return None
    if not value.startswith(FORMULA_STARTS):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def print_landscape(ws, header_row: int, *, grid: bool = True) -> None:
    """How every list prints: A4 landscape, one page wide, the header row on every page, “第 N 页，共 M 页”.

    ``grid`` prints Excel's gridlines instead of a border on every cell (50,000 rows stay fast).
    Works on normal and streaming (write-only) sheets alike.
    """
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    if grid:
        ws.print_options.gridLines = True
