"""The 统计 page's 导出与汇总: the quarterly workbook, a template filled through the dialog, two workbooks rolled up."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtWidgets import QComboBox, QMessageBox

from helpers_qt import open_page
from tests.io.test_template_fill import make_template
from tests.services.test_stats_figures import _book


def open_stats(qtbot, db):
    runner, _window, page = open_page(qtbot, db, 7)
    page.year.setCurrentIndex(page.year.findData(2026))
    page.period.setCurrentIndex(page.period.findText("第1季度"))
    runner.wait_idle()
    return runner, page


def test_workbook_template_and_consolidation_from_the_page(qtbot, sqlite_db, tmp_path, monkeypatch):
    _book(sqlite_db)
    runner, page = open_stats(qtbot, sqlite_db)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]) or QMessageBox.Ok)
    page.export_workbook(str(tmp_path / "一季度.xlsx"))
    runner.wait_idle()
    assert "第1季度工作簿已保存到" in told[0] and "完整身份证号" in told[0]
    wb = load_workbook(tmp_path / "一季度.xlsx")
    assert wb["花名册"].max_row == 3 + 6

    page.fill_template()
    dialog = page._dialog_
    runner.wait_idle()
    dialog.open_template(str(make_template(tmp_path / "模板.xlsx")))
    runner.wait_idle()
    assert "表头在第3、4行" in dialog.info.text()
    gender = next(i for i, c in enumerate(dialog.layout_.columns) if c.letter == "C")
    box: QComboBox = dialog.table.cellWidget(gender, 2)
    assert box.currentData() == "gender"
    box.setCurrentIndex(box.findData("ethnicity"))  # the clerk corrects one column
    dialog.save_as.setText("街道党费表")
    dialog._fill(str(tmp_path / "填好.xlsx"))
    runner.wait_idle()
    assert "已填写 6 名党员" in dialog.info.text() and "方案“街道党费表”已保存" in dialog.info.text()
    ws = load_workbook(tmp_path / "填好.xlsx").active
    jia = next(r for r in range(5, 11) if ws.cell(r, 2).value == "甲三十五")
    assert ws.cell(jia, 3).value == "回族" and ws.cell(jia, 6).value == 120

    page.fill_template()  # next quarter: the saved profile, one click
    again = page._dialog_
    runner.wait_idle()
    again.profile.setCurrentIndex(again.profile.findData("街道党费表"))
    again.open_template(str(tmp_path / "模板.xlsx"))
    runner.wait_idle()
    assert again.table.cellWidget(gender, 2).currentData() == "ethnicity"

    page.consolidate()
    c = page._dialog_
    c.add_files([str(tmp_path / "一季度.xlsx")])
    c.run(str(tmp_path / "汇总.xlsx"))
    assert "至少添加两个" in c.report.toPlainText()
    c.add_files([str(tmp_path / "一季度.xlsx"), str(tmp_path / "模板.xlsx")])
    assert c.files.count() == 2
    c.run(str(tmp_path / "汇总.xlsx"))
    runner.wait_idle()
    assert "未汇总" in c.report.toPlainText() and "不是支部台账导出的季度工作簿" in c.report.toPlainText()


def test_rolling_up_shows_the_conflicts(qtbot, sqlite_db, tmp_path, monkeypatch):
    _book(sqlite_db)
    runner, page = open_stats(qtbot, sqlite_db)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.Ok)
    page.export_workbook(str(tmp_path / "全部.xlsx"))
    runner.wait_idle()
    page.org.setCurrentIndex(page.org.findData("第二党支部"))
    runner.wait_idle()
    page.export_workbook(str(tmp_path / "二支部.xlsx"))
    runner.wait_idle()
    page.consolidate()
    c = page._dialog_
    c.add_files([str(tmp_path / "全部.xlsx"), str(tmp_path / "二支部.xlsx")])
    c.run(str(tmp_path / "汇总.xlsx"))
    runner.wait_idle()
    text = c.report.toPlainText()
    assert "已汇总 2 个支部" in text and "党员合计 7 人" in text  # 6 + 1: 壬 is in both
    assert "冲突：身份证号" in text and "出现 2 次" in text and "壬二支部" in text
