"""统计报表 page: one period and organisation chosen in the header, shown by each tab.

Tabs are listed in ``TABS``; each is a QWidget taking the page, with ``show_selection(sel)``
called when the selection changes while it is shown (or when it is first shown after a change).
The first tab, 统计数字, lists every figure with how it is counted; a double click on a member
figure lists the people behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QLabel, QMenu, QMessageBox, QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from app.ui.pages.base import Page, make_table, row_of
from app.ui.pages.statistics_charts import ChartsTab
from app.ui.pages.statistics_tables import PartyTablesTab, SummaryTab
from app.ui.table_model import RowTableModel, col

CUSTOM = "custom"
PERIODS = [("全年", None, None)] + [(f"第{q}季度", q, None) for q in range(1, 5)] + [
    (f"{m}月", None, m) for m in range(1, 13)] + [("自定义期间", CUSTOM, None)]


@dataclass(frozen=True)
class Selection:
    """What the header shows: a year, at most one of quarter and month, an organisation (None: all)."""

    year: int
    quarter: int | None
    month: int | None
    org: str | None
    start: date | None = None  # 自定义: any dates (year, quarter and month then unused)
    end: date | None = None

    def period(self):
        from app.services.stats_figures import Period

        if self.start is not None and self.end is not None:
            return Period.between(self.start, self.end)
        return Period.of(self.year, quarter=self.quarter, month=self.month)

    @property
    def label(self) -> str:
        if self.start is not None and self.end is not None:
            return f"{self.start.isoformat()}至{self.end.isoformat()}"
        return f"{self.year}年" + (f"第{self.quarter}季度" if self.quarter else f"{self.month}月" if self.month else "")


def _choices(s):
    from app.services.views.organisations import org_choices
    from app.services.views.statistics import available_years

    return available_years(s), [(c.id, c.name, c.depth) for c in org_choices(s)]


def _figures(s, sel: Selection):
    from app.services.stats_figures import figure_lines, period_figures

    f = period_figures(s, sel.period(), org=sel.org)
    return f.period, f.org_name, figure_lines(f)


def _people(s, sel: Selection, key: str):
    from app.services.stats_figures import people_behind, people_lines

    return people_lines(s, people_behind(s, sel.period(), sel.org, key))


def _behind(s, sel: Selection, key: str):
    from app.services.stats_drill import behind

    return behind(s, sel.period(), sel.org, key)


class RecordsDialog(QDialog):
    """The meetings, cases, money or activities behind a figure."""

    def __init__(self, found, parent=None) -> None:
        from app.ui.table_model import Column

        super().__init__(parent)
        self.setWindowTitle(found.title)
        self.resize(820, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(found.title))
        self.model = RowTableModel([Column(h, (lambda r, i=i: r[i]), 110) for i, h in enumerate(found.headers)])
        self.model.reset(found.rows)
        layout.addWidget(make_table(self.model), 1)


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
        self.sel = sel
        self.runner.submit(_figures, sel, on_done=self._show)

    def _show(self, data) -> None:
        period, org_name, lines = data
        self.model.reset(lines)
        self.note.setText(f"{org_name}　{period.label}（{period.start} 至 {period.end}）：人数按期末计算，变动按期内日期计算；"
                          "双击项目可查看其中的人员或记录。")

    def _people_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.show_people(row_of(self.table, index))

    def show_people(self, line) -> None:
        from app.services.stats_drill import can_open

        sel = getattr(self, "sel", None)
        if not line.lists_people and can_open(line.key) and sel is not None:
            self.runner.submit(_behind, sel, line.key, on_done=self._open_records)
            return
        if not line.lists_people or sel is None:
            QMessageBox.information(self, "查看名单", f"“{line.label}”没有可列出的名单，或人数为 0。")
            return
        self.runner.submit(_people, sel, line.key, on_done=lambda rows: self._open(line, rows))

    def _open_records(self, found) -> None:
        self._dialog = RecordsDialog(found, self)
        self._dialog.open()

    def _open(self, line, rows) -> None:
        self._dialog = PeopleDialog(f"{line.label}：{line.value} 人", rows, self)
        self._dialog.open()


TABS: list[tuple[str, type]] = [("统计数字", FiguresTab)]
TABS.append(("图表", ChartsTab))
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
        self.start, self.end = QDateEdit(), QDateEdit()
        self.to_label = QLabel("至")
        today = QDate.currentDate()
        for edit, day in ((self.start, QDate(today.year(), 1, 1)), (self.end, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(day)
            edit.setVisible(False)
        self.to_label.setVisible(False)
        for w in (QLabel("年度"), self.year, QLabel("期间"), self.period, self.start, self.to_label, self.end,
                  QLabel("组织"), self.org):
            self.header.addWidget(w)
        self.tabs = QTabWidget()
        for label, factory in TABS:
            self.tabs.addTab(factory(self), label)
        self.figures = self.tabs.widget(0)
        self.header.addWidget(self.figures.people_button)
        self.export_button = QPushButton("导出与汇总")
        menu = QMenu(self.export_button)
        menu.addAction("季度工作簿（报上级）…", self.export_workbook)
        menu.addAction("按上级模板填表…", self.fill_template)
        menu.addSeparator()
        menu.addAction("汇总各支部的季度工作簿…", self.consolidate)
        self.export_button.setMenu(menu)
        self.header.addWidget(self.export_button)
        self.layout_.addWidget(self.tabs, 1)
        self._shown: dict[int, Selection] = {}
        for box in (self.year, self.period, self.org):
            box.currentIndexChanged.connect(lambda _i: self.load())
        for edit in (self.start, self.end):
            edit.dateChanged.connect(lambda _d: self.load())
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
        custom = q == CUSTOM
        for w in (self.start, self.to_label, self.end):
            w.setVisible(custom)
        self.year.setEnabled(not custom)
        if custom:
            start, end = self.start.date().toPython(), self.end.date().toPython()
            if end < start:
                return None
            return Selection(start.year, None, None, self.org.currentData(), start, end)
        return Selection(self.year.currentData(), q, m, self.org.currentData())

    def load(self) -> None:
        sel = self.selection()
        index = self.tabs.currentIndex()
        if sel is not None and self._shown.get(index) != sel:
            self._shown[index] = sel
            self.tabs.widget(index).show_selection(sel)

    def export_workbook(self, path: str | None = None) -> None:
        from app.ui.pages import statistics_jobs as jobs
        from app.ui.pages.meetings_common import save_path

        sel = self.selection()
        if sel is None:
            return
        path = path or save_path(self, "保存季度工作簿", f"{sel.label}工作簿.xlsx", "xlsx")
        if path:
            self.runner.submit(jobs.export_workbook, sel, path, write=True,
                               progress_title="正在导出季度工作簿…", on_done=self._exported)

    def _exported(self, result) -> None:
        path, title = result
        self.last_export = path
        QMessageBox.information(self, "导出完成", f"{title}已保存到：\n{path}\n\n其中含完整身份证号，是报送上级的工作文件，"
                                               "请妥善保管；本次导出已记入操作日志。")

    def fill_template(self) -> None:
        from app.ui.dialogs.stats_exports import TemplateDialog

        sel = self.selection()
        if sel is not None:
            self._dialog_ = TemplateDialog(self, sel)
            self._dialog_.open()

    def consolidate(self) -> None:
        from app.ui.dialogs.stats_exports import ConsolidateDialog

        top = self.org.itemText(0).strip()
        self._dialog_ = ConsolidateDialog(self, top)
        self._dialog_.open()

    # kept for callers of the single-table page
    def _people_selected(self) -> None:
        self.figures._people_selected()

    def show_people(self, line) -> None:
        self.figures.show_people(line)

    @property
    def _dialog(self):
        return self.figures._dialog
