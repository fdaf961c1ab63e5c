"""图表 tab of the 统计 page: the period's charts with QtCharts, and the 统计报告 PDF with the same charts.

The six charts (services.stats_series.charts) are shown in a grid of three by two, or one
large with its note when chosen above; a chart's tooltip says how it is counted.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCharts import (
    QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QHorizontalBarSeries, QLineSeries, QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QComboBox, QGridLayout, QHBoxLayout, QLabel, QMessageBox, QPushButton, QToolTip, QVBoxLayout, QWidget,
)

from app.ui.pages.meetings_common import save_path

COLOURS = ("#C00000", "#8C8C8C")  # the first set (人数, 应缴, 已召开) in party red, the second in grey
ALL = "全部图表"


def _series(s, sel):
    from app.services.stats_series import charts, period_series

    series = period_series(s, sel.period(), org=sel.org)
    return series.period, series.org_name, charts(series)


def _export(s, sel, path: str):
    from app.io.stats_pdf import write_stats_pdf
    from app.services.stats_figures import figure_lines, period_figures
    from app.services.stats_series import period_series

    from app.domain.errors import BranchBookError
    from app.io.atomic import ExportError

    period = sel.period()
    lines = figure_lines(period_figures(s, period, org=sel.org))
    try:
        return write_stats_pdf(lines, period_series(s, period, org=sel.org), path)
    except ExportError as exc:  # the file could not be written: say why, as the clerk can mend it
        raise BranchBookError(exc.message) from exc


def _value_axis(axis: QValueAxis, top: float, integer: bool) -> None:
    """From 0 to a round number a little above the highest bar; whole steps for counts."""
    if integer and top <= 8:
        high = max(math.ceil(top * 1.15), 2)
        axis.setRange(0, high)
        axis.setTickCount(high + 1)
        axis.setLabelFormat("%d")
        return
    axis.setRange(0, max(top * 1.12, 1.0))
    axis.applyNiceNumbers()
    axis.setLabelFormat("%d" if integer or top >= 50 else "%.1f")


def horizontal(spec) -> bool:
    """Bars lying down where the category names are long (年龄 bands, 学历, meeting types); months stand up."""
    return spec.kind == "bar" and not all(c.endswith("月") for c in spec.categories)


class FitView(QChartView):
    """A chart view that slants its category labels, and hides the values on the bars, when they would not fit."""

    def __init__(self, spec) -> None:
        super().__init__(build_chart(spec))
        self.spec = spec
        self.setRenderHint(QPainter.Antialiasing)
        for series in self.chart().series():
            if isinstance(series, QLineSeries):
                series.hovered.connect(lambda point, state, name=series.name(): self._hover_point(name, point, state))
            else:
                series.hovered.connect(self._hover_bar)

    def values(self) -> dict[str, list[float]]:
        """What the chart draws, by set, in the spec's category order (the tests read it back)."""
        out = {}
        for series in self.chart().series():
            if isinstance(series, QLineSeries):
                out[series.name()] = [p.y() for p in series.points()]
                continue
            for bar_set in series.barSets():
                values = [bar_set.at(i) for i in range(bar_set.count())]
                out[bar_set.label()] = values[::-1] if horizontal(self.spec) else values
        return out

    def value_text(self, set_name: str, index: int) -> str:
        """What the tooltip over one bar or point says: 1月　应缴：1,234.00 元."""
        values = dict(self.spec.sets)[set_name]
        v = values[index]
        shown = f"{v:,.2f}" if self.spec.money else (f"{v:,}" if isinstance(v, int) else f"{v:,.2f}")
        return f"{self.spec.categories[index]}　{set_name}：{shown} {self.spec.unit}"

    def _hover_bar(self, state: bool, index: int, bar_set) -> None:
        if state:
            n = len(self.spec.categories)
            QToolTip.showText(QCursor.pos(), self.value_text(bar_set.label(), n - 1 - index if horizontal(self.spec)
                                                             else index), self)

    def _hover_point(self, name: str, point, state: bool) -> None:
        if state:
            QToolTip.showText(QCursor.pos(), self.value_text(name, round(point.x())), self)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        chart, n = self.chart(), max(len(self.spec.categories), 1)
        axis = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
        metrics = QFontMetrics(axis.labelsFont())
        widest = max((metrics.horizontalAdvance(f"{float(v):g}") for _n, vs in self.spec.sets for v in vs), default=0)
        if horizontal(self.spec):
            per = (self.height() - 110) / n
            fits = per / len(self.spec.sets) >= metrics.height() * 0.9
        else:
            per = (self.width() - 90) / n  # pixels for each category
            need = max((metrics.horizontalAdvance(c) for c in self.spec.categories), default=0) + 8
            axis.setLabelsAngle(0 if need <= per else -90)
            fits = widest + 4 <= per / (1 if self.spec.kind == "line" else len(self.spec.sets) + 0.5)
        for series in chart.series():
            if isinstance(series, QLineSeries):
                series.setPointLabelsVisible(fits)
            else:
                series.setLabelsVisible(fits)


