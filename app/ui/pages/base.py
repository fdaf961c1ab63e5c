"""What every page shares: lazy first load, refresh on data_changed, a tidy table view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from app.ui.table_model import RowTableModel, sortable
from app.ui.tasks import TaskRunner


class Page(QWidget):
    title = ""
    kinds: tuple[str, ...] = ()  # data_changed kinds that make this page reload

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.loaded = False
        self.stale = False
        runner.data_changed.connect(self._on_data_changed)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(18, 14, 18, 14)
        self.layout_.setSpacing(10)
        heading = QLabel(self.title)
        heading.setObjectName("pageTitle")
        self.header = QHBoxLayout()
        self.header.addWidget(heading)
        self.header.addStretch(1)
        self.layout_.addLayout(self.header)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.ensure_loaded()

    def ensure_loaded(self) -> None:
        if self.runner.database is None:
            return  # shown before the database is open: loaded when it is
        if not self.loaded or self.stale:
            self.loaded, self.stale = True, False
            self.refresh()

    def _on_data_changed(self, kind: str) -> None:
        if not self.kinds or kind in self.kinds or kind == "*":
            if self.isVisible():
                self.refresh()
            else:
                self.stale = True

    def refresh(self) -> None:
        """Load the page's data (on the worker thread) and show it."""


def make_table(model: RowTableModel, *, sort: bool = True) -> QTableView:
    view = QTableView()
    view.setModel(sortable(model, view) if sort else model)
    view.setSortingEnabled(sort)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setSelectionMode(QAbstractItemView.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(26)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignLeft | Qt.AlignVCenter)
    view.setWordWrap(False)
    for i, column in enumerate(model.columns):
        view.setColumnWidth(i, column.width)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
    return view


def row_of(view: QTableView, index) -> object:
    """The row object under a (possibly proxied) index."""
    model = view.model()
    source = model.mapToSource(index) if hasattr(model, "mapToSource") else index
    return source.model().row_at(source.row())
