"""The 组织 page: add a branch, elect a committee, appoint a secretary, refuse to dissolve a branch with members."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QInputDialog, QMessageBox

from app.domain.dates import PartialDate
from app.domain.member_rules import MemberData
from app.services import members
from app.services.database import Database
from app.services.org_admin import OrgData, create_org
from app.ui.main_window import MainWindow
from app.ui.tasks import TaskRunner


def test_edit_the_tree_and_the_committee(qtbot, tmp_path, monkeypatch):
    db = Database.open(path=tmp_path / "org.db")
    with db.unit_of_work() as s:
        top = create_org(s, OrgData("幸福社区党委", "党委"))
    runner = TaskRunner()
    runner.database = db
    window = MainWindow(runner)
    qtbot.addWidget(window)
    window.show()
    window.database_ready("幸福社区党委", "org.db")
    window.nav.setCurrentRow(1)
    page = window.pages[1]
    runner.wait_idle()
    runner.wait_idle()
    assert page.current.id == top.id

    page.buttons["add"].click()
    runner.wait_idle()
    form = page._org_form
    form.name.setText("第一党支部")
    form.founded.setText("2001-07-01")
    form.buttons.accepted.emit()
    runner.wait_idle()
    assert form.result() == 1
    runner.wait_idle()
    runner.wait_idle()
    names = [page.tree_model.item(0).child(i).text() for i in range(page.tree_model.item(0).rowCount())]
    assert names == ["第一党支部"]

    branch_index = page.tree_model.item(0).child(0).index()
    page.tree.setCurrentIndex(branch_index)
    runner.wait_idle()
    assert page.current.name == "第一党支部"
    with db.unit_of_work() as s:
        mid = members.create_member(s, MemberData(name="李书记", org_id=page.current.id,
                                                  join_date=PartialDate(date(1990, 1, 1)),
                                                  full_date=PartialDate(date(1991, 1, 1)))).member.id
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("2024-06-01", True))
    page.buttons["term"].click()
    runner.wait_idle()
    answers = iter([("书记", True), ("李书记（）", True)])
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: next(answers))
    page.buttons["appoint"].click()
    runner.wait_idle()
    runner.wait_idle()
    page.tree.setCurrentIndex(page.tree_model.item(0).child(0).index())
    runner.wait_idle()
    runner.wait_idle()
    assert [(p.post, p.person_name) for p in page.posts.rows] == [("书记", "李书记")]
    assert page.term_label.text().startswith("第1届委员会　2024-06-01 至 2029-06-01")
    assert "不足3名" in page.warnings.text()

    warnings = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    page.buttons["dissolve"].click()
    runner.wait_idle()
    assert warnings and "1 名在册党员" in warnings[0]
    with db.reading() as s:
        assert members.get_member(s, mid).org_name == "第一党支部"
    db.close()
