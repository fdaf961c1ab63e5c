"""Start-up: a bad file, the remembered database, the demo choice, the bench markers; the runner's errors and progress."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from app.domain.errors import ValidationError
from app.services.database import Database
from app.services.organisations import create_top_organisation
from app.ui import app as app_module
from app.ui.tasks import Cancelled, TaskRunner, error_text


class _App:
    """Stands in for the QApplication's exit(): calling the real one outside exec() stops later event loops."""

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


@pytest.fixture
def named_db(tmp_path):
    path = tmp_path / "named.db"
    db = Database.open(path=path)
    with db.unit_of_work() as s:
        create_top_organisation(s, "启动测试党委")
    db.close()
    return path


def test_a_file_that_is_no_database_is_refused_in_chinese_with_exit_code_2(qtbot, tmp_path, monkeypatch):
    bad = tmp_path / "notes.db"
    bad.write_text("这不是数据库" * 200, encoding="utf-8")
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda _p, title, text, *a: shown.append((title, text))))
    launcher = _launcher(qtbot, bad)
    launcher.start()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert shown[0][0] == "无法打开数据库" and "notes.db" in shown[0][1] and "不是" in shown[0][1]
    assert launcher.exit_code == 2 and launcher.app.exits == [2]
    _close(launcher)


def test_the_last_database_reopens_when_no_path_is_given(qtbot, named_db):
    first = _launcher(qtbot, named_db)
    first.start()
    qtbot.waitUntil(lambda: first.window.ready, timeout=10000)
    assert first.window.windowTitle() == "支部台账 — 启动测试党委"
    _close(first)
    assert QSettings().value("last_db") == str(named_db)
    again = _launcher(qtbot, None)
    assert again.path == named_db


def test_the_demo_choice_opens_a_demo_file_and_says_so(qtbot, tmp_path, monkeypatch):
    from app.services import demo
    from app.ui.first_run import START, FirstRunWizard

    def quick_generate(db, *, members, years, progress=None):
        assert (members, years) == (300, 3)
        with db.unit_of_work() as s:
            create_top_organisation(s, "演示社区党委")

    def choose_demo(self):
        self.page(START).demo.setChecked(True)
        return FirstRunWizard.Accepted

    monkeypatch.setattr(demo, "generate", quick_generate)
    monkeypatch.setattr(app_module, "default_path", lambda: tmp_path / "data" / "branchbook.db")
    monkeypatch.setattr(FirstRunWizard, "exec", choose_demo)
    (tmp_path / "data").mkdir()
    launcher = _launcher(qtbot, tmp_path / "fresh.db")
    launcher.start()
    qtbot.waitUntil(lambda: launcher.window.ready, timeout=15000)
    assert launcher.window.windowTitle() == "支部台账 — 演示社区党委　【演示数据】"
    assert launcher.runner.database.path.name == "branchbook-demo.db"
    _close(launcher)


@pytest.mark.parametrize(("mode", "marker"), [("window", "BENCH_WINDOW_SHOWN"), ("members", "BENCH_MEMBERS_LOADED")])
def test_bench_markers(qtbot, named_db, monkeypatch, capsys, mode, marker):
    monkeypatch.setenv("BRANCHBOOK_BENCH", mode)
    launcher = _launcher(qtbot, named_db)
    launcher.start()
    qtbot.waitUntil(lambda: marker in capsys.readouterr().out, timeout=10000)
    assert launcher.window.isVisible() and launcher.app.exits == [0]
    _close(launcher)


def test_unexpected_errors_get_a_generic_chinese_message_with_details(qtbot, sqlite_db, monkeypatch):
    boxes = []
    monkeypatch.setattr(QMessageBox, "open", lambda self: boxes.append((self.text(), self.detailedText())))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: boxes.append((self.text(), self.detailedText())))
    runner = TaskRunner()
    runner.database = sqlite_db
    runner.submit(lambda s: 1 / 0)
    refused = ValidationError("姓名", "不能为空")
    runner.submit(lambda s: (_ for _ in ()).throw(refused))
    runner.wait_idle()
    (generic, details), (known, known_details) = boxes
    assert generic.startswith("发生了意外错误") and "ZeroDivisionError" in details
    assert known == str(refused) == error_text(refused) and "不能为空" in known and known_details == ""


def test_a_long_job_shows_progress_and_can_be_cancelled(qtbot, sqlite_db):
    runner = TaskRunner()
    runner.database = sqlite_db
    started, outcome = threading.Event(), []

    def slow(progress):
        started.set()
        for step in range(200):
            progress(step // 2, f"第 {step} 步")
            time.sleep(0.02)
        return "done"

    runner.submit(slow, plain=True, with_progress=True, progress_title="正在处理…",
                  on_done=outcome.append, on_error=outcome.append)
    quick = []
    runner.submit(lambda s: 7, on_done=quick.append)
    qtbot.waitUntil(lambda: bool(runner._dialogs), timeout=5000)
    dialog = next(iter(runner._dialogs.values()))
    assert dialog.labelText().startswith("第 ")  # the latest step, even though the dialog came half a second late
    qtbot.mouseClick(dialog.findChild(QPushButton), Qt.LeftButton)  # 取消
    assert runner.wait_idle(10000)
    assert outcome == [] and quick == [7]  # a cancelled job reports nothing; the queue goes on
    assert not runner._dialogs


def test_a_quick_job_shows_no_progress_dialog(qtbot, sqlite_db):
    runner = TaskRunner()
    runner.database = sqlite_db
    runner.submit(lambda s: None, progress_title="正在检查数据库…")
    runner.wait_idle()
    qtbot.wait(600)
    assert not runner._dialogs
    assert Cancelled.__doc__  # the exception a job raises when 取消 is pressed
