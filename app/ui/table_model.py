"""A table model over plain frozen rows with one column list (architecture.md idiom 3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt


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


def col(header: str, attr: str, width: int = 90, *, right: bool = False, format=fmt) -> Column:
    return Column(header, lambda row, a=attr: getattr(row, a), width, right, format)


class RowTableModel(QAbstractTableModel):
    """Rows are frozen dataclasses; ``append`` adds a batch (for paging), ``reset`` replaces all.

    ``more`` (optional) is called by the view when it scrolls near the end and more
    rows can be fetched (``set_has_more(True)``); it should append the next batch later.
    """

    SORT_ROLE = Qt.UserRole + 1

    def __init__(self, columns: Sequence[Column], parent=None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self._has_more = False
        self._fetching = False
        self.more: Callable[[], None] | None = None

    # -- data ------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        column = self.columns[index.column()]
        row = self.rows[index.row()]
        if role == Qt.DisplayRole:
            return column.format(column.get(row))
        if role == Qt.TextAlignmentRole:
            return int((Qt.AlignRight if column.align_right else Qt.AlignLeft) | Qt.AlignVCenter)
        if role == self.SORT_ROLE:
            value = column.sort_key(row) if column.sort_key else column.get(row)
            if isinstance(value, Decimal):
                return float(value)
            if isinstance(value, date):
                return value.isoformat()
            return value if value is not None else ""
        if role == Qt.UserRole:
            return row
        return None

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole):  # noqa: N802
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].header
        if orientation == Qt.Vertical:
            return str(section + 1)
        return None

    # -- updates -----------------------------------------------------------------
    def reset(self, rows: Sequence[Any], *, has_more: bool = False) -> None:
        self.beginResetModel()
        self.rows = list(rows)
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


def sortable(model: RowTableModel, parent=None) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(RowTableModel.SORT_ROLE)
    return proxy
