"""The task runner: database work off the GUI thread, one session per user action.

A single worker thread runs the jobs in order (SQLite has one writer; Anki does the
same). Results and errors come back on the GUI thread through the runner's own
signals; after a successful write the runner emits ``data_changed(kind)`` so pages
refresh. A progress dialog appears only when a job runs longer than about 0.5 s.
"""

from __future__ import annotations

import itertools
import traceback
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget


class Cancelled(Exception):
    """Raised inside a job when the clerk pressed 取消 on its progress dialog."""


class _Job(QRunnable):
    def __init__(self, runner: "TaskRunner", job_id: int, fn: Callable, args: tuple, mode: str) -> None:
        super().__init__()
        self.runner, self.job_id, self.fn, self.args, self.mode = runner, job_id, fn, args, mode
        self.cancelled = False
        self.setAutoDelete(True)

    def progress(self, percent: int, text: str = "") -> None:
        if self.cancelled:
            raise Cancelled()
        self.runner._progress.emit(self.job_id, int(percent), text)

    def run(self) -> None:  # worker thread
        try:
            db = self.runner.database
            if self.mode == "plain":
                result = self.fn(*self.args)
            elif db is None:
                raise RuntimeError("数据库尚未打开")
            elif self.mode == "write":
                with db.unit_of_work(actor=self.runner.actor) as session:
                    result = self.fn(session, *self.args)
            else:
                with db.reading() as session:
                    result = self.fn(session, *self.args)
        except BaseException as exc:  # noqa: BLE001 - every error goes back to the GUI
            self.runner._failed.emit(self.job_id, exc, traceback.format_exc())
        else:
            self.runner._finished.emit(self.job_id, result)


class TaskRunner(QObject):
    data_changed = Signal(str)
    _finished = Signal(int, object)
    _failed = Signal(int, object, str)
    _progress = Signal(int, int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = None
        self.actor = ""
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._callbacks: dict[int, tuple[Callable | None, Callable | None, str | None]] = {}
        self._dialogs: dict[int, QProgressDialog] = {}
        self._jobs: dict[int, _Job] = {}
        self._last_progress: dict[int, tuple[int, str]] = {}  # shown when a job's dialog appears late
        self._ids = itertools.count(1)
        self._finished.connect(self._on_finished)
        self._failed.connect(self._on_failed)
        self._progress.connect(self._on_progress)
        self.dialog_parent: QWidget | None = None

    def submit(self, fn: Callable, *args: Any, on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None, write: bool = False,
               plain: bool = False, kind: str | None = None, progress_title: str | None = None,
               with_progress: bool = False) -> int:
        """Run ``fn(session, *args)`` (``fn(*args)`` when ``plain``) on the worker thread."""
        job_id = next(self._ids)
        mode = "plain" if plain else "write" if write else "read"
        job = _Job(self, job_id, fn, args, mode)
        if with_progress:
            job.args = args + (job.progress,)
        self._callbacks[job_id] = (on_done, on_error, kind if write else None)
        self._jobs[job_id] = job
        if progress_title:
            QTimer.singleShot(500, lambda: self._maybe_show_progress(job_id, progress_title))
        self.pool.start(job)
        return job_id

    def busy(self) -> bool:
        return bool(self._callbacks)

    def wait_idle(self, timeout_ms: int = 60000) -> bool:
        """Process events until every submitted job has delivered its result (tests, screenshots)."""
        deadline = QDeadlineTimer(timeout_ms)
        while self._callbacks and not deadline.hasExpired():
            self.pool.waitForDone(20)
            QCoreApplication.processEvents()
        QCoreApplication.processEvents()
        return not self._callbacks

    # -- GUI thread ---------------------------------------------------------------
    def _maybe_show_progress(self, job_id: int, title: str) -> None:
        if job_id not in self._callbacks:
            return
        dialog = QProgressDialog(title, "取消", 0, 100, self.dialog_parent)
        dialog.setWindowTitle("请稍候")
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(lambda: self._cancel(job_id))
        self._dialogs[job_id] = dialog
        if job_id in self._last_progress:
            self._on_progress(job_id, *self._last_progress[job_id])
        dialog.show()

    def _cancel(self, job_id: int) -> None:
        job = self._jobs.get(job_id)
        if job is not None:
            job.cancelled = True

    def _on_progress(self, job_id: int, percent: int, text: str) -> None:
        if job_id in self._callbacks:
            self._last_progress[job_id] = (percent, text)
        dialog = self._dialogs.get(job_id)
        if dialog is not None:
            dialog.setValue(percent)
            if text:
                dialog.setLabelText(text)

    def _close(self, job_id: int):
        self._jobs.pop(job_id, None)
        self._last_progress.pop(job_id, None)
        dialog = self._dialogs.pop(job_id, None)
        if dialog is not None:
            dialog.reset()
            dialog.deleteLater()
        return self._callbacks.pop(job_id, (None, None, None))

    def _on_finished(self, job_id: int, result: object) -> None:
        on_done, _, kind = self._close(job_id)
        if on_done is not None:
            on_done(result)
        if kind:
            self.data_changed.emit(kind)

    def _on_failed(self, job_id: int, exc: BaseException, details: str) -> None:
        _, on_error, _ = self._close(job_id)
        if isinstance(exc, Cancelled):
            return
        if on_error is not None:
            on_error(exc)
        else:
            show_error(self.dialog_parent, exc, details)


def error_text(exc: BaseException) -> str:
    from app.domain.errors import BranchBookError

    if isinstance(exc, BranchBookError):
        return str(exc)
    return f"发生了意外错误，操作未完成：{type(exc).__name__}: {exc}"


def show_error(parent: QWidget | None, exc: BaseException, details: str = "") -> None:
    from app.domain.errors import BranchBookError

    box = QMessageBox(QMessageBox.Warning, "提示" if isinstance(exc, BranchBookError) else "错误", error_text(exc),
                      QMessageBox.Ok, parent)
    if details and not isinstance(exc, BranchBookError):
        box.setDetailedText(details)
    box.exec() if parent is not None and parent.isVisible() else box.open()
