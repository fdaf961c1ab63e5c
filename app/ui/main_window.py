"""The main window: a left navigation of nine sections and their pages, created when first shown."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QStackedWidget, QWidget

SECTIONS = ("首页", "组织", "党员", "党费", "三会一课", "发展党员", "志愿服务", "统计报表", "设置与备份")
FILE_NAMES = ("01-home", "02-organisation", "03-members", "04-dues", "05-meetings", "06-development",
              "07-volunteers", "08-statistics", "09-settings")


def page_class(index: int):
    """Import a page's module only when the page is first needed (start-up stays fast)."""
    from app.ui.pages import (
        development, dues, home, meetings, members, organisation, settings_page, statistics, volunteers,
    )

    return (home.HomePage, organisation.OrganisationPage, members.MembersPage, dues.DuesPage, meetings.MeetingsPage,
            development.DevelopmentPage, volunteers.VolunteersPage, statistics.StatisticsPage, settings_page.SettingsPage)[index]


def _record_counts(session):
    from app.services.views.home import record_counts  # worker thread: SQLAlchemy stays off start-up

    return record_counts(session)


class MainWindow(QMainWindow):
    def __init__(self, runner, *, remember: bool = True) -> None:
        super().__init__()
        self.runner = runner
        self.remember = remember  # screenshots must not change the clerk's saved layout
        runner.dialog_parent = self
        self.setWindowTitle("支部台账")
        self.resize(1280, 800)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(150)
        self.nav.setFocusPolicy(Qt.NoFocus)
        for name in SECTIONS:
            item = QListWidgetItem(name)
            item.setTextAlignment(Qt.AlignVCenter | Qt.AlignLeft)
            self.nav.addItem(item)
        self.stack = QStackedWidget()
        self.placeholder = QLabel("正在打开数据库…")
        self.placeholder.setAlignment(Qt.AlignCenter)
        self.placeholder.setObjectName("placeholder")
        self.stack.addWidget(self.placeholder)
        self.pages: dict[int, QWidget] = {}
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.outer = QStackedWidget()  # the content, or the lock screen in its place
        self.outer.addWidget(central)
        self.setCentralWidget(self.outer)
        self.locked = False
        self.lock_screen = None
        self._hidden: list[QWidget] = []
        self.db_label = QLabel("")
        self.count_label = QLabel("")
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.db_label)
        self.counting = False
        self.ready = False
        self.nav.currentRowChanged.connect(self.show_section)
        geometry = QSettings().value("window/geometry") if remember else None
        if geometry is not None:
            self.restoreGeometry(geometry)

    def database_ready(self, org_name: str, location: str, *, demo: bool = False) -> None:
        self.ready = True
        self.setWindowTitle(f"支部台账 — {org_name}" + ("　【演示数据】" if demo else ""))
        self.db_label.setText(f"数据库：{location}")
        self.nav.setCurrentRow(max(self.nav.currentRow(), 0))
        self.show_section(self.nav.currentRow())
        if not self.counting:
            self.counting = True
            self.runner.data_changed.connect(lambda _kind: self.update_counts())
        self.update_counts()

    def update_counts(self) -> None:
        """在册党员 and all member records, in the status bar beside the database file."""
        self.runner.submit(_record_counts, on_done=lambda c: self.count_label.setText(
            f"在册党员 {c.active_members} 名　党员记录共 {c.member_records} 条"))

    def page(self, index: int) -> QWidget:
        if index not in self.pages:
            page = page_class(index)(self.runner)
            self.pages[index] = page
            self.stack.addWidget(page)
        return self.pages[index]

    def show_section(self, index: int) -> None:
        if not self.ready or index < 0:
            return
        if self.remember:
            QSettings().setValue("window/section", index)
        page = self.page(index)
        self.stack.setCurrentWidget(page)
        page.ensure_loaded()

    def lock(self) -> None:
        """Hide every page and open dialog behind the password box (the idle lock)."""
        if self.locked or not self.isVisible():  # a closed window has nothing to hide
            return
        from PySide6.QtWidgets import QApplication

        from app.ui.lock import LockScreen

        self.locked = True
        self._hidden = [w for w in QApplication.topLevelWidgets() if w is not self and w.isVisible()]
        for widget in self._hidden:
            widget.hide()
        if self.lock_screen is None:
            self.lock_screen = LockScreen(self.runner, self.unlock)
            self.outer.addWidget(self.lock_screen)
        self.outer.setCurrentWidget(self.lock_screen)
        self.nav.setEnabled(False)
        self.lock_screen.box.password.setFocus()

    def unlock(self, display_name: str) -> None:
        self.locked = False
        self.runner.actor = display_name
        self.outer.setCurrentIndex(0)
        self.nav.setEnabled(True)
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        self.runner.data_changed.emit("*")

    def preview_members(self, first_page) -> None:
        """Show the 党员 list read straight from the file while the database layer is loading."""
        page = self.page(2)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(2)
        self.nav.blockSignals(False)
        self.stack.setCurrentWidget(page)
        page.preload(first_page)

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.remember:
            QSettings().setValue("window/geometry", self.saveGeometry())
        idle = getattr(self, "idle_lock", None)
        if idle is not None:
            idle.stop()
        self.runner.wait_idle(10000)
        if self.runner.database is not None:
            if self.remember:
                close_backup(self.runner.database)
            self.runner.database.close()
        super().closeEvent(event)


def close_backup(db) -> None:
    """The backup on close, made only when quick_check passes (services.backups.backup_on_close)."""
    from app.domain.errors import StorageError
    from app.services.backups import backup_on_close

    try:
        backup_on_close(db)
    except StorageError:
        pass  # a full disk must not keep the window from closing; the next start tries again
