"""In the window: a damaged file offers the newest good backup; a second copy is refused; backup on close;
备份到U盘 with a password; 从备份恢复 shows the date and counts first."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from app.services import backups
from app.services.database import Database
from app.ui import app as app_module
from app.ui.main_window import MainWindow
from app.ui.tasks import TaskRunner
from helpers_safety import damage, digest, dump, filled, integrity


class _App:
    def __init__(self) -> None:
        self.exits: list[int] = []

    def exit(self, code: int = 0) -> None:
        self.exits.append(code)


def _launcher(qtbot, path):
    launcher = app_module.Launcher(QApplication.instance(), path, None)
    launcher.app = _App()
    qtbot.addWidget(launcher.window)
    return launcher


def _close(launcher) -> None:
    launcher.runner.wait_idle()
    if launcher.runner.database is not None:
        launcher.runner.database.close()


def test_a_damaged_file_is_set_aside_and_the_newest_good_backup_opens(qtbot, db_path, monkeypatch):
    db = filled(db_path, 20)
    good = backups.automatic_backup(db, "manual")
    db.close()
    expected = dump(good)
    damage(db_path)
    damaged = db_path.read_bytes()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda _p, title, text, *a: asked.append((title, text)) or QMessageBox.Yes))
    launcher = _launcher(qtbot, db_path)
    launcher.start()
    qtbot.waitUntil(lambda: launcher.window.ready, timeout=20000)
    assert asked and asked[0][0] == "数据库已损坏" and good.name in asked[0][1]
    _close(launcher)
    kept = list(db_path.parent.glob("branch.db.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert integrity(db_path) == ["ok"]
    assert dump(db_path).split("\n")[0] == expected.split("\n")[0]


def test_declining_the_restore_leaves_the_damaged_file_untouched(qtbot, db_path, monkeypatch):
    db = filled(db_path, 10)
    backups.automatic_backup(db, "manual")
    db.close()
    damage(db_path)
    damaged = db_path.read_bytes()
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a: QMessageBox.No))
    launcher = _launcher(qtbot, db_path)
    launcher.start()
    qtbot.waitUntil(lambda: launcher.app.exits == [2], timeout=20000)
    _close(launcher)
    assert db_path.read_bytes() == damaged
    assert not list(db_path.parent.glob("*.damaged-*"))
    assert len(backups.list_backups(db_path)) == 1  # no backup of the damaged file


def test_a_second_window_on_the_same_file_is_refused(qtbot, db_path, monkeypatch):
    Database.open(path=db_path).close()
    first = Database.open(path=db_path, exclusive=True)
    import json
    import socket

    from app.services.instance_lock import lock_path

    # as if another process held it
    lock_path(db_path).write_text(json.dumps({"host": socket.gethostname(), "pid": 1, "since": "2026-12-02T08:00"}))
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda _p, title, text, *a: shown.append(text)))
    launcher = _launcher(qtbot, db_path)
    launcher.start()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert "已被打开" in shown[0] and "进程 1" in shown[0]
    _close(launcher)
    lock_path(db_path).unlink()
    first.lock = None
    first.close()


def test_start_makes_the_days_backup_and_close_another(qtbot, db_path):
    filled(db_path, 10).close()
    launcher = _launcher(qtbot, db_path)
    launcher.start()
    qtbot.waitUntil(lambda: launcher.window.ready, timeout=20000)
    launcher.runner.wait_idle()
    assert [e.reason for e in backups.list_backups(db_path)] == ["daily"]
    launcher.window.close()
    reasons = sorted(e.reason for e in backups.list_backups(db_path))
    assert reasons == ["close", "daily"] or reasons == ["daily"]  # same second: the daily copy is as new
    assert all(integrity(e.path) == ["ok"] for e in backups.list_backups(db_path))


@pytest.fixture
def settings_page(qtbot, db_path):
    db = filled(db_path, 15)
    runner = TaskRunner()
    runner.database = db
    window = MainWindow(runner, remember=False)
    qtbot.addWidget(window)
    window.show()
    window.database_ready("测试党委", db.display_name)
    window.nav.setCurrentRow(8)
    runner.wait_idle()
    yield db, runner, window.pages[8]
    runner.wait_idle()
    db.close()


def test_usb_backup_with_password_then_restore_it_from_the_dialog(settings_page, tmp_path, monkeypatch, qtbot):
    db, runner, page = settings_page
    usb = tmp_path / "U盘"
    usb.mkdir()
    backups.automatic_backup(db, "manual")
    before = digest(db.path)
    page.open_usb_backup()
    dialog = page._dialog
    dialog.folder.setText(str(usb))
    dialog.password.setText("123")
    dialog._accept()
    assert "至少 6 个字符" in dialog.error.text() and dialog.isVisible()
    dialog.password.setText("台账备份密码")
    dialog.again.setText("台账备份密码")
    dialog._accept()
    runner.wait_idle()
    written = list(usb.glob("*.bbk"))
    assert len(written) == 1
    assert "安全删除硬件" in page.result.text() and "integrity_check" in page.result.text()
    import sqlite3

    conn = sqlite3.connect(db.path)
    conn.execute("DELETE FROM volunteer_hours")
    conn.commit()
    conn.close()
    page.open_restore()
    runner.wait_idle()
    restore_dialog = page._dialog
    assert restore_dialog.model.rowCount() >= 1  # the automatic backups are listed
    confirms = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda _p, title, text, *a: confirms.append(text) or QMessageBox.Yes))
    restore_dialog.consider(written[0], "台账备份密码")
    runner.wait_idle()
    runner.wait_idle()
    restore_dialog.consider(written[0], "错误的密码")
    runner.wait_idle()
    assert "密码不正确" in restore_dialog.last_error
    assert confirms and "备份时间" in confirms[0] and "党员：" in confirms[0]
    assert restore_dialog.last_report.safety_copy.exists()
    assert digest(db.path) == before  # the file as it was when the stick was written


def test_a_database_in_a_risky_place_is_warned_about_at_start(qtbot, db_path, monkeypatch):
    from app.services import location

    filled(db_path, 5).close()
    monkeypatch.setattr(location, "risks", lambda _path: [location.MESSAGES["cloud"]])
    launcher = _launcher(qtbot, db_path)
    launcher.start()
    qtbot.waitUntil(lambda: launcher.window.ready, timeout=20000)
    assert "云同步文件夹" in launcher.notice.text() and launcher.notice.isVisible()  # shown with open(): nothing waits on it
    _close(launcher)
