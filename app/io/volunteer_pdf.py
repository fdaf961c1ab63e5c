"""志愿服务证明 as PDF: A4 portrait, the person, the period and hours, each activity, the issuer and the seal.

Content per 民发〔2015〕149号: (1) 姓名、证件类型及号码、志愿者编号; (2) 服务时间（小时）和内容;
(3) 出具单位名称、负责人、经办人、联系方式; (4) 证明编号、出具日期; the issuer's 公章 goes in the box.
The ID number is masked. Issued free of charge from the records kept (志愿服务条例 第十九条).
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from app.domain.errors import ValidationError
from app.io.atomic import atomic_path
from app.io.pdf_fonts import missing_glyphs, register_cjk_font
from app.io.pdf_pages import list_table_style, numbered_canvas
from app.services.volunteer_certificate import Certificate


def _day(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def write_certificate_pdf(cert: Certificate, target: Path | str) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Flowable, KeepTogether, LongTable, Paragraph, SimpleDocTemplate, Spacer, Table
    from reportlab.platypus import TableStyle

    font = register_cjk_font()
    texts = [cert.name, cert.issuer.name, cert.issuer.leader, cert.issuer.handler] + [
        line.title + line.team + line.category for line in cert.lines]
    lacking = sorted({c for t in texts for c in missing_glyphs(t)})
    if lacking:
        raise ValidationError("字体", f"含有字体中没有的字（{''.join(lacking)}），打印会成为空白，请先核对")
    page_w, _ = A4
    margin = 20 * mm
    usable = page_w - 2 * margin
    body = ParagraphStyle("b", fontName=font, fontSize=11.5, leading=20, firstLineIndent=23, wordWrap="CJK")
    small = ParagraphStyle("s", fontName=font, fontSize=9, leading=13, textColor=colors.HexColor("#444444"),
                           wordWrap="CJK")
    right = ParagraphStyle("r", fontName=font, fontSize=11, leading=18, alignment=2)
    who = escape(cert.name) + (f"（{cert.gender}）" if cert.gender else "")
    ident = f"{cert.id_type}：{escape(cert.id_masked)}" if cert.id_masked else f"{cert.id_type}：未登记"
    number = f"，志愿者编号：{escape(cert.volunteer_no)}" if cert.volunteer_no else ""
    p = cert.period
    text = (f"兹证明{who}（{ident}{number}）于 {_day(p.start)} 至 {_day(p.end)} 期间，参加{escape(cert.issuer.name)}"
            f"组织的志愿服务活动 {len(cert.lines)} 次，累计志愿服务时长 {cert.total} 小时"
            "（只计实际服务时间，不含往返交通时间）。具体如下：")
    data = [["序号", "服务日期", "活动名称", "服务类别", "服务队", "时长（小时）"]]
    cell = ParagraphStyle("c", fontName=font, fontSize=9, leading=11, wordWrap="CJK")
    for n, line in enumerate(cert.lines, 1):
        data.append([str(n), line.service_date.isoformat(), Paragraph(escape(line.title), cell), line.category,
                     Paragraph(escape(line.team), cell), f"{line.hours}"])
    data.append(["", "合计", f"{len(cert.lines)} 次", "", "", f"{cert.total}"])
    table = LongTable(data, colWidths=[usable * w for w in (0.07, 0.15, 0.34, 0.12, 0.2, 0.12)], repeatRows=1)
    table.setStyle(TableStyle(list_table_style(font, 9, padding=2, striped_to=-2) + [
        ("ALIGN", (-1, 1), (-1, -1), "RIGHT"), ("ALIGN", (0, 1), (1, -1), "CENTER"),
        ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#EEE6D8")),
    ]))

    class SealBox(Flowable):
        """A dashed circle where the issuer's seal goes."""

        def wrap(self, *_args):
            return 42 * mm, 42 * mm

        def draw(self):
            c = self.canv
            c.setDash(3, 3)
            c.setStrokeColor(colors.HexColor("#B00000"))
            c.circle(21 * mm, 21 * mm, 20 * mm)
            c.setDash()
            c.setFont(font, 9)
            c.setFillColor(colors.HexColor("#B00000"))
            c.drawCentredString(21 * mm, 20 * mm, "（盖章处）")

    issuer = cert.issuer
    sign = [
        Paragraph(f"出具单位：{escape(issuer.name)}", right),
        Paragraph(f"负责人：{escape(issuer.leader) or '____________'}　　经办人：{escape(issuer.handler) or '____________'}",
                  right),
        Paragraph(f"联系电话：{escape(issuer.phone) or '____________'}", right),
        Paragraph(f"出具日期：{_day(cert.issued_on)}", right),
    ]
    signature = Table([[SealBox(), sign]], colWidths=[50 * mm, usable - 50 * mm])
    signature.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    title = "志愿服务证明"
    story = [
        Paragraph(title, ParagraphStyle("t", fontName=font, fontSize=22, leading=30, alignment=1)),
        Spacer(1, 2 * mm),
        Paragraph(f"证明编号：{cert.number or '（预览，未编号）'}", right),
        Spacer(1, 4 * mm), Paragraph(text, body), Spacer(1, 3 * mm), table, Spacer(1, 4 * mm),
        KeepTogether([Paragraph("特此证明。", body), Spacer(1, 6 * mm), signature, Spacer(1, 6 * mm), Paragraph(
            "说明：本证明依据本单位的志愿服务记录如实、免费出具（《志愿服务条例》第十九条；民发〔2015〕149号"
            "“谁记录谁证明”）。身份证件号码已部分隐去。如需核实，请联系出具单位，并告知证明编号。", small)]),
    ]
    footer = f"{title}　{cert.number or '预览'}　{cert.name}"
    with atomic_path(target) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=18 * mm,
                                bottomMargin=16 * mm, title=f"{title} {cert.number or ''}".strip(), author="支部台账")
        doc.build(story, canvasmaker=numbered_canvas(font, margin, page_w, footer))
    return Path(target)
