"""发展党员全程纪实表 (PDF): one person's every step, date, person and document, with the article each check used."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.domain import idnumber
from app.domain.errors import ValidationError
from app.io.atomic import atomic_path
from app.io.pdf_fonts import missing_glyphs, register_cjk_font
from app.io.pdf_pages import list_table_style, numbered_canvas
from app.services.development_timeline import CaseFile


def _d(day: date | None) -> str:
    return day.isoformat() if day else ""


def write_case_pdf(case: CaseFile, target: Path | str, *, org_name: str, printed_on: date | None = None,
                   full_id: bool = False) -> Path:
    """A4 portrait: heads, the five stages' steps, people, documents, the findings, signature lines."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = register_cjk_font()
    v = case.values
    lacking = missing_glyphs(case.view.name + "".join(str(x) for x in v.values() if isinstance(x, str)))
    if lacking:
        raise ValidationError("字体", f"{case.view.name}的档案中有字体中没有的字（{''.join(lacking)}），打印会成为空白，请先核对")
    printed_on = printed_on or date.today()
    page_w, _h = A4
    margin = 14 * mm
    width = page_w - 2 * margin
    body = ParagraphStyle("b", fontName=font, fontSize=8.5, leading=11)
    small = ParagraphStyle("s", fontName=font, fontSize=8, leading=10)

    def p(text: str, style=body) -> Paragraph:
        return Paragraph(str(text).replace("&", "&amp;").replace("<", "&lt;"), style)

    number = v.get("id_number") or ""
    heads = [
        ["姓名", case.view.name, "性别", v.get("gender") or "", "民族", v.get("ethnicity") or "", "出生日期", _d(v.get("birth_date"))],
        ["公民身份号码", number if full_id else idnumber.mask(number), "学历", v.get("education") or "", "所在党支部",
         case.view.org_name, "当前阶段", case.view.stage],
        ["工作单位及职务", p("".join(x for x in (v.get("work_unit"), v.get("job_post")) if x), small), "", "", "联系电话",
         (v.get("phone") or "") if full_id else idnumber.mask_phone(v.get("phone")), "", ""],
    ]
    head_table = Table(heads, colWidths=[width * w for w in (0.12, 0.2, 0.07, 0.09, 0.1, 0.18, 0.1, 0.14)])
    head_table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 8.5), ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#888888")),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F2E6E6")), ("BACKGROUND", (2, 0), (2, 1), colors.HexColor("#F2E6E6")),
        ("BACKGROUND", (4, 0), (4, -1), colors.HexColor("#F2E6E6")), ("BACKGROUND", (6, 0), (6, 1), colors.HexColor("#F2E6E6")),
        ("SPAN", (1, 2), (3, 2)), ("SPAN", (5, 2), (7, 2)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    rows = [["阶段", "环节", "日期", "情况（人员、结论、表决）", "依据"]]
    stage_spans, current, start = [], None, 1
    for i, s in enumerate(case.steps, start=1):
        if s.stage != current:
            if current is not None:
                stage_spans.append((start, i - 1))
            current, start = s.stage, i
        rows.append([p(s.stage, small) if i == start else "", p(s.step), _d(s.day), p(s.detail, small),
                     p(s.article, small)])
    stage_spans.append((start, len(case.steps)))
    steps = Table(rows, colWidths=[width * w for w in (0.15, 0.19, 0.12, 0.38, 0.16)], repeatRows=1)
    style = list_table_style(font, 8.5, padding=2) + [("VALIGN", (0, 1), (0, -1), "TOP")]
    style += [("SPAN", (0, a), (0, b)) for a, b in stage_spans if b > a]
    steps.setStyle(TableStyle(style))
    docs = [["材料", "期别", "收到日期", "摘要"]] + [[d.kind, d.period, _d(d.received_on), p(d.summary, small)]
                                                  for d in case.documents]
    doc_table = Table(docs, colWidths=[width * w for w in (0.2, 0.15, 0.15, 0.5)], repeatRows=1)
    doc_table.setStyle(TableStyle(list_table_style(font, 8.5, padding=2)))
    v_ = case.view
    verdict = [p(f"检查日期：{printed_on.isoformat()}　下一步：{v_.next_step or '（已完成或已终止）'}"
                 + (f"　最早 {_d(v_.earliest)}" if v_.earliest else "") + (f"　截止 {_d(v_.deadline)}" if v_.deadline else "")
                 + ("（工作日按节假日表暂算）" if v_.provisional else ""))]
    for article, message in v_.warnings or ():
        verdict.append(p(f"· {message}（{article or '本地做法'}）"))
    if not v_.warnings:
        verdict.append(p("· 按规则检查，未发现问题。"))
    title = f"{org_name}发展党员全程纪实表"
    story = [
        Paragraph(title, ParagraphStyle("t", fontName=font, fontSize=15, leading=20, alignment=1)),
        Spacer(1, 2 * mm), p(f"依据：{case.rules}", ParagraphStyle("r", fontName=font, fontSize=8, leading=10, alignment=2)),
        Spacer(1, 2 * mm), head_table, Spacer(1, 4 * mm), steps, Spacer(1, 4 * mm),
        p("材料收存情况", ParagraphStyle("h", fontName=font, fontSize=10, leading=13)), Spacer(1, 1 * mm), doc_table,
        Spacer(1, 4 * mm), p("规则检查", ParagraphStyle("h2", fontName=font, fontSize=10, leading=13)), *verdict,
        Spacer(1, 10 * mm),
        p("党支部书记（签字）：____________　　经办人：____________　　（党支部盖章）　　____年____月____日"),
    ]
    with atomic_path(target) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                                bottomMargin=16 * mm, title=f"{case.view.name} {title}", author="支部台账")
        doc.build(story, canvasmaker=numbered_canvas(font, margin, page_w, f"{case.view.name} · {title}"))
    return Path(target)
