"""A clerk's walk through the 党员 page: add a member, find her, edit her, transfer her out."""

from __future__ import annotations


from PySide6.QtCore import QDate

from app.domain import idnumber
from app.services.database import Database
from app.services.org_admin import OrgData, create_org
from app.ui.main_window import MainWindow
from app.ui.tasks import TaskRunner
from helpers_qt import type_chinese




def test_add_find_edit_and_transfer_out(qtbot, tmp_path):
    db = Database.open(path=tmp_path / "walk.db")
    with db.unit_of_work() as s:
        top = create_org(s, OrgData("幸福社区党委", "党委"))
        create_org(s, OrgData("第一党支部", "党支部", parent_id=top.id))
    runner = TaskRunner()
    runner.database = db
    window = MainWindow(runner)
    qtbot.addWidget(window)
    window.show()
    window.database_ready("幸福社区党委", "walk.db")
    window.nav.setCurrentRow(2)
    page = window.pages[2]
    runner.wait_idle()
    assert page.model.rowCount() == 0

    # add
    page.add_button.click()
    runner.wait_idle()
    form = page._member_form
    type_chinese(form.name, "欧阳娜娜")
    first17 = "31010419881109246"
    qtbot.keyClicks(form.id_number, first17 + idnumber.check_char(first17))
    assert form.gender.currentText() == "女" and form.edits["birth_date"].text() == "1988-11-09"
    form.edits["join_date"].setText("2015-07-01")
    form.edits["full_date"].setText("2016-07-01")
    qtbot.keyClicks(form.edits["phone"], "13800001111")
    form.buttons.accepted.emit()
    runner.wait_idle()
    assert form.result() == 1
    runner.wait_idle()

    # find
    qtbot.keyClicks(page.search, "oynn")
    qtbot.waitUntil(lambda: [r.name for r in page.model.rows] == ["欧阳娜娜"], timeout=5000)

    # edit: a bad phone is refused next to the field, then corrected
    page.table.selectRow(0)
    page.table.setCurrentIndex(page.table.model().index(0, 0))
    page.edit_button.click()
    runner.wait_idle()
    form = page._member_form
    assert form.name.text() == "欧阳娜娜"
    form.edits["phone"].setText("abc")
    form.buttons.accepted.emit()
    runner.wait_idle()
    assert form.errors["phone"].isVisible() and form.result() == 0
    form.edits["phone"].setText("13900002222")
    form.buttons.accepted.emit()
    runner.wait_idle()
    assert form.result() == 1
    runner.wait_idle()
    qtbot.waitUntil(lambda: page.model.rows and page.model.rows[0].phone == "13900002222", timeout=5000)

    # transfer out: she leaves the active list, and is found among those who left
    page.table.setCurrentIndex(page.table.model().index(0, 0))
    page.event_button.click()
    events = page._event_form
    events.kind.setCurrentText("转出")
    events.on.setDate(QDate(2026, 1, 5))
    events.buttons.accepted.emit()
    runner.wait_idle()
    assert "去向" in events.error.text() and events.result() == 0
    type_chinese(events.inputs["counterpart"], "城东街道党工委")
    qtbot.keyClicks(events.inputs["letter_no"], "2026-001")
    events.buttons.accepted.emit()
    runner.wait_idle()
    assert events.result() == 1
    runner.wait_idle()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=5000)
    page.scope.setCurrentText("已离开")
    runner.wait_idle()
    qtbot.waitUntil(lambda: [r.status for r in page.model.rows] == ["已转出"], timeout=5000)
    db.close()
