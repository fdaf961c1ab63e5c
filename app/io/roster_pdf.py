"""党员花名册 as PDF for printing: A4 landscape, embedded font, repeated header, 第N页/共M页."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

from app.domain.errors import ValidationError
from app.io.atomic import atomic_path
from app.io.pdf_fonts import missing_glyphs, register_cjk_font
from app.io.pdf_pages import list_table_style, numbered_canvas
from app.io.roster_columns import PDF_DEFAULT, Column, pick
from app.services.roster import Roster

FONT_SIZE = 8.0


def _text(col: Column, value) -> str:
    if value is None:
        return ""
    return str(value)


def _wrap(text: str, width_pt: float, font: str) -> str:
    """Break ``text`` so that each line fits the column (measured with the font's metrics)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    room = width_pt - 4
    if len(text) * FONT_SIZE * 0.5 <= room or stringWidth(text, font, FONT_SIZE) <= room:
        return text
    lines, line, used = [], "", 0.0
    for ch in text:
        w = stringWidth(ch, font, FONT_SIZE)
        if line and used + w > room:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += w
    lines.append(line)
    return "\n".join(lines)


def check_glyphs(roster: Roster, cols: list[Column], full_id: bool) -> None:
    """Refuse to print blanks: name the people whose text the font cannot draw."""
    problems = []
    for entry in roster.entries:
        text = "".join(_text(c, c.get(entry, full_id)) for c in cols)
        missing = missing_glyphs(text)
        if missing:
            problems.append(f"{entry.name}（{''.join(missing)}）")
    if problems:
        raise ValidationError(
            "字体", "以下人员的信息含有字体中没有的生僻字，打印会成为空白，请先核对："
            + "、".join(problems[:20]) + ("等" if len(problems) > 20 else "")
        )


def write_roster_pdf(
    roster: Roster, target: Path | str, *, columns: list[str] | None = None, full_id: bool = False,
    printed_on: date | None = None, progress: Callable[[int, str], None] | None = None,
) -> Path:
    """Write the printable roster; ID numbers are masked unless ``full_id``."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    font = register_cjk_font()
    cols = pick(list(columns) if columns else list(PDF_DEFAULT))
    check_glyphs(roster, cols, full_id)
    printed_on = printed_on or date.today()
    page_w, page_h = landscape(A4)
    margin = 12 * mm
    usable = page_w - 2 * margin
    weights = [4.0] + [c.width for c in cols]
    widths = [usable * w / sum(weights) for w in weights]

    data = [[_wrap(h, w, font) for h, w in zip(["序号"] + [c.header for c in cols], widths)]]
    total = len(roster.entries) or 1
    for n, entry in enumerate(roster.entries, start=1):
        row = [str(n)]
        for col, w in zip(cols, widths[1:]):
            row.append(_wrap(_text(col, col.get(entry, full_id)), w, font))
        data.append(row)
        if progress and n % 2000 == 0:
            progress(int(n * 50 / total), f"已排版 {n} 行")

    table = LongTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(list_table_style(font, FONT_SIZE)))
    title_style = ParagraphStyle("t", fontName=font, fontSize=16, leading=20, alignment=1)
    sub_style = ParagraphStyle("s", fontName=font, fontSize=9, leading=12, alignment=2)
    sign_style = ParagraphStyle("g", fontName=font, fontSize=10, leading=14)
    id_note = "身份证号完整显示" if full_id else "身份证号已部分遮蔽"
    story = [
        Paragraph(f"{roster.org_name}党员花名册", title_style),
        Spacer(1, 3 * mm),
        Paragraph(f"截至 {roster.as_of.isoformat()}　共 {len(roster.entries)} 人　{id_note}　打印日期：{printed_on.isoformat()}",
                  sub_style),
        Spacer(1, 2 * mm),
        table,
        Spacer(1, 8 * mm),
        Paragraph("制表人：____________　　审核人（党组织书记）：____________　　（盖章）　　日期：______年____月____日",
                  sign_style),
    ]
    footer = f"{roster.org_name}党员花名册"

    NumberedCanvas = numbered_canvas(font, margin, page_w, footer)

    with atomic_path(target) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=(page_w, page_h), leftMargin=margin, rightMargin=margin,
                                topMargin=margin, bottomMargin=14 * mm, title=f"{roster.org_name}党员花名册",
                                author="支部台账")
        doc.build(story, canvasmaker=NumberedCanvas)
    if progress:
        progress(100, "完成")
    return Path(target)
