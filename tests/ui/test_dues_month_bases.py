"""年度台账 → 按月核定: a 年薪制 member's bonus month typed in, the ledger then owes it month by month."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QMessageBox

from app.services import dues_assess
from helpers_dues_ui import ledger_2026 as _ledger_2026, open_dues_page as _open, rows as _rows, select as _select


def test_a_bonus_month_for_an_annual_salary_member(qtbot, tmp_path, monkeypatch):
    db, runner, window, page = _open(qtbot, tmp_path)
    runner.wait_idle()
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]) or QMessageBox.Ok)
    ledger = _ledger_2026(page, runner)

    _select(ledger, "李四")  # 离退休: no monthly bases
    ledger.month_bases_selected()
    assert "年薪制" in told[-1]

    with db.unit_of_work() as s:
        member = _rows(ledger)["张三"].member_id
        dues_assess.assess(s, member, 2026, "年薪制", "20000")  # 400.00 a month
    ledger.reload()
    runner.wait_idle()
    _select(ledger, "张三")
    ledger.month_bases_selected()
    runner.wait_idle()
    dialog = ledger._dialog
    qtbot.keyClicks(dialog.edits[6], "45000")  # June's bonus month: 2% is 900.00
    assert dialog.previews[6].text() == "月缴 900.00 元" and dialog.previews[7].text() == "按全年基数"
    qtbot.keyClicks(dialog.edits[8], "abc")
    assert dialog.previews[8].text() == "不是金额"
    dialog.buttons.accepted.emit()
    runner.wait_idle()
    assert "8月计算基数" in dialog.error.text() and dialog.result() == 0  # nothing saved
    dialog.edits[8].clear()
    dialog.buttons.accepted.emit()
    runner.wait_idle()
    runner.wait_idle()
    assert dialog.result() == 1
    row = _rows(ledger)["张三"]
    assert row.month_due[5] == Decimal("900.00") and row.annual_due == Decimal(400 * 11 + 900)
    headers = [c.header for c in ledger.model.columns]
    index = ledger.model.index([r.name for r in ledger.model.rows].index("张三"), headers.index("月应缴"))
    assert ledger.model.data(index) == "按月"
