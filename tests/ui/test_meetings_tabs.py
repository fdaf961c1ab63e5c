"""The 三会一课 page's other tabs on known rows: the grid's cells open their records, 频次设置, 民主评议, 学时;
every table model passes qtmodeltester."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.services.database import Database
from app.services.meetings import AttendanceEntry, MeetingData, save_meeting
from app.ui.dialogs.meeting_tables import AttendanceModel, Person, Vote, VotesModel
from app.ui.main_window import MainWindow
from app.ui.tasks import TaskRunner
from helpers_meetings import TODAY, make_branch
from helpers_qt import type_chinese


@pytest.fixture
def page(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.Ok)
    db = Database.open(path=tmp_path / "m.db")
    ids = make_branch(db)
    with db.unit_of_work() as s:
        for month in (1, 2, 3, 8):  # no 党课 in the second quarter
            save_meeting(s, MeetingData("党课", ids["branch"], date(2026, month, 12), host="张三", title="学习党章",
                                        lecturer="张三", start_time=time(9, 0), end_time=time(10, 30),
                                        attendance=(AttendanceEntry("请假", ids["王五"], reason="出差"),)), today=TODAY)
    runner = TaskRunner()
    runner.database = db
    window = MainWindow(runner)
    qtbot.addWidget(window)
    window.show()
    window.database_ready("幸福社区党委", "m.db")
    window.nav.setCurrentRow(4)
    for _ in range(3):
        runner.wait_idle()
    p = window.pages[4]
    p.ids = ids
    yield p
    window.close()
    db.close()


def _wait(page):
    for _ in range(3):
        page.runner.wait_idle()


def test_a_cell_of_the_grid_opens_its_records(page):
    tab = page.compliance
    page.tabs.setCurrentWidget(tab)
    tab.org.setCurrentIndex(tab.org.findData(page.ids["branch"]))
    tab.year.setCurrentIndex(tab.year.findData(2026))
    tab.by.setCurrentIndex(tab.by.findData("季度"))
    _wait(page)
    model = tab.model
    row = [r.type_name for r in model.grid.rows].index("党课")
    q1, q2 = model.index(row, 0), model.index(row, 1)
    assert (model.data(q1), model.data(q1, Qt.UserRole), model.data(q2, Qt.UserRole)) == ("3", "已达到", "未达到")
    assert "地方惯例" in model.data(model.index(row, model.columnCount() - 1))
    assert "季度格未达到要求" in tab.summary.text() and "党课" in tab.summary.text()
    tab.open_cell(q1)
    _wait(page)
    dialog = tab.dialog
    assert [r.meeting_date.month for r in dialog.model.rows] == [3, 2, 1]
    dialog.table.doubleClicked.emit(dialog.table.model().index(0, 0))
    _wait(page)
    assert page.form.isVisible() and page.form.title.text() == "学习党章"
    page.form.reject()


def test_frequency_settings_and_a_type_of_ones_own(page):
    tab = page.compliance
    tab.open_settings()
    _wait(page)
    dialog = tab.dialog
    names = [name for name, _c, _p in dialog.rows]
    assert names[:2] == ["支部党员大会", "支部委员会"]
    type_chinese(dialog.new_name, "警示教育")
    dialog.new_study.setChecked(True)
    dialog.add_button.click()
    _wait(page)
    own = next((c, p) for n, c, p in dialog.rows if n == "警示教育")
    own[0].setValue(2)
    own[1].setCurrentText("年")
    next(c for n, c, _p in dialog.rows if n == "党课").setValue(0)
    dialog.buttons.accepted.emit()
    _wait(page)
    assert dialog.result() == 1, dialog.error.text()
    tab.org.setCurrentIndex(tab.org.findData(page.ids["branch"]))
    tab.year.setCurrentIndex(tab.year.findData(2026))
    _wait(page)
    rules = {r.type_name: r.rule for r in tab.model.grid.rows}
    assert rules["党课"] == "不考核" and rules["警示教育"] == "每年至少2次"


def test_appraisal_is_graded_from_the_list(page):
    tab = page.appraisal
    page.tabs.setCurrentWidget(tab)
    tab.year.setCurrentIndex(tab.year.findData(2026))
    tab.org.setCurrentIndex(tab.org.findData(page.ids["branch"]))
    _wait(page)
    names = [r.name for r in tab.model.rows]
    assert sorted(names) == sorted(["张三", "李四", "王五", "钱七"])
    tab.table.selectRow(names.index("张三"))
    tab.grade_selected("优秀")
    _wait(page)
    tab.grade_rest()
    _wait(page)
    assert {r.name: r.result for r in tab.model.rows} == {"张三": "优秀", "李四": "合格", "王五": "合格", "钱七": "合格"}
    assert "优秀 1 人，合格 3 人" in tab.summary.text()


def test_participation_counts_the_lectures_attended(page):
    tab = page.participation
    page.tabs.setCurrentWidget(tab)
    tab.year.setCurrentIndex(tab.year.findData(2026))
    tab.org.setCurrentIndex(tab.org.findData(page.ids["branch"]))
    _wait(page)
    rows = {r.name: r for r in tab.model.rows}
    assert (rows["张三"].expected, rows["张三"].attended, str(rows["张三"].study_hours)) == (4, 4, "8.0")
    assert (rows["王五"].leave, rows["王五"].attended) == (4, 0)
    assert (rows["钱七"].expected, rows["钱七"].note) == (1, "5月10日起")  # came in May: only August's lecture
    assert "学时达到32的 0 人" in tab.summary.text()


def test_the_models_pass_qtmodeltester(qtmodeltester, page):
    people = AttendanceModel()
    people.set_expected([Person(1, "张三"), Person(2, "赵六", full=False, state="请假", reason="出差")])
    people.add(Person(None, "刘书记", full=False, state="列席", expected=False))
    qtmodeltester.check(people)
    votes = VotesModel()
    votes.add(Vote("转正", 4, 3, 3))
    qtmodeltester.check(votes)
    tab = page.compliance
    tab.org.setCurrentIndex(tab.org.findData(page.ids["branch"]))
    _wait(page)
    qtmodeltester.check(tab.model)
    qtmodeltester.check(page.records.model)


def test_a_talk_starts_with_nobody_and_names_its_participants(page):
    form = page.new_meeting(org_id=page.ids["branch"], day=date(2026, 6, 3))
    form._refetch.stop()
    _wait(page)
    assert len(form.attendance.model.people) == 6  # a 党员大会 expects the whole branch that day
    form.type.setCurrentText("谈心谈话")
    form._refetch.stop()
    form.refetch()
    _wait(page)
    assert form.attendance.model.people == [] and not form.attendance.member_pick.isHidden()
    for name in ("张三", "赵六"):
        form.attendance.member_pick.setCurrentIndex(form.attendance.member_pick.findText(name, Qt.MatchStartsWith))
        form.attendance.add_member.click()
    form.date.setDate(form.date.date().addDays(1))  # the named stay when the date moves
    form._refetch.stop()
    form.refetch()
    _wait(page)
    assert [p.name for p in form.attendance.model.people] == ["张三", "赵六"]
    type_chinese(form.host, "张三")
    type_chinese(form.theme, "谈心")
    form.buttons.accepted.emit()
    _wait(page)
    assert form.result() == 1, form.error.text()
    row = next(r for r in page.records.model.rows if r.type_name == "谈心谈话")
    assert (row.expected, row.present) == (2, 2)


def test_the_ledger_is_exported_from_the_records_tab(page, tmp_path):
    from openpyxl import load_workbook

    records = page.records
    records.year.setCurrentIndex(records.year.findData(2026))
    records.org.setCurrentIndex(records.org.findData(page.ids["branch"]))
    _wait(page)
    records.export_ledger("xlsx", str(tmp_path / "一季度.xlsx"), quarter=1)
    _wait(page)
    ws = load_workbook(tmp_path / "一季度.xlsx")["三会一课台账"]
    assert ws["A1"].value == "第一党支部2026年第一季度“三会一课”台账"
    assert [ws.cell(r, 3).value for r in range(4, 7)] == ["党课"] * 3
