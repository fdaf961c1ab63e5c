"""The base of the small forms: fields above, the service's error (naming the field) under them, 保存/取消."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget


class FormDialog(QDialog):
    """A form with an error line under it; services' errors are shown there, naming the field."""

    def __init__(self, title: str, parent: QWidget | None, *, ok: str = "保存", width: int = 460) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(width)
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = QLabel("")
        self.error.setObjectName("formError")
        self.error.setStyleSheet("color: #B00000")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(ok)
        self.buttons.button(QDialogButtonBox.Cancel).setText("取消")
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def show_error(self, exc: BaseException) -> None:
        self.error.setText(str(exc))
