"""Pages that are, for now, year-filtered lists: 发展党员, 志愿服务, 统计报表 (三会一课 has its own, pages.meetings)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QTabWidget

from app.ui.pages.base import Page, make_table
from app.ui.table_model import Column, RowTableModel, col


class YearPage(Page):
    """A page with a year selector in its header."""

    years_fn = None  # (session) -> list[int]

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.year = QComboBox()
        self.year.setMinimumWidth(90)
        self.header.addWidget(QLabel("年度"))
        self.header.addWidget(self.year)
        self.year.currentIndexChanged.connect(lambda _i: self.load_year())

    def refresh(self) -> None:
        fn = type(self).years_fn
        self.runner.submit(lambda s: fn(s), on_done=self._years)

    def _years(self, years) -> None:
        current = self.year.currentData() or date.today().year
        self.year.blockSignals(True)
        self.year.clear()
        for y in years or [date.today().year]:
            self.year.addItem(f"{y}年", y)
        self.year.setCurrentIndex(max(self.year.findData(current), 0))
        self.year.blockSignals(False)
        self.load_year()

    def load_year(self) -> None:
        """Load the selected year."""




def _stat_years(s):
    from app.services.views.statistics import available_years

    return available_years(s)


def _stats(s, year):
    from app.services.views.statistics import year_statistics

    return year_statistics(s, year)


class StatisticsPage(YearPage):
    title = "统计报表"
    kinds = ()
    years_fn = staticmethod(_stat_years)

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.note = QLabel("")
        self.layout_.addWidget(self.note)
        self.model = RowTableModel([col("分组", "group", 90), col("项目", "label", 200),
                                    col("数值", "value", 110, right=True), col("怎么算", "how", 520)])
        self.layout_.addWidget(make_table(self.model, sort=False), 1)

    def load_year(self) -> None:
        if self.year.currentData():
            self.runner.submit(_stats, self.year.currentData(), on_done=self._show)

    def _show(self, stats) -> None:
        self.model.reset(stats.lines)
        self.note.setText(f"{stats.year}年，人数按 {stats.count_date.isoformat()} 计算")
