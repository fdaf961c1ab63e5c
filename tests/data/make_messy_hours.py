"""Regenerate the messy 志愿服务时长 sheets the hours-import tests read (run by hand; outputs are committed).

    PYTHONPATH=/path/to/xlwt .venv/bin/python tests/data/make_messy_hours.py   (xlwt for the .xls)

Like what a team leader hands in: two title rows over a merged two-level header, a note in
brackets in “服务时长（小时）”, dates as real dates, text (2026.3.5, 2026年3月5日) and an Excel
serial, hours as “2小时”, “1小时30分” and numbers, a name with a space, a pre-numbered blank row,
a 合计 row and a signature line. The volunteers are those of tests/helpers_volunteers.py.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
TITLE = "红帽子服务队2026年志愿服务时长登记表"
TOP = ["序号", "志愿者信息", "", "服务情况", "", "", "", "确认人", "备注"]
LOW = ["", "姓名", "志愿者编号", "活动名称", "服务日期", "服务时长（小时）", "服务类别", "", ""]
GOOD = [
    [1, "赵伟华", "V3100000000", "敬老院探访", date(2026, 3, 5), 2, "助老", "张三丰", ""],
    [2, "钱 伟华", "V3100000001", "敬老院探访", "2026.3.5", "2小时", "助老", "张三丰", ""],
    [3, "孙伟华", "", "敬老院探访", "2026年3月5日", "1小时30分", "助老", "张三丰", "迟到半小时"],
    [4, "李伟华", "V3100000003", "垃圾分类宣传", 46120, "1.5", "环境", "", ""],  # serial 46120 = 2026-04-08
    [5, "张三丰", "", "垃圾分类宣传", datetime(2026, 4, 8, 9, 30), 1.5, "环境", "", "队长"],
    [6, "", "", "", "", "", "", "", ""],
]
BAD = [
    [7, "周伟华", "V3100000004", "敬老院探访", "2026.2.30", "2", "助老", "张三丰", ""],  # no such day
    [8, "吴伟华", "V3100000005", "敬老院探访", date(2026, 3, 5), "两小时", "助老", "张三丰", ""],
    [9, "查无此人", "", "敬老院探访", date(2026, 3, 5), 2, "助老", "张三丰", ""],
    [10, "郑伟华", "V3100000006", "敬老院探访", date(2026, 3, 5), 2, "舞蹈", "张三丰", ""],
]
FOOT = [["合计", "", "", "", "", 8.5, "", "", ""], ["制表人：张三丰　　审核：李小红　　（盖章）", "", "", "", "", "", "", "", ""]]


def write_xlsx(path: Path, rows: list[list]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "时长登记"
    ws.append([TITLE])
    ws.merge_cells("A1:I1")
    ws.append(["填报单位：幸福社区党委　　　　　　　　填报日期：2026年11月"])
    ws.merge_cells("A2:I2")
    ws.append(TOP)
    ws.append(LOW)
    for a, b in (("A3", "A4"), ("H3", "H4"), ("I3", "I4")):
        ws.merge_cells(f"{a}:{b}")
    ws.merge_cells("B3:C3")
    ws.merge_cells("D3:G3")
    for row in rows + FOOT:
        ws.append(row)
    for cell in ws["E"][4:]:
        if isinstance(cell.value, (date, datetime)):
            cell.number_format = "yyyy-mm-dd"
    wb.save(path)


def write_xls(path: Path, rows: list[list]) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("时长登记")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    ws.write_merge(0, 0, 0, 8, TITLE)
    ws.write_merge(1, 1, 0, 8, "填报单位：幸福社区党委")
    for c, text in enumerate(TOP):
        if c in (0, 7, 8):
            ws.write(2, c, text)
    ws.write_merge(2, 2, 1, 2, "志愿者信息")
    ws.write_merge(2, 2, 3, 6, "服务情况")
    for c, text in enumerate(LOW):
        if text:
            ws.write(3, c, text)
    for r, row in enumerate(rows + FOOT, start=4):
        for c, value in enumerate(row):
            if isinstance(value, (date, datetime)):
                ws.write(r, c, value, date_style)
            elif value != "":
                ws.write(r, c, value)
    book.save(str(path))


if __name__ == "__main__":
    write_xlsx(HERE / "messy_hours.xlsx", GOOD)
    write_xlsx(HERE / "messy_hours_bad.xlsx", GOOD + BAD)
    write_xls(HERE / "messy_hours.xls", GOOD)
