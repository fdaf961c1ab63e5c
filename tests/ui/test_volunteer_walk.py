"""A clerk records an activity with 20 participants on the 志愿服务 page: the activity form, 20 names pasted
at once, one person's hours typed in the cell, confirmation, and the hours that stay after archiving;
then a certificate and the year's sheet."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from openpyxl import load_workbook
from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QMessageBox

from app.services.database import Database
from app.ui.main_window import MainWindow
from app.ui.tasks import TaskRunner
from helpers_qt import type_chinese
from helpers_volunteers import populate, resident_names


def _open(qtbot, tmp_path):
    db = Database.open(path=tmp_path / "walk.db")
    sample = populate(db)
    runner = TaskRunner()
    runner.database = db
    window = MainWindow(runner, remember=False)
    qtbot.addWidget(window)
    window.show()
    window.database_ready("幸福社区党委", "walk.db")
    window.nav.setCurrentRow(6)
    runner.wait_idle()
    return db, runner, window.pages[6], sample


def _settle(runner, times=3):
    for _ in range(times):
        runner.wait_idle()


def test_an_activity_with_twenty_participants(qtbot, tmp_path, monkeypatch):
    db, runner, page, sample = _open(qtbot, tmp_path)
    infos = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: infos.append(a[2]) or QMessageBox.Ok)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    today = date.today()
    tab = page.activities_tab
    page.tabs.setCurrentWidget(tab)
    _settle(runner)

    # the activity: refused without a title, then saved
    tab.new_activity()
    dialog = tab._dialog
    dialog.buttons.accepted.emit()
    runner.wait_idle()
    assert "活动名称" in dialog.error.text() and dialog.result() == 0
    type_chinese(dialog.title, "重阳节敬老院探访")
    dialog.day.setDate(QDate(today.year, today.month, 1))
    dialog.start.setTime(QTime(9, 0))
    dialog.end.setTime(QTime(11, 30))
    type_chinese(dialog.place, "幸福敬老院")
    dialog.category.setCurrentIndex(dialog.category.findText("助老"))
    dialog.team.setCurrentIndex(dialog.team.findText("红帽子服务队"))
    dialog.beneficiaries.setValue(45)
    dialog.buttons.accepted.emit()
    _settle(runner)
    assert dialog.result() == 1, dialog.error.text()
    assert [(a.title, a.participants) for a in tab.activities.rows] == [("重阳节敬老院探访", 0)]
    assert tab.detail is not None and tab.detail.span == Decimal("2.50")

    # 20 people at once: 19 pasted residents and a member, plus one name nobody has
    tab.add_people()
    dialog = tab._dialog
    dialog.team.setCurrentIndex(0)  # not the whole team: only who came
    type_chinese(dialog.names, "、".join(resident_names(19) + ["张三丰", "查无此人"]))
    dialog.buttons.accepted.emit()
    _settle(runner)
    assert dialog.result() == 1, dialog.error.text()
    assert infos and "添加 20 人" in infos[-1] and "未找到：查无此人" in infos[-1]
    people = tab.people.rows
    assert len(people) == 20 and {p.hours for p in people} == {Decimal("2.50")}
    assert {p.state for p in people} == {"待确认"} and tab.activities.rows[0].pending == 20

    # one came late: her hours typed in the cell (actual service only)
    headers = [c.header for c in tab.people.columns]
    row = [p.name for p in tab.people.rows].index("赵伟华")
    cell = tab.people.index(row, headers.index("服务时长（小时）"))
    view_model = tab.people_table.model()
    cell = view_model.mapFromSource(cell) if hasattr(view_model, "mapFromSource") else cell
    view_model.setData(cell, "1.5")
    _settle(runner)
    assert next(p.hours for p in tab.people.rows if p.name == "赵伟华") == Decimal("1.50")

    # everyone confirmed by the organiser
    tab.people_table.clearSelection()
    tab.confirm()
    runner.wait_idle()
    dialog = tab._dialog
    dialog.by.clear()
    type_chinese(dialog.by, "李小红")
    dialog.buttons.accepted.emit()
    _settle(runner)
    assert dialog.result() == 1, dialog.error.text()
    assert {p.state for p in tab.people.rows} == {"已确认"} and {p.confirmed_by for p in tab.people.rows} == {"李小红"}
    total = Decimal("2.50") * 19 + Decimal("1.50")
    assert tab.activities.rows[0].hours == total and "已确认 49.00 小时" in tab.heading.text()

    # archived when the project ends: off the list, still in everyone's hours and the statistics
    tab.toggle_archive()
    _settle(runner)
    assert tab.activities.rows == []
    people_tab = page.people_tab
    page.tabs.setCurrentWidget(people_tab)
    people_tab.refresh()
    _settle(runner)
    assert sum(r.hours for r in people_tab.model.rows) == total
    reports = page.reports_tab
    page.tabs.setCurrentWidget(reports)
    _settle(runner)
    stats = {line.label: line.value for line in reports.stats.rows}
    assert (stats["开展志愿服务活动"], stats["参与志愿者（人次）"], stats["服务时长（小时）"]) == ("1", "20", "49.00")
    assert stats["服务类别"] == "1" and stats["受益群众（人次）"] == "45"

    # a certificate for one of them, and the year's 时长统计表
    page.tabs.setCurrentWidget(people_tab)
    index = [r.name for r in people_tab.model.rows].index("赵伟华")
    model = people_tab.table.model()
    source = people_tab.model.index(index, 0)
    people_tab.table.setCurrentIndex(model.mapFromSource(source) if hasattr(model, "mapFromSource") else source)
    pdf = tmp_path / "证明.pdf"
    people_tab.certificate(str(pdf))
    runner.wait_idle()
    dialog = people_tab._dialog
    dialog.buttons.accepted.emit()
    _settle(runner)
    assert dialog.result() == 1, dialog.error.text()
    assert pdf.read_bytes().startswith(b"%PDF") and "ZYFW" in infos[-1] and "1.50 小时" in infos[-1]
    out = tmp_path / "时长.xlsx"
    reports.export(False, str(out))
    _settle(runner)
    sheet = load_workbook(out)["时长汇总"]
    last = list(sheet.iter_rows(values_only=True))[-1]
    assert last[1] == "合计（20 人）" and last[8] == 49
    db.close()
