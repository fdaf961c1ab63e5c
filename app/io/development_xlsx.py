"""发展党员 lists (.xlsx) in the layouts higher levels use (rules-and-peers C), and the year's statistics."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

from app.io.atomic import atomic_path
from app.io.xlsx_safe import print_landscape, text_value
from app.services.development_lists import LISTS, DevelopmentStats, ListRow

Col = tuple[str, Callable[[ListRow], object], int]  # header, value, width
_BASE: list[Col] = [("党支部", lambda r: r.org_name, 18), ("姓名", lambda r: r.name, 10), ("性别", lambda r: r.gender, 6),
                    ("民族", lambda r: r.ethnicity, 8), ("出生年月", lambda r: r.birth_date, 11),
                    ("学历", lambda r: r.education, 10), ("工作单位及职务", lambda r: r.work, 22)]
_PHONE: Col = ("联系方式", lambda r: r.phone, 14)
COLUMNS: dict[str, list[Col]] = {
    "applicants": _BASE + [("申请入党时间", lambda r: r.applied_on, 12), ("谈话时间", lambda r: r.talked_on, 12), _PHONE],
    "uninterviewed": _BASE + [("申请入党时间", lambda r: r.applied_on, 12),
                              ("谈话截止时间", lambda r: r.talk_deadline, 12), _PHONE],
    "activists": _BASE + [("申请入党时间", lambda r: r.applied_on, 12), ("确定为入党积极分子时间", lambda r: r.activist_on, 14),
                          ("推荐方式", lambda r: r.activist_method, 12), ("培养联系人", lambda r: r.mentors, 14), _PHONE],
    "candidates": _BASE + [("申请入党时间", lambda r: r.applied_on, 12), ("确定为入党积极分子时间", lambda r: r.activist_on, 14),
                           ("确定为发展对象时间", lambda r: r.candidate_on, 14), ("入党介绍人", lambda r: r.sponsors, 14),
                           ("政治审查", lambda r: r.political_review, 18), ("培训结业时间", lambda r: r.training_passed_on, 12)],
    "to-admit": _BASE + [("递交入党申请书时间", lambda r: r.applied_on, 12), ("确定入党积极分子时间", lambda r: r.activist_on, 12),
                         ("确定发展对象时间", lambda r: r.candidate_on, 12), ("政治审查", lambda r: r.political_review, 16),
                         ("党校结业时间", lambda r: r.training_passed_on, 12), ("预审时间", lambda r: r.pre_review_on, 12),
                         ("支部党员大会时间", lambda r: r.branch_meeting_on, 12),
                         ("入党谈话时间", lambda r: r.higher_talk_on, 12), ("入党介绍人", lambda r: r.sponsors, 14)],
    "probationary": _BASE + [("申请入党时间", lambda r: r.applied_on, 12), ("入党时间", lambda r: r.branch_meeting_on, 12),
                             ("入党宣誓时间", lambda r: r.oath_on, 12), ("预备期满", lambda r: r.probation_end, 12), _PHONE],
    "due-conversion": _BASE + [("申请入党时间", lambda r: r.applied_on, 12), ("确定为预备党员时间", lambda r: r.branch_meeting_on, 12),
                               ("入党宣誓时间", lambda r: r.oath_on, 12), ("预备期满", lambda r: r.probation_end, 12),
                               ("递交转正申请书时间", lambda r: r.confirm_applied_on, 14)],
}


def write_list_xlsx(kind: str, rows: list[ListRow], target: Path | str, *, org_name: str, on: date) -> Path:
    """One list: title, 截至 date, 序号 and the layout's columns, dates as real dates, printable."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    cols = COLUMNS[kind]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(LISTS[kind])
    ws.column_dimensions["A"].width = 6
    for i, (_h, _g, width) in enumerate(cols, start=2):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "C4"
    last = get_column_letter(len(cols) + 1)

    def cell(value, **style):
        c = WriteOnlyCell(ws, value)
        for k, v in style.items():
            setattr(c, k, v)
        return c

    ws.append([cell(f"{org_name}{LISTS[kind]}", font=Font(size=16, bold=True), alignment=Alignment(horizontal="center"))])
    ws.append([cell(f"截至 {on.isoformat()}　共 {len(rows)} 人　（中国共产党发展党员工作细则）",
                    alignment=Alignment(horizontal="right"))])
    ws.merged_cells.add(f"A1:{last}1")
    ws.merged_cells.add(f"A2:{last}2")
    head = dict(font=Font(bold=True, color="FFFFFF"), fill=PatternFill("solid", fgColor="C00000"),
                alignment=Alignment(horizontal="center", vertical="center", wrap_text=True))
    ws.append([cell("序号", **head)] + [cell(h, **head) for h, _g, _w in cols])
    for n, r in enumerate(rows, start=1):
        out: list = [n]
        for _h, get, _w in cols:
            value = get(r)
            if isinstance(value, date):
                out.append(WriteOnlyCell(ws, value))
                out[-1].number_format = "yyyy-mm-dd"
            else:
                out.append(text_value(ws, value or None))
        ws.append(out)
    print_landscape(ws, 3)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return Path(target)


def write_stats_xlsx(stats: DevelopmentStats, target: Path | str, *, org_name: str) -> Path:
    """发展党员工作情况统计: the year's admissions by sex, age, education, occupation; each stage at year's end."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "发展党员情况"
    ws["A1"] = f"{org_name}{stats.year}年发展党员工作情况统计"
    ws["A1"].font = Font(size=14, bold=True)
    rows = [("发展党员", stats.admitted), ("其中：女", stats.admitted_female), ("少数民族", stats.admitted_minority),
            ("预备党员转正", stats.converted), ("本年递交入党申请书", stats.applications)]
    r = 3
    for label, value in rows:
        ws.cell(r, 1, label)
        ws.cell(r, 2, value)
        r += 1
    for title, table in (("年龄", stats.admitted_by_age), ("学历", stats.admitted_by_education),
                         ("职业（工作岗位）", stats.admitted_by_occupation)):
        r += 1
        ws.cell(r, 1, f"发展党员按{title}").font = Font(bold=True)
        r += 1
        for label, value in table.items():
            ws.cell(r, 1, label)
            ws.cell(r, 2, value)
            r += 1
    ws.column_dimensions["A"].width = 24
    stages = wb.create_sheet("年底各阶段")
    headers = ("阶段", "总数", "女", "少数民族", "35岁及以下", "大专及以上", "中专高中中技")
    stages.append(headers)
    for cell in stages[1]:
        cell.font = Font(bold=True)
    for stage, f in stats.stages.items():
        stages.append([stage, f.total, f.female, f.minority, f.age_35_and_under, f.college_and_above, f.secondary])
    stages.column_dimensions["A"].width = 14
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return Path(target)
