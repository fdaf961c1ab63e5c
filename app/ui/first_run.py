"""The first start: enter the organisation, or look around in the demo database."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QRadioButton, QVBoxLayout,
)

TYPES = ("社区党委", "社区党总支", "社区党支部", "联合党支部", "两新党支部", "机关党支部")


class FirstRunDialog(QDialog):
    NEW, DEMO = "new", "demo"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("开始使用 支部台账")
        intro = QLabel("欢迎使用支部台账。数据库中还没有党组织：请填写本级党组织，或先打开演示数据看一看。")
        intro.setWordWrap(True)
        self.new = QRadioButton("新建：填写本级党组织")
        self.demo = QRadioButton("打开演示数据（虚构的社区党委，约300名党员，可随意操作）")
        self.new.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.new)
        group.addButton(self.demo)
        self.name = QLineEdit()
        self.name.setPlaceholderText("如：幸福街道第一社区党委")
        self.type = QComboBox()
        self.type.addItems(TYPES)
        form = QFormLayout()
        form.addRow("本级党组织名称", self.name)
        form.addRow("组织类型", self.type)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #B00000;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText("开始")
        self.buttons.button(QDialogButtonBox.Cancel).setText("退出")
        layout = QVBoxLayout(self)
        for w in (intro, self.new):
            layout.addWidget(w)
        layout.addLayout(form)
        layout.addWidget(self.demo)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.demo.toggled.connect(lambda on: (self.name.setEnabled(not on), self.type.setEnabled(not on)))

    def choice(self) -> str:
        return self.DEMO if self.demo.isChecked() else self.NEW

    def _accept(self) -> None:
        if self.choice() == self.NEW and not self.name.text().strip():
            self.error.setText("请填写本级党组织名称。")
            return
        self.accept()
