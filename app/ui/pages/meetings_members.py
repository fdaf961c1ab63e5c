"""Per member: 党员参会与学时 (meetings expected, attended, rate, 学时 against 32) and 民主评议 results."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QMessageBox, QPushButton, QWidget

from app.domain.meeting_record import STUDY_HOURS_TARGET
from app.domain.errors import ValidationError
from app.ui.pages import meetings_jobs as jobs
from app.ui.pages.base import make_table, row_of
from app.ui.pages.meetings_common import fill_orgs, fill_years, stack_tab
from app.ui.table_model import Column, RowTableModel, col

RESULTS = ("优秀", "合格", "基本合格", "不合格")


def _rate(value) -> str:
    return "" if value is None else f"{value}%"


ATTENDANCE_HINT = (
    f"应参加：会议当日在册、属于应到范围的会议（已召开）；未登记请假、缺席即为出席。学时来自出席的党课、主题党日、"
    f"集中学习等（按起止时间折算，或记录中填写的学时）；党员每年集中学习培训一般不少于{STUDY_HOURS_TARGET}学时"
    "（党员教育管理工作条例 第二十条）。"
)

APPRAISAL_HINT = (
    "民主评议党员一般每年开展1次（支部工作条例 第十八条）：个人自评、党员互评、民主测评，支部委员会或党员大会"
    "提出评议意见。评为不合格的，须写明原因和处置意见。"
)

class ParticipationTab(QWidget):
    def __init__(self, page) -> None:
        super().__init__()
        self.page, self.runner = page, page.runner
        self.year, self.org = QComboBox(), QComboBox()
        self.org.setMinimumWidth(200)
        bar = QHBoxLayout()
        for w in (QLabel("年度"), self.year, QLabel("组织"), self.org):
            bar.addWidget(w)
        bar.addStretch(1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)

        def short(r) -> str | None:
            behind = r.study_hours < STUDY_HOURS_TARGET
            return ("#B00000" if self.year.currentData() != date.today().year else "#8A5A00") if behind else None

        self.model = RowTableModel([
            col("姓名", "name", 80), col("所在组织", "org_name", 220), col("类别", "category", 70),
            col("应参加", "expected", 56, right=True), col("出席", "attended", 50, right=True),
            col("请假", "leave", 50, right=True), col("缺席", "absent", 50, right=True,
                                                      color=lambda r: "#B00000" if r.absent else None),
            Column("出席率", lambda r: r.rate, 64, True, format=_rate),
            Column("学时", lambda r: r.study_hours, 56, True, format=lambda v: f"{v:g}", color=short),
            Column(f"达到{STUDY_HOURS_TARGET}学时", lambda r: "是" if r.meets_target else "否", 84, color=short),
            col("在册情况", "note", 160),
        ])
        self.table = make_table(self.model, empty="所选年度、组织没有应参加会议的党员。")
        stack_tab(self, bar, self.summary, self.table, ATTENDANCE_HINT)
        for combo in (self.year, self.org):
            combo.currentIndexChanged.connect(lambda _i: self.reload())

    def set_choices(self, choices, years) -> None:
        fill_years(self.year, years)
        fill_orgs(self.org, choices.orgs)

    def reload(self) -> None:
        if self.year.currentData() is not None:
            self.runner.submit(jobs.participation, self.year.currentData(), self.org.currentData(), on_done=self._show)

    def _show(self, rows) -> None:
        self.model.reset(rows)
        counted = [r for r in rows if r.expected]
        expected = sum(r.expected for r in counted)
        attended = sum(r.attended for r in counted)
        rate = f"{100 * attended / expected:.1f}%" if expected else "—"
        enough = sum(1 for r in rows if r.meets_target)
        self.summary.setText(f"共 {len(rows)} 名党员；应参加 {expected} 人次，出席 {attended} 人次，出席率 {rate}；"
                             f"学时达到{STUDY_HOURS_TARGET}的 {enough} 人，未达到的 {len(rows) - enough} 人")


class AppraisalTab(QWidget):
    """民主评议: each 正式党员's grade for the year; grade the selected, or every one not yet graded as 合格."""

    def __init__(self, page) -> None:
        super().__init__()
        self.page, self.runner = page, page.runner
        self.year, self.org = QComboBox(), QComboBox()
        self.org.setMinimumWidth(200)
        self.grade_button, self.rest_button = QPushButton("评定所选为"), QPushButton("其余未评定的评为合格")
        menu = QMenu(self.grade_button)
        for result in RESULTS:
            menu.addAction(result, lambda r=result: self.grade_selected(r))
        menu.addSeparator()
        menu.addAction("清除评定", lambda: self.grade_selected(""))
        self.grade_button.setMenu(menu)
        bar = QHBoxLayout()
        for w in (QLabel("年度"), self.year, QLabel("组织"), self.org, self.grade_button, self.rest_button):
            bar.addWidget(w)
        bar.addStretch(1)
        self.summary = QLabel()
        self.model = RowTableModel([
            col("姓名", "name", 80), col("所在组织", "org_name", 230), col("类别", "category", 70),
            Column("评议结果", lambda r: r.result or "未评定", 80,
                   color=lambda r: {"不合格": "#B00000", "基本合格": "#8A5A00", "": "#888888"}.get(r.result)),
            col("评议会议", "meeting", 96), col("备注", "notes", 300),
        ])
        self.table = make_table(self.model, empty="所选年度、组织没有需要评议的正式党员。")
        stack_tab(self, bar, self.summary, self.table, APPRAISAL_HINT)
        for combo in (self.year, self.org):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.rest_button.clicked.connect(self.grade_rest)

    def set_choices(self, choices, years) -> None:
        first = self.year.count() == 0
        fill_years(self.year, [y for y in years if y <= date.today().year])
        if first and date.today().month < 10:  # early in the year the appraisal under way is last year's
            self.year.setCurrentIndex(max(self.year.findData(date.today().year - 1), 0))
        fill_orgs(self.org, choices.orgs)

    def reload(self) -> None:
        if self.year.currentData() is not None:
            self.runner.submit(jobs.appraisal_sheet, self.year.currentData(), self.org.currentData(), on_done=self._show)

    def _show(self, lines) -> None:
        self.model.reset(lines)
        counts = {r: sum(1 for x in lines if x.result == r) for r in RESULTS}
        waiting = sum(1 for x in lines if not x.result)
        self.summary.setText(f"{self.year.currentData()}年：共 {len(lines)} 人，"
                             + "，".join(f"{k} {v} 人" for k, v in counts.items()) + f"，未评定 {waiting} 人")

    def selected_ids(self) -> list[int]:
        return [row_of(self.table, i).member_id for i in self.table.selectionModel().selectedRows()]

    def grade_selected(self, result: str, *, notes: str | None = None) -> None:
        ids = self.selected_ids()
        if not ids:
            QMessageBox.information(self, "民主评议", "请先在列表中选中党员（可多选）。")
            return
        if result == "不合格" and notes is None:
            from PySide6.QtWidgets import QInputDialog

            notes, ok = QInputDialog.getText(self, "评为不合格", "原因和处置意见（如限期改正）：")
            if not ok:
                return
        self.runner.submit(jobs.set_results, self.year.currentData(), ids, result, notes or "", write=True,
                           kind="meeting", on_error=self._refused)

    def grade_rest(self) -> None:
        ids = [x.member_id for x in self.model.rows if not x.result]
        if ids and QMessageBox.question(self, "民主评议", f"将其余 {len(ids)} 名未评定的党员评为“合格”？") == QMessageBox.Yes:
            self.runner.submit(jobs.grade_unrated, self.year.currentData(), ids, write=True, kind="meeting")

    def _refused(self, exc) -> None:
        QMessageBox.warning(self, "民主评议", str(exc) if isinstance(exc, ValidationError) else f"未保存：{exc}")
