"""审计日志: who, when, what record, what changed; filter by clerk, kind of record and text; export."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from app.ui.pages.base import make_table
from app.ui.table_model import Column, RowTableModel, col
from app.ui.tasks import error_text


def _load(session, actor, entity, text):
    from app.services import audit_view

    return audit_view.entries(session, actor=actor, entity=entity, text=text), audit_view.actors(session)


def _export(session, entries, target):
    from app.io.audit_xlsx import write_audit_xlsx
    from app.services.audit_view import record_export

    out = write_audit_xlsx(entries, target)
    record_export(session, "audit_log", str(out), len(entries))
    return out


class AuditLogDialog(QDialog):
    def __init__(self, runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.services.audit_view import ENTITY_LABELS

        self.runner = runner
        self.setWindowTitle("审计日志")
        self.resize(1100, 620)
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.actor = QComboBox()
        self.actor.addItem("全部操作人", "")
        self.entity = QComboBox()
        self.entity.addItem("全部对象", "")
        for key, label in ENTITY_LABELS.items():
            self.entity.addItem(label, key)
        self.text = QLineEdit()
        self.text.setPlaceholderText("摘要或变更内容中的文字、记录编号")
        search = QPushButton("查询")
        export = QPushButton("导出…")
        for w in (QLabel("操作人"), self.actor, QLabel("对象"), self.entity, self.text):
            bar.addWidget(w)
        bar.addWidget(search)
        bar.addWidget(export)
        lay.addLayout(bar)
        self.model = RowTableModel([Column("时间", lambda e: f"{e.at:%Y-%m-%d %H:%M:%S}", 150), col("操作人", "actor", 80),
                                    col("操作", "action", 70), col("对象", "entity", 70), col("记录", "entity_id", 60),
                                    col("摘要", "summary", 220), col("变更内容", "changes", 420, stretch=True)])
        lay.addWidget(make_table(self.model, empty="没有符合条件的记录。"), 1)
        self.note = QLabel("身份证号和电话号码在日志中只保留遮蔽后的形式。最多显示最近 2000 条。")
        lay.addWidget(self.note)
        search.clicked.connect(self.refresh)
        self.text.returnPressed.connect(self.refresh)
        export.clicked.connect(self.export)
        self.refresh()

    def refresh(self) -> None:
        self.runner.submit(_load, self.actor.currentData() or "", self.entity.currentData() or "",
                           self.text.text().strip(), on_done=self._show)

    def _show(self, data) -> None:
        entries, actors = data
        self.model.reset(entries)
        current = self.actor.currentData()
        if self.actor.count() != len(actors) + 1:
            self.actor.blockSignals(True)
            self.actor.clear()
            self.actor.addItem("全部操作人", "")
            for name in actors:
                self.actor.addItem(name, name)
            self.actor.setCurrentIndex(max(0, self.actor.findData(current)))
            self.actor.blockSignals(False)

    def export(self, target: str | None = None) -> None:
        if not target:
            target, _ = QFileDialog.getSaveFileName(self, "导出审计日志", "审计日志.xlsx", "Excel 文件 (*.xlsx)")
            if not target:
                return
        self.runner.submit(_export, list(self.model.rows), target, write=True, kind="audit",
                           on_done=lambda out: self.note.setText(f"已导出到 {out}"),
                           on_error=lambda e: QMessageBox.warning(self, "导出失败", error_text(e)))
