"""Login at start, the idle lock, and setting the login password (services.auth does the checking).

The idle lock hides the whole window content and every open dialog behind a password
box after ``privacy.lock_minutes`` without keyboard or mouse input; unlocking reloads the
pages. Work already running on the worker thread (an import, a backup) finishes meanwhile.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QSpinBox,
    QVBoxLayout, QWidget,
)

from app.ui.tasks import error_text

_INPUT = {QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.MouseMove, QEvent.Wheel, QEvent.TouchBegin}


def _check(db, password, username):
    from app.services.auth import check_password

    return check_password(db, password, username=username or None)


class PasswordBox(QWidget):
    """A password field, a button and the answer; ``unlocked(display_name)`` is called on success."""

    def __init__(self, runner, prompt: str, on_ok, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.on_ok = runner, on_ok
        lay = QVBoxLayout(self)
        lay.setAlignment(Qt.AlignCenter)
        title = QLabel(prompt)
        title.setObjectName("sectionTitle")
        title.setAlignment(Qt.AlignCenter)
        lay.addWidget(title)
        self.account = QComboBox()  # shown when a server database has one account per clerk
        self.account.setFixedWidth(260)
        self.account.hide()
        lay.addWidget(self.account, 0, Qt.AlignHCenter)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setPlaceholderText("登录密码")
        self.password.setFixedWidth(260)
        self.password.returnPressed.connect(self.submit)
        self.button = QPushButton("解锁")
        self.button.clicked.connect(self.submit)
        self.message = QLabel("")
        self.message.setObjectName("fieldError")
        self.message.setAlignment(Qt.AlignCenter)
        self.forgot = QPushButton("忘记密码…")
        self.forgot.setFlat(True)
        self.forgot.clicked.connect(self.recover)
        for w in (self.password, self.button, self.message, self.forgot):
            lay.addWidget(w, 0, Qt.AlignHCenter)
        self.retry = QTimer(self)
        self.retry.setSingleShot(True)
        self.retry.timeout.connect(lambda: self.button.setEnabled(True))
        runner.submit(_accounts, runner.database, plain=True, on_done=self._accounts)

    def _accounts(self, accounts) -> None:
        if len(accounts) > 1:
            for username, name in accounts:
                self.account.addItem(f"{name}（{username}）", username)
            self.account.show()

    def submit(self) -> None:
        if not self.button.isEnabled():
            return
        self.button.setEnabled(False)
        self.runner.submit(_check, self.runner.database, self.password.text(), self.account.currentData() or "",
                           plain=True, on_done=self._answer,
                           on_error=lambda e: (self.message.setText(error_text(e)), self.button.setEnabled(True)))

    def _answer(self, result) -> None:
        self.password.clear()
        if result.ok:
            self.message.setText("")
            self.button.setEnabled(True)
            self.on_ok(result.display_name)
            return
        self.message.setText(result.message)
        if result.wait_seconds:
            self.retry.start(result.wait_seconds * 1000)
        else:
            self.button.setEnabled(True)


    def recover(self) -> None:
        """The recovery code shown when the password was set: a new password, then a new code (shown once)."""
        self._recovery = RecoveryDialog(self.runner, self.account.currentData() or "", self)
        self._recovery.done_with = lambda: self.on_ok(self._recovery.display_name)
        self._recovery.open()


def _accounts(db):
    from app.services.auth import accounts

    return accounts(db)


def _reset(db, code, password, username):
    from app.services.auth import check_password, reset_with_recovery_code

    kwargs = {"username": username} if username else {}
    new_code = reset_with_recovery_code(db, code, password, **kwargs)
    return new_code, check_password(db, password, username=username or None).display_name


class RecoveryDialog(QDialog):
    """忘记密码: the recovery code and a new password twice."""

    def __init__(self, runner, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner, self.username = runner, username
        self.setWindowTitle("用恢复码重设密码")
        self.display_name, self.new_code, self.done_with = "", "", None
        self.code, self.password, self.again = QLineEdit(), QLineEdit(), QLineEdit()
        self.code.setPlaceholderText("设置密码时显示的恢复码")
        for edit in (self.password, self.again):
            edit.setEchoMode(QLineEdit.Password)
        self.error = QLabel("")
        self.error.setObjectName("fieldError")
        form = QFormLayout(self)
        form.addRow("恢复码", self.code)
        form.addRow("新密码（至少6个字符）", self.password)
        form.addRow("再输入一次", self.again)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("重设密码")
        buttons.button(QDialogButtonBox.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        if self.password.text() != self.again.text():
            self.error.setText("两次输入的新密码不一样。")
            return
        self.runner.submit(_reset, self.runner.database, self.code.text(), self.password.text(), self.username,
                           plain=True, on_done=self._saved, on_error=lambda e: self.error.setText(error_text(e)))

    def _saved(self, result) -> None:
        self.new_code, self.display_name = result
        self._box = QMessageBox(QMessageBox.Information, "请抄下新的恢复码",
                                f"密码已重设。\n\n新的恢复码：{self.new_code}\n\n原来的恢复码已作废；新的只显示这一次，请抄下收好。",
                                QMessageBox.Ok, self)
        self._box.open()
        self.accept()
        if self.done_with is not None:
            self.done_with()


class LoginDialog(QDialog):
    def __init__(self, runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("登录 — 支部台账")
        self.display_name = ""
        lay = QVBoxLayout(self)
        self.box = PasswordBox(runner, "请输入登录密码", self._ok, self)
        self.box.button.setText("登录")
        lay.addWidget(self.box)

    def _ok(self, name: str) -> None:
        self.display_name = name
        self.accept()


class IdleLock(QObject):
    """Locks ``window`` after ``minutes`` without input; the window's lock screen asks for the password."""

    def __init__(self, window, minutes: int) -> None:
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(window.lock)
        self.set_minutes(minutes)
        QApplication.instance().installEventFilter(self)
        window.idle_lock = self

    def stop(self) -> None:
        self.timer.stop()
        QApplication.instance().removeEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.timer.setInterval(max(1, int(minutes)) * 60_000)
        self.timer.start()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() in _INPUT and not self.window.locked:
            self.timer.start()
        return False


