"""Reading branches' quarterly workbooks (python-calamine) and writing the combined one (streamed).

A file is checked before it is used: it must be a 支部台账 quarterly workbook (the 说明
sheet's marker) of a format this version reads, with every sheet in place.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from app.domain.errors import ValidationError
from app.io.atomic import atomic_path
from app.io.excel_read import SheetError, read_sheets
from app.io.stats_workbook_xlsx import SHEETS
from app.io.xlsx_stream import Col, StreamSheet
from app.services.consolidation import BranchWorkbook, Consolidation, CountTable
from app.services.stats_workbook import FORMAT_VERSION, MARKER

COMBINED_MARKER = "支部台账汇总工作簿"
TABLE_TITLES = ("党员数量变化情况", "党员基本情况", "发展党员情况", "入党积极分子、入党申请人情况", "失去联系党员情况")
HEADER_ROW = 3  # StreamSheet: title, note, header


def _value(v):
    if isinstance(v, datetime) and v.time() == datetime.min.time():
        return v.date()
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def read_branch_workbook(path: Path | str) -> BranchWorkbook:
    path = Path(path)
    try:  # the file checked and opened once for all its sheets
        sheets = read_sheets(path, ["说明"], optional=SHEETS[1:] + TABLE_TITLES)
    except SheetError as exc:
        message = exc.message if "说明" not in exc.message else f"「{path.name}」不是支部台账导出的季度工作簿（没有“说明”工作表）。"
        raise ValidationError(path.name, message) from None
    about = sheets["说明"]
    if not about.rows or about.rows[0][0] != MARKER:
        raise ValidationError(path.name, "不是支部台账导出的季度工作簿（“说明”工作表第一格不是“支部台账季度工作簿”）")
    info = {str(r[0]): r[1] for r in about.rows[1:] if r and r[0]}
    try:
        version = int(float(info.get("格式版本") or 0))
    except ValueError:
        version = 0
    if not 1 <= version <= FORMAT_VERSION:
        raise ValidationError(path.name, f"格式版本“{info.get('格式版本')}”无法识别：请用同一版本的支部台账导出")
    book = BranchWorkbook(path.name, str(info.get("党组织") or ""), str(info.get("统计期间") or ""),
                          str(info.get("起止日期") or ""), version)
    for name in SHEETS[1:]:
        if name not in sheets:
            raise ValidationError(path.name, f"缺少工作表“{name}”")
        rows = sheets[name].rows
        headers = [str(v) if v is not None else "" for v in rows[HEADER_ROW - 1]] if len(rows) >= HEADER_ROW else []
        data = [[_value(v) for v in r] for r in rows[HEADER_ROW:]
                if any(v not in (None, "") for v in r) and (len(r) < 2 or not str(r[1] or "").startswith("合计"))]
        if name == "统计汇总":
            at = {h: i for i, h in enumerate(headers)}
            if not {"分组", "项目", "数值", "键"} <= set(at):
                raise ValidationError(path.name, "“统计汇总”工作表缺少“键”等列，不能汇总")
            book.figures = [(r[at["分组"]], r[at["项目"]], r[at["键"]], r[at["数值"]]) for r in data if r[at["键"]]]
        book.sheets[name] = (headers, data)
    for title in TABLE_TITLES:
        if title in sheets:
            book.tables[title] = _count_table(sheets[title])
    return book


def _count_table(sheet) -> CountTable:
    """Title, note, one or two header rows (merged groups filled in), then rows of a label and numbers."""
    rows = [list(r) for r in sheet.rows]
    for (r0, c0), (r1, c1) in sheet.merged:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if r < len(rows) and c < len(rows[r]) and (r, c) != (r0, c0):
                    rows[r][c] = rows[r0][c0]
    first = next((i for i, r in enumerate(rows) if i >= 2 and len(r) > 1 and isinstance(r[1], (int, float))),
                 len(rows))
    head = rows[2:first]
    width = max((len(r) for r in head), default=0)
    columns = []
    for c in range(1, width):
        top = str(head[0][c] or "") if head else ""
        low = str(head[-1][c] or "") if head else ""
        columns.append((top, low))
    out = []
    for r in rows[first:]:
        if not r or r[0] in (None, ""):
            continue
        out.append((str(r[0]), {col: int(v) for col, v in zip(columns, r[1:]) if isinstance(v, (int, float))}))
    return CountTable(str(head[0][0] or "") if head else "", columns, out)


def write_consolidated(c: Consolidation, target: Path | str, *, title: str = "") -> Path:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    title = title or "各支部"
    ws = wb.create_sheet("说明")
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 16, 80
    top = WriteOnlyCell(ws, COMBINED_MARKER)
    top.font = Font(size=15, bold=True)
    ws.append([top])
    ws.append(["汇总单位", title])
    ws.append(["统计期间", f"{c.period_label}（{c.books[0].span}）"])
    for b in c.books:
        ws.append(["来源", f"{b.org_name}：{b.source}（花名册 {len(b.sheets['花名册'][1])} 人）"])
    ws.append(["冲突", f"{len(c.conflicts)} 个身份证号在多个支部（或同一支部）重复出现，合计中按出现次数计算；请在来源支部核实后更正"
               if c.conflicts else "无重复的身份证号"])
    ws.append(["注意", "本工作簿含完整身份证号，是工作文件，请妥善保管。"])
    names = [b.org_name for b in c.books]
    cols = [Col("分组", 10), Col("项目", 26), *[Col(n, 14, "auto") for n in names], Col("合计", 14, "auto"), Col("键", 24)]
    s = StreamSheet(wb, "统计汇总", cols, heading=f"{title}{c.period_label}统计汇总",
                    note="各支部数值取自其季度工作簿；合计为各支部之和" + ("（有重复人员，见“冲突”工作表）" if c.conflicts else ""))
    for group, label, key, per, total in c.figures:
        s.append([group, label, *per, total, key])
    s = StreamSheet(wb, "冲突", [Col("序号", 6, "int"), Col("公民身份号码", 21, "id"), Col("姓名", 10), Col("所在支部", 24),
                                Col("花名册行号", 10, "int")],
                    heading="身份证号重复的人员", note="同一人出现在两个支部（或同一支部两次）：请在来源支部核实组织关系后更正")
    for n, conflict in enumerate(c.conflicts, start=1):
        for branch, name, row in conflict.places:
            s.append([n, conflict.id_number, name, branch, row])
    if c.invalid_ids:
        s.line("身份证号有误的人员：")
        for branch, row, name, why in c.invalid_ids:
            s.ws.append([None, s.text(f"{branch} 花名册第{row}行 {name}：{why}")])
    for name in SHEETS[1:-1]:
        headers = c.books[0].sheets[name][0]
        if name == "党费收缴":
            headers = max((b.sheets[name][0] for b in c.books), key=len)
        cols = [Col("来源支部", 18)] + [Col(h or "", 12, "id" if h in ("公民身份号码", "证件号码", "联系电话") else "text")
                                    for h in headers]
        s = StreamSheet(wb, name, cols, heading=f"{title}{c.period_label}{name}（汇总）", note="按来源支部分列，各支部记录互不合并")
        for b in c.books:
            for row in b.sheets[name][1]:
                s.append([b.org_name, *row])
    for name, table in c.tables.items():
        _write_count_table(wb, f"{name}（汇总）"[:31], f"{title}{c.period_label}{name}（各支部合计）", table)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return Path(target)


def _write_count_table(wb, sheet: str, heading: str, t: CountTable) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(sheet)
    ws.column_dimensions["A"].width = 26
    width = len(t.columns) + 1
    last = get_column_letter(width)
    top = WriteOnlyCell(ws, heading)
    top.font = Font(size=15, bold=True)
    ws.append([top])
    ws.append(["各支部季度工作簿中同名表格按行、列逐格相加；某支部没有的列按 0 计。"])
    ws.merged_cells.add(f"A1:{last}1")
    ws.merged_cells.add(f"A2:{last}2")
    bold, centre = Font(bold=True), Alignment(horizontal="center", vertical="center", wrap_text=True)

    def head(text):
        cell = WriteOnlyCell(ws, text)
        cell.font, cell.alignment = bold, centre
        return cell

    two = any(g != label for g, label in t.columns)
    ws.append([head(t.row_header)] + [head(g) for g, _l in t.columns])
    if two:
        ws.append([None] + [head(label) for _g, label in t.columns])
        ws.merged_cells.add("A3:A4")
        start = 0
        for i in range(1, len(t.columns) + 1):
            if i == len(t.columns) or t.columns[i][0] != t.columns[start][0]:
                a, b = get_column_letter(start + 2), get_column_letter(i + 1)
                if t.columns[start][0] == t.columns[start][1] and i - start == 1:
                    ws.merged_cells.add(f"{a}3:{a}4")
                elif i - start > 1:
                    ws.merged_cells.add(f"{a}3:{b}3")
                start = i
    for label, cells in t.rows:
        ws.append([label] + [cells.get(col, 0) for col in t.columns])
