"""按月核定 for a 年薪制 member: the pay actually received each month, and what it owes (组电明字〔2017〕5号)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from app.domain import dues
from app.ui.dialogs.dues_forms import _Form


def _preview(text: str) -> str:
    """月缴 for a typed base as the rule gives it (the saved amount is computed again by the service)."""
    text = text.replace(",", "").replace("，", "").replace("元", "").strip()
    if not text:
        return "按全年基数"
    try:
        amount = dues.assessed_monthly("年薪制", Decimal(text))
    except (InvalidOperation, ValueError):
        return "不是金额"
    return f"月缴 {amount:,.2f} 元"


class MonthBasesDialog(_Form):
    """Twelve bases, blank where the month takes the year's base; each month's amount shown as it is typed."""

    def __init__(self, name: str, year: int, year_base: Decimal, bases: dict[int, Decimal],
                 parent: QWidget | None = None) -> None:
        super().__init__(f"{name} {year}年 按月核定（年薪制）", parent)
        self.form.addRow(QLabel(
            f"年薪制党员以当月实际领取的薪酬为基数计算党费（组电明字〔2017〕5号），月缴一般不超过1000元。\n"
            f"空白的月份按全年基数 {year_base:,.2f} 元计算。"))
        grid = QGridLayout()
        self.edits: dict[int, QLineEdit] = {}
        self.previews: dict[int, QLabel] = {}
        for month in range(1, 13):
            edit = QLineEdit(f"{bases[month]:.2f}" if month in bases else "")
            edit.setPlaceholderText("当月实发薪酬")
            edit.setObjectName(f"base{month}")
            preview = QLabel(_preview(edit.text()))
            edit.textChanged.connect(lambda text, p=preview: p.setText(_preview(text)))
            r, c = (month - 1) % 6, (month - 1) // 6 * 3
            grid.addWidget(QLabel(f"{month}月"), r, c)
            grid.addWidget(edit, r, c + 1)
            grid.addWidget(preview, r, c + 2)
            self.edits[month], self.previews[month] = edit, preview
        self.form.addRow(grid)
        self.setMinimumWidth(640)

    def values(self) -> dict[int, str]:
        return {month: edit.text().strip() for month, edit in self.edits.items()}
