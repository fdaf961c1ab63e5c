"""The 党费 page over a small fresh database, for the pytest-qt walks."""

from __future__ import annotations

from datetime import date

from app.domain.dates import PartialDate
from app.domain.member_rules import MemberData
from app.services import dues_assess, members
from app.services.database import Database
from app.services.org_admin import OrgData, create_org
from app.ui.main_window import MainWindow
from app.ui.tasks import TaskRunner
from helpers_ids import make_id

TODAY = date(2026, 11, 22)


def dues_database(tmp_path) -> Database:
    db = Database.open(path=tmp_path / "dues.db")
    with db.unit_of_work() as s:
        top = create_org(s, OrgData("幸福社区党委", "党委"))
        branch = create_org(s, OrgData("第一党支部", "党支部", parent_id=top.id))
        ids = {}
        for n, name in enumerate(("张三", "李四", "王五"), 1):
            ids[name] = members.create_member(s, MemberData(
                name=name, org_id=branch.id, id_number=make_id(date(1960 + n, 3, 3), 40 + n),
                join_date=PartialDate(date(1990, 7, 1)), full_date=PartialDate(date(1991, 7, 1))),
                today=TODAY).member.id
        dues_assess.assess(s, ids["张三"], 2026, "在职", "4000", today=TODAY)  # 40.00 a month
        dues_assess.assess(s, ids["李四"], 2026, "离退休", "3000", today=TODAY)  # 15.00
    return db


def open_dues_page(qtbot, tmp_path):
    """The main window on the 党费 page over a fresh database; (db, runner, window, page)."""
    db = dues_database(tmp_path)
    runner = TaskRunner()
    runner.database = db
    window = MainWindow(runner)
    qtbot.addWidget(window)
    window.show()
    window.database_ready("幸福社区党委", "dues.db")
    window.nav.setCurrentRow(3)
    return db, runner, window, window.pages[3]


def ledger_2026(page, runner):
    ledger = page.ledger
    page.tabs.setCurrentWidget(ledger)
    runner.wait_idle()
    ledger.year.setCurrentIndex(ledger.year.findData(2026))
    runner.wait_idle()
    return ledger


def rows(tab):
    return {r.name: r for r in tab.model.rows}


def select(tab, name):
    row = [r.name for r in tab.model.rows].index(name)
    view = tab.table
    view.setCurrentIndex(view.model().mapFromSource(tab.model.index(row, 0)) if hasattr(view.model(), "mapFromSource")
                         else view.model().index(row, 0))