class LockScreen(QWidget):
    """What the window shows while locked: nothing of the data, only the password box."""

    def __init__(self, runner, on_unlock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        lay = QVBoxLayout(self)
        self.box = PasswordBox(runner, "窗口已锁定（长时间无操作）。为保护党员个人信息，请输入登录密码解锁。", on_unlock, self)
        lay.addWidget(self.box)


def _set(db, password, current, minutes, name):
    from app.services import auth, settings

    code = auth.set_password(db, password, current=current or None, display_name=name or None)
    with db.unit_of_work() as session:
        settings.set_value(session, "privacy.lock_minutes", int(minutes))
    return code


class PasswordDialog(QDialog):
    """设置登录密码: the current one when there is one, the new one twice, the idle minutes; shows the recovery code once."""

    def __init__(self, runner, has_password: bool, minutes: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setWindowTitle("登录密码")
        form = QFormLayout(self)
        self.current = QLineEdit()
        self.current.setEchoMode(QLineEdit.Password)
        if has_password:
            form.addRow("当前密码", self.current)
        self.name = QLineEdit(name)
        form.addRow("党务工作者姓名（记入审计日志）", self.name)
        self.password, self.again = QLineEdit(), QLineEdit()
        for w in (self.password, self.again):
            w.setEchoMode(QLineEdit.Password)
        form.addRow("新密码（至少 6 个字符）", self.password)
        form.addRow("再输入一次", self.again)
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 30)
        self.minutes.setValue(minutes)
        self.minutes.setSuffix(" 分钟")
        form.addRow("无操作后锁定窗口", self.minutes)
        self.error = QLabel("")
        self.error.setObjectName("fieldError")
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("保存")
        buttons.button(QDialogButtonBox.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.recovery_code = ""

    def save(self) -> None:
        if self.password.text() != self.again.text():
            self.error.setText("两次输入的密码不一致。")
            return
        self.runner.submit(_set, self.runner.database, self.password.text(), self.current.text(),
                           self.minutes.value(), self.name.text().strip(), plain=True, on_done=self._saved,
                           on_error=lambda e: self.error.setText(error_text(e)))

    def _saved(self, code: str) -> None:
        self.recovery_code = code
        self.runner.data_changed.emit("settings")
        self._box = QMessageBox(QMessageBox.Information, "请抄下恢复码",
                                f"登录密码已设置。\n\n恢复码：{code}\n\n忘记密码时只能用它重设密码。它只显示这一次，"
                                "请抄在纸上，与电脑分开妥善保管。", QMessageBox.Ok, self.parentWidget())
        self._box.open()
        self.accept()
