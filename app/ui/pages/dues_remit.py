"""党费 page, 上缴 tab: remittances to the higher 党委 and collected against remitted by quarter."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.ui.dialogs.dues_forms import RemittanceDialog
from app.ui.pages.base import make_table, row_of
from app.ui.table_model import Column, RowTableModel, col, money as _money


def _load(s, year):
    from app.services.dues_remit import balance, remittances

    return remittances(s, year), balance(s, year)


def _record(s, values):
    from app.services.dues_remit import record_remittance

    return record_remittance(s, **values).id


def _delete(s, remittance_id):
    from app.services.dues_remit import delete_remittance

    delete_remittance(s, remittance_id)


class RemittanceTab(QWidget):
    def __init__(self, runner, parent=None) -> None:
        super().__init__(parent)
        self.runner = runner
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.year = QComboBox()
        today = date.today()
        for y in range(today.year, today.year - 6, -1):
            self.year.addItem(f"{y}年", y)
        self.add = QPushButton("登记上缴…")
        self.remove = QPushButton("删除")
        for w in (QLabel("年度"), self.year, self.add, self.remove):
            bar.addWidget(w)
        bar.addStretch(1)
        layout.addLayout(bar)
        layout.addWidget(QLabel("收缴与上缴对照（实收按收款日期计入季度；上缴按所属期间计入季度）"))
        self.balance = RowTableModel([
            Column("季度", lambda q: f"第{q.quarter}季度", 80), col("实收", "received", 110, right=True, format=_money),
            col("已上缴", "remitted", 110, right=True, format=_money),
            Column("未上缴", lambda q: q.outstanding, 110, True, _money,
                   color=lambda q: "#B00000" if q.outstanding > 0 else None),
            col("收到大额", "large_received", 110, right=True, format=_money),
            col("上缴大额", "large_remitted", 110, right=True, format=_money),
        ])
        table = make_table(self.balance, sort=False)
        table.setMaximumHeight(170)
        layout.addWidget(table)
        layout.addWidget(QLabel("上缴记录"))
        self.model = RowTableModel([
            col("上缴日期", "remitted_on", 96), col("所属期间", "period", 170),
            col("金额", "amount", 100, right=True, format=_money),
            col("其中大额", "large_amount", 100, right=True, format=_money),
            col("接收党组织", "receiver", 160), col("回执编号", "receipt_no", 120), col("备注", "notes", 200, stretch=True),
        ])
        self.table = make_table(self.model, empty="这一年还没有上缴记录。每季度收缴后，点“登记上缴”记下上缴金额和回执编号。")
        layout.addWidget(self.table, 1)
        self.year.currentIndexChanged.connect(lambda _i: self.reload())
        self.add.clicked.connect(self.add_remittance)
        self.remove.clicked.connect(self.delete_selected)

    def reload(self) -> None:
        self.runner.submit(_load, self.year.currentData(), on_done=self._show)

    def _show(self, loaded) -> None:
        rows, quarters = loaded
        self.model.reset(rows)
        self.balance.reset(quarters)

    def add_remittance(self) -> None:
        year = self.year.currentData()
        due = next((q for q in self.balance.rows if q.outstanding > 0), None)
        quarter = due.quarter if due else (date.today().month - 1) // 3 + 1
        first = year * 12 + 3 * (quarter - 1)
        dialog = RemittanceDialog(first, first + 2, due.outstanding if due else None,
                                  due.large_received - due.large_remitted if due else None, self)
        self._dialog = dialog

        def submit() -> None:
            dialog.error.setText("")
            self.runner.submit(_record, dialog.values(), write=True, kind="dues",
                               on_done=lambda _id: (dialog.accept(), self.reload()), on_error=dialog.show_error)

        dialog.buttons.accepted.connect(submit)
        dialog.open()

    def delete_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row = row_of(self.table, index)
        if QMessageBox.question(self, "删除上缴记录", f"删除 {row.remitted_on} 上缴的 {_money(row.amount)} 元？"
                                "\n删除记入操作日志。") == QMessageBox.Yes:
            self.runner.submit(_delete, row.id, write=True, kind="dues", on_done=lambda _r: self.reload())
