"""Pages that are, for now, year-filtered lists: 三会一课, 发展党员, 志愿服务, 统计报表."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QTabWidget

from app.ui.pages.base import Page, make_table, row_of
from app.ui.table_model import Column, RowTableModel, col


class YearPage(Page):
    """A page with a year selector in its header."""

    years_fn = None  # (session) -> list[int]

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.year = QComboBox()
        self.year.setMinimumWidth(90)
        self.header.addWidget(QLabel("年度"))
        self.header.addWidget(self.year)
        self.year.currentIndexChanged.connect(lambda _i: self.load_year())

    def refresh(self) -> None:
        fn = type(self).years_fn
        self.runner.submit(lambda s: fn(s), on_done=self._years)

    def _years(self, years) -> None:
        current = self.year.currentData() or date.today().year
        self.year.blockSignals(True)
        self.year.clear()
        for y in years or [date.today().year]:
            self.year.addItem(f"{y}年", y)
        self.year.setCurrentIndex(max(self.year.findData(current), 0))
        self.year.blockSignals(False)
        self.load_year()

    def load_year(self) -> None:
        """Load the selected year."""


def _meeting_years(s):
    from app.services.views.meetings import available_years, meeting_types

    return available_years(s), meeting_types(s)


def _meetings(s, year, type_name):
    from app.services.views.meetings import list_meetings

    return list_meetings(s, year=year, type_name=type_name)


def _meeting_detail(s, meeting_id):
    from app.services.views.meetings import meeting_detail

    return meeting_detail(s, meeting_id)


class MeetingsPage(YearPage):
    title = "三会一课"
    kinds = ("meeting",)
    years_fn = staticmethod(lambda s: _meeting_years(s)[0])

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.type = QComboBox()
        self.type.addItem("全部类型", None)
        self.header.addWidget(QLabel("类型"))
        self.header.addWidget(self.type)
        self.count = QLabel("")
        self.layout_.addWidget(self.count)
        self.model = RowTableModel([
            col("日期", "meeting_date", 96), col("类型", "type_name", 100), col("组织", "org_name", 230),
            col("主题/题目", "subject", 280, stretch=True), col("主持人", "host", 70), col("应到", "expected", 50, right=True),
            col("实到", "present", 50, right=True), col("状态", "status", 60),
        ])
        self.table = make_table(self.model, empty="所选年度（和类型）还没有会议记录。")
        self.layout_.addWidget(self.table, 1)
        self.type.currentIndexChanged.connect(lambda _i: self.load_year())
        self.table.doubleClicked.connect(lambda i: self.runner.submit(_meeting_detail, row_of(self.table, i).id,
                                                                      on_done=self._detail))
        self.runner.submit(lambda s: _meeting_years(s)[1], on_done=self._types)

    def _types(self, names) -> None:
        for n in names:
            self.type.addItem(n, n)

    def load_year(self) -> None:
        if self.year.currentData():
            self.runner.submit(_meetings, self.year.currentData(), self.type.currentData(), on_done=self._show)

    def _show(self, rows) -> None:
        self.model.reset(rows)
        held = sum(1 for r in rows if r.status == "已召开")
        self.count.setText(f"共 {len(rows)} 条记录，其中已召开 {held} 次")

    def _detail(self, d) -> None:
        from PySide6.QtWidgets import QMessageBox

        lines = [f"{d.row.meeting_date.isoformat()} {d.row.type_name}　{d.row.org_name}", f"地点：{d.place}",
                 f"主持人：{d.row.host}　记录人：{d.recorder}", f"主题：{d.theme or d.title}",
                 f"应到 {d.row.expected}，实到 {d.row.present}"]
        lines += [f"{a.state}：{a.name}（{a.reason}）" for a in d.attendance]
        lines += [f"表决“{v.subject}”：应到{v.eligible} 实到{v.present_eligible} 赞成{v.yes} 反对{v.no} 弃权{v.abstain}"
                  for v in d.votes]
        QMessageBox.information(self, "会议记录", "\n".join(lines))


def _development(s):
    from app.services.views.development import list_records

    return list_records(s)


class DevelopmentPage(Page):
    title = "发展党员"
    kinds = ("development",)

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.count = QLabel("")
        self.layout_.addWidget(self.count)
        self.model = RowTableModel([
            col("姓名", "name", 80), col("性别", "gender", 44), col("所在支部", "org_name", 170), col("阶段", "stage", 80),
            col("递交申请", "applied_on", 88), col("积极分子", "activist_on", 88), col("发展对象", "candidate_on", 88),
            col("支部大会", "branch_meeting_on", 88), col("批准预备", "approved_on", 88), col("转正", "confirmed_on", 88),
            col("培养联系人", "mentors", 140),
        ])
        self.layout_.addWidget(make_table(self.model, empty="还没有发展党员档案。登记入党申请人后，这里按阶段列出每个人的关键日期。"), 1)

    def refresh(self) -> None:
        self.runner.submit(_development, on_done=self._show)

    def _show(self, rows) -> None:
        self.model.reset(rows)
        counts: dict[str, int] = {}
        for r in rows:
            counts[r.stage] = counts.get(r.stage, 0) + 1
        self.count.setText("　".join(f"{k} {v} 人" for k, v in counts.items()) or "暂无发展党员档案")


def _stat_years(s):
    from app.services.views.statistics import available_years

    return available_years(s)


def _stats(s, year):
    from app.services.views.statistics import year_statistics

    return year_statistics(s, year)


class StatisticsPage(YearPage):
    title = "统计报表"
    kinds = ()
    years_fn = staticmethod(_stat_years)

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.note = QLabel("")
        self.layout_.addWidget(self.note)
        self.model = RowTableModel([col("分组", "group", 90), col("项目", "label", 200),
                                    col("数值", "value", 110, right=True), col("怎么算", "how", 520)])
        self.layout_.addWidget(make_table(self.model, sort=False), 1)

    def load_year(self) -> None:
        if self.year.currentData():
            self.runner.submit(_stats, self.year.currentData(), on_done=self._show)

    def _show(self, stats) -> None:
        self.model.reset(stats.lines)
        self.note.setText(f"{stats.year}年，人数按 {stats.count_date.isoformat()} 计算")