def build_chart(spec) -> QChart:
    """One QChart from a stats_series.Chart: one bar (or line) series per set, a value axis from 0."""
    chart = QChart()
    chart.setTitle(spec.title)
    title_font = QFont(chart.titleFont())
    title_font.setPointSizeF(10.5)
    title_font.setBold(True)
    chart.setTitleFont(title_font)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setAnimationOptions(QChart.NoAnimation)
    lying = horizontal(spec)
    order = (lambda xs: list(xs)[::-1]) if lying else list  # lying bars: the first category on top
    categories = QBarCategoryAxis()
    categories.append(order(spec.categories))
    categories.setTitleText(spec.axis if spec.categories else "")  # an empty axis would draw its title astray
    values = QValueAxis()
    _value_axis(values, max([float(v) for _n, vs in spec.sets for v in vs] + [0]), spec.unit in ("人", "次"))
    values.setTitleText(spec.unit)
    small = QFont(categories.labelsFont())
    small.setPointSizeF(8)
    for axis in (categories, values):
        axis.setLabelsFont(small)
        axis.setTitleFont(small)
    chart.addAxis(categories, Qt.AlignLeft if lying else Qt.AlignBottom)
    chart.addAxis(values, Qt.AlignBottom if lying else Qt.AlignLeft)
    if spec.kind == "line":
        for i, (name, vs) in enumerate(spec.sets):
            line = QLineSeries()
            line.setName(name)
            for k, v in enumerate(vs):
                line.append(QPointF(k, float(v)))
            line.setColor(QColor(COLOURS[i % 2]))
            line.setPointsVisible(True)
            line.setPointLabelsVisible(True)
            line.setPointLabelsFormat("@yPoint")
            line.setPointLabelsFont(small)
            chart.addSeries(line)
            line.attachAxis(categories)
            line.attachAxis(values)
    else:
        bars = QHorizontalBarSeries() if lying else QBarSeries()
        for i, (name, vs) in enumerate(spec.sets):
            bar_set = QBarSet(name)
            bar_set.append([float(v) for v in order(vs)])
            bar_set.setColor(QColor(COLOURS[i % 2]))
            bar_set.setBorderColor(QColor(COLOURS[i % 2]))
            bar_set.setLabelColor(QColor("#333333"))
            bar_set.setLabelFont(small)
            bars.append(bar_set)
        bars.setLabelsVisible(True)  # the values on the bars (FitView hides them when they do not fit)
        bars.setLabelsPosition(QBarSeries.LabelsOutsideEnd)
        bars.setLabelsPrecision(8)
        chart.addSeries(bars)
        bars.attachAxis(categories)
        bars.attachAxis(values)
    chart.legend().setVisible(len(spec.sets) > 1)
    chart.legend().setAlignment(Qt.AlignTop)
    chart.legend().setFont(small)
    return chart


class ChartsTab(QWidget):
    """图表: age, education and 党龄 structure; dues, meetings and volunteer hours of the period."""

    def __init__(self, page) -> None:
        super().__init__()
        self.page, self.runner = page, page.runner
        self.specs: list = []
        self.views: list[QChartView] = []
        self.selection = None
        self._label = ("", "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        bar = QHBoxLayout()
        self.chooser = QComboBox()
        self.chooser.addItem(ALL)
        self.chooser.currentIndexChanged.connect(lambda _i: self._arrange())
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.export_button = QPushButton("导出统计报告 PDF…")
        self.export_button.clicked.connect(lambda: self.export_pdf())
        bar.addWidget(QLabel("显示"))
        bar.addWidget(self.chooser)
        bar.addWidget(self.note, 1)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(6)
        layout.addWidget(self.grid_host, 1)
        self.how = QLabel("")
        self.how.setWordWrap(True)
        self.how.setObjectName("hint")
        layout.addWidget(self.how)

    def show_selection(self, sel) -> None:
        self.selection = sel
        self.runner.submit(_series, sel, on_done=self._show)

    def _show(self, data) -> None:
        period, org_name, specs = data
        self._label = (org_name, period.label)
        self.note.setText(f"{org_name}　{period.label}（{period.start} 至 {period.end}）　"
                          "鼠标停在图上可看统计口径，停在柱上可看数值。")
        chosen = self.chooser.currentText()
        self.chooser.blockSignals(True)
        self.chooser.clear()
        self.chooser.addItems([ALL] + [re.split("[（：]", s.title)[0] for s in specs])
        self.chooser.setCurrentIndex(max(self.chooser.findText(chosen), 0))
        self.chooser.blockSignals(False)
        for view in self.views:
            self.grid.removeWidget(view)
            view.deleteLater()
        self.specs, self.views = specs, []
        for spec in specs:
            view = FitView(spec)
            view.setToolTip(spec.how)
            view.setMinimumSize(240, 200)
            self.views.append(view)
        self._arrange()

    def _arrange(self) -> None:
        index = self.chooser.currentIndex() - 1  # -1: every chart
        for view in self.views:
            self.grid.removeWidget(view)
            view.hide()
        if 0 <= index < len(self.views):
            self.grid.addWidget(self.views[index], 0, 0)
            self.views[index].show()
            self.how.setText("说明：" + self.specs[index].how)
            return
        for n, view in enumerate(self.views):
            self.grid.addWidget(view, n // 3, n % 3)
            view.show()
        self.how.setText("")

    def export_pdf(self, path: str | None = None) -> None:
        if self.selection is None:
            QMessageBox.information(self, "导出统计报告", "请先选择年度。")
            return
        org_name, label = self._label
        path = path or save_path(self, "导出统计报告", f"{org_name}{label}统计报告.pdf", "pdf")
        if path:
            self.runner.submit(_export, self.selection, path, progress_title="正在生成统计报告…",
                               on_done=lambda out: QMessageBox.information(self, "已导出", f"已保存到：\n{out}"),
                               on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        from app.domain.errors import BranchBookError
        from app.ui.tasks import show_error

        if isinstance(exc, BranchBookError):
            QMessageBox.warning(self, "导出统计报告", str(exc))
        else:
            show_error(self, exc)
