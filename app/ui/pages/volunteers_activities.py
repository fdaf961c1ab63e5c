"""活动与时长: the year's activities and, below, the selected one's participants with their hours.

Hours are typed in the cell while 待确认; 确认 records who vouches for them (志愿服务记录与证明出具办法
第三条: 真实、准确). Deleting an activity keeps every confirmed entry on the person's record.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QSizePolicy, QSplitter

from app.domain.enums import HoursState
from app.ui.dialogs.volunteer_forms import ActivityDialog, ConfirmDialog, ParticipantsDialog
from app.ui.pages import volunteers_jobs as jobs
from app.ui.pages.base import make_table
from app.ui.pages.volunteers_common import KIND, Tab
from app.ui.table_model import Column, RowTableModel, col

PENDING = HoursState.PENDING.value


class ActivitiesTab(Tab):
    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.year = QComboBox()
        self.year.setMinimumWidth(90)
        self.archived = QCheckBox("显示已归档")
        self.bar.addWidget(QLabel("年度"))
        self.bar.addWidget(self.year)
        self.bar.addWidget(self.archived)
        self.button("登记活动…", self.new_activity)
        self.button("编辑…", self.edit_activity)
        self.button("归档/恢复", self.toggle_archive, tip="项目结束后归档：不再列出，时长和统计照常计入")
        self.button("删除…", self.delete_activity)
        self.bar.addStretch(1)
        self.activities = RowTableModel([
            col("日期", "activity_date", 92), col("活动", "title", 200, stretch=True), col("类别", "category", 72),
            col("服务队", "team", 150), col("受益人次", "beneficiaries", 70, right=True),
            col("参加人数", "participants", 70, right=True),
            col("待确认", "pending", 60, right=True, format=lambda v: str(v) if v else "",
                color=lambda r: "#B06000" if r.pending else None),
            col("已确认时长", "hours", 84, right=True), col("地点", "place", 150),
            Column("状态", lambda r: "已归档" if r.is_archived else "", 56),
        ])
        self.table = make_table(self.activities, empty="所选年度还没有志愿服务活动。点“登记活动”记录一次活动。")
        low = self.lower = Tab(runner)
        self.heading = QLabel("选中上面的活动，在这里登记参加者和时长")
        self.heading.setObjectName("totals")
        self.heading.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        low.bar.addWidget(self.heading, 1)
        self.add_button = low.button("添加参加者…", self.add_people, tip="整个服务队，或粘贴/扫入名单")
        low.button("确认时长…", self.confirm)
        low.button("撤销确认", self.unconfirm)
        low.button("移除", self.remove)
        self.people = RowTableModel([
            col("姓名", "name", 90), col("志愿者编号", "volunteer_no", 110),
            Column("服务时长（小时）", lambda r: r.hours, 126, True, edit=self._edit_hours,
                   editable=lambda r: r.state == PENDING),
            col("状态", "state", 60, color=lambda r: "#B06000" if r.state == PENDING else None),
            col("确认人", "confirmed_by", 80), col("确认日期", "confirmed_on", 92), col("备注", "notes", 200),
        ])
        self.people_table = make_table(self.people, empty="还没有参加者。点“添加参加者”，可选整个服务队或粘贴名单。")
        self.people_table.setEditTriggers(self.people_table.EditTrigger.DoubleClicked
                                          | self.people_table.EditTrigger.EditKeyPressed
                                          | self.people_table.EditTrigger.AnyKeyPressed)
        low.layout_.addWidget(self.people_table, 1)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.table)
        split.addWidget(low)
        split.setSizes([300, 300])
        self.layout_.addWidget(split, 1)
        self.detail = None
        self.refs = ([], [], [], [])
        self.year.currentIndexChanged.connect(lambda _i: self.reload())
        self.archived.toggled.connect(lambda _on: self.reload())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self.show_selected())
        self.table.doubleClicked.connect(lambda _i: self.edit_activity())

    # -- loading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.runner.submit(jobs.reference, on_done=self._refs)
        self.runner.submit(jobs.years, on_done=self._years)

    def _refs(self, refs) -> None:
        self.refs = refs

    def _years(self, years) -> None:
        current = self.year.currentData() or date.today().year
        self.year.blockSignals(True)
        self.year.clear()
        for y in years:
            self.year.addItem(f"{y}年", y)
        self.year.setCurrentIndex(max(self.year.findData(current), 0))
        self.year.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        if self.year.currentData():
            self.runner.submit(jobs.activities, self.year.currentData(), self.archived.isChecked(), on_done=self._show)

    def _show(self, rows) -> None:
        keep = self.detail.id if self.detail else None
        self.activities.reset(rows)
        ids = [r.id for r in self.activities.rows]
        if keep in ids or ids:
            self.select(keep if keep in ids else ids[0])
        else:
            self.detail = None
            self.people.reset([])
            self.heading.setText("选中上面的活动，在这里登记参加者和时长")

    def select(self, activity_id: int) -> None:
        row = [r.id for r in self.activities.rows].index(activity_id)
        model = self.table.model()
        index = self.activities.index(row, 0)
        self.table.setCurrentIndex(model.mapFromSource(index) if hasattr(model, "mapFromSource") else index)
        self.show_selected()

    def show_selected(self) -> None:
        rows = self.selected(self.table)
        if rows:
            self.runner.submit(jobs.get_activity, rows[0].id, on_done=self._detail)

    def _detail(self, view) -> None:
        self.detail = view
        self.people.reset(view.participants)
        span = f"，活动时长 {view.span} 小时" if view.span is not None else ""
        pending = sum(1 for p in view.participants if p.state == PENDING)
        self.heading.setText(f"{view.data.activity_date.isoformat()} {view.data.title}：参加 {len(view.participants)} 人"
                             f"{span}，已确认 {view.confirmed_hours} 小时" + (f"，待确认 {pending} 人" if pending else ""))

    def _after_write(self, message: str | None = None) -> None:
        if message:
            self.info("志愿服务", message)
        self.reload()

    # -- activities -----------------------------------------------------------------------------
    def new_activity(self) -> None:
        orgs, cats, teams, _people = self.refs
        dialog = ActivityDialog(orgs, cats, teams, parent=self)
        self.form(dialog, jobs.save_activity, None, None, done=self._saved)

    def _saved(self, view) -> None:
        self.detail = view
        if view.data.activity_date.year != self.year.currentData():
            self.refresh()
        else:
            self.reload()

    def edit_activity(self) -> None:
        row = self.current(self.table, "一个活动")
        if row is None:
            return
        orgs, cats, teams, _people = self.refs

        def opened(view) -> None:
            self.form(ActivityDialog(orgs, cats, teams, view, self), jobs.save_activity, view.id, view.version,
                      done=self._saved)

        self.runner.submit(jobs.get_activity, row.id, on_done=opened)

    def toggle_archive(self) -> None:
        row = self.current(self.table, "一个活动")
        if row is not None:
            self.write(jobs.archive_activity, row.id, not row.is_archived, done=lambda _r: self.reload())

    def delete_activity(self) -> None:
        row = self.current(self.table, "一个活动")
        if row is None or not self.ask("删除活动", f"删除“{row.title}”？\n已确认的服务时长属于本人，仍保留在每个人的记录中；"
                                                     "待确认的时长随活动删除。"):
            return
        self.detail = None
        self.write(jobs.delete_activity, row.id, done=lambda d: self._after_write(
            f"已删除活动。保留已确认时长 {d.kept} 条，删除待确认 {d.removed} 条。"))

    # -- participants -----------------------------------------------------------------------------
    def _need_activity(self) -> bool:
        if self.detail is None:
            self.info("请先选择", "请先在上面的列表中选中一个活动。")
            return False
        return True

    def add_people(self) -> None:
        if not self._need_activity():
            return
        view = self.detail
        dialog = ParticipantsDialog(self.refs[2], view.data.team_id, view.span, self)
        self.form(dialog, jobs.add_participants, view.id, done=lambda text: self._after_write(text))

    def _chosen(self) -> list:
        rows = self.selected(self.people_table)
        return rows or list(self.people.rows)

    def confirm(self) -> None:
        if not self._need_activity():
            return
        rows = [r for r in self._chosen() if r.state == PENDING]
        if not rows:
            self.info("确认时长", "没有待确认的时长。")
            return

        def opened(clerk: str) -> None:
            dialog = ConfirmDialog(len(rows), clerk or self.detail.data.recorder or "", self)
            ids = [r.hours_id for r in rows]
            self.form(dialog, lambda s, values: jobs.confirm(s, ids, values["by"], values["on"]),
                      done=lambda n: self.reload())

        self.runner.submit(jobs.clerk_name, on_done=opened)

    def unconfirm(self) -> None:
        if not self._need_activity():
            return
        rows = [r for r in self.selected(self.people_table) if r.state != PENDING]
        if rows and self.ask("撤销确认", f"把 {len(rows)} 人的时长改回“待确认”？（记入审计日志）"):
            self.write(jobs.unconfirm, [r.hours_id for r in rows], done=lambda _n: self.reload())

    def remove(self) -> None:
        if not self._need_activity():
            return
        rows = self.selected(self.people_table)
        if rows and self.ask("移除参加者", f"从活动中移除 {len(rows)} 人？（只能移除待确认的）"):
            self.write(jobs.remove_participants, [r.hours_id for r in rows], done=lambda _n: self.reload())

    def _edit_hours(self, row, text: str) -> None:
        from app.ui.tasks import show_error

        self.runner.submit(jobs.set_hours, row.hours_id, text, row.version, write=True, kind=KIND,
                           on_done=lambda _h: self.reload(), on_error=lambda exc: show_error(self, exc))
