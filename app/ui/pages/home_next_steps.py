"""首页 "接下来要做的事": a short checklist for a new database, each item a button to its page.

Items are ticked from the data (services.views.next_steps); the panel hides itself once all are done.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout

# which main-window section each step leads to (main_window.SECTIONS)
SECTION = {"branches": 1, "roster": 2, "dues": 3, "meeting": 4, "backup": 8}
BUTTON = {"branches": "去添加", "roster": "导入名册…", "dues": "去核定", "meeting": "去记录", "backup": "去设置"}


def load_steps(session):
    from app.services.views.next_steps import next_steps  # worker thread

    return next_steps(session)


class NextStepsPanel(QFrame):
    """Emits ``chosen(key)`` when the clerk clicks a step's button."""

    chosen = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        outer = QVBoxLayout(self)
        title = QLabel("接下来要做的事")
        title.setObjectName("sectionTitle")
        outer.addWidget(title)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)
        outer.addLayout(self.grid)
        self.rows: dict[str, tuple[QLabel, QLabel, QPushButton]] = {}
        self.hide()

    def show_steps(self, steps) -> None:
        for mark, text, button in self.rows.values():
            for w in (mark, text, button):
                self.grid.removeWidget(w)
                w.deleteLater()
        self.rows = {}
        for row, step in enumerate(steps):
            mark = QLabel("☑" if step.done else "☐")
            mark.setStyleSheet("color: #2E7D32;" if step.done else "color: #B00000;")
            text = QLabel(f"<b>{step.title}</b>　<span style='color:#666'>{step.hint}</span>"
                          + ("　（已完成）" if step.done else ""))
            text.setTextFormat(Qt.RichText)
            text.setWordWrap(True)
            button = QPushButton(BUTTON.get(step.key, "前往"))
            button.clicked.connect(lambda _=False, key=step.key: self.chosen.emit(key))
            self.grid.addWidget(mark, row, 0)
            self.grid.addWidget(text, row, 1)
            self.grid.addWidget(button, row, 2)
            self.rows[step.key] = (mark, text, button)
        self.setVisible(not all(step.done for step in steps))

    def done_keys(self) -> set[str]:
        return {key for key, (mark, _t, _b) in self.rows.items() if mark.text() == "☑"}


def go_to_step(window, key: str) -> None:
    """Show the step's page in the main window; for the roster, open the Excel import as well."""
    nav = getattr(window, "nav", None)
    if nav is None or key not in SECTION:
        return
    nav.setCurrentRow(SECTION[key])
    if key == "roster":
        page = window.pages.get(SECTION[key])
        button = getattr(page, "import_button", None)
        if button is not None:
            button.click()
