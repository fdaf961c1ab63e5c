"""党务工作者账户: on a database several clerks share (a street office's server), one login per clerk,
so the audit log names who did what. Lists the accounts and adds one with its first password."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QListWidget, QMessageBox

from app.ui.tasks import error_text


def _accounts(db):
    from app.services.auth import accounts

    return accounts(db)


def _add(db, username: str, name: str, password: str):
    from app.domain.errors import ValidationError
    from app.services.auth import accounts, set_password

    if not username or not username.isascii() or not username.replace("_", "").replace(".", "").isalnum():
        raise ValidationError("登录名", "请用字母、数字（可含 . 和 _），如 wangxy")
    if not name:
        raise ValidationError("姓名", "不能为空")
    if any(u == username for u, _n in accounts(db)):
        raise ValidationError("登录名", f"“{username}”已经有了")
    return set_password(db, password, username=username, display_name=name)


class AccountsDialog(QDialog):
    def __init__(self, runner, parent=None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setWindowTitle("党务工作者账户")
        self.setMinimumWidth(460)
        self.list = QListWidget()
        self.username, self.name, self.password, self.again = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        self.username.setPlaceholderText("字母或数字，如 wangxy")
        for edit in (self.password, self.again):
            edit.setEchoMode(QLineEdit.Password)
        self.error = QLabel("")
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(QLabel("几位党务工作者共用一个数据库时，每人一个账户：登录时选自己的名字，操作日志记下是谁做的。"))
        form.addRow("已有账户", self.list)
        form.addRow("登录名", self.username)
        form.addRow("姓名", self.name)
        form.addRow("初始密码（至少6个字符）", self.password)
        form.addRow("再输入一次", self.again)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Ok).setText("添加账户")
        buttons.button(QDialogButtonBox.Close).setText("关闭")
        buttons.accepted.connect(self.add)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.reload()

    def reload(self) -> None:
        self.runner.submit(_accounts, self.runner.database, plain=True, on_done=self._show)

    def _show(self, accounts) -> None:
        self.list.clear()
        for username, name in accounts:
            self.list.addItem(f"{name}（{username}）")

    def add(self) -> None:
        if self.password.text() != self.again.text():
            self.error.setText("两次输入的密码不一样。")
            return
        self.runner.submit(_add, self.runner.database, self.username.text().strip(), self.name.text().strip(),
                           self.password.text(), plain=True, on_done=self._added,
                           on_error=lambda e: self.error.setText(error_text(e)))

    def _added(self, code: str) -> None:
        self.error.setText("")
        self.recovery_code = code
        self._box = QMessageBox(QMessageBox.Information, "账户已添加",
                                f"{self.name.text().strip()}的账户已添加。\n\n恢复码：{code}\n\n请交给本人抄下收好，它只显示这一次。",
                                QMessageBox.Ok, self)
        self._box.open()
        for edit in (self.username, self.name, self.password, self.again):
            edit.clear()
        self.reload()
