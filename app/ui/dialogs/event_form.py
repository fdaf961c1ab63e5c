"""Recording a status change: 转入, 转出, 流出/流入, 失联, 停止党籍, 出党, 死亡, 表彰, 处分 …"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from app.domain.enums import DisciplineType, EventKind, ExitType
from app.domain.errors import ValidationError
from app.services.member_events import EventData

# which extra fields each kind asks for: (key, label)
FIELDS_BY_KIND: dict[EventKind, tuple[tuple[str, str], ...]] = {
    EventKind.TRANSFER_IN: (("counterpart", "来自（原党组织）"), ("letter_no", "介绍信编号"), ("dues_paid_until", "党费交至年月")),
    EventKind.TRANSFER_OUT: (("counterpart", "去向（接收党组织）*"), ("letter_no", "介绍信编号"),
                             ("dues_paid_until", "党费交至年月")),
    EventKind.OUTFLOW: (("counterpart", "流入地"), ("reason", "外出原因")),
    EventKind.INFLOW: (("counterpart", "流出地党组织"), ("reason", "原因")),
    EventKind.MOBILE_ENDED: (("reason", "说明"),),
    EventKind.LOST_CONTACT: (("reason", "失联情形"),),
    EventKind.CONTACT_RESTORED: (("reason", "说明"),),
    EventKind.SUSPENDED: (("document_ref", "批准机关及文号"), ("reason", "原因")),
    EventKind.REINSTATED: (("document_ref", "批准机关及文号"), ("reason", "原因")),
    EventKind.EXPELLED: (("subtype", "出党方式*"), ("document_ref", "批准机关及文号"), ("reason", "原因")),
    EventKind.DIED: (("reason", "说明"),),
    EventKind.AWARD: (("subtype", "表彰名称"), ("document_ref", "授予机关及文号")),
    EventKind.DISCIPLINE: (("subtype", "处分种类*"), ("document_ref", "批准机关及文号"), ("reason", "原因")),
    EventKind.ADMITTED: (("document_ref", "审批文号"),),
    EventKind.CONFIRMED: (("document_ref", "审批文号"),),
    EventKind.PROBATION_EXTENDED: (("document_ref", "审批文号"), ("reason", "原因")),
}
SUBTYPES = {
    EventKind.EXPELLED: [t.value for t in ExitType],
    EventKind.DISCIPLINE: [t.value for t in DisciplineType],
    EventKind.AWARD: ["优秀共产党员", "优秀党务工作者", "光荣在党50年纪念章", "其他表彰"],
}


class EventForm(QDialog):
    def __init__(self, member_name: str, parent: QWidget | None = None, *, kind: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"登记变动 — {member_name}")
        self.kind = QComboBox()
        self.kind.addItems([k.value for k in FIELDS_BY_KIND])
        if kind:
            self.kind.setCurrentText(kind)
        self.on = QDateEdit(QDate.currentDate())
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.form = QFormLayout()
        self.form.addRow("变动类型", self.kind)
        self.form.addRow("日期", self.on)
        self.extra = QFormLayout()
        self.inputs: dict[str, QWidget] = {}
        self.error = QLabel()
        self.error.setStyleSheet("color: #C00000;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Save).setText("保存")
        self.buttons.button(QDialogButtonBox.Cancel).setText("取消")
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(self.extra)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._connect_signals()
        self._rebuild()

    def _connect_signals(self) -> None:
        self.kind.currentTextChanged.connect(self._rebuild)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _rebuild(self) -> None:
        while self.extra.rowCount():
            self.extra.removeRow(0)
        self.inputs = {}
        kind = EventKind(self.kind.currentText())
        for key, label in FIELDS_BY_KIND[kind]:
            if key == "subtype" and kind in SUBTYPES:
                widget = QComboBox()
                widget.setEditable(kind is EventKind.AWARD)
                widget.addItems(SUBTYPES[kind])
            else:
                widget = QLineEdit()
                if key == "dues_paid_until":
                    widget.setPlaceholderText("如 2026-10")
            self.extra.addRow(label, widget)
            self.inputs[key] = widget

    def show_error(self, exc: ValidationError) -> None:
        self.error.setText(str(exc))

    def to_data(self) -> EventData:
        values = {}
        for key, widget in self.inputs.items():
            values[key] = widget.currentText() if isinstance(widget, QComboBox) else widget.text().strip()
        day = self.on.date()
        return EventData(kind=self.kind.currentText(), event_date=date(day.year(), day.month(), day.day()),
                         **{k: (v or None) for k, v in values.items()})
