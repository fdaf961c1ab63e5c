"""The other 志愿服务 forms on the page: a volunteer (a bad ID number refused in the form), a team and its
members, a category, a training, a 报到, a post and its claim, and a roster import through the preview."""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook
from PySide6.QtWidgets import QInputDialog, QMessageBox

from helpers_ids import make_id
from helpers_qt import type_chinese
from tests.ui.test_volunteer_walk import _open, _settle


def test_the_other_forms(qtbot, tmp_path, monkeypatch):
    db, runner, page, sample = _open(qtbot, tmp_path)
    infos = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: infos.append(a[2]) or QMessageBox.Ok)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    people = page.people_tab
    _settle(runner)
    assert len(people.model.rows) == 25 and people.count.text() == "共 25 名：党员 2，群众 22，团体 1"

    people.new_volunteer()
    dialog = people._dialog
    type_chinese(dialog.name, "新志愿者")
    good = make_id(date(1992, 6, 1), 35)
    dialog.id_number.setText(good[:-1] + ("0" if good[-1] != "0" else "1"))
    dialog.buttons.accepted.emit()
    runner.wait_idle()
    assert dialog.result() == 0 and dialog.error.text().startswith("证件号码：校验码不符")
    dialog.id_number.setText(good)
    dialog.phone.setText("13812345678")
    dialog.buttons.accepted.emit()
    _settle(runner)
    assert dialog.result() == 1, dialog.error.text()
    assert "新志愿者" in [r.name for r in people.model.rows]
    people.search.setText("xzy")  # initials
    assert [r.name for r in people.model.rows] == ["新志愿者"]
    people.search.clear()

    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("王五（第二党支部）", True))
    people.from_member()
    _settle(runner)
    wang = next(r for r in people.model.rows if r.name == "王五")
    assert wang.category == "党员"

    teams = page.teams_tab
    page.tabs.setCurrentWidget(teams)
    _settle(runner)
    teams.new_team()
    dialog = teams._dialog
    type_chinese(dialog.name, "平安巡逻队")
    dialog.leader.setCurrentIndex(dialog.leader.findText("王五"))
    dialog.buttons.accepted.emit()
    _settle(runner)
    assert dialog.result() == 1, dialog.error.text()
    teams.table.selectRow([r.name for r in teams.model.rows].index("平安巡逻队"))
    teams.members()
    runner.wait_idle()
    dialog = teams._dialog
    type_chinese(dialog.names, "赵伟华、钱伟华、无名氏")
    dialog.buttons.accepted.emit()
    _settle(runner)
    assert "加入 2 人" in infos[-1] and "无名氏" in infos[-1]
    assert next(r.members for r in teams.model.rows if r.name == "平安巡逻队") == 3

    cats = page.categories_tab
    page.tabs.setCurrentWidget(cats)
    _settle(runner)
    cats.add("垃圾分类")
    _settle(runner)
    assert cats.model.rows[-1].name == "垃圾分类" and not cats.model.rows[-1].is_builtin

    trainings = page.trainings_tab
    page.tabs.setCurrentWidget(trainings)
    _settle(runner)
    trainings.new_training()
    dialog = trainings._dialog
    type_chinese(dialog.topic, "急救知识培训")
    type_chinese(dialog.names, "赵伟华、钱伟华、孙伟华")
    dialog.buttons.accepted.emit()
    _settle(runner)
    assert dialog.result() == 1, dialog.error.text()
    assert [(t.topic, t.participants) for t in trainings.model.rows] == [("急救知识培训", 3)]

    community = page.community_tab
    page.tabs.setCurrentWidget(community)
    _settle(runner)
    community.new_report()
    dialog = community._dialog
    type_chinese(dialog.name, "刘在职")
    type_chinese(dialog.unit, "区税务局")
    dialog.buttons.accepted.emit()
    _settle(runner)
    assert dialog.result() == 1, dialog.error.text()
    assert [(r.person_name, r.unit) for r in community.reports.rows] == [("刘在职", "区税务局")]
    community.new_post()
    dialog = community._dialog
    type_chinese(dialog.name, "幸福小区1—6号楼党员责任区")
    dialog.kind.setCurrentIndex(dialog.kind.findText("党员责任区"))
    dialog.buttons.accepted.emit()
    _settle(runner)
    community.post_table.selectRow(0)
    community.claim()
    runner.wait_idle()
    dialog = community._dialog
    dialog.member.setCurrentIndex(dialog.member.findText("王五（第二党支部）"))
    dialog.buttons.accepted.emit()
    _settle(runner)
    assert dialog.result() == 1, dialog.error.text()
    assert community.posts.rows[0].claimants == "王五"

    # a roster through the preview: confirmed, written, then nothing left to do
    wb = Workbook()
    wb.active.append(["姓名", "联系电话", "服务技能", "服务队"])
    wb.active.append(["导入的人", "13700001234", "摄影", "平安巡逻队"])
    path = tmp_path / "名册.xlsx"
    wb.save(path)
    from app.ui.pages.volunteers_more import import_file

    page.tabs.setCurrentWidget(people)
    import_file(people, "roster", str(path))
    _settle(runner)
    assert "导入完成" in infos[-1] and "新增 1 名" in infos[-1]
    people.refresh()
    _settle(runner)
    assert "导入的人" in [r.name for r in people.model.rows]
    import_file(people, "roster", str(path))
    _settle(runner)
    assert "没有需要导入的变化" in infos[-1]
    db.close()
