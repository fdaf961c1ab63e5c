"""What every page shares: lazy first load, refresh on data_changed, a tidy table view."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from app.ui.table_model import RowTableModel
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


class EmptyHint(QLabel):
    """A grey hint over an empty table, shown once the first rows (none) have arrived."""

    def __init__(self, view: QTableView, model: RowTableModel, text: str) -> None:
        super().__init__(text, view.viewport())
        self.setObjectName("emptyHint")
        self.setAlignment(Qt.AlignCenter)
        self.setWordWrap(True)
        self.setAttribute(Qt.WA_TransparentForMouseEvents)
        self.model, self.seen = model, False
        view.viewport().installEventFilter(self)
        model.modelReset.connect(self._loaded)
        model.rowsInserted.connect(self._loaded)
        model.rowsRemoved.connect(self._loaded)
        self.hide()

    def _loaded(self, *_args) -> None:
        self.seen = True
        self.setVisible(self.model.rowCount() == 0)
        self.setGeometry(self.parentWidget().rect())

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Resize:
            self.setGeometry(watched.rect())
        return False


def make_table(model: RowTableModel, *, sort: bool = True, empty: str | None = None) -> QTableView:
    """A read-only table over ``model``; a click on a header sorts (text by pinyin), rows start in service order.

    ``empty`` is the hint shown over the table while it has no rows.
    """
    view = QTableView()
    view.setModel(model)
    header = view.horizontalHeader()
    if sort:
        header.setSortIndicator(-1, Qt.AscendingOrder)  # no indicator: keep the order the service gave
        view.setSortingEnabled(True)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setSelectionMode(QAbstractItemView.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(26)
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignLeft | Qt.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.Interactive)
    view.setWordWrap(False)
    for i, column in enumerate(model.columns):
        view.setColumnWidth(i, column.width)
        if column.stretch:
            header.setSectionResizeMode(i, QHeaderView.Stretch)
    # the spare width goes to a text column; a stretched number column would push its figures far right
    last = model.columns[-1] if model.columns else None
    header.setStretchLastSection(bool(last) and not last.align_right and not any(c.stretch for c in model.columns))
    if empty:
        view.empty_hint = EmptyHint(view, model, empty)
    return view


def row_of(view: QTableView, index) -> object:
    """The row object under a (possibly proxied) index."""
    model = view.model()
    source = model.mapToSource(index) if hasattr(model, "mapToSource") else index
    return source.model().row_at(source.row())
