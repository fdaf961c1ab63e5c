"""Qt test helpers."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication


def type_chinese(widget, text: str) -> None:
    """What an input method sends; qtbot.keyClicks with CJK text aborts the process."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def open_page(qtbot, db, section: int, org_name: str = "幸福社区党委"):
    """The main window on ``db`` showing page ``section`` once loaded: (runner, window, page)."""
    from app.ui.main_window import MainWindow
    from app.ui.tasks import TaskRunner

    runner = TaskRunner()
    runner.database = db
    window = MainWindow(runner, remember=False)
    qtbot.addWidget(window)
    window.show()
    window.database_ready(org_name, db.display_name)
    window.nav.setCurrentRow(section)
    runner.wait_idle()
    return runner, window, window.pages[section]
