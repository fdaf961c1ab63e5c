"""节假日安排: the years the working-day table covers, and a new year pasted from the 国务院办公厅 notice."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSpinBox

from app.ui.dialogs.dues_forms import _Form


def _years(s):
    from app.services.holidays import holiday_years

    return holiday_years(s)


def _add(s, year, text):
    from app.services.holidays import add_year

    return add_year(s, year, text)


class HolidayDialog(_Form):
    """Shows the covered years; a year's lines (日期 休/班 名称) replace what the table had for it."""

    def __init__(self, runner, parent=None) -> None:
        super().__init__("节假日与调休安排", parent)
        self.runner = runner
        self.setMinimumWidth(520)
        self.covered = QLabel("")
        self.covered.setWordWrap(True)
        self.form.addRow(self.covered)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year + 1)
        self.form.addRow("年份", self.year)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("每行一天：日期 休/班 名称\n2027-01-01 休 元旦\n2027-02-07 班 春节")
        self.text.setMinimumHeight(220)
        self.form.addRow("放假安排", self.text)
        self.buttons.accepted.connect(self.save)
        runner.submit(_years, on_done=self._show_years)

    def _show_years(self, years) -> None:
        shown = "、".join(f"{y.year}" for y in years[-6:])
        nxt = years[-1].year + 1 if years else date.today().year
        self.covered.setText(f"已有节假日安排的年份：{shown}（共 {len(years)} 年）。{nxt}年起的工作日暂按周末推算，"
                             "发展党员公示期等结果标“暂算”。国务院办公厅发布通知后，在下面登记。")

    def save(self) -> None:
        self.error.setText("")
        self.runner.submit(_add, self.year.value(), self.text.toPlainText(), write=True, kind="settings",
                           on_done=lambda _y: self.accept(), on_error=self.show_error)
