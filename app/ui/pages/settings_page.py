"""设置与备份: the settings with their sources, the database, check and back up now."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton

from app.ui.pages.base import Page, make_table
from app.ui.table_model import Column, RowTableModel, col


def _settings(s):
    from app.services.settings import list_settings
    from app.services.views.maintenance import database_file

    return list_settings(s), database_file(s)


def _check(s):
    from app.services.views.maintenance import check_database

    return check_database(s)


def _backup(s):
    from app.services.views.maintenance import backup_now

    return backup_now(s)


def _usb_backup(db, folder, password, actor):
    from app.services.backups import backup_to_folder

    return backup_to_folder(db, folder, password=password, actor=actor)


def _has_password(s):
    from app.services.auth import login_required

    return login_required(s)


def _backup_list(db):
    from app.services.backups import list_backups

    return list_backups(db.path) if db.path is not None else []


VALUE_LABELS = {"ROUND_HALF_UP": "四舍五入到分", "ROUND_CEILING": "进位到分"}


def _shown(row) -> str:
    if isinstance(row.value, bool):
        return "是" if row.value else "否"
    text = str(row.value)
    return VALUE_LABELS.get(text, text) or "（未设置）"


class SettingsPage(Page):
    title = "设置与备份"
    kinds = ("settings",)

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.location = QLabel("")
        self.location.setWordWrap(True)
        self.layout_.addWidget(self.location)
        bar = QHBoxLayout()
        self.check_button = QPushButton("检查数据库")
        self.backup_button = QPushButton("立即备份")
        self.usb_button = QPushButton("备份到U盘…")
        self.restore_button = QPushButton("从备份恢复…")
        self.holiday_button = QPushButton("节假日安排…")
        self.password_button = QPushButton("登录密码…")
        self.audit_button = QPushButton("审计日志…")
        self.accounts_button = QPushButton("账户…")
        self.accounts_button.setToolTip("几位党务工作者共用一个数据库时，每人一个登录账户")
        bar.addWidget(self.check_button)
        bar.addWidget(self.backup_button)
        bar.addWidget(self.usb_button)
        bar.addWidget(self.restore_button)
        bar.addWidget(self.holiday_button)
        bar.addWidget(self.password_button)
        bar.addWidget(self.audit_button)
        bar.addWidget(self.accounts_button)
        bar.addStretch(1)
        self.layout_.addLayout(bar)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.layout_.addWidget(self.result)
        self.model = RowTableModel([col("项目", "label", 220),
                                    Column("当前值", _shown, 180),
                                    Column("默认", lambda r: "默认" if r.is_default else "已修改", 60),
                                    col("依据", "source", 420)])
        self.layout_.addWidget(make_table(self.model, sort=False), 1)
        self.check_button.clicked.connect(lambda: self.runner.submit(_check, on_done=self._checked,
                                                                     progress_title="正在检查数据库…"))
        self.backup_button.clicked.connect(lambda: self.runner.submit(_backup, on_done=self._backed_up,
                                                                      progress_title="正在备份…"))

        self.usb_button.clicked.connect(self.open_usb_backup)
        self.restore_button.clicked.connect(self.open_restore)
        self.holiday_button.clicked.connect(self.open_holidays)
        self.password_button.clicked.connect(self.open_password)
        self.audit_button.clicked.connect(self.open_audit)
        self.accounts_button.clicked.connect(self.open_accounts)
        self.folder = ""
        self.values: dict = {}

    def open_accounts(self) -> None:
        from app.ui.dialogs.accounts import AccountsDialog

        self._accounts = AccountsDialog(self.runner, self)
        self._accounts.open()

    def open_password(self) -> None:
        self.runner.submit(_has_password, on_done=self._show_password)

    def _show_password(self, has: bool) -> None:
        from app.ui.lock import PasswordDialog

        self._dialog = PasswordDialog(self.runner, has, int(self.values.get("privacy.lock_minutes", 5)),
                                      str(self.values.get("clerk.name", "")), self)
        self._dialog.open()

    def open_audit(self) -> None:
        from app.ui.dialogs.audit_log import AuditLogDialog

        self._dialog = AuditLogDialog(self.runner, self)
        self._dialog.open()

    def open_usb_backup(self) -> None:
        from app.ui.dialogs.backup_dialogs import UsbBackupDialog

        self._dialog = UsbBackupDialog(self.folder, self)
        self._dialog.accepted.connect(lambda: self.usb_backup(*self._dialog.choice()))
        self._dialog.open()

    def usb_backup(self, folder: str, password: str | None) -> None:
        self.runner.submit(_usb_backup, self.runner.database, folder, password, self.runner.actor, plain=True,
                           on_done=self._usb_done, progress_title="正在备份到U盘并验证…")

    def _usb_done(self, result) -> None:
        self.runner.data_changed.emit("settings")
        kind = "加密备份" if result.encrypted else "备份"
        text = (f"{kind}完成：{result.path}（{result.size_bytes / 1024 / 1024:.1f} MB）。已从U盘重新读取并用 integrity_check "
                f"验证，党员 {result.counts.get('member', 0)} 条。\n\n请先在任务栏中点“安全删除硬件并弹出媒体”，等提示可以安全移除后再拔出U盘。")
        self.result.setText(text)
        self._box = QMessageBox(QMessageBox.Information, "备份完成", text, QMessageBox.Ok, self)
        self._box.open()

    def open_restore(self) -> None:
        self.runner.submit(_backup_list, self.runner.database, plain=True, on_done=self._show_restore)

    def _show_restore(self, entries) -> None:
        from app.ui.dialogs.backup_dialogs import RestoreDialog

        self._dialog = RestoreDialog(self.runner, entries, self)
        self._dialog.open()

    def open_holidays(self) -> None:
        from app.ui.dialogs.holidays import HolidayDialog

        self._dialog = HolidayDialog(self.runner, self)
        self._dialog.open()

    def refresh(self) -> None:
        self.runner.submit(_settings, on_done=self._show)

    def _show(self, data) -> None:
        settings, path = data
        self.model.reset(settings)
        self.values = {s.key: s.value for s in settings}
        self.folder = str(self.values.get("backup.folder", ""))
        self.location.setText(f"数据库文件：{path}" if path else "数据库：服务器数据库（PostgreSQL）")

    def _checked(self, report) -> None:
        self.result.setText("\n".join(report.lines()))

    def _backed_up(self, result) -> None:
        text = f"备份完成：{result.path}（{result.size_bytes / 1024 / 1024:.1f} MB，已用 integrity_check 验证）"
        self.result.setText(text)
        QMessageBox.information(self, "备份完成", text)
