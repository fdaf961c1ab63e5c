"""导入发展党员档案 in the window: read and check the whole file, show what would change, back up, then write it all."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox


def _plan(s, path):
    from app.io.development_sheet import parse_development_sheet
    from app.io.excel_read import read_sheet
    from app.services.development_import import plan_development_import

    parsed = parse_development_sheet(read_sheet(path))
    plan = plan_development_import(s, parsed.rows)
    return plan, sorted(parsed.errors + plan.errors, key=lambda e: e.row)


def import_development(parent, runner, path: str | None = None) -> None:
    if path is None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(parent, "选择发展党员名册", "", "Excel 文件 (*.xlsx *.xls)")
        if not path:
            return

    def preview(result) -> None:
        plan, errors = result
        if errors:
            shown = "\n".join(str(e) for e in errors[:30]) + (f"\n……共 {len(errors)} 处" if len(errors) > 30 else "")
            QMessageBox.warning(parent, "发展党员名册有错误", f"未导入任何数据。请改正后重新导入：\n\n{shown}")
            return
        if not plan.changes:
            QMessageBox.information(parent, "导入发展党员档案", "没有需要导入的变化：" + plan.summary())
            return
        if QMessageBox.question(parent, "导入发展党员档案", plan.summary() + "\n\n确认导入？（导入前自动备份）") != QMessageBox.Yes:
            return

        def backup_then_apply(session, plan):
            from app.services import maintenance
            from app.services.development_import import apply_development_import

            maintenance.backup_before_import(runner.database)
            return apply_development_import(session, plan)

        runner.submit(backup_then_apply, plan, write=True, kind="development",
                      on_done=lambda n: QMessageBox.information(parent, "导入完成", f"已导入 {n} 份档案。"))

    runner.submit(_plan, path, on_done=preview)
