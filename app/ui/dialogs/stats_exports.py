"""按上级模板填表 and 汇总各支部工作簿: the two dialogs of the 统计 page's 导出与汇总 menu."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget,
    QPushButton, QTableWidget, QTableWidgetItem, QTextBrowser, QVBoxLayout,
)

from app.ui.pages import statistics_jobs as jobs
from app.ui.pages.meetings_common import save_path

NEW = "（重新识别）"


class TemplateDialog(QDialog):
    """Open a higher level's blank template, check what each column gets, fill it for the chosen period."""

    def __init__(self, page, sel) -> None:
        super().__init__(page)
        self.page, self.runner, self.sel = page, page.runner, sel
        self.layout_ = None
        self.template: str | None = None
        self.profiles: list = []
        self.setWindowTitle(f"按上级模板填表（{sel.label}）")
        self.resize(760, 560)
        from app.services.template_data import FIELDS

        self.fields = FIELDS
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setPlaceholderText("上级下发的空白模板 .xlsx")
        choose = QPushButton("选择模板…")
        self.profile = QComboBox()
        self.profile.addItem(NEW, None)
        self.profile.setMinimumWidth(160)
        row = QHBoxLayout()
        for w in (QLabel("模板"), self.path, choose, QLabel("方案"), self.profile):
            row.addWidget(w)
        self.info = QLabel("选择模板后，程序找出表头并提出每列填什么；请核对、改正，再填表。")
        self.info.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["列", "模板表头", "填入内容"])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.table.setColumnWidth(0, 40)
        self.table.setColumnWidth(2, 260)
        self.table.verticalHeader().setVisible(False)
        self.save_as = QLineEdit()
        self.save_as.setPlaceholderText("保存为方案（下次一键填表），如：街道党费统计表")
        self.error = QLabel("")
        self.error.setStyleSheet("color: #B00000")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText("填表并保存…")
        self.buttons.button(QDialogButtonBox.Cancel).setText("关闭")
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.save_as)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        choose.clicked.connect(self._choose)
        self.profile.currentIndexChanged.connect(lambda _i: self._apply_profile())
        self.buttons.accepted.connect(self._fill)
        self.buttons.rejected.connect(self.reject)
        self.runner.submit(jobs.profiles, on_done=self._profiles)

    def _profiles(self, profiles) -> None:
        self.profiles = profiles
        for p in profiles:
            self.profile.addItem(p.name, p.name)

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择上级下发的模板", "", "Excel 工作簿 (*.xlsx)")
        if path:
            self.open_template(path)

    def open_template(self, path: str) -> None:
        self.template = path
        self.path.setText(path)
        self.error.setText("")
        profile = self._chosen()
        self.runner.submit(jobs.inspect, path, profile.sheet if profile else None, plain=True,
                           on_done=self._inspected, on_error=self._failed)

    def _chosen(self):
        name = self.profile.currentData()
        return next((p for p in self.profiles if p.name == name), None)

    def _failed(self, exc) -> None:
        from app.ui.tasks import error_text

        self.error.setText(error_text(exc))
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(False)

    def _inspected(self, layout) -> None:
        self.detected = layout
        self._apply_profile()

    def _apply_profile(self) -> None:
        layout = getattr(self, "detected", None)
        if layout is None:
            return
        profile = self._chosen()
        self.error.setText("")
        if profile is not None:
            try:
                layout = jobs.with_profile(layout, profile)
            except Exception as exc:  # a profile made for other headers
                self._failed(exc)
                return
            self.save_as.setText(profile.name)
        self._show(layout)

    def _show(self, layout) -> None:
        self.layout_ = layout
        rows = f"第{'、'.join(map(str, layout.header_rows))}行"
        self.info.setText(f"工作表“{layout.sheet}”：表头在{rows}，从第{layout.first_row}行起每名党员一行"
                          + (f"（第{layout.footer_row}行起的合计、签字行会移到最后一名党员之下）" if layout.footer_row else "")
                          + "；带公式的列保留模板的公式。")
        self.table.setRowCount(len(layout.columns))
        self.combos = []
        for i, c in enumerate(layout.columns):
            self.table.setItem(i, 0, QTableWidgetItem(c.letter))
            self.table.setItem(i, 1, QTableWidgetItem(c.header or "（无表头）"))
            if c.formula:
                self.table.setItem(i, 2, QTableWidgetItem(f"公式 {c.formula}（保留）"))
                self.combos.append(None)
                continue
            box = QComboBox()
            box.addItem("（不填）", None)
            for f in self.fields:
                box.addItem(f.label, f.key)
            box.setCurrentIndex(max(box.findData(c.field), 0))
            self.table.setCellWidget(i, 2, box)
            self.combos.append(box)
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(True)

    def chosen_layout(self):
        from dataclasses import replace

        cols = [replace(c, field=box.currentData()) if box is not None else c
                for c, box in zip(self.layout_.columns, self.combos)]
        return replace(self.layout_, columns=cols)

    def _fill(self, out: str | None = None) -> None:
        if self.layout_ is None or self.template is None:
            return
        out = out or save_path(self, "保存填好的表", f"{self.sel.label}{self.save_as.text().strip() or '上级模板'}.xlsx",
                               "xlsx")
        if out:
            self.runner.submit(jobs.fill, self.sel, self.template, self.chosen_layout(), out,
                               self.save_as.text().strip() or None, write=True, kind="settings",
                               progress_title="正在填表…", on_done=self._done, on_error=self._failed)

    def _done(self, result) -> None:
        path, rows = result
        self.result = result
        self.info.setText(f"已填写 {rows} 名党员，保存到：{path}" +
                          (f"；方案“{self.save_as.text().strip()}”已保存，下次选它即可一键填表。" if self.save_as.text().strip() else ""))


