"""志愿服务时长统计表 (.xlsx): per person, per activity, per month and team, the statistics; and the
monthly per-person sheet upstream platforms take for batch entry.

No national template exists (rules-and-peers.md C): the columns follow what a certificate states
(民发〔2015〕149号: 姓名、证件类型及号码、志愿者编号、服务时间和内容). ID numbers are written whole
and as text (the platform matches people by them; Excel would otherwise turn them into 1.1E+17).
Every sheet is built from the same confirmed entries, so their totals agree.
"""

from __future__ import annotations

from pathlib import Path

from app.io.atomic import atomic_path
from app.io.xlsx_safe import print_landscape, text_value
from app.services.volunteer_hours import HoursReport, kind_label
from app.services.volunteer_stats import VolunteerStats

HOURS = "0.00"
PEOPLE_HEADERS = ("序号", "姓名", "类别", "性别", "证件类型", "证件号码", "志愿者编号", "服务次数", "服务时长（小时）",
                  "首次服务", "最近服务")
PEOPLE_WIDTHS = (6, 12, 7, 6, 14, 22, 15, 9, 15, 12, 12)
DETAIL_HEADERS = ("序号", "姓名", "证件号码", "志愿者编号", "服务日期", "活动名称", "服务类别", "服务队", "服务地点",
                  "服务时长（小时）", "确认人", "确认日期", "备注")
DETAIL_WIDTHS = (6, 12, 22, 15, 12, 26, 10, 18, 18, 15, 10, 12, 20)
PLATFORM_HEADERS = ("序号", "姓名", "证件类型", "证件号码", "志愿者编号", "服务年月", "服务次数", "服务时长（小时）")
PLATFORM_WIDTHS = (6, 12, 14, 22, 15, 10, 9, 15)


class _Sheet:
    """A streaming sheet with a title, a red header row, text-safe cells and A4 landscape printing."""

    def __init__(self, wb, name: str, headers, widths, *, title: str | None = None, note: str | None = None):
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter

        self.ws = ws = wb.create_sheet(name)
        self.width = len(headers)
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
        last = get_column_letter(len(headers))
        row = 0
        if title:
            ws.append([self.cell(title, font=Font(size=15, bold=True), alignment=Alignment(horizontal="center"))])
            ws.merged_cells.add(f"A1:{last}1")
            row += 1
        if note:
            ws.append([self.cell(note, alignment=Alignment(horizontal="left"))])
            ws.merged_cells.add(f"A{row + 1}:{last}{row + 1}")
            row += 1
        head = dict(font=Font(bold=True, color="FFFFFF"), fill=PatternFill("solid", fgColor="C00000"),
                    alignment=Alignment(horizontal="center", vertical="center", wrap_text=True))
        ws.append([self.cell(h, **head) for h in headers])
        self.header_row = row + 1
        ws.freeze_panes = f"C{self.header_row + 1}"
        print_landscape(ws, self.header_row, grid=False)

    def cell(self, value, *, number_format: str | None = None, **style):
        from openpyxl.cell import WriteOnlyCell

        c = WriteOnlyCell(self.ws, value)
        if number_format:
            c.number_format = number_format
        for k, v in style.items():
            setattr(c, k, v)
        return c

    def hours(self, value):
        from openpyxl.cell import WriteOnlyCell

        c = WriteOnlyCell(self.ws, value)  # a number in Excel (Decimal)
        c.number_format = HOURS
        return c

    def text_id(self, value: str):
        """An ID or volunteer number: a text cell with Excel's 文本 format."""
        from openpyxl.cell import WriteOnlyCell

        if not value:
            return None
        c = WriteOnlyCell(self.ws, value)
        c.data_type = "s"
        c.number_format = "@"
        return c

    def day(self, value):
        if value is None:
            return None
        from openpyxl.cell import WriteOnlyCell

        c = WriteOnlyCell(self.ws, value)
        c.number_format = "yyyy-mm-dd"
        return c

    def text(self, value: str | None):
        return text_value(self.ws, value or None)

    def total(self, label: str, col: int, value, extra: dict | None = None):
        from openpyxl.styles import Font

        row = [None] * self.width
        row[1] = self.cell(label, font=Font(bold=True))
        row[col] = self.cell(value, number_format=HOURS, font=Font(bold=True))
        for k, v in (extra or {}).items():
            row[k] = self.cell(v, font=Font(bold=True))
        self.ws.append(row)


