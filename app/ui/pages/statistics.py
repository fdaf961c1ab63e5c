"""统计报表 page: one period and organisation chosen in the header, shown by each tab.

Tabs are listed in ``TABS``; each is a QWidget taking the page, with ``show_selection(sel)``
called when the selection changes while it is shown (or when it is first shown after a change).
The first tab, 统计数字, lists every figure with how it is counted; a double click on a member
figure lists the people behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import (
    QComboBox, QDialog, QLabel, QMessageBox, QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from app.ui.pages.base import Page, make_table, row_of
from app.ui.pages.statistics_tables import PartyTablesTab, SummaryTab
from app.ui.table_model import RowTableModel, col

PERIODS = [("全年", None, None)] + [(f"第{q}季度", q, None) for q in range(1, 5)] + [
    (f"{m}月", None, m) for m in range(1, 13)]


@dataclass(frozen=True)
class Selection:
    """What the header shows: a year, at most one of quarter and month, an organisation (None: all)."""

    year: int
    quarter: int | None
    month: int | None
    org: str | None


def _choices(s):
    from app.services.views.organisations import org_choices
    from app.services.views.statistics import available_years

    return available_years(s), [(c.id, c.name, c.depth) for c in org_choices(s)]


def _figures(s, sel: Selection):
    from app.services.stats_figures import Period, figure_lines, period_figures

    f = period_figures(s, Period.of(sel.year, quarter=sel.quarter, month=sel.month), org=sel.org)
    return f.period, f.org_name, figure_lines(f)


def _people(s, ids):
    from app.services.stats_figures import people_lines

    return people_lines(s, ids)


class PeopleDialog(QDialog):
    def __init__(self, title: str, rows, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(640, 480)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"共 {len(rows)} 人"))
        self.model = RowTableModel([col("姓名", "name", 80), col("所在组织", "org_name", 200), col("性别", "gender", 44),
                                    col("出生日期", "birth_date", 90), col("类别", "category", 80), col("联系电话", "phone", 110)])
        self.model.reset(rows)
        layout.addWidget(make_table(self.model), 1)


class FiguresTab(QWidget):
    """统计数字: every figure of the period, each with how it is counted."""

    def __init__(self, page: "StatisticsPage") -> None:
        super().__init__()
        self.page, self.runner = page, page.runner
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.people_button = QPushButton("查看名单…")
        self.model = RowTableModel([col("分组", "group", 90), col("项目", "label", 200),
                                    col("数值", "value", 110, right=True), col("怎么算", "how", 560)])
        self.table = make_table(self.model, sort=False)
        layout.addWidget(self.table, 1)
        self.table.doubleClicked.connect(lambda i: self.show_people(row_of(self.table, i)))
        self.people_button.clicked.connect(self._people_selected)

    def show_selection(self, sel: Selection) -> None:
        self.runner.submit(_figures, sel, on_done=self._show)

    def _show(self, data) -> None:
        period, org_name, lines = data
        self.model.reset(lines)
        self.note.setText(f"{org_name}　{period.label}（{period.start} 至 {period.end}）：人数按期末计算，变动按期内日期计算；"
                          "双击带人数的项目可查看名单。")

    def _people_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.show_people(row_of(self.table, index))

    def show_people(self, line) -> None:
        if not line.people:
            QMessageBox.information(self, "查看名单", f"“{line.label}”不是按人统计的项目，或人数为 0。")
            return
        self.runner.submit(_people, list(line.people), on_done=lambda rows: self._open(line, rows))

    def _open(self, line, rows) -> None:
        self._dialog = PeopleDialog(f"{line.label}：{line.value} 人", rows, self)
        self._dialog.open()


TABS: list[tuple[str, type]] = [("统计数字", FiguresTab)]
TABS += [("党内统计", PartyTablesTab), ("工作总结数据", SummaryTab)]


class StatisticsPage(Page):
    title = "统计报表"
    kinds = ()

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.year, self.period, self.org = QComboBox(), QComboBox(), QComboBox()
        for label, q, m in PERIODS:
            self.period.addItem(label, (q, m))
        self.org.setMinimumWidth(200)
        for w in (QLabel("年度"), self.year, QLabel("期间"), self.period, QLabel("组织"), self.org):
            self.header.addWidget(w)
        self.tabs = QTabWidget()
        for label, factory in TABS:
            self.tabs.addTab(factory(self), label)
        self.figures = self.tabs.widget(0)
        self.header.addWidget(self.figures.people_button)
        self.layout_.addWidget(self.tabs, 1)
        self._shown: dict[int, Selection] = {}
        for box in (self.year, self.period, self.org):
            box.currentIndexChanged.connect(lambda _i: self.load())
        self.tabs.currentChanged.connect(lambda _i: self.load())

    # the first tab's parts, as the tests and the screenshot know them
    @property
    def model(self):
        return self.figures.model

    @property
    def table(self):
        return self.figures.table

    @property
    def note(self):
        return self.figures.note

    def refresh(self) -> None:
        self._shown.clear()
        self.runner.submit(_choices, on_done=self._choices)

    def _choices(self, data) -> None:
        years, orgs = data
        for box in (self.year, self.org):
            box.blockSignals(True)
        current = self.year.currentData() or date.today().year
        self.year.clear()
        for y in years or [date.today().year]:
            self.year.addItem(f"{y}年", y)
        self.year.setCurrentIndex(max(self.year.findData(current), 0))
        chosen = self.org.currentData()
        self.org.clear()
        for n, (org_id, name, depth) in enumerate(orgs):
            self.org.addItem("　" * depth + name, None if n == 0 else name)  # the top one: everything
        self.org.setCurrentIndex(max(self.org.findData(chosen), 0))
        for box in (self.year, self.org):
            box.blockSignals(False)
        self.load()

    def selection(self) -> Selection | None:
        if not self.year.currentData():
            return None
        q, m = self.period.currentData()
        return Selection(self.year.currentData(), q, m, self.org.currentData())

    def load(self) -> None:
        sel = self.selection()
        index = self.tabs.currentIndex()
        if sel is not None and self._shown.get(index) != sel:
            self._shown[index] = sel
            self.tabs.widget(index).show_selection(sel)

    # kept for callers of the single-table page
    def _people_selected(self) -> None:
        self.figures._people_selected()

    def show_people(self, line) -> None:
        self.figures.show_people(line)

    @property
    def _dialog(self):
        return self.figures._dialog
