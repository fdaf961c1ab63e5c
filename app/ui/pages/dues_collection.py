"""党费 page, 本月收缴 tab: everyone due this month; mark all paid at once, then record the exceptions."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QSpinBox, QVBoxLayout, QWidget

from app.ui.dialogs.dues_forms import PaymentDialog
from app.ui.pages.base import make_table, row_of
from app.ui.table_model import Column, RowTableModel, col, money as _money

STATUS_COLOURS = {"未交": "#B00000", "免交": "#777777"}


def _arrears_colour(months: int):
    return "#B00000" if months >= 6 else "#B36B00" if months >= 3 else None


def _sheet(s, year, month):
    from app.services.dues_collect import month_sheet

    return month_sheet(s, year, month)


def _mark_all(s, year, month, paid_on):
    from app.services.dues_collect import mark_all_paid

    return mark_all_paid(s, year, month, paid_on=paid_on)


def _pay(s, member_id, values):
    from app.services.dues_collect import record_payment

    v = dict(values)
    return record_payment(s, member_id, v.pop("first"), v.pop("last"), **v).id


def _receipts(s, payment_ids, path):
    from app.io.dues_notice import write_receipts
    from app.services import settings
    from app.services.dues_collect import receipts

    return str(write_receipts(receipts(s, payment_ids), path, collector=settings.get(s, "clerk.name")))


def _paid(line) -> bool:
    return line.paid


def _update(s, payment_id, values):
    from app.services.dues_collect import update_payment

    update_payment(s, payment_id, **values)


def _undo(s, payment_id):
    from app.services.dues_collect import delete_payment

    delete_payment(s, payment_id)


class CollectionTab(QWidget):
    """本月收缴: everyone due this month; mark all paid at once, then record the exceptions."""

    def __init__(self, runner, parent=None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.today = date.today  # the date “mark all paid” writes; tests fix it
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        today = date.today()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.month = QComboBox()
        for m in range(1, 13):
            self.month.addItem(f"{m}月", m)
        self.month.setCurrentIndex(today.month - 1)
        self.mark_all = QPushButton("全部标记已交")
        self.pay = QPushButton("登记交纳…")
        self.undo = QPushButton("撤销交纳")
        self.receipt = QPushButton("打印收据…")
        for w in (QLabel("收缴月份"), self.year, self.month, self.mark_all, self.pay, self.undo, self.receipt):
            bar.addWidget(w)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.totals = QLabel("")
        self.totals.setObjectName("totals")
        layout.addWidget(self.totals)
        self.model = RowTableModel([
            col("姓名", "name", 80), col("所在支部", "org_name", 150), col("类别", "category", 64),
            col("月应缴", "monthly", 76, right=True, format=_money),
            Column("状态", lambda r: r.status, 56, color=lambda r: STATUS_COLOURS.get(r.status)),
            Column("交纳金额", lambda r: r.paid_amount, 80, True, _money, edit=self._edit("amount"), editable=_paid),
            col("方式", "method", 52),
            Column("代交人", lambda r: r.payer_name, 70, edit=self._edit("payer_name"), editable=_paid),
            Column("收据号", lambda r: r.receipt_no, 112, edit=self._edit("receipt_no"), editable=_paid),
            col("交纳日期", "paid_on", 92),
            col("党费交至", "paid_until", 76),
            col("连续欠缴", "arrears", 70, right=True, format=lambda n: f"{n}个月" if n else "",
                color=lambda r: _arrears_colour(r.arrears)),
        ])
        self.table = make_table(self.model, empty="这个月没有应交党费的党员：请先在“年度台账”中核定本年度党费。")
        # the exceptions after “全部标记已交”: type over 交纳金额, 代交人 or 收据号 (F2 or any key)
        self.table.setEditTriggers(QAbstractItemView.EditKeyPressed | QAbstractItemView.AnyKeyPressed)
        layout.addWidget(self.table, 1)
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.month.currentIndexChanged.connect(lambda _i: self.reload())
        self.mark_all.clicked.connect(self.mark_all_paid)
        self.pay.clicked.connect(self.record_selected)
        self.undo.clicked.connect(self.undo_selected)
        self.receipt.clicked.connect(lambda: self.print_receipts())
        self.table.doubleClicked.connect(lambda _i: self.record_selected())
        QShortcut(QKeySequence(Qt.Key_Return), self.table, self.record_selected, context=Qt.WidgetShortcut)
        QShortcut(QKeySequence(Qt.Key_Delete), self.table, self.undo_selected, context=Qt.WidgetShortcut)

    def _edit(self, field: str):
        def save(line, text: str) -> None:
            self.runner.submit(_update, line.payment_id, {field: text}, write=True, kind="dues",
                               on_done=lambda _r: self.reload(), on_error=self._edit_failed)

        return save

    def _edit_failed(self, exc) -> None:
        QMessageBox.warning(self, "未保存", str(exc))
        self.reload()

    @property
    def period(self) -> tuple[int, int]:
        return self.year.value(), self.month.currentData()

    def reload(self) -> None:
        self.runner.submit(_sheet, *self.period, on_done=self._show)

    def _show(self, lines) -> None:
        self.model.reset(lines)
        due = [ln for ln in lines if ln.monthly > 0]
        paid = [ln for ln in due if ln.paid]
        owed = sum((ln.monthly for ln in due if not ln.paid), start=0)
        warn = sum(1 for ln in lines if ln.arrears >= 3)
        year, month = self.period
        self.totals.setText(
            f"{year}年{month}月：应交 {len(due)} 人，已交 {len(paid)} 人 {_money(sum((ln.paid_amount for ln in paid), start=0))} 元，"
            f"未交 {len(due) - len(paid)} 人 {_money(owed)} 元；连续欠缴3个月以上 {warn} 人")

    def _selected(self):
        index = self.table.currentIndex()
        return row_of(self.table, index) if index.isValid() else None

    def mark_all_paid(self) -> None:
        year, month = self.period
        unpaid = [ln for ln in self.model.rows if not ln.paid and ln.monthly > 0]
        if not unpaid:
            QMessageBox.information(self, "全部标记已交", "本月应交的党员都已登记交纳。")
            return
        answer = QMessageBox.question(
            self, "全部标记已交",
            f"把 {year}年{month}月 未登记的 {len(unpaid)} 人标记为本人交纳、金额为月应缴、日期为 {self.today()}？\n"
            "代交、补交、多交等例外，之后逐人修改。")
        if answer == QMessageBox.Yes:
            self.runner.submit(_mark_all, year, month, self.today(), write=True, kind="dues",
                               on_done=lambda _n: self.reload())

    def record_selected(self) -> None:
        line = self._selected()
        if line is None:
            return
        if line.paid:
            QMessageBox.information(self, "登记交纳", f"{line.name} 本月已于 {line.paid_on} 交纳；如需更正，请先撤销。")
            return
        year, month = self.period
        dialog = PaymentDialog(line.name, year * 12 + month - 1, line.monthly, self)
        self._dialog = dialog

        def submit() -> None:
            dialog.error.setText("")
            self.runner.submit(_pay, line.member_id, dialog.values(), write=True, kind="dues",
                               on_done=lambda _id: (dialog.accept(), self.reload()), on_error=dialog.show_error)

        dialog.buttons.accepted.connect(submit)
        dialog.open()

    def undo_selected(self) -> None:
        line = self._selected()
        if line is None or not line.paid:
            return
        if QMessageBox.question(self, "撤销交纳", f"撤销 {line.name} 于 {line.paid_on} 的这笔交纳（{_money(line.paid_amount)} 元）？"
                                "\n撤销记入操作日志。") == QMessageBox.Yes:
            self.runner.submit(_undo, line.payment_id, write=True, kind="dues", on_done=lambda _r: self.reload())

    def print_receipts(self, path: str | None = None) -> None:
        """Receipts for the selected paid rows, or for every paid row when none is selected."""
        chosen = {row_of(self.table, i).payment_id for i in self.table.selectionModel().selectedRows()}
        ids = sorted(x for x in chosen if x) or sorted({ln.payment_id for ln in self.model.rows if ln.paid})
        if not ids:
            QMessageBox.information(self, "打印收据", "本月还没有登记交纳的记录。")
            return
        if path is None:
            from PySide6.QtWidgets import QFileDialog

            year, month = self.period
            path, _ = QFileDialog.getSaveFileName(self, "保存党费收据", f"{year}年{month}月党费收据.pdf", "PDF 文件 (*.pdf)")
            if not path:
                return
        self.runner.submit(_receipts, ids, path, on_done=lambda out: QMessageBox.information(
            self, "打印收据", f"已生成 {len(ids)} 张收据：\n{out}"))
