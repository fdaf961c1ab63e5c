"""A clerk records a 支部党员大会: two absentees with reasons, a guest sitting in, a vote; then sees it counted."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.services.database import Database
from app.ui.main_window import MainWindow
from app.ui.tasks import TaskRunner
from helpers_meetings import make_branch
from helpers_qt import type_chinese


def _open(qtbot, tmp_path):
    db = Database.open(path=tmp_path / "meetings.db")
    ids = make_branch(db)
    runner = TaskRunner()
    runner.database = db
    window = MainWindow(runner)
    qtbot.addWidget(window)
    window.show()
    window.database_ready("幸福社区党委", "meetings.db")
    window.nav.setCurrentRow(4)
    for _ in range(3):
        runner.wait_idle()
    return db, ids, runner, window, window.pages[4]


def _edit_cell(qtbot, view, row: int, column: int, text: str) -> None:
    """Open the cell's editor as a double-click would, type, press Enter."""
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    before = set(view.viewport().findChildren(QWidget))
    view.edit(index)
    editor = next(w for w in view.viewport().findChildren(QWidget) if w not in before and w.parent() is view.viewport())
    editor.setFocus()
    editor.selectAll()
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:
        type_chinese(editor, text)
    qtbot.keyClick(editor, Qt.Key_Return)
    QApplication.processEvents()  # the editor closes on the next turn of the event loop


def _row_of(model, name: str) -> int:
    return [p.name for p in model.people].index(name)


def test_recording_a_general_meeting_with_absentees_and_a_vote(qtbot, tmp_path, monkeypatch):
    db, ids, runner, window, page = _open(qtbot, tmp_path)
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]) or QMessageBox.Ok)
    records = page.records
    qtbot.mouseClick(records.new_button, Qt.LeftButton)
    form = page.form
    assert form is not None and form.isVisible()
    form.type.setCurrentText("支部党员大会")
    form.org.setCurrentIndex(form.org.findData(ids["branch"]))
    form.date.setDate(QDate(2026, 9, 20))
    form._refetch.stop()
    form.refetch()
    runner.wait_idle()
    qtbot.keyClicks(form.start, "14:30")
    qtbot.keyClicks(form.end, "1630")
    type_chinese(form.place, "党员活动室")
    type_chinese(form.host, "张三")
    type_chinese(form.recorder, "李四")
    type_chinese(form.theme, "讨论赵六转正")

    # 出勤: everyone who belonged on 20 September, 出席 until marked
    form.tabs.setCurrentWidget(form.attendance)
    people = form.attendance.model
    assert sorted(p.name for p in people.people) == sorted(["张三", "李四", "王五", "赵六", "钱七"])  # 孙八 left in August
    form.attendance.select("王五")
    qtbot.mouseClick(form.attendance.mark_leave, Qt.LeftButton)
    _edit_cell(qtbot, form.attendance.view, _row_of(people, "王五"), 4, "住院治疗")
    form.attendance.select("赵六")
    qtbot.mouseClick(form.attendance.mark_absent, Qt.LeftButton)
    type_chinese(form.attendance.guest, "刘书记")
    qtbot.mouseClick(form.attendance.add_guest, Qt.LeftButton)
    assert "应到 5 人，实到 3 人，请假 1 人，缺席 1 人，列席 1 人" in form.attendance.counts.text()
    assert "有表决权的应到 4 人、实到 3 人（超过半数）" in form.attendance.counts.text()  # 赵六 is 预备

    # 表决: counts only, judged as they are typed
    form.tabs.setCurrentWidget(form.votes)
    qtbot.mouseClick(form.votes.add_vote, Qt.LeftButton)
    votes = form.votes.model
    assert (votes.votes[0].eligible, votes.votes[0].present, votes.votes[0].yes) == (4, 3, 3)
    _edit_cell(qtbot, form.votes.view, 0, 0, "赵六按期转正")
    _edit_cell(qtbot, form.votes.view, 0, 3, "2")
    _edit_cell(qtbot, form.votes.view, 0, 5, "1")
    assert votes.data(votes.index(0, 6)) == "未通过"  # 2 of 4 entitled is not more than half
    _edit_cell(qtbot, form.votes.view, 0, 3, "3")
    _edit_cell(qtbot, form.votes.view, 0, 5, "0")
    assert votes.data(votes.index(0, 6)) == "通过"
    form.minutes.setPlainText("张三主持会议。赵六汇报预备期表现。")
    type_chinese(form.decisions, "同意赵六按期转正。")

    # 缺席 needs its reason: refused, the dialog stays open on the 出勤 tab
    form.buttons.accepted.emit()
    runner.wait_idle()
    assert form.isVisible() and "请写明赵六缺席的原因" in form.error.text()
    assert form.tabs.currentWidget() is form.attendance
    _edit_cell(qtbot, form.attendance.view, _row_of(people, "赵六"), 4, "未请假")
    form.buttons.accepted.emit()
    for _ in range(3):
        runner.wait_idle()
    assert form.result() == 1, form.error.text()

    row = next(r for r in records.model.rows if r.type_name == "支部党员大会")
    assert (row.meeting_date, row.expected, row.present, row.status, row.gaps) == (date(2026, 9, 20), 5, 3, "已召开", "")
    runner.wait_idle()
    text = records.detail.toPlainText()
    assert "王五（请假：住院治疗）" in text and "赵六（缺席：未请假）" in text and "通过" in text

    # 落实情况: the third quarter now has its 党员大会
    compliance = page.compliance
    page.tabs.setCurrentWidget(compliance)
    compliance.org.setCurrentIndex(compliance.org.findData(ids["branch"]))
    compliance.year.setCurrentIndex(compliance.year.findData(2026))
    compliance.by.setCurrentIndex(compliance.by.findData("季度"))
    runner.wait_idle()
    grid = compliance.model.grid
    general = next(r for r in grid.rows if r.type_name == "支部党员大会")
    assert [(c.held, c.state) for c in general.cells][2] == (1, "已达到")
    assert general.cells[1].state == "未达到"  # nothing in the second quarter

    # printed: the 会议记录 with its signature lines
    page.tabs.setCurrentWidget(records)
    records.select(row.id)
    records.print_paper("record", str(tmp_path / "记录.pdf"))
    runner.wait_idle()
    assert (tmp_path / "记录.pdf").stat().st_size > 5_000 and shown
    window.close()
    db.close()


