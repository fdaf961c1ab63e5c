"""Printed meeting papers: the 签到表 for a planned meeting and the 会议记录 of a held one (A4 portrait)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from app.domain.errors import ValidationError
from app.domain.meeting_record import meeting_title
from app.io.atomic import atomic_path
from app.io.pdf_fonts import missing_glyphs, register_cjk_font
from app.io.pdf_pages import list_table_style, numbered_canvas
from app.services.views.meetings import MeetingDetail

GUEST_ROWS = 4


def when_text(d: MeetingDetail) -> str:
    day = d.row.meeting_date
    text = f"{day.year}年{day.month}月{day.day}日"
    if d.start_time:
        text += f" {d.start_time:%H:%M}" + (f"—{d.end_time:%H:%M}" if d.end_time else "")
    return text


def _check_font(d: MeetingDetail) -> None:
    texts = [d.row.org_name, d.place, d.row.host, d.recorder, d.lecturer, d.lecturer_post, d.title, d.theme,
             d.minutes, d.decisions] + [p.name + p.reason for p in d.people] + [v.subject for v in d.votes]
    lacking = sorted({ch for t in texts for ch in missing_glyphs(t)})
    if lacking:
        raise ValidationError("字体", "记录中有字体里没有的字，打印会成为空白，请先核对：" + "、".join(lacking[:20]))


def _styles(font: str):
    from reportlab.lib.styles import ParagraphStyle

    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=17, leading=22, alignment=1),
        "sub": ParagraphStyle("sub", fontName=font, fontSize=10, leading=14, alignment=1),
        "head": ParagraphStyle("head", fontName=font, fontSize=11.5, leading=16, spaceBefore=8, spaceAfter=3),
        "body": ParagraphStyle("body", fontName=font, fontSize=10.5, leading=16, firstLineIndent=21),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=10, leading=13),
        "small": ParagraphStyle("small", fontName=font, fontSize=9, leading=12),
    }


def _p(text: str, style):
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _heads(d: MeetingDetail, st, width: float, *, record: bool) -> object:
    """The label/value grid at the top of both papers."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    c = st["cell"]
    rows = [["会议类型", _p(d.row.type_name, c), "召开组织", _p(d.row.org_name, c)],
            ["时　　间", _p(when_text(d), c), "地　　点", _p(d.place, c)],
            ["主 持 人", _p(d.row.host, c), "记 录 人", _p(d.recorder, c)]]
    if d.row.type_name == "党课" or d.lecturer:
        rows.append(["主 讲 人", _p(d.lecturer, c), "主讲人职务", _p(d.lecturer_post, c)])
        rows.append(["党课题目", _p(d.title, c), "", ""])
    if d.theme and d.theme not in (d.row.type_name, d.title) or d.row.type_name != "党课":
        rows.append(["会议主题", _p(d.theme, c), "", ""])
    if record and d.summary is not None:
        rows.append(["出席情况", _p(d.summary.text, c), "", ""])
        guests = [p.name + (f"（{p.reason}）" if p.reason else "") for p in d.people if p.state == "列席"]
        if guests:
            rows.append(["列席人员", _p("、".join(guests), c), "", ""])
        away = [f"{p.name}（{p.state}{'：' + p.reason if p.reason else ''}）" for p in d.people
                if p.expected and p.state in ("请假", "缺席")]
        rows.append(["请假、缺席\n人员及原因", _p("；".join(away) or "无", c), "", ""])
    label = width * 0.14
    table = Table(rows, colWidths=[label, width / 2 - label, label, width / 2 - label])
    style = [("FONT", (0, 0), (-1, -1), st["cell"].fontName, 10), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#666666")),
             ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F1ECE3")),
             ("BACKGROUND", (2, 0), (2, 2), colors.HexColor("#F1ECE3"))]
    for r, row in enumerate(rows):
        if row[2] == "":
            style.append(("SPAN", (1, r), (3, r)))
        elif r > 2:
            style.append(("BACKGROUND", (2, r), (2, r), colors.HexColor("#F1ECE3")))
    table.setStyle(TableStyle(style))
    return table


def _doc(tmp: Path, title: str):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    margin = 16 * mm
    return SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=14 * mm,
                             bottomMargin=16 * mm, title=title, author="支部台账"), margin


