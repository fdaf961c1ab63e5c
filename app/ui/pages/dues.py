"""党费 page: 本月收缴 (the month's collection) and 年度台账 (the year's assessments and payments)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QSpinBox, QTabWidget, QVBoxLayout, QWidget,
)

from app.domain.errors import ValidationError
from app.ui.dialogs.dues_forms import AssessDialog, PaymentDialog
from app.ui.pages.base import Page, make_table, row_of
from app.ui.pages.dues_remit import RemittanceTab
from app.ui.table_model import Column, RowTableModel, col

STATUS_COLOURS = {"未交": "#B00000", "免交": "#777777"}


def _money(v) -> str:
    return f"{v:,.2f}" if v is not None else ""


def _month_cell(i: int):
    """1–12月实缴: “—” where nothing was owed, blank where it is unpaid."""
    return lambda r: "—" if r.months[i] is None else (_money(r.months[i]) if r.months[i] else "")


def _month_key(i: int):
    return lambda r: r.months[i] if r.months[i] is not None else -1


def _arrears_colour(months: int):
    return "#B00000" if months >= 6 else "#B36B00" if months >= 3 else None


# -- worker-thread functions -------------------------------------------------------

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


def _undo(s, payment_id):
    from app.services.dues_collect import delete_payment

    delete_payment(s, payment_id)


def _year(s, year):
    from app.services.dues_ledger import build_ledger

    return build_ledger(s, year, with_unassessed=True)


def _years(s):
    from app.services.views.dues import available_years

    return available_years(s)


def _export(s, year, fmt, path):
    from app.io.dues_pdf import write_dues_pdf
    from app.io.dues_xlsx import write_dues_xlsx
    from app.services.dues_ledger import build_ledger

    ledger = build_ledger(s, year)
    return str((write_dues_xlsx if fmt == "xlsx" else write_dues_pdf)(ledger, path))


def _plan_dues(s, path, year):
    from app.io.dues_sheet import parse_dues_sheet
    from app.io.excel_read import read_sheet
    from app.services.dues_import import plan_dues_import

    parsed = parse_dues_sheet(read_sheet(path))
    plan = plan_dues_import(s, parsed.rows, parsed.year or year)
    return plan, sorted(parsed.errors + plan.errors, key=lambda e: e.row)


def _apply_dues(s, plan):
    from app.services.dues_import import apply_dues_import

    return apply_dues_import(s, plan)


def _carry(s, year):
    from app.services.dues_assess import carry_forward

    return carry_forward(s, year)


def _save_assessment(s, member_id, year, old, values):
    from app.services.dues_assess import assess, set_override, set_reduction

    a = assess(s, member_id, year, values["category"], values["base"])
    changed = old is None or values["reduction"] != old.reduction or (
        values["reduction"] == "少交" and values["reduced"] not in (None, f"{old.monthly:.2f}"))
    if changed or values["body"].strip() or values["reference"].strip():
        set_reduction(s, a.id, values["reduction"], amount=values["reduced"], body=values["body"],
                      reference=values["reference"])
    if values["override"] is not None or (old is not None and old.override_reason and not values["reason"]):
        set_override(s, a.id, values["override"], values["reason"])
    return a.id


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
        for w in (QLabel("收缴月份"), self.year, self.month, self.mark_all, self.pay, self.undo):
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
            col("交纳金额", "paid_amount", 80, right=True, format=_money), col("方式", "method", 52),
            col("代交人", "payer_name", 70), col("收据号", "receipt_no", 112), col("交纳日期", "paid_on", 92),
            col("党费交至", "paid_until", 76),
            col("连续欠缴", "arrears", 70, right=True, format=lambda n: f"{n}个月" if n else "",
                color=lambda r: _arrears_colour(r.arrears)),
        ])
        self.table = make_table(self.model, empty="这个月没有应交党费的党员：请先在“年度台账”中核定本年度党费。")
        layout.addWidget(self.table, 1)
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.month.currentIndexChanged.connect(lambda _i: self.reload())
        self.mark_all.clicked.connect(self.mark_all_paid)
        self.pay.clicked.connect(self.record_selected)
        self.undo.clicked.connect(self.undo_selected)
        self.table.doubleClicked.connect(lambda _i: self.record_selected())
        QShortcut(QKeySequence(Qt.Key_Return), self.table, self.record_selected, context=Qt.WidgetShortcut)
        QShortcut(QKeySequence(Qt.Key_Delete), self.table, self.undo_selected, context=Qt.WidgetShortcut)

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


class LedgerTab(QWidget):
    """年度台账: each member's assessment, what was paid and the months owed; assess from here."""

    def __init__(self, runner, parent=None) -> None:
        super().__init__(parent)
        self.runner = runner
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.year = QComboBox()
        self.assess = QPushButton("核定/调整…")
        self.carry = QPushButton("沿用上年核定")
        self.export_xlsx = QPushButton("导出台账 Excel…")
        self.export_pdf = QPushButton("打印台账 PDF…")
        self.import_button = QPushButton("导入历史台账…")
        self.back_pay = QPushButton("补交计算…")
        for w in (QLabel("年度"), self.year, self.assess, self.carry, self.back_pay, self.export_xlsx, self.export_pdf,
                  self.import_button):
            bar.addWidget(w)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.totals = QLabel("")
        self.totals.setObjectName("totals")
        layout.addWidget(self.totals)
        month_columns = [Column(f"{m}月", _month_cell(m - 1), 62, True, sort_key=_month_key(m - 1))
                         for m in range(1, 13)]
        self.model = RowTableModel([
            col("姓名", "name", 72), col("所在支部", "org_name", 140),
            Column("类别", lambda r: r.category, 56, color=lambda r: "#B00000" if r.category == "未核定" else None),
            col("计算基数", "base", 84, right=True, format=_money),
            Column("比例", lambda r: f"{(r.rate * 100).normalize():f}%" if r.rate else "定额", 48, True,
                   sort_key=lambda r: r.rate),
            col("月应缴", "monthly", 64, right=True, format=_money), *month_columns,
            col("全年应缴", "annual_due", 80, right=True, format=_money),
            col("全年实缴", "annual_paid", 80, right=True, format=_money),
            col("欠缴", "owed", 72, right=True, format=lambda v: _money(v) if v else "",
                color=lambda r: "#B00000" if r.owed else None),
            col("备注", "notes", 200),
        ])
        self.table = make_table(self.model, empty="这一年还没有核定党费。点“沿用上年核定”或逐人“核定”。")
        layout.addWidget(self.table, 1)
        self.year.currentIndexChanged.connect(lambda _i: self.reload())
        self.assess.clicked.connect(self.assess_selected)
        self.carry.clicked.connect(self.carry_forward)
        self.table.doubleClicked.connect(lambda _i: self.assess_selected())
        self.export_xlsx.clicked.connect(lambda: self.export("xlsx"))
        self.export_pdf.clicked.connect(lambda: self.export("pdf"))
        self.import_button.clicked.connect(lambda: self.import_history())
        self.back_pay.clicked.connect(self.open_back_pay)
        self.ledger = None

    def import_history(self, path: str | None = None) -> None:
        """An old 党费台账 (.xlsx/.xls): checked first, shown, then written all or nothing."""
        if path is None:
            from PySide6.QtWidgets import QFileDialog

            path, _ = QFileDialog.getOpenFileName(self, "选择党费台账", "", "Excel 文件 (*.xlsx *.xls)")
            if not path:
                return
        self.runner.submit(_plan_dues, path, self.year.currentData(), on_done=self._preview)

    def _preview(self, result) -> None:
        plan, errors = result
        if errors:
            shown = "\n".join(str(e) for e in errors[:30]) + (f"\n……共 {len(errors)} 处" if len(errors) > 30 else "")
            QMessageBox.warning(self, "党费台账有错误", f"未导入任何数据。请改正后重新导入：\n\n{shown}")
            return
        text = plan.summary() + ("\n\n" + "\n".join(plan.warnings[:20]) if plan.warnings else "")
        if not plan.new:
            QMessageBox.information(self, "导入党费台账", "没有需要导入的变化：" + text)
            return
        if QMessageBox.question(self, "导入党费台账", text + "\n\n确认导入？（导入前自动备份）") == QMessageBox.Yes:
            runner = self.runner

            def backup_then_apply(session, plan):
                from app.services import maintenance

                if runner.database.is_sqlite:
                    db = runner.database
                    maintenance.backup(db, maintenance.automatic_backup_path(db, "before-import"))
                return _apply_dues(session, plan)

            runner.submit(backup_then_apply, plan, write=True, kind="dues", on_done=lambda _n: self.refresh())

    def open_back_pay(self) -> None:
        from app.ui.dialogs.dues_back_pay import BackPayDialog

        index = self.table.currentIndex()
        row = row_of(self.table, index) if index.isValid() else None
        if row is None or row.category == "未核定":
            QMessageBox.information(self, "补交计算", "请先在台账中选中一名已核定的党员。")
            return
        self._dialog = BackPayDialog(row, self.year.currentData(), self)
        self._dialog.open()

    def export(self, fmt: str, path: str | None = None) -> None:
        """Write the shown year's 台账 (without the unassessed rows) to a file the clerk picks."""
        year = self.year.currentData()
        if not year:
            return
        if path is None:
            from PySide6.QtWidgets import QFileDialog

            suffix = "Excel 工作簿 (*.xlsx)" if fmt == "xlsx" else "PDF 文件 (*.pdf)"
            path, _ = QFileDialog.getSaveFileName(self, "保存党费台账", f"{year}年党费收缴台账.{fmt}", suffix)
            if not path:
                return
        if not path.lower().endswith("." + fmt):
            path += "." + fmt
        self.runner.submit(_export, year, fmt, path, progress_title="正在导出党费台账…",
                           on_done=lambda out: QMessageBox.information(self, "导出完成", f"已保存到：\n{out}"))

    def refresh(self) -> None:
        self.runner.submit(_years, on_done=self._years)

    def _years(self, years) -> None:
        current = self.year.currentData() or date.today().year
        self.year.blockSignals(True)
        self.year.clear()
        for y in sorted(set(years) | {date.today().year + 1 if date.today().month == 12 else date.today().year},
                        reverse=True):
            self.year.addItem(f"{y}年", y)
        self.year.setCurrentIndex(max(self.year.findData(current), 0))
        self.year.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        if self.year.currentData():
            self.runner.submit(_year, self.year.currentData(), on_done=self._show)

    def _show(self, ledger) -> None:
        self.ledger = ledger
        self.model.reset(ledger.rows)
        waiting = sum(1 for r in ledger.rows if r.category == "未核定")
        behind = sum(1 for r in ledger.rows if r.owed)
        self.totals.setText(f"{ledger.year}年：应缴 {_money(ledger.total('annual_due'))} 元，"
                            f"实缴 {_money(ledger.total('annual_paid'))} 元，欠缴 {_money(ledger.total('owed'))} 元（{behind} 人）"
                            + (f"；未核定 {waiting} 人" if waiting else "") + "　（中组发〔2008〕3号）")

    def assess_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row = row_of(self.table, index)
        year = self.year.currentData()
        old = row if row.assessment_id is not None else None
        dialog = AssessDialog(row.name, year, old, self)
        self._dialog = dialog

        def submit() -> None:
            dialog.error.setText("")
            try:
                values = dialog.values()
            except ValidationError as exc:
                dialog.show_error(exc)
                return
            self.runner.submit(_save_assessment, row.member_id, year, old, values, write=True, kind="dues",
                               on_done=lambda _id: (dialog.accept(), self.reload()), on_error=dialog.show_error)

        dialog.buttons.accepted.connect(submit)
        dialog.open()

    def carry_forward(self) -> None:
        year = self.year.currentData()
        if QMessageBox.question(self, "沿用上年核定", f"为尚未核定{year}年党费的在册党员沿用{year - 1}年的类别和基数，"
                                "按现行比例重新计算月缴金额？\n少交、免交须重新报批，不沿用。") != QMessageBox.Yes:
            return

        def done(counts) -> None:
            QMessageBox.information(self, "沿用上年核定", "，".join(f"{k} {v} 人" for k, v in counts.items()))
            self.reload()

        self.runner.submit(_carry, year, write=True, kind="dues", on_done=done)


class DuesPage(Page):
    title = "党费"
    kinds = ("dues", "member")

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.tabs = QTabWidget()
        self.collection = CollectionTab(runner)
        self.ledger = LedgerTab(runner)
        self.tabs.addTab(self.collection, "本月收缴")
        self.tabs.addTab(self.ledger, "年度台账")
        self.remittance = RemittanceTab(runner)
        self.tabs.addTab(self.remittance, "上缴")
        self.layout_.addWidget(self.tabs, 1)

    def refresh(self) -> None:
        self.collection.reload()
        self.ledger.refresh()
        self.remittance.reload()
