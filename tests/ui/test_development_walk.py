"""A clerk follows one person in the window: application, 积极分子, 发展对象, the 支部大会, approval, 转正."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from sqlalchemy import select

from app.db.models import Member
from app.domain.dates import PartialDate
from app.domain.member_rules import MemberData
from app.services import members
from app.services.database import Database
from app.services.org_admin import OrgData, create_org
from app.ui.main_window import MainWindow
from app.ui.tasks import TaskRunner
from helpers_ids import make_id
from helpers_qt import type_chinese

TODAY = date(2026, 11, 22)


def _window(qtbot, tmp_path):
    db = Database.open(path=tmp_path / "dev.db")
    with db.unit_of_work() as s:
        top = create_org(s, OrgData("幸福社区党委", "党委"))
        branch = create_org(s, OrgData("第一党支部", "党支部", parent_id=top.id))
        for n, name in enumerate(("老党员甲", "老党员乙"), 1):
            members.create_member(s, MemberData(
                name=name, org_id=branch.id, id_number=make_id(date(1960, 2, n), 70 + n),
                join_date=PartialDate(date(1990, 7, 1)), full_date=PartialDate(date(1991, 7, 1))), today=TODAY)
    runner = TaskRunner()
    runner.database = db
    window = MainWindow(runner)
    qtbot.addWidget(window)
    window.show()
    window.database_ready("幸福社区党委", "dev.db")
    window.nav.setCurrentRow(5)
    runner.wait_idle()
    page = window.pages[5]
    page.on.setDate(QDate(2026, 11, 22))
    runner.wait_idle()
    return db, runner, page


def _fill(qtbot, dialog, **values):
    for key, value in values.items():
        edit = dialog.fields.get(key) or dialog.people[key]
        edit.clear()
        if value.isascii():
            qtbot.keyClicks(edit, value)
        else:
            type_chinese(edit, value)


def _save(dialog, runner):
    dialog.buttons.accepted.emit()
    runner.wait_idle()
    runner.wait_idle()


def _lane(page, stage):
    return [page.lanes[stage].item(i).text().split("　")[0] for i in range(page.lanes[stage].count())]


def test_one_person_from_application_to_full_membership(qtbot, tmp_path):
    db, runner, page = _window(qtbot, tmp_path)
    assert page.count.text().startswith("截至 2026-11-22：正在进行 0 人")
    page.open_case(None)
    runner.wait_idle()
    dialog = page._dialog
    assert dialog.org.currentText() == "第一党支部"
    type_chinese(dialog.fields["name"], "赵向阳")
    _save(dialog, runner)  # no application date: refused, nothing written
    assert "递交入党申请书" in dialog.error.text() and dialog.record_id is None
    _fill(qtbot, dialog, applied_on="2023-03-01", id_number=make_id(date(2000, 8, 8), 11))
    _save(dialog, runner)
    assert dialog.record_id is not None and "已保存" in dialog.error.text()
    assert "下一步：党组织派人谈话" in dialog.verdict.text() and "已逾期" in dialog.verdict.text()
    _fill(qtbot, dialog, talked_on="2023-03-20", activist_on="2023-05-01", activist_method="党员推荐",
          activist_filed_on="2023-05-10", 培养联系人="老党员甲")
    _save(dialog, runner)
    assert "积极分子" in dialog.windowTitle()
    assert any("半年考察" in dialog.findings.item(i).text() for i in range(dialog.findings.count()))
    _fill(qtbot, dialog, talked_on="2023-13-01")
    _save(dialog, runner)  # a date that does not exist is named with its field
    assert "党组织派人谈话" in dialog.error.text() and "不存在" in dialog.error.text()
    _fill(qtbot, dialog, talked_on="2023-03-20", publicity_start="2024-05-06", publicity_end="2024-05-10",
          candidate_on="2024-05-15", 入党介绍人="老党员甲、老党员乙", political_review_on="2024-06-01",
          political_review_result="政治审查合格", training_days="3", training_passed_on="2024-06-20",
          pre_review_on="2024-07-01", form_filled_on="2024-07-05", branch_meeting_on="2024-07-20", vote_eligible="30",
          vote_present="25", vote_yes="24", higher_talk_on="2024-08-01", approved_on="2024-09-01", oath_on="2024-09-15")
    _save(dialog, runner)
    assert "预备党员" in dialog.windowTitle() and "下一步：提出转正申请" in dialog.verdict.text()
    steps = {dialog.steps.item(r, 0).text(): dialog.steps.item(r, 1).text() for r in range(dialog.steps.rowCount())}
    assert steps["支部大会讨论接收"] == "2024-07-20" and steps["预备期满"] == "2025-07-20"
    with db.reading() as s:
        person = s.scalar(select(Member).where(Member.name == "赵向阳"))
        assert (person.category.value, person.join_date) == ("预备党员", date(2024, 7, 20))
    _fill(qtbot, dialog, confirm_applied_on="2025-07-01", confirm_meeting_on="2025-07-25", confirm_vote_eligible="31",
          confirm_vote_present="28", confirm_vote_yes="28", confirm_approved_on="2025-08-20")
    _save(dialog, runner)
    assert "正式党员" in dialog.windowTitle()
    dialog.reject()
    runner.wait_idle()
    with db.reading() as s:
        person = s.scalar(select(Member).where(Member.name == "赵向阳"))
        assert (person.category.value, person.full_date) == ("正式党员", date(2025, 7, 20))
    assert all(not _lane(page, stage) for stage in page.lanes)  # no open case left on the board
    assert page.model.rows[0].stage == "正式党员"


def test_the_board_puts_each_person_in_their_stage(qtbot, tmp_path):
    db, runner, page = _window(qtbot, tmp_path)
    from app.services import development as dev

    with db.unit_of_work() as s:
        branch = s.scalar(select(Member.org_id).limit(1))
        dev.save_record(s, None, dev.RecordData("钱申请", branch, values={"applied_on": date(2026, 11, 1)}), today=TODAY)
        dev.save_record(s, None, dev.RecordData("孙积极", branch, values={
            "applied_on": date(2025, 1, 1), "talked_on": date(2025, 1, 20), "activist_on": date(2025, 4, 1)}),
            today=TODAY)
    page.refresh()
    runner.wait_idle()
    assert _lane(page, "入党申请人") == ["钱申请"] and _lane(page, "积极分子") == ["孙积极"]
    card = page.lanes["入党申请人"].item(0).text()
    assert "下一步：党组织派人谈话" in card and "截止 2026-12-01" in card
    page.on.setDate(QDate(2026, 12, 5))  # judged a few days later: the talk is overdue, the card turns red
    runner.wait_idle()
    card = page.lanes["入党申请人"].item(0)
    assert "已逾期" in card.text() and card.foreground().color().name() == "#b00000"


def test_the_clerk_adds_next_years_holidays_in_settings(qtbot, tmp_path):
    db, runner, page = _window(qtbot, tmp_path)
    window = page.window()
    window.nav.setCurrentRow(8)
    runner.wait_idle()
    settings = window.pages[8]
    settings.open_holidays()
    runner.wait_idle()
    dialog = settings._dialog
    assert "2027年起的工作日暂按周末推算" in dialog.covered.text()
    dialog.year.setValue(2027)
    dialog.text.setPlainText("2027-01-01 休 元旦\n2027-02-30 休 春节")
    dialog.buttons.accepted.emit()
    runner.wait_idle()
    assert "第2行" in dialog.error.text() and dialog.result() == 0  # nothing written
    dialog.text.setPlainText("2027-01-01 休 元旦\n2027-02-06 班 春节")
    dialog.buttons.accepted.emit()
    runner.wait_idle()
    assert dialog.result() == 1
    from app.services.holidays import holiday_years

    with db.reading() as s:
        assert holiday_years(s)[-1].year == 2027
