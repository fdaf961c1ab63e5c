"""党费 dialogs: record a payment, assess a member for a year (with 少交/免交 or an override)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QLabel, QLineEdit, QWidget,
)

from app.domain.errors import ValidationError
from app.ui.dialogs.form_base import FormDialog

CATEGORIES = ("在职", "年薪制", "个体", "离退休", "农民", "学生", "下岗失业", "低保")
CATEGORY_HINTS = {
    "在职": "每月工资收入（税后，不含奖金津贴）", "年薪制": "当月实际领取的薪金", "个体": "上一季度月平均纯收入",
    "离退休": "基本养老金（不含其他津贴）", "农民": "无需基数，每月0.2–1元（设置）", "学生": "无需基数，每月0.2元",
    "下岗失业": "无需基数，每月0.2元", "低保": "无需基数，每月0.2元",
}


def _month_edit(index: int) -> QDateEdit:
    edit = QDateEdit(QDate(index // 12, index % 12 + 1, 1))
    edit.setDisplayFormat("yyyy-MM")
    edit.setCalendarPopup(False)
    return edit


def month_of_edit(edit: QDateEdit) -> int:
    d = edit.date()
    return d.year() * 12 + d.month() - 1


class _Form(FormDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(title, parent, width=420)


class PaymentDialog(_Form):
    """登记交纳: months, method (本人/代交/补交/预交), payer, amount (blank = what is owed), receipt, date."""

    def __init__(self, name: str, month: int, monthly, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(f"登记党费交纳 — {name}", parent)
        today = today or date.today()
        self.first = _month_edit(month)
        self.last = _month_edit(month)
        self.method = QComboBox()
        self.method.addItems(["本人", "代交", "补交", "预交"])
        self.payer = QLineEdit()
        self.payer.setPlaceholderText("代交时必填")
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(f"留空 = 应缴（每月 {monthly} 元）；多交为自愿")
        self.receipt = QLineEdit()
        self.paid_on = QDateEdit(QDate(today.year, today.month, today.day))
        self.paid_on.setDisplayFormat("yyyy-MM-dd")
        self.paid_on.setCalendarPopup(True)
        for label, widget in (("起始月份", self.first), ("结束月份", self.last), ("交纳方式", self.method),
                              ("代交人", self.payer), ("金额（元）", self.amount), ("收据号", self.receipt),
                              ("交纳日期", self.paid_on)):
            self.form.addRow(label, widget)
        hint = QLabel("补交、预交均不超过6个月；一次自愿多交1000元及以上记为“大额”，全额上缴中央。")
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        self.form.addRow(hint)
        self.method.currentTextChanged.connect(self._method_changed)

    def _method_changed(self, text: str) -> None:
        self.payer.setEnabled(text in ("代交", "补交", "预交"))

    def values(self) -> dict:
        d = self.paid_on.date()
        return {"first": month_of_edit(self.first), "last": month_of_edit(self.last),
                "method": self.method.currentText(), "payer_name": self.payer.text(),
                "amount": self.amount.text().strip() or None, "receipt_no": self.receipt.text(),
                "paid_on": date(d.year(), d.month(), d.day())}


class AssessDialog(_Form):
    """年初核定 for one member: category and base (the amount is computed), 少交/免交, override."""

    def __init__(self, name: str, year: int, row=None, parent: QWidget | None = None) -> None:
        super().__init__(f"{year}年党费核定 — {name}", parent)
        self.category = QComboBox()
        self.category.addItems(CATEGORIES)
        self.base = QLineEdit()
        self.base_hint = QLabel("")
        self.base_hint.setObjectName("hint")
        self.reduction = QComboBox()
        self.reduction.addItems(["无", "少交", "免交"])
        self.reduced = QLineEdit()
        self.reduced.setPlaceholderText("少交后的月缴金额")
        self.body = QLineEdit()
        self.body.setPlaceholderText("如：幸福街道党工委")
        self.reference = QLineEdit()
        self.reference.setPlaceholderText("批准文号")
        self.override = QLineEdit()
        self.override.setPlaceholderText("一般留空；填写则必须写明原因")
        self.reason = QLineEdit()
        for label, widget in (("党费类别", self.category), ("计算基数（元/月）", self.base), ("", self.base_hint),
                              ("减免", self.reduction), ("少交后月缴", self.reduced), ("批准机关", self.body),
                              ("批准文号", self.reference), ("手工调整月缴", self.override), ("调整原因", self.reason)):
            self.form.addRow(label, widget)
        basis = QLabel("按中组发〔2008〕3号计算：基数整体乘以一个比例；少交、免交须经上一级党委批准（第七条）。")
        basis.setWordWrap(True)
        basis.setObjectName("hint")
        self.form.addRow(basis)
        self.category.currentTextChanged.connect(lambda t: self.base_hint.setText(CATEGORY_HINTS.get(t, "")))
        if row is not None and row.category in CATEGORIES:
            self.category.setCurrentText(row.category)
            self.base.setText(f"{row.base:.2f}")
            self.reduction.setCurrentText(row.reduction)
            if row.reduction == "少交":
                self.reduced.setText(f"{row.monthly:.2f}")
            self.reason.setText(row.override_reason)
        self.base_hint.setText(CATEGORY_HINTS.get(self.category.currentText(), ""))

    def values(self) -> dict:
        category = self.category.currentText()
        if category in ("在职", "年薪制", "个体", "离退休") and not self.base.text().strip():
            raise ValidationError("计算基数", f"“{category}”须填写计算基数")
        return {"category": category, "base": self.base.text().strip() or None,
                "reduction": self.reduction.currentText(), "reduced": self.reduced.text().strip() or None,
                "body": self.body.text(), "reference": self.reference.text(),
                "override": self.override.text().strip() or None, "reason": self.reason.text()}


class RemittanceDialog(_Form):
    """登记上缴: when, for which months, how much (大额 apart), to whom, the 回执 number."""

    def __init__(self, first: int, last: int, amount, large, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__("登记党费上缴", parent)
        today = today or date.today()
        self.remitted_on = QDateEdit(QDate(today.year, today.month, today.day))
        self.remitted_on.setDisplayFormat("yyyy-MM-dd")
        self.remitted_on.setCalendarPopup(True)
        self.first = _month_edit(first)
        self.last = _month_edit(last)
        self.amount = QLineEdit(f"{amount:.2f}" if amount else "")
        self.large = QLineEdit(f"{large:.2f}" if large else "")
        self.receiver = QLineEdit()
        self.receiver.setPlaceholderText("如：幸福街道党工委")
        self.receipt = QLineEdit()
        self.notes = QLineEdit()
        for label, widget in (("上缴日期", self.remitted_on), ("起始月份", self.first), ("结束月份", self.last),
                              ("上缴金额（元）", self.amount), ("其中大额（元）", self.large),
                              ("接收党组织", self.receiver), ("回执编号", self.receipt), ("备注", self.notes)):
            self.form.addRow(label, widget)

    def values(self) -> dict:
        d = self.remitted_on.date()
        return {"remitted_on": date(d.year(), d.month(), d.day()), "first": month_of_edit(self.first),
                "last": month_of_edit(self.last), "amount": self.amount.text().strip(),
                "large_amount": self.large.text().strip() or None, "receiver": self.receiver.text(),
                "receipt_no": self.receipt.text(), "notes": self.notes.text()}
