"""党费收缴台账 as .xlsx: one sheet per year with totals, and the quarterly summary for remittance."""

from __future__ import annotations

from pathlib import Path

from app.io.atomic import atomic_path
from app.io.xlsx_safe import set_text
from app.services.dues_ledger import Ledger

HEADERS = (["序号", "姓名", "所在支部", "类别", "计算基数", "比例", "月应缴"] + [f"{m}月" for m in range(1, 13)]
           + ["全年应缴", "全年实缴", "欠缴", "备注"])
WIDTHS = [6, 10, 18, 9, 11, 7, 9] + [8] * 12 + [11, 11, 10, 28]
MONEY = "#,##0.00"
HEADER_ROW = 3


def rate_text(rate) -> str:
    return f"{(rate * 100).normalize():f}%" if rate else "定额"


def write_dues_xlsx(ledger: Ledger, target: Path | str, *, quarter: int | None = None) -> Path:
    """The year's ledger (sheet “党费台账”) and the summary (sheet “季度汇总”, or one quarter)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "党费台账"
    last = get_column_letter(len(HEADERS))
    ws["A1"] = f"{ledger.org_name}{ledger.year}年党费收缴台账"
    ws["A1"].font = Font(size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.merge_cells(f"A1:{last}1")
    ws["A2"] = f"统计至 {ledger.as_of.isoformat()}　共 {len(ledger.rows)} 人　单位：元　（中组发〔2008〕3号）"
    ws["A2"].alignment = Alignment(horizontal="right")
    ws.merge_cells(f"A2:{last}2")
    fill = PatternFill("solid", fgColor="C00000")
    for i, text in enumerate(HEADERS, start=1):
        cell = ws.cell(row=HEADER_ROW, column=i, value=text)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = WIDTHS[i - 1]
    r = HEADER_ROW
    for n, row in enumerate(ledger.rows, start=1):
        r = HEADER_ROW + n
        ws.cell(row=r, column=1, value=n)
        set_text(ws.cell(row=r, column=2), row.name)
        set_text(ws.cell(row=r, column=3), row.org_name)
        set_text(ws.cell(row=r, column=4), row.category)
        _money(ws.cell(row=r, column=5), row.base)
        ws.cell(row=r, column=6, value=rate_text(row.rate))
        _money(ws.cell(row=r, column=7), row.monthly)
        for m, value in enumerate(row.months):
            cell = ws.cell(row=r, column=8 + m)
            if value is None:
                cell.value = "—"
                cell.alignment = Alignment(horizontal="center")
            else:
                _money(cell, value)
        _money(ws.cell(row=r, column=20), row.annual_due)
        _money(ws.cell(row=r, column=21), row.annual_paid)
        _money(ws.cell(row=r, column=22), row.owed)
        set_text(ws.cell(row=r, column=23), row.notes or None)
    total_row = r + 1
    ws.cell(row=total_row, column=2, value="合计").font = Font(bold=True)
    for m, value in enumerate(ledger.month_totals):
        _money(ws.cell(row=total_row, column=8 + m), value, bold=True)
    for col, attr in ((20, "annual_due"), (21, "annual_paid"), (22, "owed")):
        _money(ws.cell(row=total_row, column=col), ledger.total(attr), bold=True)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.print_options.gridLines = True
    _summary(wb.create_sheet("季度汇总"), ledger, quarter)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return Path(target)


def _money(cell, value, *, bold: bool = False) -> None:
    from openpyxl.styles import Font

    cell.value = value  # Decimal: openpyxl writes it as a number
    cell.number_format = MONEY
    if bold:
        cell.font = Font(bold=True)


SUMMARY_HEADERS = ("季度", "应收", "实收", "其中：补交", "其中：预交", "大额党费", "欠缴人数")


def _summary(ws, ledger: Ledger, quarter: int | None) -> None:
    from openpyxl.styles import Font

    ws["A1"] = f"{ledger.org_name}{ledger.year}年党费收缴季度汇总（上缴用）"
    ws["A1"].font = Font(size=14, bold=True)
    for i, text in enumerate(SUMMARY_HEADERS, start=1):
        ws.cell(row=2, column=i, value=text).font = Font(bold=True)
        ws.column_dimensions[chr(64 + i)].width = 14
    quarters = [q for q in ledger.quarters if quarter is None or q.quarter == quarter]
    for r, q in enumerate(quarters, start=3):
        ws.cell(row=r, column=1, value=f"第{q.quarter}季度")
        for c, value in enumerate((q.due, q.received, q.back_pay, q.advance, q.large), start=2):
            _money(ws.cell(row=r, column=c), value)
        ws.cell(row=r, column=7, value=q.in_arrears)
    ws.cell(row=len(quarters) + 4, column=1,
            value="实收按收款日期计入季度；大额党费指一次自愿多交1000元及以上的部分，全额上缴中央（中组发〔2008〕3号）。")
