"""What the 志愿服务 tabs share: a button bar, selected rows, a form dialog whose save runs on the worker."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.domain.errors import ValidationError
from app.ui.pages.base import row_of

KIND = "volunteer"  # the data_changed kind every 志愿服务 write emits


def mask_phone(phone: str) -> str:
    """A mobile number with its middle four digits hidden (138****1234), as on public notices."""
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 11 else phone


class Tab(QWidget):
    def __init__(self, runner, parent=None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 6, 0, 0)
        self.bar = QHBoxLayout()
        self.layout_.addLayout(self.bar)
        self._dialog = None  # the open form (kept for tests)

    def button(self, text: str, slot, *, tip: str = "") -> QPushButton:
        b = QPushButton(text)
        if tip:
            b.setToolTip(tip)
        b.clicked.connect(lambda _checked=False: slot())
        self.bar.addWidget(b)
        return b

    def selected(self, table) -> list:
        rows, seen = [], set()
        for index in table.selectionModel().selectedRows() or ([table.currentIndex()] if table.currentIndex().isValid()
                                                                else []):
            row = row_of(table, index)
            if id(row) not in seen:
                seen.add(id(row))
                rows.append(row)
        return rows

    def current(self, table, what: str):
        rows = self.selected(table)
        if not rows:
            QMessageBox.information(self, "请先选择", f"请先在列表中选中{what}。")
            return None
        return rows[0]

    def form(self, dialog, job, *args_of_values, done=None, kind: str = KIND) -> None:
        """Open ``dialog``; 保存 runs ``job(session, *args, values)`` on the worker; errors stay in the form."""
        self._dialog = dialog

        def submit() -> None:
            dialog.error.setText("")
            try:
                values = dialog.values()
            except ValidationError as exc:
                dialog.show_error(exc)
                return

            def finished(result) -> None:
                dialog.accept()
                if done is not None:
                    done(result)

            self.runner.submit(job, *args_of_values, values, write=True, kind=kind, on_done=finished,
                               on_error=dialog.show_error)

        dialog.buttons.accepted.connect(submit)
        dialog.open()

    def write(self, job, *args, done=None, kind: str = KIND) -> None:
        self.runner.submit(job, *args, write=True, kind=kind, on_done=done)

    def ask(self, title: str, text: str) -> bool:
        return QMessageBox.question(self, title, text) == QMessageBox.Yes

    def info(self, title: str, text: str) -> None:
        QMessageBox.information(self, title, text)

    def save_path(self, title: str, default: str, pattern: str, suffix: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, title, default, pattern)
        if not path:
            return None
        return path if path.lower().endswith(suffix) else path + suffix

    def open_path(self, title: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self, title, "", "Excel 文件 (*.xlsx *.xls)")
        return path or None
