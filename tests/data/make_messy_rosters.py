"""Regenerate the messy roster files the import tests read (run by hand; the outputs are committed).

    .venv/bin/python tests/data/make_messy_rosters.py    (needs xlwt for the .xls: pip install xlwt)

They imitate what clerks receive: title rows above a two-level merged header, notes
in brackets in the header text, dates typed in every shape, ID numbers stored as
numbers by mistake, blank lines and a signature line at the bottom.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent


def check_char(first17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


def pid(region: str, birth: str, seq: str) -> str:
    return region + birth + seq + check_char(region + birth + seq)


GOOD = [
    # 姓名, 性别, 民族, 出生日期, 身份证号, 学历, 人员类别, 入党日期, 转正日期, 支部, 党小组, 电话, 住址
    ["张三丰", "男", "汉族", date(1950, 3, 2), pid("110105", "19500302", "123"), "大专", "正式党员", "1975.7.1",
     "1976年7月1日", "第一党支部", "第一党小组", "13912345678", "幸福路1号"],
    ["曾小华", "女", "汉", "1960年6月", "", "高中", "中共党员", "1985/06", "198606", "第一党支部", "第一党小组",
     "010-88886666", "幸福路2号"],
    ["欧阳娜娜", "女", "回族", "", pid("310104", "19881109", "246").lower(), "大学", "中共预备党员", "2026-03-01", "",
     "第二党支部", "", "13800001111", "=HYPERLINK(\"http://evil\")"],
    ["单田芳", "男", "满族", 24859, pid("440305", "19680122", "015"), "硕士研究生", "正式党员", 1990, "1991-05",
     "第二党支部", "第二党小组", "13800002222", "和平街3号"],
]


def write_xlsx(path: Path, rows: list[list], *, bad: bool = False) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws["A1"] = "幸福社区党委党员花名册"
    ws.merge_cells("A1:N1")
    ws["A2"] = "填报单位（盖章）：                      填报日期：2026年10月"
    ws.merge_cells("A2:N2")
    top = ["序号", "基本信息", "", "", "", "", "", "党员信息", "", "", "所在组织", "", "联系方式", ""]
    low = ["", "姓名", "性别", "民族", "出生年月（年.月）", "身份证号（18位）", "文化程度", "人员类别", "入党时间",
           "转正时间", "所在支部", "党小组", "手机", "家庭住址"]
    ws.append(top)
    ws.append(low)
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:G3")
    ws.merge_cells("H3:J3")
    ws.merge_cells("K3:L3")
    ws.merge_cells("M3:N3")
    for n, r in enumerate(rows, start=1):
        name, sex, eth, birth, idn, edu, cat, join, full, org, group, phone, addr = r
        ws.append([n, name, sex, eth, birth, idn, edu, cat, join, full, org, group, phone, addr])
    if bad:
        ws.append([9, "李四", "男", "汉族", "1970-13-01", 110105197001010011, "初中", "正式党员", "2099-01-01", "",
                   "第一党支部", "", "12", "x"])
        ws.append([10, "", "女", "汉族", "1970-01-01", "", "", "", "", "", "第一党支部", "", "", ""])
        ws.append([11, "王五", "女", "汉族", "", pid("110105", "19700101", "011"), "", "", "", "", "第一党支部", "", "",
                   ""])
    ws.append([])
    ws.append(["制表人：李书记", "", "", "", "审核人：", "", "", "", "", "", "", "", "", ""])
    wb.save(path)


def write_xls(path: Path, rows: list[list]) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("党员")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    ws.write_merge(0, 0, 0, 8, "第一党支部党员名册")
    headers = ["姓名", "性别", "出生日期", "公民身份号码", "学历", "入党日期", "所在党支部", "联系电话", "备注(选填)"]
    for c, h in enumerate(headers):
        ws.write(2, c, h)
    for r, row in enumerate(rows, start=3):
        name, sex, eth, birth, idn, edu, cat, join, full, org, group, phone, addr = row
        values = [name, sex, birth, idn, edu, join, org, phone, ""]
        for c, v in enumerate(values):
            if isinstance(v, date):
                ws.write(r, c, v, date_style)
            else:
                ws.write(r, c, v)
    book.save(str(path))


if __name__ == "__main__":
    write_xlsx(HERE / "messy_roster.xlsx", GOOD)
    write_xlsx(HERE / "messy_roster_bad.xlsx", GOOD, bad=True)
    write_xls(HERE / "old_roster.xls", GOOD[:2] + GOOD[3:])
    print("written")
