"""三会一课台账 as .xlsx: one line per held meeting, and a summary sheet of counts per type and month."""

from __future__ import annotations

from pathlib import Path

from app.io.atomic import atomic_path
from app.io.xlsx_safe import print_landscape, set_text
from app.services.meeting_ledger import MeetingLedger

HEADERS = ("序号", "日期", "类型", "组织", "主题", "主持人", "记录人", "应到", "实到", "缺席人员及原因", "内容摘要")
WIDTHS = (6, 12, 13, 26, 34, 9, 9, 7, 7, 36, 60)
HEADER_ROW = 3


def write_meeting_xlsx(ledger: MeetingLedger, target: Path | str) -> Path:
    """Sheet “三会一课台账” (the meetings) and “汇总” (held per type and month)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "三会一课台账"
    last = get_column_letter(len(HEADERS))
    ws["A1"] = ledger.title
    ws["A1"].font = Font(size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.merge_cells(f"A1:{last}1")
    ws["A2"] = (f"{ledger.first.isoformat()} 至 {ledger.last.isoformat()}　已召开会议 {len(ledger.lines)} 次"
                "　（应到按会议当日在册计算；缺席含请假）")
    ws["A2"].alignment = Alignment(horizontal="right")
    ws.merge_cells(f"A2:{last}2")
    fill = PatternFill("solid", fgColor="C00000")
    for i, text in enumerate(HEADERS, start=1):
        cell = ws.cell(row=HEADER_ROW, column=i, value=text)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = WIDTHS[i - 1]
    wrap = Alignment(wrap_text=True, vertical="top")
    for n, line in enumerate(ledger.lines, start=1):
        r = HEADER_ROW + n
        ws.cell(row=r, column=1, value=n)
        cell = ws.cell(row=r, column=2, value=line.meeting_date)
        cell.number_format = "yyyy-mm-dd"
        for c, value in ((3, line.type_name), (4, line.org_name), (5, line.theme), (6, line.host),
                         (7, line.recorder), (10, line.absentees), (11, line.summary)):
            set_text(ws.cell(row=r, column=c), value or None)
        ws.cell(row=r, column=8, value=line.expected)
        ws.cell(row=r, column=9, value=line.present)
        for c in (4, 5, 10, 11):
            ws.cell(row=r, column=c).alignment = wrap
        for c in (1, 2, 3, 6, 7, 8, 9):
            ws.cell(row=r, column=c).alignment = Alignment(vertical="top")
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + len(ledger.lines)}"
    print_landscape(ws, HEADER_ROW, grid=False)
    _summary(wb.create_sheet("汇总"), ledger)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return Path(target)


def summary_headers(ledger: MeetingLedger) -> list[str]:
    return ["会议类型"] + [f"{m}月" for m in ledger.months] + ["合计"]


def _summary(ws, ledger: MeetingLedger) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws["A1"] = f"{ledger.title}——各类会议召开次数"
    ws["A1"].font = Font(size=14, bold=True)
    headers = summary_headers(ledger)
    fill = PatternFill("solid", fgColor="EEE6D8")
    for i, text in enumerate(headers, start=1):
        cell = ws.cell(row=2, column=i, value=text)
        cell.font = Font(bold=True)
        cell.fill = fill
        ws.column_dimensions[get_column_letter(i)].width = 14 if i == 1 else 7
    r = 2
    for r, type_name in enumerate(ledger.types, start=3):
        ws.cell(row=r, column=1, value=type_name)
        for c, month in enumerate(ledger.months, start=2):
            ws.cell(row=r, column=c, value=ledger.counts.get((type_name, month), 0))
        ws.cell(row=r, column=len(headers), value=ledger.type_total(type_name)).font = Font(bold=True)
    total = r + 1
    ws.cell(row=total, column=1, value="合计").font = Font(bold=True)
    for c, month in enumerate(ledger.months, start=2):
        ws.cell(row=total, column=c, value=ledger.month_total(month)).font = Font(bold=True)
    ws.cell(row=total, column=len(headers), value=len(ledger.lines)).font = Font(bold=True)
    ws.cell(row=total + 2, column=1, value="只计已召开的会议；党小组召开的计入其所在党支部的台账。")
