"""党费收缴台账 as PDF for printing and filing: A4 landscape, header on every page, totals, signatures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.domain.errors import ValidationError
from app.io.atomic import atomic_path
from app.io.dues_xlsx import HEADERS, SUMMARY_HEADERS, rate_text
from app.io.pdf_fonts import missing_glyphs, register_cjk_font
from app.io.pdf_pages import list_table_style, numbered_canvas
from app.services.dues_ledger import Ledger

FONT_SIZE = 7
WEIGHTS = [3, 6, 10, 5, 7, 4.5, 5.5] + [5] * 12 + [6.5, 6.5, 6, 12]


def _m(value) -> str:
    return "—" if value is None else f"{value:,.2f}"


def write_dues_pdf(ledger: Ledger, target: Path | str, *, quarter: int | None = None,
                   printed_on: date | None = None) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = register_cjk_font()
    lacking = [f"{r.name}（{''.join(missing_glyphs(r.name + r.notes))}）" for r in ledger.rows
               if missing_glyphs(r.name + r.notes)]
    if lacking:
        raise ValidationError("字体", "以下人员的姓名或备注含有字体中没有的字，打印会成为空白，请先核对：" + "、".join(lacking[:20]))
    printed_on = printed_on or date.today()
    page_w, page_h = landscape(A4)
    margin = 10 * mm
    widths = [(page_w - 2 * margin) * w / sum(WEIGHTS) for w in WEIGHTS]
    data = [list(HEADERS)]
    for n, r in enumerate(ledger.rows, start=1):
        data.append([str(n), r.name, r.org_name, r.category, _m(r.base), rate_text(r.rate), _m(r.monthly)]
                    + [_m(v) for v in r.months] + [_m(r.annual_due), _m(r.annual_paid), _m(r.owed), r.notes])
    data.append(["", "合计", "", "", "", "", ""] + [_m(v) for v in ledger.month_totals]
                + [_m(ledger.total("annual_due")), _m(ledger.total("annual_paid")), _m(ledger.total("owed")), ""])
    table = LongTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(list_table_style(font, FONT_SIZE, padding=1.2, striped_to=-2) + [
        ("ALIGN", (4, 1), (-2, -1), "RIGHT"),
        ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#EEE6D8")),  # the totals row
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]))
    quarters = [q for q in ledger.quarters if quarter is None or q.quarter == quarter]
    summary = Table([list(SUMMARY_HEADERS)] + [
        [f"第{q.quarter}季度", _m(q.due), _m(q.received), _m(q.back_pay), _m(q.advance), _m(q.large), str(q.in_arrears)]
        for q in quarters], hAlign="LEFT")
    summary.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 9), ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#888888")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEE6D8")), ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
    ]))
    title = f"{ledger.org_name}{ledger.year}年党费收缴台账"
    story = [
        Paragraph(title, ParagraphStyle("t", fontName=font, fontSize=15, leading=19, alignment=1)),
        Spacer(1, 2 * mm),
        Paragraph(f"统计至 {ledger.as_of.isoformat()}　共 {len(ledger.rows)} 人　单位：元　打印日期：{printed_on.isoformat()}",
                  ParagraphStyle("s", fontName=font, fontSize=8, leading=11, alignment=2)),
        Spacer(1, 2 * mm), table, Spacer(1, 5 * mm), summary, Spacer(1, 8 * mm),
        Paragraph("收缴人：____________　　审核人（党组织书记）：____________　　（盖章）　　日期：______年____月____日",
                  ParagraphStyle("g", fontName=font, fontSize=10, leading=14)),
    ]
    with atomic_path(target) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=(page_w, page_h), leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=14 * mm, title=title, author="支部台账")
        doc.build(story, canvasmaker=numbered_canvas(font, margin, page_w, title))
    return Path(target)
