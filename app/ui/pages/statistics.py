"""统计报表 page: the figures of a year, quarter or month for an organisation, each saying how it is counted;
a double click on a member figure lists the people behind it."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QMessageBox, QPushButton, QVBoxLayout

from app.ui.pages.base import Page, make_table, row_of
from app.ui.table_model import RowTableModel, col

PERIODS = [("全年", None, None)] + [(f"第{q}季度", q, None) for q in range(1, 5)] + [
    (f"{m}月", None, m) for m in range(1, 13)]


def _choices(s):
    from app.services.views.organisations import org_choices
    from app.services.views.statistics import available_years

    return available_years(s), [(c.id, c.name, c.depth) for c in org_choices(s)]


def _figures(s, year, quarter, month, org):
    from app.services.stats_figures import Period, figure_lines, period_figures

    f = period_figures(s, Period.of(year, quarter=quarter, month=month), org=org)
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
        self.people_button = QPushButton("查看名单…")
        self.header.addWidget(self.people_button)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.layout_.addWidget(self.note)
        self.model = RowTableModel([col("分组", "group", 90), col("项目", "label", 200),
                                    col("数值", "value", 110, right=True), col("怎么算", "how", 560)])
        self.table = make_table(self.model, sort=False)
        self.layout_.addWidget(self.table, 1)
        for box in (self.year, self.period, self.org):
            box.currentIndexChanged.connect(lambda _i: self.load())
        self.table.doubleClicked.connect(lambda i: self.show_people(row_of(self.table, i)))
        self.people_button.clicked.connect(self._people_selected)

    def refresh(self) -> None:
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

    def load(self) -> None:
        if self.year.currentData():
            q, m = self.period.currentData()
            self.runner.submit(_figures, self.year.currentData(), q, m, self.org.currentData(), on_done=self._show)

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
