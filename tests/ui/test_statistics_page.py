"""统计报表 page: a period and an organisation chosen, a member figure opened to the people behind it."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QMessageBox

from helpers_qt import open_page
from tests.ui.sample_data import populate


def test_a_figure_opens_to_its_people(qtbot, sqlite_db, monkeypatch):
    populate(sqlite_db, date.today())
    runner, _window, page = open_page(qtbot, sqlite_db, 7)
    page.year.setCurrentIndex(page.year.findData(date.today().year))
    runner.wait_idle()
    lines = {line.label: line for line in page.model.rows}
    assert lines["党员总数"].value == "3" and "在册的党员" in lines["党员总数"].how
    row = [r.label for r in page.model.rows].index("党员总数")
    page.table.setCurrentIndex(page.table.model().index(row, 0))
    page._people_selected()
    runner.wait_idle()
    dialog = page._dialog
    assert dialog.model.rowCount() == 3 and {r.name for r in dialog.model.rows} >= {"张三丰"}
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]) or QMessageBox.Ok)
    page.show_people(lines["志愿服务队"])
    assert "没有可列出的名单" in told[0]
    page.period.setCurrentIndex(page.period.findText("第1季度"))
    runner.wait_idle()
    assert f"{date.today().year}年第1季度" in page.note.text()


def test_figures_that_count_records_open_to_them(qtbot, sqlite_db):
    from tests.services.test_stats_figures import _book

    _book(sqlite_db)
    runner, _window, page = open_page(qtbot, sqlite_db, 7)
    page.year.setCurrentIndex(page.year.findData(2026))
    page.period.setCurrentIndex(page.period.findText("第1季度"))
    runner.wait_idle()
    lines = {line.key: line for line in page.model.rows}
    page.show_people(lines["dues_due"])
    runner.wait_idle()
    dues = page._dialog
    assert dues.model.rowCount() == 1 and dues.model.rows[0][0] == "甲三十五"
    assert (dues.model.rows[0][4], dues.model.rows[0][5]) == (120, 80)  # 本期应缴, 本期实缴
    page.show_people(lines["applications"])
    runner.wait_idle()
    assert [r[0] for r in page._dialog.model.rows] == ["申请人"]
    page.show_people(lines["meetings.支部党员大会"])
    runner.wait_idle()
    assert page._dialog.model.rowCount() == 0 and "支部党员大会（0 次" in page._dialog.windowTitle()


def test_any_dates_can_be_chosen(qtbot, sqlite_db):
    from PySide6.QtCore import QDate

    from tests.services.test_stats_figures import _book

    _book(sqlite_db)
    runner, _window, page = open_page(qtbot, sqlite_db, 7)
    assert not page.start.isVisible()
    page.period.setCurrentIndex(page.period.findText("自定义期间"))
    page.start.setDate(QDate(2026, 3, 16))
    page.end.setDate(QDate(2026, 8, 15))
    runner.wait_idle()
    assert page.start.isVisible() and not page.year.isEnabled()
    assert "2026-03-16至2026-08-15" in page.note.text()
    values = {line.key: line.value for line in page.model.rows}
    assert values["members_total"] == "6"  # 15 August: 甲 乙 己 庚 辛 壬 (丙 left 1 August, 戊 came in September)
    assert (values["deceased"], values["transferred_out"], values["admitted_probationary"]) == ("0", "1", "1")
