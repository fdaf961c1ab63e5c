"""计划日历: a month of meetings held and planned; plan ahead, record a plan as held, cancel, print its 签到表."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from app.domain.dates import add_months
from app.ui.pages import meetings_jobs as jobs
from app.ui.pages.base import make_table, row_of
from app.ui.pages.meetings_common import fill_orgs, save_path, subtree
from app.ui.table_model import Column, RowTableModel, col

SHORT = {"支部党员大会": "党员大会", "支部委员会": "支委会", "民主评议党员": "民主评议"}
COLOURS = {"已召开": "#1B6E1B", "计划": "#1F5FA8", "取消": "#999999", "逾期": "#B00000"}
WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")
LINES = 4


def _state(row, today: date) -> str:
    return "逾期" if row.status == "计划" and row.meeting_date < today else row.status


def cell_html(day: date, rows, *, this_month: bool, today: date) -> str:
    """A day's number and its meetings, one line per type and state (×n when several)."""
    head = f"<b>{day.day}</b>" if this_month else f"<span style='color:#AAAAAA'>{day.day}</span>"
    if day == today:
        head = f"<span style='background:#8E1B1B;color:white'>&nbsp;{day.day}&nbsp;</span>"
    counts = Counter((SHORT.get(r.type_name, r.type_name), _state(r, today)) for r in rows)
    lines = []
    for (name, state), n in sorted(counts.items(), key=lambda x: ("已召开", "逾期", "计划", "取消").index(x[0][1])):
        text = escape(name) + (f" ×{n}" if n > 1 else "") + ("（计划）" if state == "计划" else "")
        style = f"color:{COLOURS[state]}" + (";text-decoration:line-through" if state == "取消" else "")
        lines.append(f"<span style='{style}'>{text}</span>")
    if len(lines) > LINES:
        lines = lines[:LINES - 1] + [f"<span style='color:#666666'>…另 {len(lines) - LINES + 1} 项</span>"]
    return "<br>".join([head] + lines)


