"""志愿服务 tabs: 统计与导出 (figures, per-person hours, the sheets), 报到与岗位, 培训, 服务类别; imports."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QInputDialog, QLabel, QMessageBox, QSizePolicy, QSplitter

from app.ui.dialogs.volunteer_community_forms import ClaimDialog, PostDialog, ReportDialog, TrainingDialog
from app.ui.pages import volunteers_jobs as jobs
from app.ui.pages.base import make_table
from app.ui.pages.volunteers_common import KIND, Tab
from app.ui.table_model import Column, RowTableModel, col


# -- worker-thread functions ------------------------------------------------------------------------

def _reports(s):
    from app.services.volunteer_community import list_posts, list_reports

    return list_reports(s), *list_posts(s)


def _save_report(s, data):
    from app.services.volunteer_community import save_report

    return save_report(s, data)


def _save_post(s, values):
    from app.services.volunteer_community import save_post

    return save_post(s, values["kind"], values["name"], org_id=values["org_id"], description=values["description"])


def _claim(s, post_id, values):
    from app.domain.errors import ValidationError
    from app.services.volunteer_community import claim_post

    if values["member_id"] is None:
        raise ValidationError("党员", "请从列表中选择一名在册党员")
    return claim_post(s, post_id, values["member_id"], claimed_on=values["claimed_on"], pledge=values["pledge"])


def _end_claim(s, claim_id):
    from app.services.volunteer_community import end_claim

    return end_claim(s, claim_id)


def _members(s):
    from app.services.volunteers import member_choices

    return member_choices(s, include_volunteers=True)


def _trainings(s, year):
    from app.services.volunteer_community import list_trainings

    return list_trainings(s, year=year)


def _save_training(s, values):
    from app.services.volunteer_community import save_training
    from app.services.volunteers import resolve_entries

    found = resolve_entries(s, values["text"])
    tid = save_training(s, values["trained_on"], values["topic"], place=values["place"], trainer=values["trainer"],
                        org_id=values["org_id"], volunteer_ids=[v for v, _n in found.found])
    return tid, found.unknown + tuple(n for _m, n in found.members)


def _categories(s):
    from app.services.volunteers import list_categories

    return list_categories(s)


def _category(s, action, category_id, text):
    from app.services import volunteers as v

    if action == "add":
        return v.add_category(s, text)
    if action == "rename":
        return v.rename_category(s, category_id, text)
    if action == "toggle":
        return v.set_category_active(s, category_id, text)
    return v.delete_category(s, category_id)


# -- imports -----------------------------------------------------------------------------------------

def import_file(tab: Tab, kind: str, path: str | None = None) -> None:
    """A roster (kind="roster") or an hours sheet (kind="hours"): checked, shown, then written all or nothing."""
    path = path or tab.open_path("选择志愿服务时长表" if kind == "hours" else "选择志愿者名册")
    if not path:
        return
    title = "导入服务时长" if kind == "hours" else "导入志愿者名册"

    def preview(result) -> None:
        plan, errors = result
        tab.last_import = (plan, errors)  # kept for tests
        if errors:
            shown = "\n".join(str(e) for e in errors[:30]) + (f"\n……共 {len(errors)} 处" if len(errors) > 30 else "")
            QMessageBox.warning(tab, title, f"文件有错误，未导入任何数据。请改正后重新导入：\n\n{shown}")
            return
        text = plan.summary() + ("\n\n" + "\n".join(plan.warnings[:20]) if plan.warnings else "")
        if not plan.changes:
            tab.info(title, "没有需要导入的变化：" + text)
            return
        if tab.ask(title, text + "\n\n确认导入？（全部写入或全部不写，导入前自动备份数据库）"):
            tab.runner.submit(jobs.apply_file, plan, path, kind, tab.runner.database, write=True, kind=KIND,
                              progress_title="正在导入…", on_done=lambda summary: tab.info(title, "导入完成：" + summary))

    def failed(exc) -> None:
        from app.io.excel_read import SheetError
        from app.ui.tasks import show_error

        if isinstance(exc, SheetError):
            QMessageBox.warning(tab, "无法读取文件", exc.message)
        else:
            show_error(tab, exc)

    tab.runner.submit(jobs.plan_file, path, kind, on_done=preview, on_error=failed, progress_title="正在检查文件…")


# -- tabs ----------------------------------------------------------------------------------------------

class ReportsTab(Tab):
    """A year or quarter for the whole community or one branch: the figures, each person's hours, the sheets."""

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.year = QComboBox()
        self.quarter = QComboBox()
        self.quarter.addItem("全年", None)
        for q in (1, 2, 3, 4):
            self.quarter.addItem(f"第{q}季度", q)
        self.org = QComboBox()
        self.org.addItem("全部（本级及下级）", None)
        self.org.setMinimumWidth(150)
        for label, w in (("年度", self.year), ("期间", self.quarter), ("组织", self.org)):
            self.bar.addWidget(QLabel(label))
            self.bar.addWidget(w)
        self.button("导出时长统计表…", lambda: self.export(False))
        self.button("导出按月时长（平台批量导入）…", lambda: self.export(True))
        self.button("导入时长表…", lambda: import_file(self, "hours"))
        self.bar.addStretch(1)
        self.note = QLabel("")
        self.note.setObjectName("totals")
        self.note.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.layout_.addWidget(self.note)
        self.stats = RowTableModel([col("分组", "group", 56), col("项目", "label", 170),
                                    col("数值", "value", 80, right=True), col("怎么算", "how", 300)])
        self.people = RowTableModel([
            col("姓名", "name", 90), Column("类别", lambda r: "团体" if r.kind == "团体" else ("党员" if r.is_member else "群众"),
                                          48), col("志愿者编号", "volunteer_no", 104), col("服务次数", "times", 64, right=True),
            col("服务时长（小时）", "hours", 124, right=True), col("首次", "first", 92), col("最近", "last", 92),
        ])
        split = QSplitter(Qt.Horizontal)
        split.addWidget(make_table(self.stats, sort=False))
        split.addWidget(make_table(self.people, empty="这一期间还没有已确认的服务时长。"))
        split.setSizes([640, 480])
        self.layout_.addWidget(split, 1)
        for w in (self.year, self.quarter, self.org):
            w.currentIndexChanged.connect(lambda _i: self.reload())

    def refresh(self) -> None:
        self.runner.submit(lambda s: (jobs.years(s), jobs.reference(s)[0]), on_done=self._choices)

    def _choices(self, data) -> None:
        years, orgs = data
        for box, items in ((self.year, [(y, f"{y}年") for y in years]), (self.org, orgs)):
            current = box.currentData()
            box.blockSignals(True)
            if box is self.year:
                box.clear()
            else:
                while box.count() > 1:
                    box.removeItem(1)
            for key, text in items:
                box.addItem(text, key)
            box.setCurrentIndex(max(box.findData(current), 0) if current is not None else 0)
            box.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        if self.year.currentData():
            self.runner.submit(jobs.period_report, self.year.currentData(), self.quarter.currentData(),
                               self.org.currentData(), on_done=self._show)

    def _show(self, data) -> None:
        report, stats = data
        self.stats.reset(stats.lines)
        self.people.reset(report.people)
        months = "，".join(f"{m}月 {h}" for (_y, m), h in report.by_month().items() if h)
        self.note.setText(f"{report.org_name}{report.period.label}：{len(report.people)} 人、{len(report.lines)} 人次，"
                          f"已确认 {report.total} 小时" + (f"（{months}）" if months else ""))

    def export(self, platform: bool, path: str | None = None) -> None:
        year, quarter = self.year.currentData(), self.quarter.currentData()
        if not year:
            return
        label = f"{year}年" + (f"第{quarter}季度" if quarter else "")
        if path is None:
            name = f"{label}志愿服务{'按月时长' if platform else '时长统计表'}.xlsx"
            path = self.save_path("保存志愿服务时长", name, "Excel 工作簿 (*.xlsx)", ".xlsx")
            if not path:
                return
        self.runner.submit(jobs.export_hours, year, quarter, self.org.currentData(), path, platform, write=True,
                           kind="audit", progress_title="正在导出…",
                           on_done=lambda out: self.info("导出完成", f"已保存到：\n{out}\n（含完整证件号码，已记入审计日志）"))


