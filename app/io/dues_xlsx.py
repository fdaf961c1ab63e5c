"""党费收缴台账 as .xlsx: one sheet per year with totals, and the quarterly summary for remittance."""

from __future__ import annotations

from pathlib import Path

from app.io.atomic import atomic_path
from app.io.xlsx_safe import print_landscape, text_value
from app.services.dues_ledger import Ledger

HEADERS = (["序号", "姓名", "所在支部", "类别", "计算基数", "比例", "月应缴"] + [f"{m}月" for m in range(1, 13)]
           + ["全年应缴", "全年实缴", "欠缴", "备注"])
WIDTHS = [6, 10, 18, 9, 11, 7, 9] + [8] * 12 + [11, 11, 10, 28]
MONEY = "#,##0.00"
HEADER_ROW = 3


def rate_text(rate) -> str:
    return f"{(rate * 100).normalize():f}%" if rate else "定额"


def write_dues_xlsx(ledger: Ledger, target: Path | str, *, quarter: int | None = None) -> Path:
    """The year's ledger (sheet “党费台账”) and the summary (sheet “季度汇总”, or one quarter).

    Written in openpyxl's streaming (write-only) mode: each row goes to the file as it is
    made, and a styled cell is one template per column whose value changes row by row.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("党费台账")
    last = get_column_letter(len(HEADERS))
    for i, width in enumerate(WIDTHS, start=1):  # before the first row: the stream writes columns first
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = f"C{HEADER_ROW + 1}"

    def styled(value=None, *, number_format: str | None = None, **style) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, value)
        if number_format:
            cell.number_format = number_format
        for name, v in style.items():
            setattr(cell, name, v)
        return cell

    ws.append([styled(f"{ledger.org_name}{ledger.year}年党费收缴台账", font=Font(size=16, bold=True),
                      alignment=Alignment(horizontal="center"))])
    ws.append([styled(f"统计至 {ledger.as_of.isoformat()}　共 {len(ledger.rows)} 人　单位：元　（中组发〔2008〕3号）",
                      alignment=Alignment(horizontal="right"))])
    ws.merged_cells.add(f"A1:{last}1")
    ws.merged_cells.add(f"A2:{last}2")
    head = dict(font=Font(bold=True, color="FFFFFF"), fill=PatternFill("solid", fgColor="C00000"),
                alignment=Alignment(horizontal="center", vertical="center"))
    ws.append([styled(text, **head) for text in HEADERS])

    money = [styled(number_format=MONEY) for _ in range(len(HEADERS))]  # one template per column
    dash = styled("—", alignment=Alignment(horizontal="center"))

    def m(col: int, value):
        cell = money[col]
        cell.value = value  # Decimal: a number in Excel
        return cell

    for n, row in enumerate(ledger.rows, start=1):
        months = [dash if v is None else m(7 + i, v) for i, v in enumerate(row.months)]
        ws.append([n, text_value(ws, row.name), text_value(ws, row.org_name), text_value(ws, row.category),
                   m(4, row.base), rate_text(row.rate), m(6, row.monthly), *months,
                   m(19, row.annual_due), m(20, row.annual_paid), m(21, row.owed), text_value(ws, row.notes or None)])
    totals = [*ledger.month_totals, ledger.total("annual_due"), ledger.total("annual_paid"), ledger.total("owed")]
    ws.append([None, styled("合计", font=Font(bold=True)), None, None, None, None, None,
               *[styled(v, number_format=MONEY, font=Font(bold=True)) for v in totals]])
    print_landscape(ws, HEADER_ROW)
    _summary(wb, ledger, quarter)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return Path(target)


SUMMARY_HEADERS = ("季度", "应收", "实收", "其中：补交", "其中：预交", "大额党费", "欠缴人数")


def _summary(wb, ledger: Ledger, quarter: int | None) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    ws = wb.create_sheet("季度汇总")
    for i in range(len(SUMMARY_HEADERS)):
        ws.column_dimensions[chr(65 + i)].width = 14

    def cell(value, *, bold: bool = False, size: int | None = None, money: bool = False):
        c = WriteOnlyCell(ws, value)
        if bold or size:
            c.font = Font(bold=bold, size=size or 11)
        if money:
            c.number_format = MONEY
        return c

    ws.append([cell(f"{ledger.org_name}{ledger.year}年党费收缴季度汇总（上缴用）", bold=True, size=14)])
    ws.append([cell(text, bold=True) for text in SUMMARY_HEADERS])
    for q in (q for q in ledger.quarters if quarter is None or q.quarter == quarter):
        ws.append([f"第{q.quarter}季度", *[cell(v, money=True) for v in (q.due, q.received, q.back_pay, q.advance,
                                                                          q.large)], q.in_arrears])
    ws.append([])
    ws.append(["实收按收款日期计入季度；大额党费指一次自愿多交1000元及以上的部分，全额上缴中央（中组发〔2008〕3号）。"])
