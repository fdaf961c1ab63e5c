"""Pages that are, for now, year-filtered lists: 发展党员, 志愿服务, 统计报表 (三会一课 has its own, pages.meetings)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QTabWidget

from app.ui.pages.base import Page, make_table
from app.ui.table_model import Column, RowTableModel, col


def mask_phone(phone: str) -> str:
    """A mobile number with its middle four digits hidden (138****1234), as on public notices."""
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 11 else phone


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




def _volunteer_data(s, year):
    from app.services.views.volunteers import list_activities, list_teams, list_volunteers, totals

    return list_volunteers(s), list_teams(s), list_activities(s, year=year), totals(s, year)


class VolunteersPage(Page):
    title = "志愿服务"
    kinds = ("volunteer",)

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.summary = QLabel("")
        self.layout_.addWidget(self.summary)
        tabs = QTabWidget()
        self.people = RowTableModel([
            col("姓名", "name", 90), col("类型", "kind", 50), col("党员", "is_member", 50), col("性别", "gender", 44),
            Column("联系电话", lambda r: mask_phone(r.phone), 110), col("注册日期", "registered_on", 96),
            col("志愿者编号", "volunteer_no", 110), col("累计时长（已确认）", "hours", 130, right=True),
            col("特长", "skills", 120),
        ])
        self.teams = RowTableModel([
            col("服务队", "name", 220), col("类别", "category", 80), col("队长", "leader", 80),
            col("队员", "members", 60, right=True), col("活动", "activities", 60, right=True),
            col("成立日期", "founded_on", 96),
        ])
        self.activities = RowTableModel([
            col("日期", "activity_date", 96), col("活动", "title", 180), col("类别", "category", 80),
            col("服务队", "team", 230), col("受益人次", "beneficiaries", 76, right=True),
            col("参加人数", "participants", 76, right=True), col("时长", "hours", 70, right=True),
            col("地点", "place", 160),
        ])
        tabs.addTab(make_table(self.people, empty="还没有登记志愿者。"), "志愿者")
        tabs.addTab(make_table(self.teams, empty="还没有志愿服务队。"), "服务队")
        tabs.addTab(make_table(self.activities, empty="本年还没有志愿服务活动。"), "活动（本年）")
        self.layout_.addWidget(tabs, 1)

    def refresh(self) -> None:
        self.runner.submit(_volunteer_data, date.today().year, on_done=self._show)

    def _show(self, data) -> None:
        people, teams, activities, t = data
        self.people.reset(people)
        self.teams.reset(teams)
        self.activities.reset(activities)
        self.summary.setText(f"志愿者 {t.volunteers} 名（其中党员 {t.member_volunteers} 名），服务队 {t.teams} 支；"
                             f"本年开展活动 {t.activities} 次，受益群众 {t.beneficiaries} 人次，服务 {t.hours:,.1f} 小时")


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
