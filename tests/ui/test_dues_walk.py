"""A clerk's month on the 党费 page: assess a newcomer, mark everyone paid, a 代交, a 补交, an undo."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from helpers_dues_ui import TODAY, ledger_2026 as _ledger_2026, open_dues_page as _open, rows as _rows, select as _select
from helpers_qt import type_chinese

def test_a_months_collection(qtbot, tmp_path, monkeypatch):
    db, runner, window, page = _open(qtbot, tmp_path)
    runner.wait_idle()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.Ok)

    # 年度台账: 王五 has no assessment yet; assess him from the list
    ledger = page.ledger
    page.tabs.setCurrentWidget(ledger)
    ledger.year.setCurrentIndex(ledger.year.findData(2026))
    runner.wait_idle()
    assert _rows(ledger)["王五"].category == "未核定"
    _select(ledger, "王五")
    ledger.assess_selected()
    dialog = ledger._dialog
    dialog.category.setCurrentText("在职")
    qtbot.keyClicks(dialog.base, "2000")
    dialog.buttons.accepted.emit()
    runner.wait_idle()
    runner.wait_idle()
    assert dialog.result() == 1
    assert _rows(ledger)["王五"].monthly == Decimal("10.00")

    # 本月收缴 for November: a 代交 first, then everyone else at once
    tab = page.collection
    tab.today = lambda: TODAY
    page.tabs.setCurrentWidget(tab)
    tab.year.setValue(2026)
    tab.month.setCurrentIndex(10)
    runner.wait_idle()
    assert {n: r.status for n, r in _rows(tab).items()} == {"张三": "未交", "李四": "未交", "王五": "未交"}
    _select(tab, "李四")
    tab.record_selected()
    dialog = tab._dialog
    dialog.method.setCurrentText("代交")
    dialog.paid_on.setDate(QDate(2026, 11, 5))
    dialog.buttons.accepted.emit()  # no payer: refused, the dialog stays open
    runner.wait_idle()
    assert "代交人" in dialog.error.text() and dialog.result() == 0
    type_chinese(dialog.payer, "李小四")
    qtbot.keyClicks(dialog.receipt, "R-118")
    dialog.buttons.accepted.emit()
    runner.wait_idle()
    runner.wait_idle()
    assert dialog.result() == 1
    tab.mark_all_paid()
    runner.wait_idle()
    runner.wait_idle()
    rows = _rows(tab)
    assert all(r.status == "已交" for r in rows.values())
    assert (rows["李四"].method, rows["李四"].payer_name, rows["李四"].receipt_no) == ("代交", "李小四", "R-118")
    assert rows["张三"].paid_amount == Decimal("40.00")
    # the exceptions, edited in the cells: a receipt number, a payer, an amount below what is owed
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]) or QMessageBox.Ok)
    headers = [c.header for c in tab.model.columns]
    view_model = tab.table.model()

    def cell(name, header):
        row = [r.name for r in tab.model.rows].index(name)
        source = tab.model.index(row, headers.index(header))
        return view_model.mapFromSource(source) if hasattr(view_model, "mapFromSource") else source

    assert view_model.flags(cell("张三", "收据号")) & Qt.ItemIsEditable
    assert not view_model.flags(cell("张三", "姓名")) & Qt.ItemIsEditable
    view_model.setData(cell("张三", "收据号"), "R-200")
    runner.wait_idle()
    runner.wait_idle()
    view_model.setData(cell("王五", "代交人"), "王小五")
    runner.wait_idle()
    runner.wait_idle()
    view_model.setData(cell("张三", "交纳金额"), "10")
    runner.wait_idle()
    runner.wait_idle()
    rows = _rows(tab)
    assert rows["张三"].receipt_no == "R-200" and rows["张三"].paid_amount == Decimal("40.00")
    assert (rows["王五"].payer_name, rows["王五"].method) == ("王小五", "代交")
    assert warned and "少于应缴的 40.00 元" in warned[0]
    tab.print_receipts(str(tmp_path / "收据.pdf"))  # nothing selected: every paid row of the month
    runner.wait_idle()
    assert (tmp_path / "收据.pdf").stat().st_size > 5_000

    # October: 张三 pays late — a 补交 dated in November
    tab.month.setCurrentIndex(9)
    runner.wait_idle()
    _select(tab, "张三")
    tab.record_selected()
    dialog = tab._dialog
    dialog.method.setCurrentText("补交")
    dialog.paid_on.setDate(QDate(2026, 11, 10))
    dialog.buttons.accepted.emit()
    runner.wait_idle()
    runner.wait_idle()
    assert dialog.result() == 1, dialog.error.text()
    october = _rows(tab)["张三"]
    assert (october.method, october.paid_on, october.paid_amount) == ("补交", date(2026, 11, 10), Decimal("40.00"))

    # a wrong entry is undone
    _select(tab, "张三")
    tab.undo_selected()
    runner.wait_idle()
    runner.wait_idle()
    assert _rows(tab)["张三"].status == "未交"
    # 上缴: the quarter's collection handed to the 街道党工委, with the 回执 number
    remit = page.remittance
    page.tabs.setCurrentWidget(remit)
    remit.year.setCurrentIndex(remit.year.findData(2026))
    runner.wait_idle()
    q4 = remit.balance.rows[3]
    assert q4.received == Decimal("65.00") and q4.outstanding == Decimal("65.00")  # 15 代交 + 40 + 10 (补交 undone)
    remit.add_remittance()
    dialog = remit._dialog
    assert dialog.amount.text() == "65.00"
    dialog.remitted_on.setDate(QDate(2026, 11, 30))
    type_chinese(dialog.receiver, "幸福街道党工委")
    qtbot.keyClicks(dialog.receipt, "HZ-4")
    dialog.buttons.accepted.emit()
    runner.wait_idle()
    runner.wait_idle()
    assert dialog.result() == 1, dialog.error.text()
    assert [(r.receipt_no, r.amount) for r in remit.model.rows] == [("HZ-4", Decimal("65.00"))]
    assert remit.balance.rows[3].outstanding == 0
    window.close()
    db.close()


def test_back_pay_calculator_and_history_import(qtbot, tmp_path, monkeypatch):
    from openpyxl import Workbook

    db, runner, window, page = _open(qtbot, tmp_path)
    ledger = _ledger_2026(page, runner)
    _select(ledger, "张三")
    ledger.open_back_pay()
    dialog = ledger._dialog
    qtbot.keyClicks(dialog.right, "6000")  # 4000 → 6000: 40.00 → 90.00 a month
    dialog.first.setDate(QDate(2026, 7, 1))
    dialog.last.setDate(QDate(2026, 10, 1))
    assert [ln.difference for ln in dialog.model.rows] == [Decimal("50.00")] * 4
    assert "应补交 200.00 元" in dialog.total.text()
    dialog.reject()

    wb = Workbook()
    ws = wb.active
    ws.append(["2026年党费收缴台账"])
    ws.append(["姓名"] + [f"{m}月" for m in range(1, 13)])
    ws.append(["张三"] + [40] * 10 + [None, None])
    path = tmp_path / "old.xlsx"
    wb.save(path)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.Ok)
    ledger.import_history(str(path))
    runner.wait_idle()
    runner.wait_idle()
    runner.wait_idle()
    assert "新增交纳记录 10 条（1 人，400.00 元）" in asked[0]
    assert _rows(ledger)["张三"].annual_paid == Decimal("400.00")
    ledger.export("notice", str(tmp_path / "公示"))
    runner.wait_idle()
    assert (tmp_path / "公示.pdf").stat().st_size > 5_000  # the suffix is added
    window.close()
    db.close()
    assert list((tmp_path / "dues-backups").glob("*before-import*.db"))  # backed up first, as the dialog says


def test_bases_imported_from_the_ledger_tab(qtbot, tmp_path, monkeypatch):
    from openpyxl import Workbook

    db, runner, window, page = _open(qtbot, tmp_path)
    ledger = _ledger_2026(page, runner)
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "计算基数", "类别"])
    ws.append(["王五", None, "学生"])
    path = tmp_path / "核算表.xlsx"
    wb.save(path)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.Yes)
    ledger.import_history(str(path), kind="bases")
    for _ in range(3):
        runner.wait_idle()
    assert "新增 1 人" in asked[0]
    assert (_rows(ledger)["王五"].category, _rows(ledger)["王五"].monthly) == ("学生", Decimal("0.20"))
    window.close()
    db.close()