def write_hours_xlsx(report: HoursReport, target: Path | str, *, stats: VolunteerStats | None = None) -> Path:
    """The 志愿服务时长统计表: sheets 时长汇总, 活动明细, 按月汇总 (months and teams), 按月时长, 统计."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    p = report.period
    span = f"统计期间：{p.start.isoformat()} 至 {p.end.isoformat()}　只计已确认的实际服务时长（不含往返交通时间）"
    sheet = _Sheet(wb, "时长汇总", PEOPLE_HEADERS, PEOPLE_WIDTHS,
                   title=f"{report.org_name}{p.label}志愿服务时长统计表", note=span)
    for n, r in enumerate(report.people, 1):
        sheet.ws.append([n, sheet.text(r.name), kind_label(r.kind, r.is_member), r.gender or None, r.id_type,
                         sheet.text_id(r.id_number), sheet.text_id(r.volunteer_no), r.times, sheet.hours(r.hours),
                         sheet.day(r.first), sheet.day(r.last)])
    sheet.total(f"合计（{len(report.people)} 人）", 8, report.total, {7: sum(r.times for r in report.people)})
    detail = _Sheet(wb, "活动明细", DETAIL_HEADERS, DETAIL_WIDTHS, title=f"{report.org_name}{p.label}志愿服务时长明细",
                    note=span)
    for n, line in enumerate(report.lines, 1):
        detail.ws.append([n, detail.text(line.name), detail.text_id(line.id_number), detail.text_id(line.volunteer_no),
                          detail.day(line.service_date), detail.text(line.title), detail.text(line.category),
                          detail.text(line.team), detail.text(line.place), detail.hours(line.hours),
                          detail.text(line.confirmed_by), detail.day(line.confirmed_on), detail.text(line.notes)])
    detail.total(f"合计（{len(report.lines)} 人次）", 9, report.total)
    months = _Sheet(wb, "按月汇总", ("序号", "月份或服务队", "服务时长（小时）"), (6, 26, 15),
                    title=f"{report.org_name}{p.label}志愿服务时长（按月、按服务队）")
    for n, ((y, m), hours) in enumerate(report.by_month().items(), 1):
        months.ws.append([n, f"{y}年{m}月", months.hours(hours)])
    months.total("按月合计", 2, sum(report.by_month().values()))
    months.ws.append([])
    for n, (team, hours) in enumerate(report.by_team().items(), 1):
        months.ws.append([n, months.text(team), months.hours(hours)])
    months.total("按服务队合计", 2, sum(report.by_team().values()))
    _platform(wb, report)
    if stats is not None:
        s = _Sheet(wb, "统计", ("分组", "项目", "数值", "怎么算"), (10, 28, 14, 70),
                   title=f"{stats.org_name}{stats.period.label}志愿服务情况统计")
        for line in stats.lines:
            s.ws.append([line.group, line.label, line.value, s.text(line.how)])
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return Path(target)


def _platform(wb, report: HoursReport) -> None:
    """One row per person and month, header in row 1: the shape batch-entry templates take."""
    sheet = _Sheet(wb, "按月时长", PLATFORM_HEADERS, PLATFORM_WIDTHS)
    for n, pm in enumerate(report.person_months(), 1):
        r = pm.person
        sheet.ws.append([n, sheet.text(r.name), r.id_type, sheet.text_id(r.id_number), sheet.text_id(r.volunteer_no),
                         sheet.text_id(f"{pm.year}-{pm.month:02d}"), pm.times, sheet.hours(pm.hours)])


def write_platform_xlsx(report: HoursReport, target: Path | str) -> Path:
    """Only the monthly per-person sheet, for an upstream platform's batch entry."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    _platform(wb, report)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return Path(target)
