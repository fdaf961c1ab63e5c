"""三会一课 page: 会议记录 (here), 计划日历, 落实情况, 党员参会与学时, 民主评议.

The record dialog is the page's: every tab opens it (a new record, a plan, a plan now
held, an existing record) and the page saves it in one unit of work.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QMenu, QMessageBox, QPushButton, QSplitter, QTabWidget,
    QTextBrowser, QVBoxLayout, QWidget,
)

from app.domain.errors import ValidationError
from app.ui.dialogs.meeting_form import FormChoices, MeetingForm
from app.ui.pages import meetings_jobs as jobs
from app.ui.pages.base import Page, make_table, row_of
from app.ui.pages.meetings_calendar import CalendarTab
from app.ui.pages.meetings_common import fill_orgs, fill_years, save_path, subtree
from app.ui.pages.meetings_compliance import ComplianceTab
from app.ui.pages.meetings_members import AppraisalTab, ParticipationTab
from app.ui.table_model import Column, RowTableModel, col

STATUS_COLOURS = {"计划": "#1F5FA8", "取消": "#888888"}


def detail_html(d) -> str:
    """The selected meeting in a few lines, under the list."""
    r = d.row
    when = r.meeting_date.isoformat() + (f" {d.start_time:%H:%M}" if d.start_time else "") + \
        (f"—{d.end_time:%H:%M}" if d.end_time else "")
    lines = [f"<b>{escape(r.type_name)}</b>　{escape(r.org_name)}　{escape(when)}　<b>{escape(r.status)}</b>",
             f"地点：{escape(d.place or '—')}　主持人：{escape(r.host or '—')}　记录人：{escape(d.recorder or '—')}"]
    if d.lecturer or d.title:
        lines.append(f"党课：{escape(d.title)}（主讲：{escape(d.lecturer)}{escape(' ' + d.lecturer_post if d.lecturer_post else '')}）")
    if d.theme and d.theme != d.title:
        lines.append(f"主题：{escape(d.theme)}")
    if d.summary is not None and r.status == "已召开":
        lines.append(f"出勤：{escape(d.summary.text)}" + (f"　学时 {d.effective_hours:g}" if d.effective_hours else ""))
    elif d.summary is not None:
        lines.append(f"应到 {d.summary.expected} 人（按计划日期在册计算）")
    away = [f"{p.name}（{p.state}{'：' + p.reason if p.reason else ''}）" for p in d.people
            if p.expected and p.state in ("请假", "缺席")]
    if away:
        lines.append("请假、缺席：" + escape("；".join(away)))
    for v in d.votes:
        lines.append(f"表决“{escape(v.subject)}”：应到有表决权 {v.eligible}，实到 {v.present_eligible}，赞成 {v.yes}，"
                     f"反对 {v.no}，弃权 {v.abstain} —— <b>{escape(v.result)}</b>"
                     + "".join(f"<br>　<span style='color:#B00000'>{escape(n)}</span>" for n in v.notes))
    lines += [f"<span style='color:#B00000'>⚠ {escape(w)}</span>" for w in d.warnings]
    return "<br>".join(lines)


class RecordsTab(QWidget):
    """会议记录: the year's meetings and plans by organisation, type and status; the selected one below."""

    def __init__(self, page: "MeetingsPage") -> None:
        super().__init__()
        self.page, self.runner = page, page.runner
        self.year, self.org, self.type, self.status = QComboBox(), QComboBox(), QComboBox(), QComboBox()
        self.status.addItem("全部状态", None)
        for s in ("已召开", "计划", "取消"):
            self.status.addItem(s, s)
        self.type.addItem("全部类型", None)
        self.org.setMinimumWidth(180)
        self.new_button, self.plan_button = QPushButton("登记会议记录…"), QPushButton("安排会议…")
        self.open_button, self.delete_button = QPushButton("打开"), QPushButton("删除")
        self.print_button, self.export_button = QPushButton("打印"), QPushButton("导出台账")
        menu = QMenu(self.print_button)
        menu.addAction("签到表 PDF…", lambda: self.print_paper("signin"))
        menu.addAction("会议记录 PDF…", lambda: self.print_paper("record"))
        self.print_button.setMenu(menu)
        menu = QMenu(self.export_button)
        menu.addAction("全年台账 Excel…", lambda: self.export_ledger("xlsx"))
        menu.addAction("全年台账 PDF…", lambda: self.export_ledger("pdf"))
        quarters = menu.addMenu("季度台账 Excel")
        for q in range(1, 5):
            quarters.addAction(f"第{'一二三四'[q - 1]}季度…", lambda q=q: self.export_ledger("xlsx", quarter=q))
        self.export_button.setMenu(menu)
        self.count = QLabel("")
        bar = QHBoxLayout()
        for w in (QLabel("年度"), self.year, self.org, self.type, self.status):
            bar.addWidget(w)
        bar.addSpacing(12)
        bar.addWidget(self.count, 1)
        actions = QHBoxLayout()
        for w in (self.new_button, self.plan_button, self.open_button, self.delete_button, self.print_button,
                  self.export_button):
            actions.addWidget(w)
        actions.addStretch(1)
        self.model = RowTableModel([
            col("日期", "meeting_date", 92), col("类型", "type_name", 96), col("组织", "org_name", 210),
            col("主题/题目", "subject", 260, stretch=True), col("主持人", "host", 64), col("记录人", "recorder", 64),
            col("应到", "expected", 44, right=True), col("实到", "present", 44, right=True),
            Column("状态", lambda r: r.status, 56, color=lambda r: STATUS_COLOURS.get(r.status)),
            Column("记录缺项", lambda r: r.gaps, 120, color=lambda r: "#B00000" if r.gaps else None),
        ])
        self.table = make_table(self.model, empty="所选年度还没有会议记录。点“登记会议记录”或“安排会议”。")
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 0)
        lay.addLayout(bar)
        lay.addLayout(actions)
        lay.addWidget(split, 1)
        self.pending_select: int | None = None  # a record just saved: selected when the list is back
        self._connect_signals()

    def _connect_signals(self) -> None:
        for combo in (self.year, self.org, self.type, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.new_button.clicked.connect(lambda: self.page.new_meeting(org_id=self.org.currentData()))
        self.plan_button.clicked.connect(lambda: self.page.new_meeting(status="计划", org_id=self.org.currentData()))
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_detail(cur))

    def set_choices(self, choices: FormChoices, years: list[int]) -> None:
        fill_years(self.year, years, ahead=True)
        fill_orgs(self.org, choices.orgs)
        current = self.type.currentData()
        self.type.blockSignals(True)
        self.type.clear()
        self.type.addItem("全部类型", None)
        for t in choices.types:
            self.type.addItem(t.name, t.name)
        self.type.setCurrentIndex(max(self.type.findData(current), 0))
        self.type.blockSignals(False)

    def reload(self) -> None:
        if self.page.choices is None or self.year.currentData() is None:
            return
        self.runner.submit(jobs.meetings, dict(year=self.year.currentData(), type_name=self.type.currentData(),
                                               status=self.status.currentData(),
                                               org_ids=subtree(self.page.choices.orgs, self.org.currentData())),
                           on_done=self._show)

    def _show(self, rows) -> None:
        self.model.reset(rows)
        held = [r for r in rows if r.status == "已召开"]
        planned = sum(1 for r in rows if r.status == "计划")
        gaps = sum(1 for r in held if r.gaps)
        self.count.setText(f"共 {len(rows)} 条：已召开 {len(held)} 次，计划 {planned} 次"
                           + (f"；{gaps} 份记录有缺项" if gaps else ""))
        self.detail.clear()
        if self.pending_select is not None:
            self.select(self.pending_select)
            self.pending_select = None
        elif rows:
            self.select(next((r.id for r in rows if r.status == "已召开"), rows[0].id))  # the latest held one

    def selected(self):
        index = self.table.currentIndex()
        return row_of(self.table, index) if index.isValid() else None

    def select(self, meeting_id: int) -> None:
        for n, r in enumerate(self.model.rows):
            if r.id == meeting_id:
                view_model = self.table.model()
                source = self.model.index(n, 0)
                index = view_model.mapFromSource(source) if hasattr(view_model, "mapFromSource") else source
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index, QAbstractItemView.PositionAtCenter)
                return

    def _show_detail(self, index) -> None:
        if index.isValid():
            self.runner.submit(jobs.detail, row_of(self.table, index).id,
                               on_done=lambda d: self.detail.setHtml(detail_html(d)))

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.page.open_meeting(row.id)

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        if QMessageBox.question(self, "删除会议记录", f"删除 {row.meeting_date.isoformat()} {row.type_name}（{row.org_name}）"
                                "的记录及其出勤、表决？此操作不能撤销。") == QMessageBox.Yes:
            self.runner.submit(jobs.delete, row.id, write=True, kind="meeting")

    def print_paper(self, kind: str, path: str | None = None) -> None:
        row = self.selected()
        if row is None:
            QMessageBox.information(self, "打印", "请先在列表中选中一次会议。")
            return
        name = "签到表" if kind == "signin" else "会议记录"
        path = path or save_path(self, f"保存{name}", f"{row.meeting_date.isoformat()}{row.type_name}{name}.pdf", "pdf")
        if path:
            self.runner.submit(jobs.print_paper, row.id, kind, path, progress_title=f"正在生成{name}…",
                               on_done=lambda out: QMessageBox.information(self, "已生成", f"已保存到：\n{out}"))

    def export_ledger(self, fmt: str, path: str | None = None, *, quarter: int | None = None) -> None:
        year = self.year.currentData()
        period = f"{year}年第{'一二三四'[quarter - 1]}季度" if quarter else f"{year}年"
        path = path or save_path(self, "保存三会一课台账", f"{period}三会一课台账.{fmt}", fmt)
        if path:
            self.runner.submit(jobs.export_ledger, year, quarter, self.org.currentData(), fmt, path,
                               progress_title="正在导出三会一课台账…",
                               on_done=lambda out: QMessageBox.information(self, "导出完成", f"已保存到：\n{out}"))


