"""Exporting the 党员花名册: format, scope, order, columns, whole or masked ID numbers; preview of the PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGridLayout, QGroupBox, QLabel,
    QMessageBox, QVBoxLayout, QWidget,
)


def _orgs(session):
    from app.services.views.organisations import org_choices

    return org_choices(session)


def _export(session, org_id, order, fmt, path, columns, full_id):
    from app.io.roster_pdf import write_roster_pdf
    from app.io.roster_xlsx import write_roster_xlsx
    from app.services.roster import build_roster, record_full_id_export

    roster = build_roster(session, org_id=org_id, order=order)
    if fmt == "xlsx":
        out = write_roster_xlsx(roster, path, columns=columns)
    else:
        out = write_roster_pdf(roster, path, columns=columns, full_id=full_id)
    if fmt == "xlsx" or full_id:
        record_full_id_export(session, roster, str(out))
    return out, len(roster.entries)


class ExportRosterDialog(QDialog):
    def __init__(self, runner, parent: QWidget | None = None, *, org_id=None, order="pinyin") -> None:
        super().__init__(parent)
        from app.io.roster_columns import COLUMNS, PDF_DEFAULT

        self.runner = runner
        self.setWindowTitle("导出党员花名册")
        form = QFormLayout()
        self.fmt = QComboBox()
        self.fmt.addItem("Excel 工作簿（.xlsx，报上级用，身份证号完整）", "xlsx")
        self.fmt.addItem("PDF（打印用，A4横向）", "pdf")
        self.org = QComboBox()
        self.org.addItem("全部（本级党组织）", None)
        self.order = QComboBox()
        self.order.addItem("按姓名拼音", "pinyin")
        self.order.addItem("按姓氏笔画", "strokes")
        self.order.setCurrentIndex(max(self.order.findData(order), 0))
        self.full_id = QCheckBox("PDF 中显示完整身份证号（将记入审计日志）")
        form.addRow("格式", self.fmt)
        form.addRow("范围", self.org)
        form.addRow("排序", self.order)
        form.addRow("", self.full_id)
        box = QGroupBox("列")
        grid = QGridLayout(box)
        self.columns = {}
        for i, c in enumerate(COLUMNS):
            check = QCheckBox(c.header)
            check.setChecked(True)
            grid.addWidget(check, i // 6, i % 6)
            self.columns[c.key] = check
        self.pdf_default = PDF_DEFAULT
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText("导出…")
        self.buttons.button(QDialogButtonBox.Cancel).setText("取消")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box)
        self.note = QLabel("")
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.wanted_org = org_id
        self.buttons.accepted.connect(self._go)
        self.buttons.rejected.connect(self.reject)
        self.fmt.currentIndexChanged.connect(self._format_changed)
        runner.submit(_orgs, on_done=self._show_orgs)

    def _show_orgs(self, choices) -> None:
        for c in choices:
            if c.level != "党小组":
                self.org.addItem("　" * c.depth + c.name, c.id)
        self.org.setCurrentIndex(max(self.org.findData(self.wanted_org), 0))

    def _format_changed(self) -> None:
        pdf = self.fmt.currentData() == "pdf"
        for key, check in self.columns.items():
            check.setChecked(key in self.pdf_default if pdf else True)

    def selected_columns(self) -> list[str]:
        return [key for key, check in self.columns.items() if check.isChecked()]

    def _go(self, path: str | None = None) -> None:
        fmt = self.fmt.currentData()
        if not path:
            suffix = "Excel 工作簿 (*.xlsx)" if fmt == "xlsx" else "PDF 文件 (*.pdf)"
            path, _ = QFileDialog.getSaveFileName(self, "保存花名册", f"党员花名册.{fmt}", suffix)
            if not path:
                return
        if not path.lower().endswith("." + fmt):
            path += "." + fmt
        columns = self.selected_columns()
        if not columns:
            self.note.setText("请至少选择一列。")
            return
        self.runner.submit(_export, self.org.currentData(), self.order.currentData(), fmt, path, columns,
                           self.full_id.isChecked(), write=True, kind="audit", progress_title="正在生成花名册…",
                           on_done=self._done)

    def _done(self, result) -> None:
        out, count = result
        self.accept()
        if Path(out).suffix == ".pdf" and preview_pdf(self.parent(), Path(out)):
            return
        answer = QMessageBox.information(self.parent(), "导出完成", f"已导出 {count} 名党员到\n{out}",
                                         QMessageBox.Open | QMessageBox.Ok)
        if answer == QMessageBox.Open:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))


def preview_pdf(parent: QWidget | None, path: Path) -> bool:
    """Show the PDF in the program (QtPdf) before the clerk prints it; False when QtPdf is missing."""
    try:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView
    except ImportError:
        return False
    dialog = QDialog(parent)
    dialog.setWindowTitle(f"打印预览 — {path.name}")
    dialog.resize(1100, 800)
    doc = QPdfDocument(dialog)
    doc.load(str(path))
    view = QPdfView(dialog)
    view.setDocument(doc)
    view.setPageMode(QPdfView.PageMode.MultiPage)
    view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
    buttons = QDialogButtonBox(QDialogButtonBox.Open | QDialogButtonBox.Close)
    buttons.button(QDialogButtonBox.Open).setText("用系统程序打开并打印")
    buttons.button(QDialogButtonBox.Close).setText("关闭")
    buttons.accepted.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(f"{path}（共 {doc.pageCount()} 页）"))
    layout.addWidget(view, 1)
    layout.addWidget(buttons)
    dialog.open()
    parent._pdf_preview = dialog if parent is not None else None
    return True
