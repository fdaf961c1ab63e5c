"""首页 on known rows: the cards, and reminders ordered by what must be done first."""

from __future__ import annotations

from datetime import date

from app.ui.main_window import MainWindow
from app.ui.tasks import TaskRunner
from tests.ui.sample_data import populate


def test_reminders_come_in_order_and_name_each_groups_branch(qtbot, sqlite_db):
    populate(sqlite_db, date.today())
    runner = TaskRunner()
    runner.database = sqlite_db
    window = MainWindow(runner, remember=False)
    qtbot.addWidget(window)
    window.show()
    window.database_ready("幸福社区党委", sqlite_db.display_name)
    runner.wait_idle()
    home = window.pages[0]
    lines = [home.reminders.item(i).text() for i in range(home.reminders.count())]
    kinds = [line[line.index("【") + 1:line.index("】")] for line in lines]
    order = ["数据安全", "换届", "会议", "发展党员", "预备期满", "组织建设", "党费", "失联6个月以上", "身份证号待补充",
             "光荣在党50年", "政治生日"]
    assert kinds == sorted(kinds, key=lambda k: order.index(k) if k in order else len(order))
    assert kinds[0] == "数据安全" and "备份到U盘" in lines[0]  # never backed up off the machine: said first
    assert kinds[1] == "换届" and "会议" in kinds and "党费" in kinds
    assert any("第一党支部·第一党小组" in line for line in lines if "【组织建设】" in line)
    assert home.cards["在册党员"].value.text() == "3"
    runner.wait_idle()