class CommunityTab(Tab):
    """在职党员到社区报到 above, 党员示范岗 / 责任区 and their claims below."""

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.button("登记报到…", self.new_report)
        self.button("新建岗位…", self.new_post)
        self.button("认领岗位…", self.claim)
        self.button("结束认领", self.end_claim)
        self.bar.addStretch(1)
        self.reports = RowTableModel([
            col("姓名", "person_name", 80), col("工作单位", "unit", 160), col("报到日期", "reported_on", 92),
            col("认领岗位", "post_claimed", 130), col("参加服务（次）", "times", 108, right=True),
            col("服务时长", "hours", 76, right=True), col("离开日期", "left_on", 92),
        ])
        self.posts = RowTableModel([col("类型", "kind", 84), col("岗位", "name", 220), col("认领人", "claimants", 200)])
        self.claims = RowTableModel([col("岗位", "post_name", 180), col("认领人", "person_name", 80),
                                     col("认领日期", "claimed_on", 92), col("承诺", "pledge", 200),
                                     col("结束日期", "ended_on", 92)])
        self.report_table = make_table(self.reports, empty="还没有在职党员到社区报到的记录。")
        self.post_table = make_table(self.posts, empty="还没有党员示范岗、责任区。")
        self.claim_table = make_table(self.claims)
        below = QSplitter(Qt.Horizontal)
        below.addWidget(self.post_table)
        below.addWidget(self.claim_table)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.report_table)
        split.addWidget(below)
        self.layout_.addWidget(split, 1)
        self.orgs: list = []

    def refresh(self) -> None:
        self.runner.submit(lambda s: jobs.reference(s)[0], on_done=lambda orgs: setattr(self, "orgs", orgs))
        self.runner.submit(_reports, on_done=self._show)

    def _show(self, data) -> None:
        reports, posts, claims = data
        self.reports.reset(reports)
        self.posts.reset(posts)
        self.claims.reset(claims)

    def new_report(self) -> None:
        self.form(ReportDialog(self.orgs, self), _save_report, done=lambda _i: self.refresh())

    def new_post(self) -> None:
        self.form(PostDialog(self.orgs, self), _save_post, done=lambda _i: self.refresh())

    def claim(self) -> None:
        post = self.current(self.post_table, "一个岗位")
        if post is None:
            return
        self.runner.submit(_members, on_done=lambda members: self.form(
            ClaimDialog(post.name, members, self), _claim, post.id, done=lambda _i: self.refresh()))

    def end_claim(self) -> None:
        claim = self.current(self.claim_table, "一条认领记录")
        if claim is not None and claim.ended_on is None:
            self.write(_end_claim, claim.id, done=lambda _r: self.refresh())


