"""Each page shows exactly the rows put into the database (tests/ui/sample_data.py), and hints when empty."""

from __future__ import annotations

from datetime import date

import pytest

from app.services.database import Database
from app.ui.main_window import SECTIONS, MainWindow
from app.ui.tasks import TaskRunner
from tests.ui.sample_data import populate


def _open_window(qtbot, db) -> MainWindow:
    runner = TaskRunner()
    runner.database = db
    win = MainWindow(runner, remember=False)
    qtbot.addWidget(win)
    win.show()
    win.database_ready("幸福社区党委", db.display_name)
    for index in range(len(SECTIONS)):
        win.nav.setCurrentRow(index)
        for _ in range(3):  # pages chain jobs: filters or years first, then rows
            runner.wait_idle()
    return win


@pytest.fixture
def window(qtbot, sqlite_db):
    populate(sqlite_db, date.today())
    win = _open_window(qtbot, sqlite_db)
    yield win
    win.runner.wait_idle()


def _names(model) -> list[str]:
    return [r.name for r in model.rows]


def test_pages_show_the_known_rows(window):
    p = window.pages
    assert (p[0].cards["在册党员"].value.text(), p[0].cards["其中预备党员"].value.text()) == ("3", "1")
    assert p[0].cards["发展对象/积极分子"].value.text() == "1 / 1"
    tree = p[1].tree_model
    top = tree.item(0, 0)
    assert (top.text(), tree.item(0, 2).text()) == ("幸福社区党委", "3")
    assert [top.child(i, 0).text() for i in range(top.rowCount())] == ["第一党支部", "第二党支部"]
    window.nav.setCurrentRow(1)
    p[1].tree.setCurrentIndex(top.child(0, 0).index())  # 第一党支部 and its committee
    window.runner.wait_idle()
    assert [(r.post, r.person_name) for r in p[1].posts.rows] == [("书记", "张三丰"), ("组织委员", "李小红")]
    assert set(_names(p[2].model)) == {"张三丰", "李小红", "王五"}
    zhang = next(i for i, r in enumerate(p[2].model.rows) if r.name == "张三丰")
    id_column = [c.header for c in p[2].model.columns].index("公民身份号码")
    assert p[2].model.data(p[2].model.index(zhang, id_column)) == "110105********1233"  # masked by default
    assert [r.name for r in p[3].ledger.model.rows if r.category != "未核定"] == ["张三丰", "王五"]
    assert set(_names(p[3].collection.model)) == {"张三丰", "王五"}  # this month's sheet: the assessed
    assert [(r.type_name, r.expected, r.present) for r in p[4].model.rows] == [("支部委员会", 5, 4), ("党课", 3, 3)]
    assert [(r.name, r.stage) for r in p[5].model.rows] == [
        ("陈一", "入党申请人"), ("刘二", "积极分子"), ("孙三", "发展对象"), ("周四", "预备党员"), ("吴五", "终止")]
    assert set(_names(p[6].people)) == {"张三丰", "钱七"} and _names(p[6].teams) == ["红帽子服务队"]
    assert [a.title for a in p[6].activities.rows] == ["敬老院探访"]
    stats = {line.label: line.value for line in p[7].model.rows}
    assert (stats["党员总数"], stats["其中：女党员"]) == ("3", "1")
    assert any(row.label == "屏幕上遮蔽身份证号" for row in p[8].model.rows)
    assert window.count_label.text() == "在册党员 3 名　党员记录共 4 条"
    assert not p[3].ledger.findChild(type(p[3].ledger.totals), "emptyHint").isVisible()


def test_an_empty_database_shows_hints_not_blank_tables(qtbot, tmp_path):
    from app.services.organisations import create_top_organisation

    db = Database.open(path=tmp_path / "empty.db")
    with db.unit_of_work() as s:
        create_top_organisation(s, "空白社区党委")
    try:
        win = _open_window(qtbot, db)
        win.nav.setCurrentRow(5)
        win.runner.wait_idle()
        development = win.pages[5]
        hints = development.findChildren(type(development.count), "emptyHint")  # over the board and the table
        assert any(h.isVisible() and "还没有发展党员档案" in h.text() for h in hints)
        assert win.count_label.text() == "在册党员 0 名　党员记录共 0 条"
        win.runner.wait_idle()
    finally:
        db.close()