def write_sign_in_sheet(d: MeetingDetail, target: Path | str, *, printed_on: date | None = None) -> Path:
    """签到表: the heads, then everyone expected in two columns with a box to sign, and rows for 列席."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer, Table, TableStyle

    if d.row.status == "取消":
        raise ValidationError("状态", "该会议已取消，不需要签到表")
    font = register_cjk_font()
    _check_font(d)
    st = _styles(font)
    printed_on = printed_on or date.today()
    width = A4[0] - 32 * mm
    people = [p for p in d.people if p.expected]
    half = (len(people) + 1) // 2
    left, right = people[:half], people[half:]

    def cells(n: int, p) -> list:
        if p is None:
            return ["", "", "", ""]
        note = "预备党员" if not p.full and d.attendees_basis != "指定人员" else ""
        note = "、".join(x for x in (note, p.away) if x)
        return [str(n), p.name, "", _p(note, st["small"])]

    rows = [["序号", "姓名", "签　名", "备注"] * 2]
    if not people:  # 指定人员 not yet named: lines to write them in
        half = 5
    for i in range(max(half, 1)):
        lp = left[i] if i < len(left) else None
        rp = right[i] if i < len(right) else None
        rows.append(cells(i + 1, lp) + cells(half + i + 1, rp))
    w = width / 2
    col = [w * 0.12, w * 0.22, w * 0.40, w * 0.26] * 2
    sheet = Table(rows, colWidths=col, rowHeights=[8 * mm] + [9.5 * mm] * (len(rows) - 1), repeatRows=1)
    sheet.setStyle(TableStyle(list_table_style(font, 10.5, padding=2, striped_to=0) + [
        ("ALIGN", (0, 1), (0, -1), "CENTER"), ("ALIGN", (4, 1), (4, -1), "CENTER"),
        ("LINEAFTER", (3, 0), (3, -1), 1.2, colors.HexColor("#444444")),
    ]))
    guests = Table([["列席人员签名"] + [""] * 3] + [[""] * 4 for _ in range(GUEST_ROWS // 2)],
                   colWidths=[width / 4] * 4, rowHeights=[7 * mm] + [9.5 * mm] * (GUEST_ROWS // 2))
    guests.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 10),
                                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#666666")),
                                ("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F1ECE3"))]))
    expected = len(people) if people else "____"
    title = meeting_title(d.row.org_name, d.row.type_name) + "签到表"
    story = [_p(title, st["title"]), Spacer(1, 4 * mm), _heads(d, st, width, record=False), Spacer(1, 5 * mm),
             sheet, Spacer(1, 5 * mm), guests, Spacer(1, 6 * mm),
             _p(f"应到 {expected} 人，实到 ______ 人，请假 ______ 人，缺席 ______ 人。", st["cell"]), Spacer(1, 6 * mm),
             _p("主持人（签字）：______________　　　记录人（签字）：______________", st["cell"])]
    with atomic_path(target) as tmp:
        doc, margin = _doc(tmp, title)
        doc.build(story, canvasmaker=numbered_canvas(font, margin, A4[0], f"{title}　打印日期：{printed_on.isoformat()}"))
    return Path(target)


def write_meeting_record(d: MeetingDetail, target: Path | str, *, printed_on: date | None = None) -> Path:
    """会议记录: heads with the attendance, the content, decisions, vote counts, signature lines."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

    if d.row.status != "已召开":
        raise ValidationError("状态", "会议尚未召开（或已取消），没有会议记录可打印；可打印签到表")
    font = register_cjk_font()
    _check_font(d)
    st = _styles(font)
    printed_on = printed_on or date.today()
    width = A4[0] - 32 * mm
    title = meeting_title(d.row.org_name, d.row.type_name) + "记录"
    story = [_p("会 议 记 录", st["title"]), _p(f"{d.row.org_name}　{d.row.type_name}", st["sub"]), Spacer(1, 4 * mm),
             _heads(d, st, width, record=True)]
    if d.row.type_name == "支部党员大会" and d.voters_expected:
        ok = 2 * d.voters_present > d.voters_expected
        story += [Spacer(1, 2 * mm), _p(f"应到会有表决权的党员 {d.voters_expected} 人，实到 {d.voters_present} 人，"
                                         + ("超过半数，会议有效" if ok else "未超过半数，不能作出决议")
                                         + "（支部工作条例 第十一条）。", st["small"])]
    elif d.row.type_name == "支部委员会" and d.summary is not None and d.summary.expected:
        ok = 2 * d.summary.present > d.summary.expected
        story += [Spacer(1, 2 * mm), _p(f"应到委员 {d.summary.expected} 人，实到 {d.summary.present} 人，"
                                         + ("超过半数" if ok else "未超过半数") + "（支部工作条例 第十二条）。", st["small"])]
    story.append(_p("会议内容", st["head"]))
    paragraphs = [t for t in d.minutes.splitlines() if t.strip()] or ["（未记录）"]
    story += [_p(t.strip(), st["body"]) for t in paragraphs]
    if d.decisions.strip():
        story.append(_p("决议（决定）事项", st["head"]))
        story += [_p(t.strip(), st["body"]) for t in d.decisions.splitlines() if t.strip()]
    if d.votes:
        rows = [["表决事项", "应到有\n表决权", "实到有\n表决权", "赞成", "反对", "弃权", "结果"]]
        notes = []
        for v in d.votes:
            rows.append([_p(v.subject, st["cell"]), v.eligible, v.present_eligible, v.yes, v.no, v.abstain,
                         _p(v.result, st["cell"])])
            notes += [f"{v.subject}：{n}" for n in v.notes]
        table = Table(rows, colWidths=[width * 0.36] + [width * 0.1] * 5 + [width * 0.14], repeatRows=1)
        table.setStyle(TableStyle(list_table_style(font, 10, padding=3, striped_to=0) + [
            ("ALIGN", (1, 1), (5, -1), "CENTER")]))
        story += [_p("表决情况（只记票数）", st["head"]), table]
        story += [_p("注：" + n, st["small"]) for n in notes]
    if d.attachments:
        story += [_p("附件", st["head"]), _p("；".join(d.attachments), st["cell"])]
    sign = Table([["主持人（签字）：", "", "记录人（签字）：", ""]], colWidths=[width * 0.2, width * 0.3] * 2,
                 rowHeights=[12 * mm])
    sign.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 11), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                              ("LINEBELOW", (1, 0), (1, 0), 0.6, colors.black),
                              ("LINEBELOW", (3, 0), (3, 0), 0.6, colors.black)]))
    story.append(KeepTogether([Spacer(1, 10 * mm), sign]))
    with atomic_path(target) as tmp:
        doc, margin = _doc(tmp, title)
        doc.build(story, canvasmaker=numbered_canvas(font, margin, A4[0], f"{title}　打印日期：{printed_on.isoformat()}"))
    return Path(target)
