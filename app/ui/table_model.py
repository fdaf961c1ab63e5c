"""A table model over plain frozen rows with one column list (architecture.md idiom 3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QCollator, QLocale, QModelIndex, Qt
from PySide6.QtGui import QColor


# Qt's enum members looked up once: ``Qt.DisplayRole`` goes through PySide6's compatibility lookup and costs
# about 5 µs each time, and data() is called for every visible cell and role.
DISPLAY, ALIGNMENT, FOREGROUND, USER, EDIT = (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.UserRole, Qt.ItemDataRole.EditRole)
HORIZONTAL, VERTICAL = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
LEFT = int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value)
EDITABLE = Qt.ItemFlag.ItemIsEditable
_colours: dict[str, QColor] = {}


def money(value) -> str:
    """An amount in 元 with two decimals and thousands separators (0 too); blank for None."""
    return "" if value is None else f"{value:,.2f}"


def fmt(value: Any) -> str:
    """How a value is shown: dates yyyy-mm-dd, money with two decimals, booleans 是/否."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)


@dataclass(frozen=True)
class Column:
    header: str
    get: Callable[[Any], Any]
    width: int = 90
    align_right: bool = False
    format: Callable[[Any], str] = fmt
    sort_key: Callable[[Any], Any] | None = None  # defaults to the raw value
    stretch: bool = False  # this column takes the table's spare width
    color: Callable[[Any], str | None] | None = None  # text colour for a row, e.g. arrears in red
    edit: Callable[[Any, str], None] | None = None  # makes the cell editable: called with the row and the new text
    editable: Callable[[Any], bool] | None = None  # which rows may be edited (default: all)


def col(header: str, attr: str, width: int = 90, *, right: bool = False, format=fmt, stretch: bool = False,
        color: Callable[[Any], str | None] | None = None) -> Column:
    return Column(header, lambda row, a=attr: getattr(row, a), width, right, format, stretch=stretch, color=color)


_collator: QCollator | None = None


def _text_key(text: str):
    """Chinese text sorts by pinyin (ICU zh_CN collation), not by code point."""
    global _collator
    if _collator is None:
        _collator = QCollator(QLocale(QLocale.Chinese, QLocale.China))
        _collator.setNumericMode(True)
    return _collator.sortKey(text)


class RowTableModel(QAbstractTableModel):
    """Rows are frozen dataclasses; ``append`` adds a batch (for paging), ``reset`` replaces all.

    ``more`` (optional) is called by the view when it scrolls near the end and more
    rows can be fetched (``set_has_more(True)``); it should append the next batch later.
    Rows keep the order the service gave until the clerk clicks a header; then
    ``sort`` orders them by the column's sort key (text by pinyin), and later
    ``reset`` calls keep that order.
    """

    def __init__(self, columns: Sequence[Column], parent=None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self._has_more = False
        self._fetching = False
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.more: Callable[[], None] | None = None

    # -- data ------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = DISPLAY):
        row_no = index.row()
        if not index.isValid() or not (0 <= row_no < len(self.rows)):
            return None
        column = self.columns[index.column()]
        row = self.rows[row_no]
        if role == DISPLAY:
            return column.format(column.get(row))
        if role == ALIGNMENT:
            return RIGHT if column.align_right else LEFT
        if role == FOREGROUND and column.color is not None:
            color = column.color(row)
            if not color:
                return None
            if color not in _colours:
                _colours[color] = QColor(color)
            return _colours[color]
        if role == USER:
            return row
        if role == EDIT and column.edit is not None:
            value = column.get(row)
            return "" if value is None else column.format(value).replace(",", "")
        return None

    def flags(self, index: QModelIndex):
        base = super().flags(index)
        if index.isValid() and 0 <= index.row() < len(self.rows):
            column = self.columns[index.column()]
            if column.edit is not None and (column.editable is None or column.editable(self.rows[index.row()])):
                return base | EDITABLE
        return base

    def setData(self, index: QModelIndex, value, role: int = Qt.EditRole) -> bool:  # noqa: N802
        """Hand an edited cell to its column's ``edit`` (which saves it and reloads the rows)."""
        if role != Qt.EditRole or not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return False
        column = self.columns[index.column()]
        if column.edit is None:
            return False
        column.edit(self.rows[index.row()], str(value))
        return True

    def headerData(self, section: int, orientation, role: int = DISPLAY):  # noqa: N802
        if orientation == HORIZONTAL and 0 <= section < len(self.columns):
            if role == DISPLAY:
                return self.columns[section].header
            if role == ALIGNMENT:
                return RIGHT if self.columns[section].align_right else LEFT
            return None
        if orientation == VERTICAL and role == DISPLAY and section >= 0:
            return str(section + 1)
        return None

    # -- updates -----------------------------------------------------------------
    def reset(self, rows: Sequence[Any], *, has_more: bool = False) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        if self._sort is not None:
            self._sorted_in_place(*self._sort)
        self._has_more = has_more
        self._fetching = False
        self.endResetModel()

    def append(self, rows: Sequence[Any], *, has_more: bool = False) -> None:
        self._fetching = False
        self._has_more = has_more
        if not rows:
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and self._has_more and not self._fetching and self.more is not None

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        if self.canFetchMore(parent):
            self._fetching = True
            self.more()

    def row_at(self, row: int) -> Any:
        return self.rows[row]

    # -- sorting -------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return  # no sort indicator: keep the service's order
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        new_of_old = self._sorted_in_place(column, order)
        moved_from = self.persistentIndexList()
        moved_to = [self.index(new_of_old[i.row()], i.column()) for i in moved_from]
        self.changePersistentIndexList(moved_from, moved_to)
        self.layoutChanged.emit()

    def _sorted_in_place(self, column: int, order: Qt.SortOrder) -> list[int]:
        """Sort the rows; return each old row's new position."""
        spec = self.columns[column]
        getter = spec.sort_key or spec.get

        def key(value):
            if value is None or value == "":
                return (1, 0)  # blanks after every value (when ascending)
            if isinstance(value, str):
                return (0, _text_key(value))
            return (0, value)

        keys = [key(getter(row)) for row in self.rows]
        try:
            order_ = sorted(range(len(keys)), key=keys.__getitem__, reverse=order == Qt.DescendingOrder)
        except TypeError:  # a column mixing kinds of value: compare the shown text
            keys = [key(spec.format(getter(row))) for row in self.rows]
            order_ = sorted(range(len(keys)), key=keys.__getitem__, reverse=order == Qt.DescendingOrder)
        self.rows = [self.rows[i] for i in order_]
        new_of_old = [0] * len(order_)
        for new, old in enumerate(order_):
            new_of_old[old] = new
        return new_of_old
