"""统计报告 as PDF: A4 portrait, the figures of a period with how each is counted, then the charts.

The charts are drawn with reportlab.graphics from the same series the window shows
(services.stats_series.charts), so the two never disagree. Only counts and sums are
printed: no names, no ID numbers.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from app.domain.errors import ValidationError
from app.io.atomic import atomic_path
from app.io.pdf_fonts import missing_glyphs, register_cjk_font
from app.io.pdf_pages import list_table_style, numbered_canvas
from app.services.stats_figures import FigureLine
from app.services.stats_series import Chart, Series, charts

COLOURS = ("#C00000", "#7F7F7F")  # first set (应缴, 已召开, 人数) in party red, the second in grey
CHART_HEIGHT = 62  # mm, plot and labels


def _nice_step(top: float, integer: bool) -> float:
    """A step giving about five grid lines up to ``top``."""
    raw = max(top, 1) / 5
    magnitude = 10 ** (len(str(int(raw))) - 1) if raw >= 1 else 1
    for k in (1, 2, 2.5, 5, 10):
        step = k * magnitude
        if step >= raw:
            break
    return max(1, round(step)) if integer else step


def _value_text(value, money: bool) -> str:
    """Money with two decimals; hours without trailing zeros (12.5, 3); counts as they are."""
    if money:
        return f"{value:,.2f}"
    if isinstance(value, Decimal):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


def chart_drawing(chart: Chart, width: float, font: str):
    """One chart as a reportlab Drawing ``width`` wide: title, unit, bars (or a line) with their values, legend."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.charts.linecharts import HorizontalLineChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.graphics.widgets.markers import makeMarker
    from reportlab.lib import colors
    from reportlab.lib.units import mm

    height = CHART_HEIGHT * mm
    d = Drawing(width, height)
    d.add(String(width / 2, height - 12, chart.title, fontName=font, fontSize=10.5, textAnchor="middle"))
    data = [[float(v) for v in values] for _name, values in chart.sets]
    top = max([v for row in data for v in row] + [0])
    integer = chart.unit in ("人", "次")
    step = _nice_step(top, integer)
    longest = max((len(c) for c in chart.categories), default=0)
    many = longest * 7.5 > (width - 60) / max(len(chart.categories), 1) - 6  # labels would touch: slant them
    plot = HorizontalLineChart() if chart.kind == "line" else VerticalBarChart()
    plot.x, plot.y = 46, 40 if many else 28
    plot.width, plot.height = width - 60, height - plot.y - 34
    plot.data = data
    plot.categoryAxis.categoryNames = list(chart.categories)
    labels = plot.categoryAxis.labels
    labels.fontName, labels.fontSize = font, 7.5
    if many:
        labels.angle, labels.boxAnchor, labels.dy = 25, "ne", -2
    plot.valueAxis.valueMin = 0
    plot.valueAxis.valueStep = step
    plot.valueAxis.valueMax = step * (int(top * 1.08 // step) + 1)  # room above the highest bar for its value
    plot.valueAxis.labels.fontName, plot.valueAxis.labels.fontSize = font, 7
    plot.valueAxis.labelTextFormat = (lambda v: f"{v:,.0f}") if step >= 1 else (lambda v: f"{v:g}")
    plot.valueAxis.visibleGrid = True
    plot.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    labelled = len(chart.categories) * len(data) <= (24 if not chart.money else 6)  # values on the bars if they fit
    shown = [[_value_text(v, chart.money) if labelled else "" for v in values] for _name, values in chart.sets]
    if chart.kind == "line":
        plot.lines[0].strokeColor = colors.HexColor(COLOURS[0])
        plot.lines[0].strokeWidth = 1.5
        plot.lines[0].symbol = makeMarker("FilledCircle", size=4, fillColor=colors.HexColor(COLOURS[0]))
        plot.lineLabelArray = shown
        plot.lineLabelFormat = "values"
        plot.lineLabels.fontName, plot.lineLabels.fontSize, plot.lineLabels.dy = font, 6.5, 6
    else:
        plot.groupSpacing = 6 if len(data) > 1 else 10
        plot.barSpacing = 1
        for i in range(len(data)):
            plot.bars[i].fillColor = colors.HexColor(COLOURS[i % 2])
            plot.bars[i].strokeColor = None
        plot.barLabelArray = shown
        plot.barLabelFormat = "values"
        plot.barLabels.fontName, plot.barLabels.fontSize = font, 6 if chart.money or len(data) > 1 else 7
        plot.barLabels.nudge = 6
    d.add(plot)
    d.add(String(4, plot.y + plot.height + 6, f"单位：{chart.unit}", fontName=font, fontSize=7.5))
    d.add(String(plot.x + plot.width, 3, f"（{chart.axis}）", fontName=font, fontSize=7.5, textAnchor="end"))
    if len(chart.sets) > 1:
        legend = Legend()
        legend.fontName, legend.fontSize = font, 8
        legend.alignment, legend.columnMaximum, legend.dx, legend.dy = "right", 1, 8, 8
        legend.x, legend.y = width - 8 - 50 * len(chart.sets), height - 20
        legend.colorNamePairs = [(colors.HexColor(COLOURS[i % 2]), name) for i, (name, _v) in enumerate(chart.sets)]
        d.add(legend)
    return d


def write_stats_pdf(lines: list[FigureLine], series: Series, target: Path | str, *,
                    printed_on: date | None = None) -> Path:
    """The report: title (organisation, period), every figure with how it is counted, the six charts."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, LongTable, Paragraph, SimpleDocTemplate, Spacer
    from reportlab.platypus import TableStyle

    font = register_cjk_font()
    lacking = missing_glyphs(series.org_name)
    if lacking:
        raise ValidationError("字体", f"党组织名称含有字体中没有的字（{''.join(lacking)}），打印会成为空白，请先核对")
    printed_on = printed_on or date.today()
    page_w, _h = A4
    margin = 18 * mm
    usable = page_w - 2 * margin
    p = series.period
    title = f"{series.org_name}统计报告"
    heading = ParagraphStyle("h", fontName=font, fontSize=12.5, leading=18, spaceBefore=6, spaceAfter=4)
    small = ParagraphStyle("s", fontName=font, fontSize=8, leading=11, textColor=colors.HexColor("#444444"),
                           wordWrap="CJK")
    cell = ParagraphStyle("c", fontName=font, fontSize=8, leading=10.5, wordWrap="CJK")
    data = [["分组", "项目", "数值", "怎么算"]]
    previous = None
    for line in lines:
        same = previous is not None and (previous.group, previous.how) == (line.group, line.how)
        data.append([line.group if previous is None or previous.group != line.group else "",
                     Paragraph(escape(line.label), cell), line.value, Paragraph("同上" if same else escape(line.how), cell)])
        previous = line
    table = LongTable(data, colWidths=[usable * w for w in (0.1, 0.24, 0.13, 0.53)], repeatRows=1)
    table.setStyle(TableStyle(list_table_style(font, 8.5, padding=2) + [("ALIGN", (2, 1), (2, -1), "RIGHT")]))
    story = [
        Paragraph(escape(title), ParagraphStyle("t", fontName=font, fontSize=18, leading=26, alignment=1)),
        Paragraph(f"{p.label}（{p.start.isoformat()} 至 {p.end.isoformat()}）",
                  ParagraphStyle("p", fontName=font, fontSize=11.5, leading=17, alignment=1)),
        Paragraph(f"人数按期末在册计算，变动按期内日期计算，党费按所属月份计算。打印日期：{printed_on.isoformat()}",
                  ParagraphStyle("n", parent=small, alignment=1)),
        Spacer(1, 4 * mm),
        Paragraph("一、主要数字", heading), table, Spacer(1, 4 * mm),
    ]
    for n, chart in enumerate(charts(series)):
        story.append(KeepTogether(([Paragraph("二、图表", heading)] if n == 0 else []) + [
            chart_drawing(chart, usable, font), Paragraph("说明：" + escape(chart.how), small), Spacer(1, 5 * mm)]))
    footer = f"{title}　{p.label}"
    with atomic_path(target) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=16 * mm,
                                bottomMargin=16 * mm, title=f"{title} {p.label}", author="支部台账")
        doc.build(story, canvasmaker=numbered_canvas(font, margin, page_w, footer))
    return Path(target)