class ConsolidateDialog(QDialog):
    """Choose the branches' quarterly workbooks, check them, write the combined one."""

    def __init__(self, page, title: str) -> None:
        super().__init__(page)
        self.page, self.runner = page, page.runner
        self.setWindowTitle("汇总各支部的季度工作簿")
        self.resize(720, 520)
        self.files = QListWidget()
        add, remove = QPushButton("添加工作簿…"), QPushButton("移除")
        self.title = QLineEdit(title)
        bar = QHBoxLayout()
        for w in (add, remove, QLabel("汇总单位"), self.title):
            bar.addWidget(w)
        self.report = QTextBrowser()
        self.report.setPlaceholderText("各支部用“导出与汇总 → 季度工作簿”导出后发来的文件；至少两个。")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText("检查并汇总…")
        self.buttons.button(QDialogButtonBox.Cancel).setText("关闭")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("各支部的季度工作簿（同一期间，每个支部一份）："))
        layout.addWidget(self.files, 1)
        layout.addLayout(bar)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.buttons)
        add.clicked.connect(self._add)
        remove.clicked.connect(lambda: [self.files.takeItem(self.files.row(i)) for i in self.files.selectedItems()])
        self.buttons.accepted.connect(self.run)
        self.buttons.rejected.connect(self.reject)

    def _add(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "选择各支部的季度工作簿", "", "Excel 工作簿 (*.xlsx)")
        self.add_files(paths)

    def add_files(self, paths) -> None:
        shown = {self.files.item(i).text() for i in range(self.files.count())}
        for p in paths:
            if p not in shown:
                self.files.addItem(p)

    def run(self, out: str | None = None) -> None:
        paths = [self.files.item(i).text() for i in range(self.files.count())]
        if len(paths) < 2:
            self.report.setHtml("<span style='color:#B00000'>请至少添加两个支部的季度工作簿。</span>")
            return
        out = out or save_path(self, "保存汇总工作簿", f"{self.title.text().strip() or '各支部'}汇总.xlsx", "xlsx")
        if out:
            self.runner.submit(jobs.consolidate, paths, out, self.title.text().strip(), plain=True,
                               progress_title="正在汇总…", on_done=self._done, on_error=self._failed)

    def _failed(self, exc) -> None:
        from app.ui.tasks import error_text

        self.report.setHtml(f"<span style='color:#B00000'>未汇总：{escape(error_text(exc))}</span>")

    def _done(self, result) -> None:
        path, c = result
        self.result = result
        total = next((t for _g, _l, k, _p, t in c.figures if k == "members_total"), 0)
        lines = [f"已汇总 {len(c.books)} 个支部（{escape(c.period_label)}），党员合计 {total} 人，保存到：{escape(path)}"]
        for b in c.books:
            lines.append(f"　{escape(b.org_name)}：花名册 {len(b.sheets['花名册'][1])} 人（{escape(b.source)}）")
        for conflict in c.conflicts:
            where = "；".join(f"{branch} 第{row}行 {name}" for branch, name, row in conflict.places)
            lines.append(f"<span style='color:#B00000'>冲突：身份证号 {escape(conflict.masked)} 出现 "
                         f"{len(conflict.places)} 次：{escape(where)}</span>")
        for branch, row, name, why in c.invalid_ids:
            lines.append(f"<span style='color:#B00000'>身份证号有误：{escape(branch)} 第{row}行 {escape(str(name))}："
                         f"{escape(why)}</span>")
        self.report.setHtml("<br>".join(lines))
