"""三会一课台账 as PDF for filing: A4 landscape, header on every page, then the counts per type and month."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from app.domain.errors import ValidationError
from app.io.atomic import atomic_path
from app.io.meeting_xlsx import HEADERS, summary_headers
from app.io.pdf_fonts import missing_glyphs, register_cjk_font
from app.io.pdf_pages import list_table_style, numbered_canvas
from app.services.meeting_ledger import MeetingLedger

WEIGHTS = (3, 7.5, 7, 12, 17, 5, 5, 3.5, 3.5, 17, 27)


def write_meeting_ledger_pdf(ledger: MeetingLedger, target: Path | str, *, printed_on: date | None = None) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = register_cjk_font()
    lacking = sorted({ch for ln in ledger.lines for t in (ln.org_name, ln.theme, ln.host, ln.recorder, ln.absentees,
                                                         ln.summary) for ch in missing_glyphs(t)})
    if lacking:
        raise ValidationError("字体", "台账中有字体里没有的字，打印会成为空白，请先核对：" + "、".join(lacking[:20]))
    printed_on = printed_on or date.today()
    page_w, _page_h = landscape(A4)
    margin = 10 * mm
    widths = [(page_w - 2 * margin) * w / sum(WEIGHTS) for w in WEIGHTS]
    cell = ParagraphStyle("c", fontName=font, fontSize=7.5, leading=9.5)

    def p(text: str):
        return Paragraph(escape(text or ""), cell)

    data = [list(HEADERS)]
    for n, ln in enumerate(ledger.lines, start=1):
        data.append([str(n), ln.meeting_date.isoformat(), ln.type_name, p(ln.org_name), p(ln.theme), p(ln.host),
                     p(ln.recorder), "" if ln.expected is None else str(ln.expected),
                     "" if ln.present is None else str(ln.present), p(ln.absentees), p(ln.summary)])
    if len(data) == 1:
        data.append(["", "", "本期没有已召开的会议"] + [""] * 8)
    table = LongTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(list_table_style(font, 7.5, padding=1.5) + [
        ("VALIGN", (0, 1), (-1, -1), "TOP"), ("ALIGN", (7, 1), (8, -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]))
    headers = summary_headers(ledger)
    rows = [headers] + [[t] + [str(ledger.counts.get((t, m), 0)) for m in ledger.months] + [str(ledger.type_total(t))]
                        for t in ledger.types]
    rows.append(["合计"] + [str(ledger.month_total(m)) for m in ledger.months] + [str(len(ledger.lines))])
    summary = Table(rows, colWidths=[28 * mm] + [12 * mm] * (len(headers) - 1), hAlign="LEFT", repeatRows=1)
    summary.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 8.5), ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#888888")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEE6D8")), ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#EEE6D8")),
    ]))
    big = ParagraphStyle("t", fontName=font, fontSize=15, leading=19, alignment=1)
    small = ParagraphStyle("s", fontName=font, fontSize=8, leading=11, alignment=2)
    story = [
        Paragraph(escape(ledger.title), big), Spacer(1, 2 * mm),
        Paragraph(f"{ledger.first.isoformat()} 至 {ledger.last.isoformat()}　已召开会议 {len(ledger.lines)} 次　"
                  f"应到按会议当日在册计算，缺席含请假　打印日期：{printed_on.isoformat()}", small),
        Spacer(1, 2 * mm), table, Spacer(1, 5 * mm),
        Paragraph("各类会议召开次数", ParagraphStyle("h", fontName=font, fontSize=10, leading=14)), summary,
        Spacer(1, 8 * mm),
        Paragraph("填报人：____________　　审核人（党组织书记）：____________　　（盖章）　　日期：______年____月____日",
                  ParagraphStyle("g", fontName=font, fontSize=10, leading=14)),
    ]
    with atomic_path(target) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=(page_w, _page_h), leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=14 * mm, title=ledger.title, author="支部台账")
        doc.build(story, canvasmaker=numbered_canvas(font, margin, page_w, ledger.title))
    return Path(target)
