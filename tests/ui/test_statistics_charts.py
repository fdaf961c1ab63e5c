"""统计 page, 图表 tab: the charts draw the service's series, one can be chosen, the report is written."""

from __future__ import annotations

import shutil
import subprocess

from PySide6.QtWidgets import QMessageBox, QToolTip

from app.services.stats_figures import Period
from app.services.stats_series import charts, period_series
from app.ui.main_window import MainWindow
from app.ui.pages.statistics_charts import ChartsTab
from app.ui.tasks import TaskRunner
from helpers_charts import make_book


def test_the_charts_show_the_series_of_the_period(qtbot, sqlite_db, tmp_path, monkeypatch):
    make_book(sqlite_db)
    runner = TaskRunner()
    runner.database = sqlite_db
    window = MainWindow(runner, remember=False)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.database_ready("幸福社区党委", sqlite_db.display_name)
    window.nav.setCurrentRow(7)
    runner.wait_idle()
    page = window.pages[7]
    labels = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    tab = page.tabs.widget(labels.index("图表"))
    assert isinstance(tab, ChartsTab)
    page.year.setCurrentIndex(page.year.findData(2026))
    page.period.setCurrentIndex(page.period.findText("第1季度"))
    page.tabs.setCurrentWidget(tab)
    runner.wait_idle()
    with sqlite_db.reading() as s:
        expected = charts(period_series(s, Period.of(2026, quarter=1)))
    assert [v.spec.title for v in tab.views] == [c.title for c in expected]
    for view, spec in zip(tab.views, expected):
        assert view.values() == {name: [float(v) for v in values] for name, values in spec.sets}, spec.title
        assert view.chart().title() == spec.title and view.toolTip() == spec.how
    drawn = {v.spec.key: v.values() for v in tab.views}
    assert drawn["age"]["人数"] == [1, 1, 0, 5, 0, 1]  # 31 March: 吴中年 still 45; 孙八 here, 钱七 not yet
    assert drawn["dues"] == {"应缴": [40, 40, 40], "实缴": [40, 40, 0]}
    assert drawn["meetings"]["已召开"] == [1, 2, 1, 0, 3] and drawn["meetings"]["应召开"] == [1, 3, 3, 1, 3]
    assert drawn["hours"]["服务时长"] == [2, 0, 3]
    meetings = next(v for v in tab.views if v.spec.key == "meetings")
    bars = meetings.chart().series()[0]
    bars.hovered.emit(True, 0, bars.barSets()[1])  # lying bars: Qt's first is the last type, 主题党日
    assert QToolTip.text() == "主题党日　应召开：3 次"
    assert tab.views[3].value_text("应缴", 0) == "1月　应缴：40.00 元"
    assert "幸福社区党委" in tab.note.text() and "2026年第1季度" in tab.note.text()
    tab.chooser.setCurrentText("三会一课")
    shown = [v for v in tab.views if v.isVisible()]
    assert [v.spec.key for v in shown] == ["meetings"] and "应召开" in tab.how.text()
    tab.chooser.setCurrentIndex(0)
    assert sum(v.isVisible() for v in tab.views) == 6
    page.org.setCurrentIndex(page.org.findData("第一党支部"))
    runner.wait_idle()
    assert "第一党支部" in tab.note.text() and tab.views[0].spec.title == "年龄结构（共8人）"
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]) or QMessageBox.Ok)
    target = tmp_path / "统计报告.pdf"
    tab.export_pdf(str(target))
    runner.wait_idle()
    assert target.exists() and str(target) in told[-1]
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
        assert "第一党支部统计报告" in text and "2026年第1季度" in text
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]) or QMessageBox.Ok)
    tab.export_pdf(str(tmp_path))  # a folder, not a file
    runner.wait_idle()
    assert warned and "是一个文件夹" in warned[0]
