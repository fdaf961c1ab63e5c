"""落实情况: one organisation's year, types down and months (or quarters) across, each cell green or red.

A click on a cell lists the meetings it counts; they open from there.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QTableView, QVBoxLayout, QWidget,
)

from app.ui.pages import meetings_jobs as jobs
from app.ui.pages.base import make_table, row_of
from app.ui.pages.meetings_common import fill_orgs, fill_years, stack_tab
from app.ui.table_model import RowTableModel, col

BACKGROUNDS = {"已达到": "#D5EDD5", "未达到": "#F5CFCF", "本期尚未完成": "#FFF0C2", "未到": "#FFFFFF", "不适用": "#F0F0F0"}
FOREGROUNDS = {"已达到": "#185C18", "未达到": "#A00000", "本期尚未完成": "#7A5600", "未到": "#999999", "不适用": "#777777"}


LEGEND = (
    "<span style='background:#D5EDD5'>&nbsp;已达到&nbsp;</span>　"
    "<span style='background:#F5CFCF'>&nbsp;未达到&nbsp;</span>　"
    "<span style='background:#FFF0C2'>&nbsp;本期尚未完成&nbsp;</span>　"
    "<span style='background:#F0F0F0'>&nbsp;不考核/不适用&nbsp;</span>　"
    "格中数字为已召开次数，“0+1”即已召开0次、已安排1次；按季度、按年考核的，月份格显示所在季度、年度的情况。"
    "党小组会要求每个党小组每月召开；党小组召开的党课、主题党日等计入所在党支部。"
)

class ComplianceModel(QAbstractTableModel):
    """Rows: types; columns: the periods, 合计, 要求, 依据."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.grid = None

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() or self.grid is None else len(self.grid.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() or self.grid is None else len(self.grid.columns) + 3

    def periods(self) -> int:
        return len(self.grid.columns) if self.grid else 0

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if self.grid is None or role != Qt.DisplayRole:
            return None
        if orientation == Qt.Vertical:
            return self.grid.rows[section].type_name
        return (list(self.grid.columns) + ["合计", "要求", "依据"])[section]

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or self.grid is None:
            return None
        row, c = self.grid.rows[index.row()], index.column()
        n = self.periods()
        if c < n:
            cell = row.cells[c]
            if role == Qt.DisplayRole:
                return f"{cell.held}" + (f"+{cell.planned}" if cell.planned else "")
            if role == Qt.BackgroundRole:
                return QColor(BACKGROUNDS.get(cell.state, "#FFFFFF"))
            if role == Qt.ForegroundRole:
                return QColor(FOREGROUNDS.get(cell.state, "#000000"))
            if role == Qt.ToolTipRole:
                return cell.tip
            if role == Qt.TextAlignmentRole:
                return int(Qt.AlignCenter)
            if role == Qt.UserRole:
                return cell.state
            return None
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            return (str(row.total), row.rule, row.basis)[c - n]
        if role == Qt.TextAlignmentRole and c == n:
            return int(Qt.AlignCenter)
        return None

    def set_grid(self, grid) -> None:
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()


class CellRecordsDialog(QDialog):
    """The meetings one cell counts (held and planned)."""

    def __init__(self, title: str, rows, open_meeting, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(760, 320)
        self.model = RowTableModel([col("日期", "meeting_date", 92), col("组织", "org_name", 200),
                                    col("主题/题目", "subject", 260, stretch=True), col("主持人", "host", 70),
                                    col("实到/应到", "present", 70, right=True), col("状态", "status", 60)])
        self.model.reset(rows)
        self.table = make_table(self.model, empty="这一期没有召开（或安排）这类会议。")
        self.table.doubleClicked.connect(lambda i: (open_meeting(row_of(self.table, i).id), self.accept()))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("双击一行打开会议记录。"))
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)


class ComplianceTab(QWidget):
    def __init__(self, page) -> None:
        super().__init__()
        self.page, self.runner = page, page.runner
        self.org, self.year, self.by = QComboBox(), QComboBox(), QComboBox()
        self.org.setMinimumWidth(200)
        self.by.addItem("按月", "月")
        self.by.addItem("按季度", "季度")
        self.settings_button = QPushButton("频次设置…")
        bar = QHBoxLayout()
        for w in (QLabel("组织"), self.org, QLabel("年度"), self.year, self.by, self.settings_button):
            bar.addWidget(w)
        bar.addStretch(1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = ComplianceModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.verticalHeader().setDefaultSectionSize(30)
        self.view.horizontalHeader().setStretchLastSection(True)
        stack_tab(self, bar, self.summary, self.view, LEGEND)
        self.dialog = None
        self._connect_signals()

    def _connect_signals(self) -> None:
        for combo in (self.org, self.year, self.by):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.view.clicked.connect(self.open_cell)
        self.settings_button.clicked.connect(self.open_settings)

    def set_choices(self, choices, years) -> None:
        fill_orgs(self.org, choices.orgs, everything=None, prefer_level="党支部")
        fill_years(self.year, years)

    def reload(self) -> None:
        if self.org.currentData() is None or self.year.currentData() is None:
            return
        self.runner.submit(jobs.grid, self.org.currentData(), self.year.currentData(), self.by.currentData(),
                           on_done=self._show)

    def _show(self, grid) -> None:
        self.model.set_grid(grid)
        header = self.view.horizontalHeader()
        for c in range(len(grid.columns)):
            header.setSectionResizeMode(c, QHeaderView.Fixed)
            self.view.setColumnWidth(c, 52 if grid.by == "月" else 110)
        n = len(grid.columns)
        self.view.setColumnWidth(n, 44)
        self.view.setColumnWidth(n + 1, 156)
        cells = [c for r in grid.rows for c in r.cells]
        missed = sum(1 for c in cells if c.state == "未达到")
        rows_missed = [r.type_name for r in grid.rows if any(c.state == "未达到" for c in r.cells)]
        self.summary.setText(f"{grid.org_name}　{grid.year}年：" + (
            f"{missed} 个{'月份' if grid.by == '月' else '季度'}格未达到要求（{'、'.join(rows_missed)}）" if missed
            else "已到期的各项均已达到要求"))

    def open_cell(self, index) -> None:
        grid = self.model.grid
        if grid is None or index.column() >= len(grid.columns):
            return
        row, cell = grid.rows[index.row()], grid.rows[index.row()].cells[index.column()]
        title = f"{grid.org_name} {grid.columns[index.column()]} {row.type_name}"

        def show(rows) -> None:
            self.dialog = CellRecordsDialog(title, rows, self.page.open_meeting, self)
            self.dialog.open()

        self.runner.submit(jobs.meetings, dict(first=cell.first, last=cell.last, type_name=row.type_name,
                                               org_ids=set(row.org_ids)), on_done=show)

    def open_settings(self) -> None:
        from app.ui.dialogs.meeting_settings import FrequencyDialog

        def show(data) -> None:
            self.dialog = FrequencyDialog(*data, runner=self.runner, parent=self)
            self.dialog.open()

        self.runner.submit(jobs.frequencies, on_done=show)
