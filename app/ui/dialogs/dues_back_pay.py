"""补交计算: a member whose base was wrong since some month — what is owed, month by month."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.domain import dues
from app.ui.dialogs.dues_forms import _month_edit, month_of_edit
from app.ui.pages.base import make_table
from app.ui.table_model import Column, RowTableModel


class BackPayDialog(QDialog):
    def __init__(self, row, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.setWindowTitle(f"补交计算 — {row.name}")
        self.resize(520, 520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.wrong = QLineEdit(f"{row.base:.2f}")
        self.right = QLineEdit()
        self.right.setPlaceholderText("应按的计算基数（元/月）")
        self.first = _month_edit(year * 12)
        self.last = _month_edit(year * 12 + 11)
        for label, widget in (("原计算基数", self.wrong), ("正确计算基数", self.right), ("起始月份", self.first),
                              ("结束月份", self.last)):
            form.addRow(label, widget)
        layout.addLayout(form)
        layout.addWidget(QLabel(f"类别：{row.category}（{dues.BASIS.get(row.category, '')}）"))
        self.model = RowTableModel([
            Column("月份", lambda ln: dues.month_text(ln.month), 90),
            Column("已按", lambda ln: ln.paid_at, 100, True), Column("应按", lambda ln: ln.should_be, 100, True),
            Column("差额", lambda ln: ln.difference, 100, True),
        ])
        layout.addWidget(make_table(self.model, sort=False), 1)
        self.total = QLabel("")
        self.total.setObjectName("totals")
        layout.addWidget(self.total)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for edit in (self.wrong, self.right):
            edit.textChanged.connect(lambda _t: self.compute())
        self.first.dateChanged.connect(lambda _d: self.compute())
        self.last.dateChanged.connect(lambda _d: self.compute())

    def compute(self) -> None:
        try:
            wrong, right = Decimal(self.wrong.text().replace(",", "")), Decimal(self.right.text().replace(",", ""))
            lines = dues.back_pay(self.row.category, wrong, right,
                                  list(range(month_of_edit(self.first), month_of_edit(self.last) + 1)))
        except (InvalidOperation, ValueError) as exc:
            self.model.reset([])
            self.total.setText(str(exc) if isinstance(exc, ValueError) and str(exc) else "请填写两个计算基数")
            return
        self.model.reset(lines)
        owed = sum((ln.difference for ln in lines), Decimal("0.00"))
        self.total.setText(f"共 {len(lines)} 个月，{'应补交' if owed >= 0 else '多交'} {abs(owed):,.2f} 元"
                           "　（补交一次最多补前6个月，更早的由支部研究处理）")
