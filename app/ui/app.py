"""Starting the window: show it first, then open the database on the worker thread.

Only PySide6 and small modules of ours are imported before the window is shown;
SQLAlchemy, pypinyin, openpyxl and reportlab come later, on the worker thread.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from app.paths import cjk_font_path, resources_dir
from app.ui.main_window import MainWindow
from app.ui.tasks import TaskRunner, error_text

DEMO_FILE = "branchbook-demo.db"


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("支部台账")
    app.setOrganizationName("BranchBook")
    font_id = QFontDatabase.addApplicationFont(str(cjk_font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        app.setFont(QFont(families[0], 10))
    style = resources_dir() / "style.qss"
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    _window_icon_and_chinese_dialogs(app)
    return app


def _window_icon_and_chinese_dialogs(app: QApplication) -> None:
    """The app icon on every window, and Qt's own dialogs (file chooser, standard buttons) in Chinese:
    the Windows bundle ships qtbase_zh_CN.qm (installer/branchbook.spec keeps it)."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
    from PySide6.QtGui import QIcon

    icon = resources_dir() / "icons" / "branchbook.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    if getattr(app, "_zh_translator", None) is None:
        translator = QTranslator(app)
        if translator.load(QLocale(QLocale.Chinese, QLocale.China), "qtbase", "_",
                           QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
            app.installTranslator(translator)
            app._zh_translator = translator


def _open(path: str | None, url: str | None):
    from app.services.database import Database
    from app.services.organisations import top_organisation

    from app.services import auth, settings

    db = Database.open(path=path, url=url, exclusive=True)  # quick_check, lock file
    with db.reading() as session:
        top = top_organisation(session)
        access = (auth.login_required(session), int(settings.get(session, "privacy.lock_minutes")),
                  str(settings.get(session, "clerk.name") or ""))
    _start_of_day(db)
    db.access = access  # (login needed, idle minutes, clerk's name when there is no login)
    return db, top.name if top else None


def _start_of_day(db) -> None:
    """The day's first backup (the file passed quick_check a moment ago) and where the file sits."""
    from app.domain.errors import StorageError
    from app.services import backups, location

    if db.path is None:
        return
    try:
        backups.daily_backup_if_due(db, checked=True)
    except StorageError as exc:
        db.notices.append(str(exc))
    db.notices.extend(location.risks(db.path))


def _newest_backup(path: str):
    from app.services.backups import newest_good_backup

    return newest_good_backup(Path(path))


def _restore_damaged(path: str, backup: str):
    from app.services.maintenance import restore_damaged

    return restore_damaged(Path(path), Path(backup))


def _apply_setup(session, setup):
    from app.services.first_setup import apply_with_password

    top, code = apply_with_password(session, setup)
    return top.name, code


def _make_demo(path: str, progress):
    from app.services.database import Database
    from app.services.demo import generate

    db = Database.open(path=path)
    try:
        from app.services.organisations import has_organisation

        with db.reading() as s:
            filled = has_organisation(s)
        if not filled:
            generate(db, members=300, years=3, progress=progress)
    finally:
        db.close()
    return path


def default_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("BranchBook", appauthor=False)) / "branchbook.db"


