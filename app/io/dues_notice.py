"""The yearly 党费收缴公示 (for the notice board) and 党费收据 (one receipt per payment), as PDF.

The notice shows what members paid, never their pay: no 计算基数, no ID numbers
(中组发〔2008〕3号 asks branches to make collection public; the base is private).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.domain.dues import rmb_upper
from app.domain.errors import ValidationError
from app.io.atomic import atomic_path
from app.io.pdf_fonts import missing_glyphs, register_cjk_font
from app.io.pdf_pages import list_table_style, numbered_canvas
from app.services.dues_collect import Receipt
from app.services.dues_ledger import Ledger


def _check_font(texts: list[str]) -> None:
    lacking = sorted({c for t in texts for c in missing_glyphs(t)})
    if lacking:
        raise ValidationError("字体", f"含有字体中没有的字（{''.join(lacking)}），打印会成为空白，请先核对")


def write_dues_notice(ledger: Ledger, target: Path | str, *, printed_on: date | None = None) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    font = register_cjk_font()
    _check_font([r.name + r.org_name for r in ledger.rows])
    printed_on = printed_on or date.today()
    page_w, _ = A4
    margin = 15 * mm
    data = [["序号", "姓名", "所在支部", "月交纳标准", "全年应缴", "已交纳", "未交纳"]]
    for n, r in enumerate(ledger.rows, 1):
        data.append([str(n), r.name, r.org_name, f"{r.monthly:,.2f}", f"{r.annual_due:,.2f}", f"{r.annual_paid:,.2f}",
                     f"{r.owed:,.2f}" if r.owed else ""])
    data.append(["", "合计", "", "", f"{ledger.total('annual_due'):,.2f}", f"{ledger.total('annual_paid'):,.2f}",
                 f"{ledger.total('owed'):,.2f}"])
    usable = page_w - 2 * margin
    table = LongTable(data, colWidths=[usable * w for w in (0.07, 0.12, 0.27, 0.13, 0.14, 0.14, 0.13)], repeatRows=1)
    table.setStyle(TableStyle(list_table_style(font, 9, striped_to=-2) + [
        ("ALIGN", (3, 1), (-1, -1), "RIGHT"), ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#EEE6D8")),
    ]))
    title = f"{ledger.org_name}{ledger.year}年党费收缴情况公示"
    body = ParagraphStyle("b", fontName=font, fontSize=10, leading=15)
    story = [
        Paragraph(title, ParagraphStyle("t", fontName=font, fontSize=16, leading=22, alignment=1)),
        Spacer(1, 3 * mm),
        Paragraph(f"根据《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号），现将{ledger.year}年党费收缴情况"
                  f"（统计至 {ledger.as_of.isoformat()}）公示如下。公示期为____年__月__日至____年__月__日，"
                  "如有疑问，请与支部联系。", body),
        Spacer(1, 3 * mm), table, Spacer(1, 8 * mm),
        Paragraph(f"{ledger.org_name}（盖章）　　{printed_on.year}年{printed_on.month}月{printed_on.day}日",
                  ParagraphStyle("r", fontName=font, fontSize=10, leading=15, alignment=2)),
    ]
    with atomic_path(target) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                                bottomMargin=15 * mm, title=title, author="支部台账")
        doc.build(story, canvasmaker=numbered_canvas(font, margin, page_w, title))
    return Path(target)


def write_receipts(receipts: list[Receipt], target: Path | str, *, collector: str = "") -> Path:
    """党费收据, two to an A4 page (cut along the dashed line), amount in figures and in capitals."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    if not receipts:
        raise ValidationError("收据", "没有可打印的交纳记录")
    font = register_cjk_font()
    _check_font([r.name + r.org_name + r.payer_name + collector for r in receipts])
    page_w, page_h = A4
    with atomic_path(target) as tmp:
        c = canvas.Canvas(str(tmp), pagesize=A4)
        c.setTitle("党费收据")
        c.setAuthor("支部台账")
        for i, r in enumerate(receipts):
            top = page_h - 20 * mm if i % 2 == 0 else page_h / 2 - 10 * mm
            c.setFont(font, 16)
            c.drawCentredString(page_w / 2, top, "党 费 收 据")
            c.setFont(font, 10)
            c.drawRightString(page_w - 25 * mm, top - 8 * mm, f"No. {r.receipt_no or '（未编号）'}")
            lines = [
                ("交纳单位", r.org_name), ("党员姓名", r.name + (("（" + r.payer_name + ("" if "代交" in r.payer_name else "代交") + "）")
                                     if r.payer_name else "")),
                ("所属期间", f"{r.period}　交纳方式：{r.method}"), ("金额（小写）", f"¥{r.amount:,.2f}"),
                ("金额（大写）", f"人民币{rmb_upper(r.amount)}"), ("交纳日期", r.paid_on.isoformat()),
            ]
            y = top - 18 * mm
            for label, value in lines:
                c.drawString(30 * mm, y, f"{label}：")
                c.drawString(58 * mm, y, value)
                c.line(56 * mm, y - 1.5 * mm, page_w - 30 * mm, y - 1.5 * mm)
                y -= 10 * mm
            c.drawString(30 * mm, y - 4 * mm, f"收款人：{collector or '____________'}　　（党组织盖章）")
            if i % 2 == 0:
                c.setDash(3, 3)
                c.line(15 * mm, page_h / 2, page_w - 15 * mm, page_h / 2)
                c.setDash()
            if i % 2 == 1 or i == len(receipts) - 1:
                c.showPage()
        c.save()
    return Path(target)
