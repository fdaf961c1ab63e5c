"""备份到U盘 (a folder, optionally a password) and 从备份恢复 (pick a backup, see its date and counts first)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QInputDialog, QLabel, QLineEdit,
    QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from app.ui.pages.base import make_table
from app.ui.table_model import Column, RowTableModel
from app.ui.tasks import error_text

LABELS = {"organisation": "党组织", "member": "党员", "membership_event": "党员变动记录", "dues_payment": "党费缴纳记录",
          "meeting": "会议记录", "development_record": "发展党员档案", "volunteer": "志愿者", "volunteer_hours": "服务时长记录"}


class UsbBackupDialog(QDialog):
    """Where to write the copy and whether to encrypt it."""

    def __init__(self, folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("备份到U盘")
        form = QFormLayout(self)
        row = QHBoxLayout()
        self.folder = QLineEdit(folder)
        browse = QPushButton("选择…")
        browse.clicked.connect(self._browse)
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form.addRow("保存到", row)
        self.encrypt = QCheckBox("用密码加密（U盘丢失时别人无法打开；忘记密码将无法恢复）")
        self.encrypt.setChecked(True)
        form.addRow(self.encrypt)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.Password)
        form.addRow("备份密码", self.password)
        form.addRow("再输入一次", self.again)
        self.encrypt.toggled.connect(self.password.setEnabled)
        self.encrypt.toggled.connect(self.again.setEnabled)
        self.error = QLabel("")
        self.error.setObjectName("fieldError")
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("开始备份")
        buttons.button(QDialogButtonBox.Cancel).setText("取消")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "选择U盘或文件夹", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def _accept(self) -> None:
        if not self.folder.text().strip() or not Path(self.folder.text().strip()).is_dir():
            self.error.setText("请选择已插好的U盘或一个存在的文件夹。")
            return
        if self.encrypt.isChecked():
            if len(self.password.text()) < 6:
                self.error.setText("备份密码至少 6 个字符。")
                return
            if self.password.text() != self.again.text():
                self.error.setText("两次输入的密码不一致。")
                return
        self.accept()

    def choice(self) -> tuple[str, str | None]:
        return self.folder.text().strip(), self.password.text() if self.encrypt.isChecked() else None


def _size(entry) -> str:
    return f"{entry.size_bytes / 1024 / 1024:.1f} MB"


class RestoreDialog(QDialog):
    """The automatic backups, newest first, or any file; the chosen one is shown before it replaces anything."""

    def __init__(self, runner, entries, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setWindowTitle("从备份恢复")
        self.resize(640, 420)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("选择要恢复的备份。恢复前会先把当前数据库另存一份，恢复要么全部完成，要么什么也不改。"))
        self.model = RowTableModel([Column("备份时间", lambda e: f"{e.taken:%Y-%m-%d %H:%M:%S}", 160),
                                    Column("类型", lambda e: e.reason_label, 110), Column("大小", _size, 80),
                                    Column("文件", lambda e: e.path.name, 260)])
        self.model.reset(entries)
        self.table = make_table(self.model, sort=False)
        lay.addWidget(self.table, 1)
        bar = QHBoxLayout()
        other = QPushButton("选择其他备份文件（U盘）…")
        other.clicked.connect(self._other)
        bar.addWidget(other)
        bar.addStretch(1)
        self.restore_button = QPushButton("恢复所选备份…")
        self.restore_button.clicked.connect(self._selected)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        bar.addWidget(self.restore_button)
        bar.addWidget(close)
        lay.addLayout(bar)
        self.password: str | None = None
        self.last_error = ""

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            QMessageBox.information(self, "提示", "请先选择一个备份。")
            return
        self.consider(self.model.row_at(rows[0].row()).path)

    def _other(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "选择备份文件", "", "支部台账备份 (*.db *.bbk);;所有文件 (*)")
        if name:
            self.consider(Path(name))

    def consider(self, path: Path, password: str | None = None) -> None:
        """Read the backup (decrypting a .bbk) and show its date and counts before asking."""
        from app.services.backup_crypto import is_encrypted
        from app.services.backups import describe_backup

        if is_encrypted(path) and password is None:
            password, ok = QInputDialog.getText(self, "加密备份", f"「{path.name}」是加密备份，请输入备份密码：",
                                                QLineEdit.Password)
            if not ok:
                return
        self.password = password
        self.runner.submit(describe_backup, path, password, plain=True, progress_title="正在检查备份…",
                           on_done=self._confirm, on_error=lambda e: self._warn("无法使用该备份", e))

    def _confirm(self, summary) -> None:
        counts = "\n".join(f"　{LABELS.get(t, t)}：{n}" for t, n in summary.counts.items())
        answer = QMessageBox.question(
            self, "确认恢复",
            f"备份文件：{summary.path}\n备份时间：{summary.taken:%Y-%m-%d %H:%M:%S}\n其中：\n{counts}\n\n"
            "恢复后，当前数据库的内容将被这个备份替换（当前数据库会先另存一份）。是否恢复？",
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer == QMessageBox.Yes:
            self.runner.submit(_restore, self.runner.database, summary.path, self.password, plain=True,
                               progress_title="正在恢复…", on_done=self._restored,
                               on_error=lambda e: self._warn("恢复失败", e))

    def _warn(self, title: str, exc: BaseException) -> None:
        self.last_error = error_text(exc)
        self._box = QMessageBox(QMessageBox.Warning, title, self.last_error, QMessageBox.Ok, self)
        self._box.open()

    def _restored(self, report) -> None:
        self.runner.data_changed.emit("*")
        self.last_report = report
        parent = self.parentWidget()
        self._box = QMessageBox(QMessageBox.Information, "恢复完成",
                                f"已从「{report.source}」恢复。\n恢复前的数据库已另存为「{report.safety_copy}」。",
                                QMessageBox.Ok, parent)
        self._box.open()
        self.accept()


def _restore(db, path, password):
    from app.services.maintenance import restore

    return restore(db, path, password=password)
