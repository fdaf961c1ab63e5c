"""The window on real databases: the runner, every page, search as you type, screenshots, first run."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QThread
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from app.domain.dates import PartialDate
from app.domain.errors import ValidationError
from app.domain.member_rules import MemberData
from app.services import members as member_service
from app.services.database import Database
from app.services.demo import generate
from app.ui.main_window import SECTIONS, MainWindow
from app.ui.table_model import Column, RowTableModel, col
from app.ui.tasks import TaskRunner

TODAY = date.today()


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ui") / "demo.db"
    db = Database.open(path=path)
    generate(db, members=200, years=2)
    db.close()
    return path


@pytest.fixture
def window(qtbot, demo_path):
    db = Database.open(path=demo_path)
    runner = TaskRunner()
    runner.database = db
    win = MainWindow(runner)
    qtbot.addWidget(win)
    win.show()
    win.database_ready("测试党委", str(demo_path))
    runner.wait_idle()
    yield win
    runner.wait_idle()
    db.close()


def test_table_model_passes_qtmodeltester(qtmodeltester):
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class R:
        name: str
        n: int

    model = RowTableModel([col("姓名", "name"), col("数", "n", right=True), Column("双", lambda r: r.n * 2)])
    model.reset([R("甲", 1), R("乙", 2)], has_more=True)
    model.more = lambda: model.append([R("丙", 3)])
    qtmodeltester.check(model)
    model.fetchMore()
    assert model.rowCount() == 3 and model.data(model.index(2, 2)) == "6"


def test_runner_delivers_on_the_gui_thread_and_announces_writes(qtbot, sqlite_db):
    runner = TaskRunner()
    runner.database = sqlite_db
    seen = {}

    def job(session):
        seen["worker"] = QThread.currentThread()
        from app.services.organisations import create_top_organisation

        return create_top_organisation(session, "线程测试党委").name

    with qtbot.waitSignal(runner.data_changed, timeout=10000) as changed:
        runner.submit(job, write=True, kind="organisation",
                      on_done=lambda r: seen.update(result=r, gui=QThread.currentThread()))
    runner.wait_idle()
    assert changed.args == ["organisation"]
    assert seen["result"] == "线程测试党委"
    assert seen["gui"] is QApplication.instance().thread() and seen["worker"] is not seen["gui"]
    errors = []
    runner.submit(lambda s: (_ for _ in ()).throw(ValidationError("姓名", "不能为空")), on_error=errors.append)
    runner.wait_idle()
    assert isinstance(errors[0], ValidationError)


def test_every_page_opens_and_shows_database_rows(window):
    for index, name in enumerate(SECTIONS):
        window.nav.setCurrentRow(index)
        for _ in range(3):
            window.runner.wait_idle()
        page = window.pages[index]
        assert page.isVisible() and page.title == name
    home = window.pages[0]
    assert home.cards["在册党员"].value.text().isdigit() and int(home.cards["在册党员"].value.text()) > 150
    assert window.pages[2].model.rowCount() > 150
    assert window.pages[3].ledger.model.rowCount() > 0 and window.pages[4].model.rowCount() > 0
    assert window.pages[5].model.rowCount() > 0 and window.pages[6].people.rowCount() > 0
    assert window.pages[7].model.rowCount() > 10 and window.pages[8].model.rowCount() > 5


def test_search_by_initials_as_the_clerk_types(qtbot, window):
    with window.runner.database.unit_of_work() as s:
        org_id = s.execute(__import__("sqlalchemy").text("SELECT id FROM organisation WHERE level='党支部' LIMIT 1")).scalar()
        member_service.create_member(s, MemberData(name="张三丰", org_id=org_id, birth_date=PartialDate(date(1950, 3, 2))))
    window.nav.setCurrentRow(2)
    page = window.pages[2]
    page.refresh()
    window.runner.wait_idle()
    qtbot.keyClicks(page.search, "zsf")
    qtbot.waitUntil(lambda: [r.name for r in page.model.rows] == ["张三丰"], timeout=5000)
    assert page.count.text() == "共 1 人"


def test_render_pages_writes_nine_pages_and_their_tabs(demo_path, tmp_path):
    from app.ui.main_window import FILE_NAMES
    from app.ui.screenshot import render_pages

    paths = render_pages(demo_path, None, tmp_path, size=(1100, 700))
    names = [p.name for p in paths]
    assert [n for n in names if n[:-4] in FILE_NAMES] == [f"{n}.png" for n in FILE_NAMES]
    assert {"04-dues-2.png", "04-dues-3.png"} <= set(names)  # 年度台账 and 上缴 behind the 党费 page
    for p in paths:
        image = QImage(str(p))
        assert (image.width(), image.height()) == (1100, 700)
        assert p.stat().st_size > 10_000


def test_filters_by_occupation_and_flag(qtbot, window):
    window.nav.setCurrentRow(2)
    page = window.pages[2]
    window.runner.wait_idle()
    page.occupation.setCurrentIndex(page.occupation.findData("离退休"))
    window.runner.wait_idle()
    retired = page.model.rowCount()
    assert 0 < retired < 200
    page.flag.setCurrentIndex(page.flag.findData("身份证号待补充"))
    window.runner.wait_idle()
    assert all(r.id_number == "" for r in page.model.rows)