class CalendarTab(QWidget):
    def __init__(self, page) -> None:
        super().__init__()
        self.page, self.runner = page, page.runner
        self.today = date.today
        first = self.today().replace(day=1)
        self.month = first
        self.selected_day = self.today()
        self.rows: list = []
        self.prev, self.next, self.this = QPushButton("‹ 上月"), QPushButton("下月 ›"), QPushButton("本月")
        self.label = QLabel()
        self.label.setObjectName("sectionTitle")
        self.org = QComboBox()
        self.org.setMinimumWidth(180)
        self.plan_button, self.held_button = QPushButton("安排会议…"), QPushButton("登记为已召开…")
        self.cancel_button, self.sign_button = QPushButton("取消计划"), QPushButton("签到表…")
        bar = QHBoxLayout()
        for w in (self.prev, self.label, self.next, self.this, self.org, self.plan_button, self.held_button,
                  self.cancel_button, self.sign_button):
            bar.addWidget(w)
        bar.addStretch(1)
        self.grid = QTableWidget(6, 7)
        self.grid.setHorizontalHeaderLabels([f"星期{d}" for d in WEEKDAYS])
        self.grid.verticalHeader().setVisible(False)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.grid.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SingleSelection)
        self.labels: list[QLabel] = []
        for i in range(42):
            label = QLabel()
            label.setAlignment(Qt.AlignLeft | Qt.AlignTop)
            label.setTextFormat(Qt.RichText)
            label.setAttribute(Qt.WA_TransparentForMouseEvents)
            label.setContentsMargins(4, 2, 4, 2)
            self.grid.setItem(i // 7, i % 7, QTableWidgetItem())
            self.grid.setCellWidget(i // 7, i % 7, label)
            self.labels.append(label)
        self.day_title = QLabel()
        self.day_model = RowTableModel([
            col("日期", "meeting_date", 92), col("类型", "type_name", 100), col("组织", "org_name", 220),
            col("主题/题目", "subject", 260, stretch=True), col("主持人", "host", 70),
            Column("状态", lambda r: _state(r, self.today()), 60, color=lambda r: COLOURS.get(_state(r, self.today()))),
        ])
        self.day_table = make_table(self.day_model, empty="这一天没有会议。")
        self.day_table.setMaximumHeight(170)
        legend = QLabel("图例：<span style='color:#1B6E1B'>已召开</span>　<span style='color:#1F5FA8'>计划</span>　"
                        "<span style='color:#B00000'>计划已过期（请登记记录或取消）</span>　<span style='color:#999999'>取消</span>")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 0)
        lay.addLayout(bar)
        lay.addWidget(self.grid, 3)
        lay.addWidget(legend)
        lay.addWidget(self.day_title)
        lay.addWidget(self.day_table, 1)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.prev.clicked.connect(lambda: self.show_month(add_months(self.month, -1)))
        self.next.clicked.connect(lambda: self.show_month(add_months(self.month, 1)))
        self.this.clicked.connect(lambda: self.show_month(self.today().replace(day=1)))
        self.org.currentIndexChanged.connect(lambda _i: self.reload())
        self.grid.currentCellChanged.connect(lambda r, c, _r, _c: self.pick_day(self.first_shown() + timedelta(r * 7 + c)))
        self.plan_button.clicked.connect(self.plan)
        self.held_button.clicked.connect(self.record_held)
        self.cancel_button.clicked.connect(self.cancel)
        self.sign_button.clicked.connect(lambda: self.sign_in())
        self.day_table.doubleClicked.connect(lambda i: self.page.open_meeting(row_of(self.day_table, i).id))

    def set_choices(self, choices, years) -> None:
        fill_orgs(self.org, choices.orgs)

    def first_shown(self) -> date:
        return self.month - timedelta(days=self.month.weekday())

    def show_month(self, first: date) -> None:
        self.month = first.replace(day=1)
        if not (self.month <= self.selected_day < add_months(self.month, 1)):
            self.selected_day = self.month
        self.reload()

    def reload(self) -> None:
        if self.page.choices is None:
            return
        self.label.setText(f"{self.month.year}年{self.month.month}月")
        first = self.first_shown()
        self.runner.submit(jobs.meetings, dict(first=first, last=first + timedelta(days=41),
                                               org_ids=subtree(self.page.choices.orgs, self.org.currentData())),
                           on_done=self._show)

    def _show(self, rows) -> None:
        self.rows = rows
        by_day: dict[date, list] = {}
        for r in rows:
            by_day.setdefault(r.meeting_date, []).append(r)
        first, today = self.first_shown(), self.today()
        for i, label in enumerate(self.labels):
            day = first + timedelta(days=i)
            label.setText(cell_html(day, by_day.get(day, []), this_month=day.month == self.month.month, today=today))
        self.pick_day(self.selected_day)

    def pick_day(self, day: date) -> None:
        self.selected_day = day
        index = (day - self.first_shown()).days
        if 0 <= index < 42 and (self.grid.currentRow(), self.grid.currentColumn()) != divmod(index, 7):
            self.grid.blockSignals(True)
            self.grid.setCurrentCell(*divmod(index, 7))
            self.grid.blockSignals(False)
        rows = sorted((r for r in self.rows if r.meeting_date == day), key=lambda r: (r.type_name, r.org_name))
        self.day_model.reset(rows)
        self.day_title.setText(f"{day.month}月{day.day}日（星期{WEEKDAYS[day.weekday()]}）：{len(rows)} 项")
        if rows:
            self.day_table.selectRow(0)

    def selected_meeting(self):
        index = self.day_table.currentIndex()
        return row_of(self.day_table, index) if index.isValid() else None

    def plan(self) -> None:
        day = max(self.selected_day, self.today())
        self.page.new_meeting(status="计划", org_id=self.org.currentData(), day=day)

    def record_held(self) -> None:
        row = self.selected_meeting()
        if row is None or row.status != "计划":
            QMessageBox.information(self, "登记会议记录", "请先选中一项计划中的会议。")
            return
        self.page.open_meeting(row.id, as_held=True)

    def cancel(self) -> None:
        row = self.selected_meeting()
        if row is None or row.status != "计划":
            QMessageBox.information(self, "取消计划", "请先选中一项计划中的会议。")
            return
        if QMessageBox.question(self, "取消计划", f"取消 {row.meeting_date.isoformat()} 的{row.type_name}？"
                                "（保留记录，标为“取消”，不计入召开次数）") == QMessageBox.Yes:
            self.runner.submit(jobs.cancel, row.id, write=True, kind="meeting")

    def sign_in(self, path: str | None = None) -> None:
        row = self.selected_meeting()
        if row is None:
            QMessageBox.information(self, "签到表", "请先选中一项会议。")
            return
        path = path or save_path(self, "保存签到表", f"{row.meeting_date.isoformat()}{row.type_name}签到表.pdf", "pdf")
        if path:
            self.runner.submit(jobs.print_paper, row.id, "signin", path, progress_title="正在生成签到表…",
                               on_done=lambda out: QMessageBox.information(self, "已生成", f"已保存到：\n{out}"))