class MeetingsPage(Page):
    title = "三会一课"
    kinds = ("meeting", "member", "organisation", "settings")

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.choices: FormChoices | None = None
        self.years: list[int] = []
        self.tabs = QTabWidget()
        self.records = RecordsTab(self)
        self.calendar = CalendarTab(self)
        self.compliance = ComplianceTab(self)
        self.participation = ParticipationTab(self)
        self.appraisal = AppraisalTab(self)
        for tab, name in ((self.records, "会议记录"), (self.calendar, "计划日历"), (self.compliance, "落实情况"),
                          (self.participation, "党员参会与学时"), (self.appraisal, "民主评议")):
            self.tabs.addTab(tab, name)
        self.layout_.addWidget(self.tabs, 1)
        self.model = self.records.model
        self.form: MeetingForm | None = None

    def all_tabs(self):
        return (self.records, self.calendar, self.compliance, self.participation, self.appraisal)

    def refresh(self) -> None:
        self.runner.submit(jobs.choices, on_done=self._choices)

    def _choices(self, data) -> None:
        years, types, orgs, people, rules = data
        self.choices, self.years = FormChoices(types, orgs, people, rules), years
        for tab in self.all_tabs():
            tab.set_choices(self.choices, years)
        for tab in self.all_tabs():
            tab.reload()

    # -- the record dialog -----------------------------------------------------------

    def _form(self) -> MeetingForm:
        form = MeetingForm(self.choices, self._fetch_expected, self)
        form.buttons.accepted.connect(lambda: self._save(form))
        self.form = form
        return form

    def _fetch_expected(self, org_id, type_name, day, on_done) -> None:
        self.runner.submit(jobs.expected, org_id, type_name, day, on_done=on_done)

    def new_meeting(self, *, status: str = "已召开", org_id: int | None = None, type_name: str | None = None,
                    day: date | None = None) -> MeetingForm | None:
        if self.choices is None:
            return None
        form = self._form()
        if org_id is None:
            org_id = next((o.id for o in self.choices.orgs if o.level == "党支部"), None)
        default_type = "支部党员大会" if status == "已召开" else "支部委员会"
        form.load_new(org_id=org_id, type_name=type_name or default_type, day=day or date.today(), status=status)
        form.open()
        return form

    def open_meeting(self, meeting_id: int, *, as_held: bool = False) -> None:
        """Open a record (``as_held``: a plan, to record as held)."""
        def show(d) -> None:
            form = self._form()
            form.load(d, status="已召开" if as_held else None)
            if as_held:
                form.setWindowTitle(f"登记会议记录 — {d.row.type_name}（原计划 {d.row.meeting_date.isoformat()}）")
            form.open()

        self.runner.submit(jobs.detail, meeting_id, on_done=show)

    def _save(self, form: MeetingForm) -> None:
        form.clear_errors()
        try:
            data = form.to_command()
        except ValidationError as exc:
            form.show_error(exc)
            return

        def saved(meeting_id: int) -> None:
            form.accept()
            self.records.pending_select = meeting_id

        self.runner.submit(jobs.save, data, form.meeting_id, form.version, write=True, kind="meeting",
                           on_done=saved, on_error=form.show_error)
