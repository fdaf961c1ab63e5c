"""统计 page: the 党内统计 tab (a table with its grouped headers, exported) and the 工作总结数据 tab (precision, copy)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from openpyxl import load_workbook

from app.services import settings
from helpers_qt import open_page
from helpers_stats_tables import make_book


def _page(qtbot, sqlite_db, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.Ok)
    make_book(sqlite_db)
    runner, _window, page = open_page(qtbot, sqlite_db, 7)
    page.year.setCurrentIndex(page.year.findData(2026))
    runner.wait_idle()
    return page, runner


def _tab(page, title):
    index = [page.tabs.tabText(i) for i in range(page.tabs.count())].index(title)
    page.tabs.setCurrentIndex(index)
    return page.tabs.widget(index)


def test_party_tables_tab_shows_grouped_headers_and_exports(qtbot, sqlite_db, tmp_path, monkeypatch):
    page, runner = _page(qtbot, sqlite_db, monkeypatch)
    tab = _tab(page, "党内统计")
    runner.wait_idle()
    assert tab.current().key == "change"
    g = tab.grid
    assert (g.item(0, 0).text(), g.item(0, 1).text()) == ("项目", "人数")
    assert g.item(1, 0).text() == "一、上年底总数" and g.item(1, 1).text() == "9"
    tab.choice.setCurrentIndex(tab.choice.findData("basic"))
    assert (g.item(0, 2).text(), g.item(1, 2).text(), g.rowSpan(0, 0), g.columnSpan(0, 2)) == ("其中", "预备党员", 2, 4)
    assert g.item(0, 6).text() == "年龄" and g.columnSpan(0, 6) == 10
    assert g.item(2, 0).text() == "总计" and g.item(2, 1).text() == "9"
    assert "2026年党员基本情况" in tab.heading.text() and "统计口径" in tab.note.text()
    page.org.setCurrentIndex(page.org.findData("第二党支部"))
    runner.wait_idle()
    assert tab.current().org_name == "第二党支部" and g.item(2, 1).text() == "2"
    out = tmp_path / "党内统计.xlsx"
    tab.export(str(out))
    runner.wait_idle()
    assert load_workbook(out)["党员基本情况"]["B5"].value == 2


def test_summary_tab_precision_copy_and_export(qtbot, sqlite_db, tmp_path, monkeypatch):
    page, runner = _page(qtbot, sqlite_db, monkeypatch)
    tab = _tab(page, "工作总结数据")
    runner.wait_idle()
    assert tab.digits.currentData() == 1  # the setting's default
    text = tab.text.toPlainText()
    assert text.startswith("截至2026年12月31日，幸福社区党委现有党员") and "占100.0%" in text
    tab.digits.setCurrentIndex(tab.digits.findData(2))
    runner.wait_idle()
    assert "占100.00%" in tab.text.toPlainText()
    with sqlite_db.reading() as s:
        assert settings.get(s, "stats.percent_digits") == 2  # the choice is kept
    tab.copy()
    assert QGuiApplication.clipboard().text() == tab.text.toPlainText()
    page.period.setCurrentIndex(page.period.findText("第2季度"))
    runner.wait_idle()
    assert "2026年第2季度发展党员1名" in tab.text.toPlainText() and tab.digits.currentData() == 2
    out = tmp_path / "总结.xlsx"
    tab.export(str(out))
    runner.wait_idle()
    ws = load_workbook(out)["工作总结数据"]
    assert ws["A1"].value == "幸福社区党委2026年第2季度工作总结数据" and "占100.00%" in ws["A7"].value
