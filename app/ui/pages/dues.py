"""党费 page: 本月收缴 (dues_collection), 年度台账 (here) and 上缴 (dues_remit)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QMenu, QMessageBox, QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from app.domain.errors import ValidationError
from app.ui.dialogs.dues_forms import AssessDialog
from app.ui.pages.base import Page, make_table, row_of
from app.ui.pages.dues_collection import CollectionTab
from app.ui.pages.dues_remit import RemittanceTab
from app.ui.table_model import Column, RowTableModel, col, money as _money


def _month_cell(i: int):
    """1–12月实缴: “—” where nothing was owed, blank where it is unpaid."""
    return lambda r: "—" if r.months[i] is None else (_money(r.months[i]) if r.months[i] else "")


def _month_key(i: int):
    return lambda r: r.months[i] if r.months[i] is not None else -1


# -- worker-thread functions -------------------------------------------------------

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

    from app.io.dues_notice import write_dues_notice

    ledger = build_ledger(s, year)
    writer = {"xlsx": write_dues_xlsx, "pdf": write_dues_pdf, "notice": write_dues_notice}[fmt]
    return str(writer(ledger, path))


def _plan_dues(s, path, year):
    from app.io.dues_sheet import parse_dues_sheet
    from app.io.excel_read import read_sheet
    from app.services.dues_import import plan_dues_import

    parsed = parse_dues_sheet(read_sheet(path))
    plan = plan_dues_import(s, parsed.rows, parsed.year or year)
    return plan, sorted(parsed.errors + plan.errors, key=lambda e: e.row)


def _plan_bases(s, path, year):
    from app.io.dues_sheet import parse_bases_sheet
    from app.io.excel_read import read_sheet
    from app.services.dues_import import plan_bases_import

    rows, errors = parse_bases_sheet(read_sheet(path))
    plan = plan_bases_import(s, rows, year)
    return plan, sorted(errors + plan.errors, key=lambda e: e.row)


def _apply_dues(s, plan):
    from app.services.dues_import import BasesPlan, apply_bases_import, apply_dues_import

    return apply_bases_import(s, plan) if isinstance(plan, BasesPlan) else apply_dues_import(s, plan)


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


def _month_bases(s, assessment_id):
    from app.services.dues_assess import month_bases

    return month_bases(s, assessment_id)


def _save_month_bases(s, assessment_id, values):
    from app.services.dues_assess import set_month_bases

    return set_month_bases(s, assessment_id, values)


class LedgerTab(QWidget):
    """年度台账: each member's assessment, what was paid and the months owed; assess from here."""

    def __init__(self, runner, parent=None) -> None:
        super().__init__(parent)
        self.runner = runner
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.year = QComboBox()
        self.assess = QPushButton("核定/调整…")
        self.month_bases = QPushButton("按月核定…")
        self.month_bases.setToolTip("年薪制党员：按每月实际领取的薪酬计算当月党费（组电明字〔2017〕5号）")
        self.carry = QPushButton("沿用上年核定")
        self.back_pay = QPushButton("补交计算…")
        self.export_button = QPushButton("导出/打印")
        menu = QMenu(self.export_button)
        menu.addAction("台账 Excel…", lambda: self.export("xlsx"))
        menu.addAction("台账 PDF（打印）…", lambda: self.export("pdf"))
        menu.addAction("收缴情况公示 PDF…", lambda: self.export("notice"))
        self.export_button.setMenu(menu)
        self.import_button = QPushButton("导入")
        menu = QMenu(self.import_button)
        menu.addAction("党费核算表（计算基数）…", lambda: self.import_history(kind="bases"))
        menu.addAction("历史党费台账（每月实缴）…", lambda: self.import_history())
        self.import_button.setMenu(menu)
        for w in (QLabel("年度"), self.year, self.assess, self.month_bases, self.carry, self.back_pay, self.export_button,
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
            Column("类别", lambda r: r.category, 66, color=lambda r: "#B00000" if r.category == "未核定" else None),
            col("计算基数", "base", 84, right=True, format=_money),
            Column("比例", lambda r: f"{(r.rate * 100).normalize():f}%" if r.rate else "定额", 48, True,
                   sort_key=lambda r: r.rate),
            Column("月应缴", lambda r: "按月" if r.month_due else _money(r.monthly), 64, True,
                   sort_key=lambda r: r.monthly), *month_columns,
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
        self.month_bases.clicked.connect(self.month_bases_selected)
        self.table.doubleClicked.connect(lambda _i: self.assess_selected())
        self.back_pay.clicked.connect(self.open_back_pay)
        self.ledger = None

    def import_history(self, path: str | None = None, *, kind: str = "payments") -> None:
        """An old 党费台账, or a 党费核算表 of bases (kind="bases"): checked, shown, then written all or nothing."""
        if path is None:
            from PySide6.QtWidgets import QFileDialog

            title = "选择党费核算表" if kind == "bases" else "选择党费台账"
            path, _ = QFileDialog.getOpenFileName(self, title, "", "Excel 文件 (*.xlsx *.xls)")
            if not path:
                return
        planner = _plan_bases if kind == "bases" else _plan_dues
        self.runner.submit(planner, path, self.year.currentData(), on_done=self._preview)

    def _preview(self, result) -> None:
        plan, errors = result
        if errors:
            shown = "\n".join(str(e) for e in errors[:30]) + (f"\n……共 {len(errors)} 处" if len(errors) > 30 else "")
            QMessageBox.warning(self, "党费台账有错误", f"未导入任何数据。请改正后重新导入：\n\n{shown}")
            return
        text = plan.summary() + ("\n\n" + "\n".join(plan.warnings[:20]) if plan.warnings else "")
        if not plan.changes:
            QMessageBox.information(self, "导入党费台账", "没有需要导入的变化：" + text)
            return
        if QMessageBox.question(self, "导入党费台账", text + "\n\n确认导入？（导入前自动备份）") == QMessageBox.Yes:
            runner = self.runner

            def backup_then_apply(session, plan):
                from app.services import maintenance

                maintenance.backup_before_import(runner.database)
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
            default = f"{year}年党费收缴情况公示.pdf" if fmt == "notice" else f"{year}年党费收缴台账.{fmt}"
            path, _ = QFileDialog.getSaveFileName(self, "保存党费台账", default, suffix)
            if not path:
                return
        ext = "pdf" if fmt == "notice" else fmt
        if not path.lower().endswith("." + ext):
            path += "." + ext
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

    def month_bases_selected(self) -> None:
        """年薪制: a base for each month (the pay actually received), from the selected row."""
        from app.ui.dialogs.dues_month_bases import MonthBasesDialog

        index = self.table.currentIndex()
        row = row_of(self.table, index) if index.isValid() else None
        if row is None or row.category != "年薪制":
            QMessageBox.information(self, "按月核定", "请先在台账中选中一名类别为“年薪制”的党员（可先用“核定/调整”改类别）。")
            return
        year = self.year.currentData()

        def show(bases) -> None:
            dialog = MonthBasesDialog(row.name, year, row.base, bases, self)
            self._dialog = dialog

            def done(notes) -> None:
                dialog.accept()
                if notes:
                    QMessageBox.information(self, "按月核定", "已保存。以下月份已交的金额与新基数不符：\n" + "\n".join(notes))
                self.reload()

            def submit() -> None:
                dialog.error.setText("")
                self.runner.submit(_save_month_bases, row.assessment_id, dialog.values(), write=True, kind="dues",
                                   on_done=done, on_error=dialog.show_error)

            dialog.buttons.accepted.connect(submit)
            dialog.open()

        self.runner.submit(_month_bases, row.assessment_id, on_done=show)

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
