"""统计 page tabs: 党内统计 (the five basic tables of the year) and 工作总结数据 (the sentences to paste).

The tables are built on the worker thread for the header's year and organisation (the period
does not change them: they are yearly); the chosen one is shown with its grouped headers as the
first rows, spans as in the sheet. The sentences come with the percentages to the decimals the
clerk picks; the pick is kept in the setting ``stats.percent_digits`` and re-fills the text
without going back to the database.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QMessageBox, QPlainTextEdit, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from app.ui.pages.meetings_common import save_path

HEAD = QColor("#F2DCDB")


def _tables(s, year: int, org: str | None):
    from app.services.stats_tables import party_tables

    return party_tables(s, year, org=org)


def _export_tables(s, year: int, org: str | None, path: str):
    from app.io.stats_tables_xlsx import write_party_stats_xlsx

    return str(write_party_stats_xlsx(_tables(s, year, org), path))


def _summary(s, sel, digits: int | None):
    from app.services.stats_summary import summary

    return summary(s, sel.period(), org=sel.org, digits=digits)


def _export_summary(s, sel, digits: int, path: str):
    from app.io.stats_tables_xlsx import write_summary_xlsx

    return str(write_summary_xlsx(_summary(s, sel, digits), path))


def _save_digits(s, digits: int) -> int:
    from app.services import settings

    settings.set_value(s, "stats.percent_digits", digits)
    return digits


def _bar(*widgets) -> QHBoxLayout:
    bar = QHBoxLayout()
    for w in widgets:
        bar.addWidget(w)
    bar.addStretch(1)
    return bar


class PartyTablesTab(QWidget):
    """党内统计: one of the five tables of the year, as in the sheet; an export of all five."""

    def __init__(self, page) -> None:
        super().__init__()
        from app.services.stats_tables import TABLES

        self.page, self.runner = page, page.runner
        self.tables: dict[str, object] = {}
        self.sel = None
        self.choice = QComboBox()
        for key, title in TABLES.items():
            self.choice.addItem(title, key)
        self.choice.setMinimumWidth(260)
        self.export_button = QPushButton("导出五张表（Excel）…")
        self.export_button.clicked.connect(lambda: self.export())
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.note.setObjectName("hint")
        self.grid = QTableWidget()
        self.grid.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.grid.horizontalHeader().setVisible(False)
        self.grid.verticalHeader().setVisible(False)
        self.heading = QLabel("")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(_bar(QLabel("表"), self.choice, self.export_button))
        layout.addWidget(self.heading)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.note)
        self.choice.currentIndexChanged.connect(lambda _i: self._show_current())

    def show_selection(self, sel) -> None:
        self.sel = sel
        self.runner.submit(_tables, sel.period().end.year, sel.org, on_done=self._show)

    def _show(self, tables) -> None:
        self.tables = {t.key: t for t in tables}
        self._show_current()

    def current(self):
        return self.tables.get(self.choice.currentData())

    def _show_current(self) -> None:
        table = self.current()
        if table is None:
            return
        self.heading.setText(f"<b>{table.org_name}{table.year}年{table.title}</b>　（按年度统计，期间选择不影响本表）")
        self.note.setText(f"统计口径：{table.note}。")
        self.fill(table)

    def fill(self, table) -> None:
        g = self.grid
        g.clearSpans()
        head = 2 if table.grouped else 1
        g.setRowCount(head + len(table.rows))
        g.setColumnCount(len(table.columns) + 1)
        bold = QFont()
        bold.setBold(True)

        def put(r, c, text, *, header=False, number=False, indent=0):
            item = QTableWidgetItem(("　" * indent) + str(text))
            if header:
                item.setBackground(QBrush(HEAD))
                item.setFont(bold)
                item.setTextAlignment(Qt.AlignCenter)
            elif number:
                item.setTextAlignment(Qt.AlignCenter)
            g.setItem(r, c, item)

        put(0, 0, table.row_header, header=True)
        if head == 2:
            g.setSpan(0, 0, 2, 1)
        for group, first, span in table.header_groups():
            col = first + 1
            if not group:
                for i in range(span):
                    put(0, col + i, table.columns[first + i].label, header=True)
                    if head == 2:
                        g.setSpan(0, col + i, 2, 1)
                continue
            put(0, col, group, header=True)
            if span > 1:
                g.setSpan(0, col, 1, span)
            for i in range(span):
                put(1, col + i, table.columns[first + i].label, header=True)
        for n, row in enumerate(table.rows):
            put(head + n, 0, row.label, indent=row.level)
            if row.level == 0:
                g.item(head + n, 0).setFont(bold)
            for i, value in enumerate(row.cells):
                put(head + n, i + 1, value, number=True)
        g.resizeColumnsToContents()
        g.setColumnWidth(0, max(g.columnWidth(0), 200))
        for c in range(1, g.columnCount()):
            g.setColumnWidth(c, min(max(g.columnWidth(c), 48), 120))

    def export(self, path: str | None = None) -> None:
        if self.sel is None:
            return
        if path is None:
            name = self.current().org_name if self.current() else ""
            path = save_path(self, "导出党内统计基本表", f"{name}{self.sel.period().end.year}年党内统计.xlsx", "xlsx")
            if not path:
                return
        self.runner.submit(_export_tables, self.sel.period().end.year, self.sel.org, path, progress_title="正在导出党内统计基本表…",
                           on_done=lambda out: QMessageBox.information(self, "导出完成", f"已保存到：\n{out}"))


class SummaryTab(QWidget):
    """工作总结数据: the sentences with the figures filled in, to copy into a report."""

    def __init__(self, page) -> None:
        super().__init__()
        self.page, self.runner = page, page.runner
        self.sel = None
        self.result = None
        self.digits = QComboBox()
        for d in (0, 1, 2):
            self.digits.addItem(f"{d} 位小数", d)
        self.copy_button = QPushButton("复制")
        self.export_button = QPushButton("导出（Excel）…")
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.heading = QLabel("")
        hint = QLabel("数字为准确数，“余”“全部”等措辞请自行斟酌；每个数字怎么算，见导出表格下方的明细或“统计数字”页。")
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(_bar(QLabel("百分比保留"), self.digits, self.copy_button, self.export_button))
        layout.addWidget(self.heading)
        layout.addWidget(self.text, 1)
        layout.addWidget(hint)
        self.digits.currentIndexChanged.connect(lambda _i: self._digits_changed())
        self.copy_button.clicked.connect(self.copy)
        self.export_button.clicked.connect(lambda: self.export())

    def show_selection(self, sel) -> None:
        self.sel = sel
        self.runner.submit(_summary, sel, None, on_done=self._show)

    def _show(self, result) -> None:
        self.result = result
        self.digits.blockSignals(True)
        self.digits.setCurrentIndex(self.digits.findData(result.digits))
        self.digits.blockSignals(False)
        p = result.period
        self.heading.setText(f"<b>{result.org_name}　{p.label}</b>（{p.start} 至 {p.end}）")
        self.text.setPlainText(result.text())

    def _digits_changed(self) -> None:
        digits = self.digits.currentData()
        if self.result is None or digits == self.result.digits:
            return
        from dataclasses import replace

        from app.services.stats_summary import ADMITTED_HOW, fill

        sentences, _values = fill(self.result.figures, {k: self.result.values[k] for k in ADMITTED_HOW}, digits)
        self.result = replace(self.result, digits=digits, sentences=sentences)
        self.text.setPlainText(self.result.text())
        self.runner.submit(_save_digits, digits, write=True, kind="settings")

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())

    def export(self, path: str | None = None) -> None:
        if self.sel is None or self.result is None:
            return
        if path is None:
            path = save_path(self, "导出工作总结数据", f"{self.result.org_name}{self.result.period.label}工作总结数据.xlsx",
                             "xlsx")
            if not path:
                return
        self.runner.submit(_export_summary, self.sel, self.result.digits, path, progress_title="正在导出工作总结数据…",
                           on_done=lambda out: QMessageBox.information(self, "导出完成", f"已保存到：\n{out}"))
