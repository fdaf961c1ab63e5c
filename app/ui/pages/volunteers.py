"""志愿服务 page: volunteers, teams, activities with their hours, statistics and exports, 报到 and posts,
trainings, service categories — one tab each."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QInputDialog, QLabel, QLineEdit, QSizePolicy, QTabWidget

from app.domain.errors import ValidationError

from app.ui.dialogs.volunteer_community_forms import TeamMembersDialog
from app.ui.dialogs.volunteer_forms import CertificateDialog, TeamDialog, VolunteerDialog
from app.ui.pages import volunteers_jobs as jobs
from app.ui.pages.base import Page, make_table
from app.ui.pages.volunteers_activities import ActivitiesTab
from app.ui.pages.volunteers_common import KIND, Tab, mask_phone
from app.ui.pages.volunteers_more import CategoriesTab, CommunityTab, ReportsTab, TrainingsTab, import_file
from app.ui.table_model import Column, RowTableModel, col


def _mask(number: str) -> str:
    from app.domain.idnumber import mask

    return mask(number)


class PeopleTab(Tab):
    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText("姓名、拼音首字母、编号或电话")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(220)
        self.archived = QCheckBox("含已注销")
        self.bar.addWidget(self.search)
        self.bar.addWidget(self.archived)
        self.button("登记志愿者…", self.new_volunteer)
        self.button("从党员登记…", self.from_member, tip="在册党员登记为党员志愿者，信息取自党员名册")
        self.button("编辑…", self.edit)
        self.button("注销/恢复", self.toggle_archive, tip="不再参加服务的注销；已有时长保留在本人记录中")
        self.button("出具证明…", self.certificate)
        self.button("导入名册…", lambda: import_file(self, "roster"))
        self.bar.addStretch(1)
        self.count = QLabel("")
        self.layout_.addWidget(self.count)
        self.model = RowTableModel([
            col("姓名", "name", 96), col("类别", "category", 48), col("性别", "gender", 40),
            col("证件类型", "id_type", 100), Column("证件号码", lambda r: _mask(r.id_number), 150),
            Column("联系电话", lambda r: mask_phone(r.phone), 104), col("志愿者编号", "volunteer_no", 104),
            col("注册日期", "registered_on", 92), col("服务队", "teams", 150),
            col("累计时长（已确认）", "hours", 132, right=True), col("服务技能", "skills", 110),
            Column("状态", lambda r: "已注销" if r.is_archived else "", 56),
        ])
        self.table = make_table(self.model, empty="还没有登记志愿者。点“登记志愿者”，或“从党员登记”，或导入名册。")
        self.layout_.addWidget(self.table, 1)
        self.all_rows: list = []
        self.refs = ([], [], [], [])
        self.search.textChanged.connect(lambda _t: self._filter())
        self.archived.toggled.connect(lambda _on: self.refresh())
        self.table.doubleClicked.connect(lambda _i: self.edit())

    def refresh(self) -> None:
        self.runner.submit(jobs.reference, on_done=lambda refs: setattr(self, "refs", refs))
        self.runner.submit(jobs.people, self.archived.isChecked(), on_done=self._show)

    def _show(self, rows) -> None:
        self.all_rows = rows
        self._filter()

    def _filter(self) -> None:
        text = self.search.text().strip().lower()
        rows = [r for r in self.all_rows if text in r.search] if text else self.all_rows
        self.model.reset(rows)
        members = sum(1 for r in rows if r.category == "党员")
        groups = sum(1 for r in rows if r.category == "团体")
        self.count.setText(f"共 {len(rows)} 名：党员 {members}，群众 {len(rows) - members - groups}，团体 {groups}")

    def new_volunteer(self) -> None:
        self.form(VolunteerDialog(self.refs[0], parent=self), jobs.save_volunteer, None, None,
                  done=lambda _v: self.refresh())

    def edit(self) -> None:
        row = self.current(self.table, "一名志愿者")
        if row is None:
            return
        self.runner.submit(jobs.get_volunteer, row.id, on_done=lambda view: self.form(
            VolunteerDialog(self.refs[0], view, self), jobs.save_volunteer, view.id, view.version,
            done=lambda _v: self.refresh()))

    def from_member(self) -> None:
        def chosen(choices) -> None:
            if not choices:
                self.info("从党员登记", "在册党员都已登记为志愿者。")
                return
            text, ok = QInputDialog.getItem(self, "从党员登记", "选择党员（信息取自党员名册）：",
                                            [label for _i, label in choices], 0, True)
            if ok and text:
                ids = [i for i, label in choices if label == text or label.startswith(text + "（")]
                if ids:
                    self.write(jobs.register_members, ids[:1], done=lambda _v: self.refresh())

        self.runner.submit(jobs.member_choices, on_done=chosen)

    def toggle_archive(self) -> None:
        row = self.current(self.table, "一名志愿者")
        if row is None:
            return
        if row.is_archived or self.ask("注销志愿者", f"注销“{row.name}”？已有的服务时长保留，仍可出具证明。"):
            self.write(jobs.archive_volunteer, row.id, not row.is_archived, done=lambda _v: self.refresh())

    def certificate(self, path: str | None = None) -> None:
        """出具志愿服务证明 for the selected volunteer: numbered, audited, saved as PDF in one unit of work."""
        row = self.current(self.table, "一名志愿者")
        if row is None:
            return

        def opened(issuer) -> None:
            dialog = CertificateDialog(row.name, issuer, self)
            self._dialog = dialog

            def submit() -> None:
                dialog.error.setText("")
                try:
                    values = dialog.values()
                except ValidationError as exc:
                    dialog.show_error(exc)
                    return
                target = path or self.save_path("保存志愿服务证明", f"志愿服务证明-{row.name}.pdf", "PDF 文件 (*.pdf)",
                                                ".pdf")
                if not target:
                    return

                def done(cert) -> None:
                    dialog.accept()
                    self.info("已出具", f"志愿服务证明 {cert.number}：{cert.name}，{cert.period.label}，"
                                        f"{cert.total} 小时。\n已保存到：{target}")

                self.runner.submit(jobs.issue_certificate, row.id, values, target, write=True, kind=KIND,
                                   on_done=done, on_error=dialog.show_error)

            dialog.buttons.accepted.connect(submit)
            dialog.open()

        self.runner.submit(jobs.issuer, on_done=opened)


class TeamsTab(Tab):
    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.archived = QCheckBox("含已解散")
        self.bar.addWidget(self.archived)
        self.button("新建服务队…", self.new_team)
        self.button("编辑…", self.edit)
        self.button("队员…", self.members, tip="加入队员（粘贴名单）")
        self.button("归档/恢复", self.toggle_archive, tip="服务队解散后归档；活动和每人时长保留")
        self.button("删除…", self.delete)
        self.bar.addStretch(1)
        self.model = RowTableModel([
            col("服务队", "name", 200, stretch=True), col("所属组织", "org_name", 150), col("类别", "category", 80),
            col("队长", "leader", 80), col("队员", "members", 56, right=True), col("活动", "activities", 56, right=True),
            col("已确认时长", "hours", 90, right=True), col("成立日期", "founded_on", 92),
            Column("状态", lambda r: "已解散" if r.is_archived else "", 56),
        ])
        self.table = make_table(self.model, empty="还没有志愿服务队。")
        self.layout_.addWidget(self.table, 1)
        self.refs = ([], [], [], [])
        self.archived.toggled.connect(lambda _on: self.refresh())
        self.table.doubleClicked.connect(lambda _i: self.edit())

    def refresh(self) -> None:
        self.runner.submit(jobs.reference, on_done=lambda refs: setattr(self, "refs", refs))
        self.runner.submit(jobs.teams, self.archived.isChecked(), on_done=self.model.reset)

    def new_team(self) -> None:
        orgs, cats, _teams, people = self.refs
        self.form(TeamDialog(orgs, cats, people, parent=self), jobs.save_team, None, None,
                  done=lambda _t: self.refresh())

    def edit(self) -> None:
        row = self.current(self.table, "一个服务队")
        if row is None:
            return
        orgs, cats, _teams, people = self.refs
        self.runner.submit(jobs.get_team, row.id, on_done=lambda view: self.form(
            TeamDialog(orgs, cats, people, view, self), jobs.save_team, view.id, view.version,
            done=lambda _t: self.refresh()))

    def members(self) -> None:
        row = self.current(self.table, "一个服务队")
        if row is None:
            return

        def opened(view) -> None:
            dialog = TeamMembersDialog(view.data.name, [m.name for m in view.current()], self)
            self.form(dialog, lambda s, v: jobs.join_team(s, view.id, v["text"], v["joined_on"]),
                      done=lambda r: (self.refresh(), self.info("队员", f"加入 {r[0]} 人" + (
                          f"；未找到或重名：{'、'.join(r[1])}" if r[1] else ""))))

        self.runner.submit(jobs.get_team, row.id, on_done=opened)

    def toggle_archive(self) -> None:
        row = self.current(self.table, "一个服务队")
        if row is not None:
            self.write(jobs.archive_team, row.id, not row.is_archived, done=lambda _t: self.refresh())

    def delete(self) -> None:
        row = self.current(self.table, "一个服务队")
        if row is not None and self.ask("删除服务队", f"删除“{row.name}”？其活动保留（不再属于该队），每人的时长保留。"
                                                      "\n解散的服务队一般用“归档”。"):
            self.write(jobs.delete_team, row.id, done=lambda _n: self.refresh())


class VolunteersPage(Page):
    title = "志愿服务"
    kinds = ("volunteer", "member")

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.summary = QLabel("")
        self.summary.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)  # never widens the window
        self.header.insertWidget(1, self.summary, 3)
        self.tabs = QTabWidget()
        self.people_tab = PeopleTab(runner)
        self.teams_tab = TeamsTab(runner)
        self.activities_tab = ActivitiesTab(runner)
        self.reports_tab = ReportsTab(runner)
        self.community_tab = CommunityTab(runner)
        self.trainings_tab = TrainingsTab(runner)
        self.categories_tab = CategoriesTab(runner)
        for tab, name in ((self.people_tab, "志愿者"), (self.teams_tab, "服务队"), (self.activities_tab, "活动与时长"),
                          (self.reports_tab, "统计与导出"), (self.community_tab, "报到与岗位"),
                          (self.trainings_tab, "培训"), (self.categories_tab, "服务类别")):
            self.tabs.addTab(tab, name)
        self.layout_.addWidget(self.tabs, 1)
        # the three lists, by the names the window tests know them
        self.people, self.teams, self.activities = self.people_tab.model, self.teams_tab.model, \
            self.activities_tab.activities
        self.tabs.currentChanged.connect(lambda _i: self._load_current())
        self._loaded: set[int] = set()

    def refresh(self) -> None:
        self._loaded.clear()
        self.runner.submit(_totals, date.today().year, on_done=self._summary)
        for tab in (self.people_tab, self.teams_tab, self.activities_tab):
            tab.refresh()  # the lists the other tabs and the window tests read
        self._loaded.update({0, 1, 2})
        self._load_current()

    def _load_current(self) -> None:
        index = self.tabs.currentIndex()
        if index not in self._loaded:
            self._loaded.add(index)
            self.tabs.widget(index).refresh()

    def _summary(self, t) -> None:
        self.summary.setText(f"　志愿者 {t.volunteers} 名（党员 {t.member_volunteers} 名），服务队 {t.teams} 支；"
                             f"本年活动 {t.activities} 次，受益 {t.beneficiaries} 人次，服务 {t.hours:,.1f} 小时")


def _totals(s, year):
    from app.services.views.volunteers import totals

    return totals(s, year)
