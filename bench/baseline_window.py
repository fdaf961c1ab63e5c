"""Baseline for the start-up figures: a bare PySide6 window with a 5,000-row table."""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

ROWS, COLS = 5000, 12


class Model(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else ROWS

    def columnCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else COLS

    def data(self, index, role=Qt.DisplayRole):
        if role == Qt.DisplayRole:
            return f"{index.row()}-{index.column()}"
        return None


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    view = QTableView()
    view.setModel(Model())
    window.setCentralWidget(view)
    window.resize(1280, 800)
    window.show()

    def shown() -> None:
        print("BENCH_WINDOW_SHOWN", flush=True)
        app.quit()

    QTimer.singleShot(0, shown)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