class Launcher:
    """Opens the database after the window is up, runs the first-run choice, then fills the pages."""

    def __init__(self, app: QApplication, path: Path | None, url: str | None) -> None:
        self.app, self.url = app, url
        self.settings = QSettings()
        if path is None and url is None:
            last = self.settings.value("last_db")
            path = Path(last) if last and Path(last).exists() else default_path()
        self.path = path
        self.runner = TaskRunner()
        self.window = MainWindow(self.runner)
        self.bench = os.environ.get("BRANCHBOOK_BENCH", "")
        self.exit_code = 0

    def start(self) -> None:
        section = 2 if self.bench == "members" else int(self.settings.value("window/section", 0) or 0)
        if self.bench == "members":
            self.window.page(2).first_batch.connect(lambda: self._bench_done("BENCH_MEMBERS_LOADED"))
        self.window.show()
        if self.bench == "window":
            QTimer.singleShot(0, lambda: self._bench_done("BENCH_WINDOW_SHOWN"))
            return
        self.open(str(self.path) if self.path else None)  # SQLAlchemy loads on the worker thread meanwhile
        self.window.nav.blockSignals(True)
        self.window.nav.setCurrentRow(section)
        self.window.nav.blockSignals(False)
        if section == 2 and self.path is not None and self.url is None:
            from app.services.quick_roster import first_page

            page = first_page(self.path)
            if page is not None:
                self.window.preview_members(page)

    def open(self, path: str | None) -> None:
        self.runner.submit(_open, path, self.url, plain=True, on_done=self._opened, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        from app.services.database import DamagedDatabaseError

        if isinstance(exc, DamagedDatabaseError):
            self.runner.submit(_newest_backup, str(exc.path), plain=True, progress_title="正在查找完好的备份…",
                               on_done=lambda entry: self._offer_restore(exc, entry),
                               on_error=lambda _e: self._offer_restore(exc, None))
            return
        QMessageBox.critical(self.window, "无法打开数据库", error_text(exc))
        self._quit()

    def _quit(self) -> None:
        self.exit_code = 2
        self.app.exit(2)

    def _offer_restore(self, exc, entry) -> None:
        """A damaged file: never written to; offer the newest backup that passes integrity_check."""
        if entry is None:
            QMessageBox.critical(self.window, "数据库已损坏", f"{exc}\n\n没有找到完好的自动备份。如有U盘上的备份，"
                                 f"请用命令 python -m app --db \"{exc.path}\" restore 备份文件 恢复。")
            self._quit()
            return
        answer = QMessageBox.question(
            self.window, "数据库已损坏",
            f"{exc}\n\n最近的完好备份：{entry.taken:%Y-%m-%d %H:%M}（{entry.reason_label}）\n{entry.path}\n\n"
            f"是否用它恢复？损坏的文件会保留为“{exc.path.name}.damaged-时间”，不会删除。",
            QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
        if answer != QMessageBox.Yes:
            self._quit()
            return
        self.runner.submit(_restore_damaged, str(exc.path), str(entry.path), plain=True,
                           progress_title="正在恢复…", on_done=lambda _damaged: self.open(str(exc.path)),
                           on_error=lambda e: (QMessageBox.critical(self.window, "恢复失败", error_text(e)),
                                               self._quit()))

    def _opened(self, result) -> None:
        db, org_name = result
        if self.runner.database is not None and self.runner.database is not db:
            self.runner.database.close()
        self.runner.database = db
        if db.path is not None:
            self.settings.setValue("last_db", str(db.path))
        if org_name is None:
            self._first_run()
            return
        needs_login, minutes, clerk = getattr(db, "access", (False, 5, ""))
        self.runner.actor = clerk
        if needs_login:
            from app.ui.lock import IdleLock, LoginDialog

            self.login = LoginDialog(self.runner, self.window)
            self.login.accepted.connect(lambda: (setattr(self.runner, "actor", self.login.display_name),
                                                 self._ready(db, org_name)))
            self.login.rejected.connect(lambda: self.app.exit(0))
            self.idle = IdleLock(self.window, minutes)
            self.login.open()
            return
        self._ready(db, org_name)

    def _ready(self, db, org_name: str) -> None:
        self.window.database_ready(org_name, db.display_name, demo=bool(db.path and db.path.name == DEMO_FILE))
        if db.notices:  # open(), not exec(): start-up goes on while the clerk reads it
            self.notice = QMessageBox(QMessageBox.Warning, "请注意", "\n\n".join(db.notices), QMessageBox.Ok, self.window)
            self.notice.open()
        # Modules, Qt wrappers and SQLAlchemy's mappers loaded by now live as long as the program: keep the
        # collector's full passes off them, so a page reading 100,000 rows does not rescan them each time.
        gc.freeze()

    def _first_run(self, wizard=None) -> None:
        from app.ui.first_run import FirstRunWizard

        wizard = wizard or FirstRunWizard(self.window)
        if wizard.exec() != FirstRunWizard.Accepted:
            self.app.exit(0)
            return
        if wizard.choice() == FirstRunWizard.NEW:
            # all or nothing in one unit of work; on an error the same wizard comes back with what was typed
            self.runner.submit(_apply_setup, wizard.setup(), write=True, kind="organisation",
                               on_done=self._set_up,
                               on_error=lambda exc: (QMessageBox.warning(self.window, "提示", error_text(exc)),
                                                     wizard.restart(), self._first_run(wizard)))
        else:
            demo = default_path().parent / DEMO_FILE
            self.runner.submit(_make_demo, str(demo), plain=True, with_progress=True,
                               progress_title="正在生成演示数据…", on_done=lambda p: self.open(p))

    def _set_up(self, result) -> None:
        """After the wizard: the 首页, whichever page was open last time, with its list of what to do next
        (and the recovery code of a password just set, shown this once)."""
        org_name, code = result
        if code:
            QMessageBox.information(self.window, "登录密码已设置",
                                    f"恢复码：{code}\n\n请抄下来收好，它只显示这一次。忘记密码时，在登录框点“忘记密码”"
                                    "输入恢复码即可重设。")
        self.window.nav.blockSignals(True)
        self.window.nav.setCurrentRow(0)
        self.window.nav.blockSignals(False)
        self.window.database_ready(org_name, self.runner.database.display_name)

    def _bench_done(self, marker: str) -> None:
        print(marker, flush=True)
        self.app.exit(0)


def run_gui(path: Path | None, url: str | None) -> int:
    app = make_application()
    launcher = Launcher(app, path, url)
    launcher.start()
    code = app.exec()
    launcher.runner.wait_idle(10000)
    if launcher.runner.database is not None:
        launcher.runner.database.close()
    return code or launcher.exit_code