def test_a_plan_from_the_calendar_is_recorded_as_held(qtbot, tmp_path, monkeypatch):
    db, ids, runner, window, page = _open(qtbot, tmp_path)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.Ok)
    calendar = page.calendar
    page.tabs.setCurrentWidget(calendar)
    day = date.today() + timedelta(days=10)  # a plan is for a day to come (the service checks against today)
    calendar.org.setCurrentIndex(calendar.org.findData(ids["branch"]))
    calendar.show_month(day.replace(day=1))
    runner.wait_idle()
    calendar.pick_day(day)
    calendar.plan()
    form = page.form
    form.type.setCurrentText("支部委员会")
    form._refetch.stop()
    form.refetch()
    runner.wait_idle()
    type_chinese(form.host, "张三")
    type_chinese(form.theme, "研究年终工作")
    assert [p.name for p in form.attendance.model.people] == ["张三", "李四", "王五"]  # the committee in office
    assert "应到 3 人" in form.attendance.counts.text() and not form.tabs.isTabEnabled(3)
    form.buttons.accepted.emit()
    for _ in range(3):
        runner.wait_idle()
    assert form.result() == 1, form.error.text()
    assert "支委会（计划）" in calendar.labels[(day - calendar.first_shown()).days].text()
    calendar.pick_day(day)
    assert [r.status for r in calendar.day_model.rows] == ["计划"]
    calendar.sign_in(str(tmp_path / "签到表.pdf"))
    runner.wait_idle()
    assert (tmp_path / "签到表.pdf").stat().st_size > 5_000
    window.close()
    db.close()
