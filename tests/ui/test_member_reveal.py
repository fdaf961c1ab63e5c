"""党员 list: ID and phone numbers masked; one member's whole numbers shown on demand, and audited."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.db.models import AuditLog
from helpers_qt import open_page
from app.ui.tasks import TaskRunner
from tests.ui.sample_data import populate


def test_one_member_revealed_the_others_stay_masked(qtbot, sqlite_db):
    populate(sqlite_db, date.today())
    runner, _window, page = open_page(qtbot, sqlite_db, 2)
    model = page.model
    from PySide6.QtCore import Qt

    id_col = next(i for i in range(model.columnCount()) if model.headerData(i, Qt.Horizontal) == "公民身份号码")
    shown = [model.index(r, id_col).data() for r in range(model.rowCount())]
    assert len(shown) >= 2 and all("*" in text for text in shown if text)
    page.table.setCurrentIndex(model.index(0, 0))
    page.reveal_selected()
    runner.wait_idle()
    first, second = model.rows[0], model.rows[1]
    assert model.index(0, id_col).data() == first.id_number and "*" not in first.id_number
    assert "*" in model.index(1, id_col).data() or not second.id_number
    with sqlite_db.reading() as s:
        entry = s.scalars(select(AuditLog).where(AuditLog.action == "查看完整信息")).one()
        assert entry.entity_id == str(first.id) and first.name in entry.summary


def test_a_clerk_account_is_added_and_can_log_in(qtbot, sqlite_db):
    from app.services import auth
    from app.ui.dialogs.accounts import AccountsDialog
    from tests.helpers_qt import type_chinese

    runner = TaskRunner()
    runner.database = sqlite_db
    dialog = AccountsDialog(runner)
    qtbot.addWidget(dialog)
    runner.wait_idle()
    assert dialog.list.count() == 0
    dialog.username.setText("wangxy")
    type_chinese(dialog.name, "王秀英")
    dialog.password.setText("secret-1")
    dialog.again.setText("secret-2")
    dialog.add()
    assert "不一样" in dialog.error.text()
    dialog.again.setText("secret-1")
    dialog.add()
    runner.wait_idle()
    assert dialog.recovery_code and dialog.list.count() == 1 and "王秀英（wangxy）" == dialog.list.item(0).text()
    result = auth.check_password(sqlite_db, "secret-1", username="wangxy")
    assert result.ok and result.display_name == "王秀英"
    dialog.username.setText("wangxy")
    type_chinese(dialog.name, "王二")
    dialog.password.setText("secret-3")
    dialog.again.setText("secret-3")
    dialog.add()
    runner.wait_idle()
    assert "已经有了" in dialog.error.text()
