"""Importing members from Excel in the window: choose a file, see the preview, confirm, all or nothing."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QInputDialog, QLabel, QMessageBox,
    QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from app.ui.pages.base import make_table
from app.ui.table_model import Column, RowTableModel, col


def _plan(session, path: str, profile: dict | None):
    from app.io.member_file import plan_member_file

    return plan_member_file(session, path, profile=profile)


def _apply(session, plan, path: str):
    from app.services.member_import import apply_import

    return apply_import(session, plan, source=path)




class ImportPreview(QDialog):
    def __init__(self, parsed, plan, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parsed = parsed
        self.setWindowTitle("导入党员 — 预览")
        self.resize(980, 620)
        layout = QVBoxLayout(self)
        errors = sorted(parsed.errors + plan.errors, key=lambda e: e.row)
        mapped = "、".join(f"{c.header}→{c.field}" for c in parsed.columns if c.field)
        summary = QLabel(f"文件：{path}\n识别的列：{mapped or '（无）'}\n结果：{plan.summary()}"
                         + (f"\n将新建组织：{'、'.join(plan.new_orgs)}" if plan.new_orgs else ""))
        summary.setWordWrap(True)
        layout.addWidget(summary)
        tabs = QTabWidget()
        rows = RowTableModel([col("行", "row", 50, right=True), col("处理", "action", 60),
                              Column("姓名", lambda r: r.data.name, 90), col("所在党支部", "org_name", 140),
                              Column("身份证号", lambda r: r.data.id_number or "待补充", 170),
                              Column("变化", lambda r: "；".join(f"{a}：{b or '空'}→{c or '空'}" for a, b, c in r.changes), 360)])
        rows.reset(plan.rows)
        error_model = RowTableModel([col("行", "row", 50, right=True), col("列", "column", 180), col("原因", "reason", 600)])
        error_model.reset(errors)
        if errors:
            tabs.addTab(make_table(error_model), f"错误（{len(errors)}）")
        tabs.addTab(make_table(rows), f"全部行（{len(plan.rows)}）")
        tabs.addTab(self._mapping_tab(), "列对应")
        layout.addWidget(tabs, 1)
        note = QLabel("有错误时不会写入任何数据：请在 Excel 中改正后重新导入。" if errors else
                      "确认后一次性写入（全部成功或全部不写），写入前自动备份数据库。")
        note.setStyleSheet("color: #B00000;" if errors else "")
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText("确认导入")
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(not errors and (plan.count("新增") + plan.count("修改") > 0))
        self.buttons.button(QDialogButtonBox.Cancel).setText("关闭")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)


    def _mapping_tab(self) -> QWidget:
        """Each column of the file and the field it fills; the clerk may change it and re-check."""
        from app.io.member_sheet import LABELS

        tab = QWidget()
        form = QFormLayout(tab)
        self.mapping: dict[str, QComboBox] = {}
        for column in self.parsed.columns:
            if not column.header:
                continue
            box = QComboBox()
            box.addItem("（不导入）", None)
            for field, label in LABELS.items():
                box.addItem(label, field)
            box.setCurrentIndex(max(box.findData(column.field), 0))
            form.addRow(column.header, box)
            self.mapping[column.header] = box
        row = QHBoxLayout()
        self.recheck = QPushButton("按此对应重新检查")
        self.save_profile = QPushButton("保存为方案…")
        row.addWidget(self.recheck)
        row.addWidget(self.save_profile)
        row.addStretch(1)
        form.addRow(row)
        return tab

    def profile(self) -> dict[str, str | None]:
        from app.io.member_sheet import normalise_header

        return {normalise_header(header): box.currentData() for header, box in self.mapping.items()}


def _save_profile(session, name: str, mapping: dict):
    from app.services.import_profiles import save_profile

    save_profile(session, name, mapping)
    return name


def start_import(parent: QWidget, runner, path: str | None = None, profile: dict | None = None) -> None:
    if path is None:
        path, _ = QFileDialog.getOpenFileName(parent, "选择党员名册", "", "Excel 文件 (*.xlsx *.xls)")
        if not path:
            return

    def preview(result) -> None:
        parsed, plan = result
        dialog = ImportPreview(parsed, plan, path, parent)
        dialog.accepted.connect(lambda: confirm(plan))

        def recheck() -> None:
            dialog.reject()
            start_import(parent, runner, path, dialog.profile())

        def save() -> None:
            name, ok = QInputDialog.getText(dialog, "保存列对应方案", "方案名称（如：街道花名册格式）：")
            if ok and name.strip():
                runner.submit(_save_profile, name.strip(), dialog.profile(), write=True, kind="settings",
                              on_done=lambda n: QMessageBox.information(dialog, "已保存",
                                                                        f"已保存方案“{n}”，下次导入同样格式时可在命令行用 --profile {n}"))

        dialog.recheck.clicked.connect(recheck)
        dialog.save_profile.clicked.connect(save)
        dialog.open()
        parent._import_preview = dialog  # kept for tests

    def confirm(plan) -> None:
        def backup_then_apply(session, plan, path):
            from app.services import maintenance

            maintenance.backup_before_import(runner.database)
            return _apply(session, plan, path)

        runner.submit(backup_then_apply, plan, path, write=True, kind="member", progress_title="正在导入…",
                      on_done=lambda counts: QMessageBox.information(
                          parent, "导入完成", "导入完成：" + "，".join(f"{k} {v}" for k, v in counts.items())))

    def failed(exc) -> None:
        from app.io.excel_read import SheetError
        from app.ui.tasks import show_error

        if isinstance(exc, SheetError):
            QMessageBox.warning(parent, "无法读取文件", exc.message)
        else:
            show_error(parent, exc)

    runner.submit(_plan, path, profile, on_done=preview, on_error=failed, progress_title="正在检查文件…")
