"""发展党员 page: a board with a column per stage (a card per person: next step, deadline, overdue in red),
every file in a table, and a person's file with its timeline (dialogs.development_form)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDateEdit, QHBoxLayout, QLabel, QListView, QListWidget, QListWidgetItem, QMenu, QMessageBox, QPushButton, QTabWidget,
    QVBoxLayout, QWidget,
)

from app.ui.pages.base import Page, make_table, row_of
from app.ui.table_model import Column, RowTableModel, col

BOARD = ("入党申请人", "积极分子", "发展对象", "预备党员")
LIST_CHOICES = (("applicants", "入党申请人名册"), ("uninterviewed", "未谈话入党申请人名单"), ("activists", "入党积极分子名册"),
                ("candidates", "发展对象名册"), ("to-admit", "拟吸收预备党员名单"), ("probationary", "预备党员名册"),
                ("due-conversion", "可转正预备党员名单"))
RED = "#B00000"


def _cases(s, on):
    from app.services.development_cases import judged

    return judged(s, on)


def _export_list(s, kind, on, path):
    from app.io.development_xlsx import write_list_xlsx, write_stats_xlsx
    from app.services.development_lists import development_list, development_stats
    from app.services.roster import resolve_org

    org_name = resolve_org(s, None)[1]
    if kind == "stats":
        return str(write_stats_xlsx(development_stats(s, on.year), path, org_name=org_name))
    return str(write_list_xlsx(kind, development_list(s, kind, on), path, org_name=org_name, on=on))


def _case_pdf(s, record_id, on, path):
    from app.io.development_pdf import write_case_pdf
    from app.services.development_timeline import case_file
    from app.services.roster import resolve_org

    return str(write_case_pdf(case_file(s, record_id, on), path, org_name=resolve_org(s, None)[1], printed_on=on))


def card_text(c) -> str:
    when = ""
    if c.deadline:
        when = f"\n{'已逾期，' if c.overdue else ''}截止 {c.deadline}"
    elif c.earliest:
        when = f"\n最早 {c.earliest}"
    flags = f"\n⚠ {len(c.warnings)} 项提示" if c.warnings else ""
    return f"{c.name}　{c.org_name}\n下一步：{c.next_step}{when}{flags}"


class DevelopmentPage(Page):
    title = "发展党员"
    kinds = ("development", "member")

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        bar = QHBoxLayout()
        self.on = QDateEdit()
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.on.setCalendarPopup(True)
        self.on.setDate(date.today())
        self.new = QPushButton("登记入党申请人…")
        self.open = QPushButton("打开档案…")
        self.pdf = QPushButton("全程纪实表 PDF…")
        self.export_button = QPushButton("导出名单")
        menu = QMenu(self.export_button)
        for key, title in LIST_CHOICES:
            menu.addAction(f"{title}…", lambda k=key: self.export_list(k))
        menu.addSeparator()
        menu.addAction("发展党员工作情况统计…", lambda: self.export_list("stats"))
        self.export_button.setMenu(menu)
        self.import_button = QPushButton("导入…")
        for w in (QLabel("检查日期"), self.on, self.new, self.open, self.pdf, self.export_button, self.import_button):
            bar.addWidget(w)
        bar.addStretch(1)
        self.layout_.addLayout(bar)
        self.count = QLabel("")
        self.layout_.addWidget(self.count)
        self.tabs = QTabWidget()
        board = QWidget()
        outer = QVBoxLayout(board)
        outer.setContentsMargins(0, 6, 0, 0)
        self.board_hint = QLabel("还没有发展党员档案。点“登记入党申请人”开始；已有的名册可用“导入”读入。")
        self.board_hint.setObjectName("emptyHint")
        self.board_hint.setAlignment(Qt.AlignCenter)
        self.board_hint.hide()
        outer.addWidget(self.board_hint)
        columns = QHBoxLayout()
        outer.addLayout(columns, 1)
        self.lanes: dict[str, QListWidget] = {}
        self.lane_titles: dict[str, QLabel] = {}
        for stage in BOARD:
            box = QVBoxLayout()
            title = QLabel(stage)
            title.setObjectName("laneTitle")
            title.setStyleSheet("font-weight: bold; padding: 4px;")
            lane = QListWidget()
            lane.setWordWrap(True)
            lane.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
            lane.setResizeMode(QListView.Adjust)
            lane.setSpacing(3)
            lane.setStyleSheet("QListWidget::item { border: 1px solid #D8D0C8; border-radius: 4px; padding: 6px; }")
            lane.itemDoubleClicked.connect(lambda item: self.open_case(item.data(Qt.UserRole)))
            box.addWidget(title)
            box.addWidget(lane, 1)
            columns.addLayout(box, 1)
            self.lanes[stage], self.lane_titles[stage] = lane, title
        self.tabs.addTab(board, "看板")
        self.model = RowTableModel([
            col("姓名", "name", 76), col("所在支部", "org_name", 150), col("阶段", "stage", 80),
            col("下一步", "next_step", 190), col("最早", "earliest", 88),
            col("截止", "deadline", 88, color=lambda r: RED if r.overdue else None),
            Column("提示", lambda r: "；".join(m for _a, m in r.warnings), 360,
                   color=lambda r: RED if r.warnings else None),
        ])
        self.table = make_table(self.model, empty="还没有发展党员档案。点“登记入党申请人”开始。")
        self.table.doubleClicked.connect(lambda i: self.open_case(row_of(self.table, i).record_id))
        self.tabs.addTab(self.table, "全部档案")
        self.layout_.addWidget(self.tabs, 1)
        self.on.dateChanged.connect(lambda _d: self.refresh())
        self.new.clicked.connect(lambda: self.open_case(None))
        self.open.clicked.connect(self.open_selected)
        self.pdf.clicked.connect(lambda: self.case_pdf())
        self.import_button.clicked.connect(lambda: self.import_file())
        self.cases = []

    @property
    def day(self) -> date:
        return self.on.date().toPython()

    def refresh(self) -> None:
        self.runner.submit(_cases, self.day, on_done=self._show)

    def _show(self, cases) -> None:
        self.cases = cases
        self.model.reset(cases)
        for stage, lane in self.lanes.items():
            lane.clear()
            mine = sorted((c for c in cases if c.stage == stage), key=lambda c: (c.deadline or date.max, c.name))
            self.lane_titles[stage].setText(f"{stage}（{len(mine)}）")
            for c in mine:
                item = QListWidgetItem(card_text(c))
                item.setData(Qt.UserRole, c.record_id)
                if c.overdue:
                    item.setForeground(QColor(RED))
                lane.addItem(item)
        self.board_hint.setVisible(not cases)
        overdue = sum(1 for c in cases if c.overdue)
        warned = sum(1 for c in cases if c.warnings and c.stage in BOARD)
        done = sum(1 for c in cases if c.stage == "正式党员")
        self.count.setText(f"截至 {self.day}：正在进行 {sum(1 for c in cases if c.stage in BOARD)} 人，已转正 {done} 人；"
                             f"逾期 {overdue} 人，有提示 {warned} 人（中国共产党发展党员工作细则 2026）")

    def _selected_id(self) -> int | None:
        if self.tabs.currentIndex() == 0:
            for lane in self.lanes.values():
                item = lane.currentItem()
                if item is not None and item.isSelected():
                    return item.data(Qt.UserRole)
            return None
        index = self.table.currentIndex()
        return row_of(self.table, index).record_id if index.isValid() else None

    def open_selected(self) -> None:
        record_id = self._selected_id()
        if record_id is None:
            QMessageBox.information(self, "打开档案", "请先在看板或列表中选中一个人。")
            return
        self.open_case(record_id)

    def open_case(self, record_id: int | None) -> None:
        from app.ui.dialogs.development_form import CaseDialog

        self._dialog = CaseDialog(self.runner, record_id, self.day, self)
        self._dialog.finished.connect(lambda _r: self.refresh())
        self._dialog.open()

    def export_list(self, kind: str, path: str | None = None) -> None:
        title = dict(LIST_CHOICES).get(kind, "发展党员工作情况统计")
        if path is None:
            from PySide6.QtWidgets import QFileDialog

            path, _ = QFileDialog.getSaveFileName(self, f"保存{title}", f"{title}.xlsx", "Excel 工作簿 (*.xlsx)")
            if not path:
                return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        self.runner.submit(_export_list, kind, self.day, path, progress_title=f"正在导出{title}…",
                           on_done=lambda out: QMessageBox.information(self, "导出完成", f"已保存到：\n{out}"))

    def case_pdf(self, path: str | None = None) -> None:
        record_id = self._selected_id()
        if record_id is None:
            QMessageBox.information(self, "全程纪实表", "请先在看板或列表中选中一个人。")
            return
        name = next((c.name for c in self.cases if c.record_id == record_id), "")
        if path is None:
            from PySide6.QtWidgets import QFileDialog

            path, _ = QFileDialog.getSaveFileName(self, "保存全程纪实表", f"{name}发展党员全程纪实表.pdf", "PDF 文件 (*.pdf)")
            if not path:
                return
        self.runner.submit(_case_pdf, record_id, self.day, path,
                           on_done=lambda out: QMessageBox.information(self, "全程纪实表", f"已保存到：\n{out}"))

    def import_file(self, path: str | None = None) -> None:
        from app.ui.dialogs.development_import import import_development

        import_development(self, self.runner, path)