class TrainingsTab(Tab):
    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.button("登记培训…", self.new_training)
        self.bar.addStretch(1)
        self.model = RowTableModel([
            col("日期", "trained_on", 92), col("培训主题", "topic", 220), col("地点", "place", 150),
            col("授课人", "trainer", 70), col("参加人数", "participants", 70, right=True), col("参加人员", "names", 400),
        ])
        self.layout_.addWidget(make_table(self.model, empty="还没有志愿者培训记录。"), 1)
        self.orgs: list = []

    def refresh(self) -> None:
        self.runner.submit(lambda s: jobs.reference(s)[0], on_done=lambda orgs: setattr(self, "orgs", orgs))
        self.runner.submit(_trainings, None, on_done=self.model.reset)

    def new_training(self) -> None:
        self.form(TrainingDialog(self.orgs, self), _save_training, done=lambda r: (self.refresh(), r[1] and self.info(
            "培训", "未找到或未登记为志愿者：" + "、".join(r[1]))))


class CategoriesTab(Tab):
    """The editable list of 服务类别: built-in ones can be 停用, the clerk's own renamed or deleted."""

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.button("添加…", self.add)
        self.button("改名…", self.rename)
        self.button("停用/启用", self.toggle)
        self.button("删除", self.delete)
        self.bar.addStretch(1)
        self.model = RowTableModel([
            col("服务类别", "name", 140), Column("来源", lambda r: "内置" if r.is_builtin else "自定义", 60),
            Column("状态", lambda r: "" if r.is_active else "已停用", 60,
                   color=lambda r: None if r.is_active else "#888888"),
            col("已用于（活动、服务队）", "used", 176, right=True),
        ])
        self.table = make_table(self.model, sort=False)
        self.layout_.addWidget(self.table, 1)

    def refresh(self) -> None:
        self.runner.submit(_categories, on_done=self.model.reset)

    def _run(self, action, category_id, text) -> None:
        from app.ui.tasks import show_error

        self.runner.submit(_category, action, category_id, text, write=True, kind=KIND,
                           on_done=lambda _r: self.refresh(), on_error=lambda exc: show_error(self, exc))

    def add(self, name: str | None = None) -> None:
        if name is None:
            name, ok = QInputDialog.getText(self, "添加服务类别", "类别名称：")
            if not ok:
                return
        self._run("add", None, name)

    def rename(self) -> None:
        row = self.current(self.table, "一个类别")
        if row is None:
            return
        name, ok = QInputDialog.getText(self, "改名", "新名称：", text=row.name)
        if ok:
            self._run("rename", row.id, name)

    def toggle(self) -> None:
        row = self.current(self.table, "一个类别")
        if row is not None:
            self._run("toggle", row.id, not row.is_active)

    def delete(self) -> None:
        row = self.current(self.table, "一个类别")
        if row is not None and self.ask("删除服务类别", f"删除“{row.name}”？"):
            self._run("delete", row.id, None)
