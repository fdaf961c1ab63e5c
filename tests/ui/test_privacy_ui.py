"""S5 and the window's privacy: login at start, the idle lock hides the data, 登录密码 shows the recovery
code once, the 审计日志 dialog names who did what and exports."""

from __future__ import annotations

import openpyxl
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.db.models import AuditLog
from app.services import auth
from app.services.database import Database
from app.ui import app as app_module
from app.ui.main_window import MainWindow
from app.ui.tasks import TaskRunner
from helpers_safety import filled


class _App:
    def __init__(self) -> None:
        self.exits: list[int] = []

    def exit(self, code: int = 0) -> None:
        self.exits.append(code)


def test_login_at_start_then_the_idle_lock(qtbot, db_path):
    db = filled(db_path, 10)
    auth.set_password(db, "登录测试密码", display_name="赵干事")
    db.close()
    launcher = app_module.Launcher(QApplication.instance(), db_path, None)
    launcher.app = _App()
    qtbot.addWidget(launcher.window)
    launcher.start()
    qtbot.waitUntil(lambda: getattr(launcher, "login", None) is not None, timeout=20000)
    assert not launcher.window.ready  # nothing shown before the password
    box = launcher.login.box
    box.password.setText("错的密码")
    box.submit()
    qtbot.waitUntil(lambda: "密码不正确" in box.message.text(), timeout=10000)
    assert not launcher.window.ready
    box.password.setText("登录测试密码")
    box.submit()
    qtbot.waitUntil(lambda: launcher.window.ready, timeout=10000)
    assert launcher.runner.actor == "赵干事"
    window = launcher.window
    window.nav.setCurrentRow(2)
    launcher.runner.wait_idle()
    launcher.idle.timer.timeout.emit()  # the idle time has passed
    assert window.locked and window.outer.currentWidget() is window.lock_screen
    assert not window.stack.isVisible() and not window.nav.isEnabled()
    lock_box = window.lock_screen.box
    lock_box.password.setText("还是错的")
    lock_box.submit()
    qtbot.waitUntil(lambda: "密码不正确" in lock_box.message.text(), timeout=10000)
    assert window.locked
    lock_box.password.setText("登录测试密码")
    lock_box.submit()
    qtbot.waitUntil(lambda: not window.locked, timeout=10000)
    assert window.stack.isVisible()
    window.close()
    assert not launcher.idle.timer.isActive()  # a closed window never locks later
    launcher.runner.wait_idle()
    launcher.runner.database.close()
    check = Database.open(path=db_path)
    with check.reading() as session:
        actions = [(a.action, a.actor) for a in session.scalars(select(AuditLog).where(AuditLog.entity == "app_user"))]
    check.close()
    assert ("登录失败", "赵干事") in actions and actions.count(("登录", "赵干事")) == 2


def test_password_dialog_shows_the_recovery_code_and_audit_dialog_exports(qtbot, db_path, tmp_path):
    db = filled(db_path, 10)
    runner = TaskRunner()
    runner.database = db
    window = MainWindow(runner, remember=False)
    qtbot.addWidget(window)
    window.show()
    window.database_ready("测试党委", db.display_name)
    window.nav.setCurrentRow(8)
    runner.wait_idle()
    page = window.pages[8]
    page.open_password()
    runner.wait_idle()
    dialog = page._dialog
    dialog.name.setText("钱书记")
    dialog.password.setText("新设的密码12")
    dialog.again.setText("新设的密码12")
    dialog.save()
    runner.wait_idle()
    assert len(dialog.recovery_code) == 23 and dialog.recovery_code in dialog._box.text()
    assert auth.check_password(db, "新设的密码12").ok
    page.open_audit()
    runner.wait_idle()
    audit = page._dialog
    assert audit.model.rowCount() > 0
    assert any(e.action == "设置密码" for e in audit.model.rows)
    audit.text.setText("钱书记")
    audit.refresh()
    runner.wait_idle()
    assert audit.model.rowCount() >= 1 and all("钱书记" in (e.summary + e.changes) for e in audit.model.rows)
    out = tmp_path / "审计日志.xlsx"
    audit.export(str(out))
    runner.wait_idle()
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "时间" and ws.max_row == audit.model.rowCount() + 1
    with db.reading() as session:
        assert session.scalars(select(AuditLog).where(AuditLog.entity == "audit_log")).first() is not None
    db.close()
