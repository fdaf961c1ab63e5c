"""The quarterly workbook as one .xlsx: 说明, 花名册, 党费收缴, 三会一课台账, 发展党员, 志愿服务, 统计汇总.

Streamed sheet by sheet (write-only). It is the working file sent upward: ID numbers are
whole (the higher level and ``consolidate`` match on them). The 说明 sheet names the
organisation, the period and the format, so that a roll-up can check what it is given; the
统计汇总 sheet keeps each figure's stable key beside it.
"""

from __future__ import annotations

from pathlib import Path

from app.domain.dates import PartialDate
from app.domain.enums import DatePrecision
from app.io.atomic import atomic_path
from app.io.roster_columns import COLUMNS as ROSTER_COLUMNS
from app.io.xlsx_stream import Col, StreamSheet
from app.services.stats_workbook import FORMAT_VERSION, MARKER, Package
from app.services.volunteer_hours import kind_label

SHEETS = ("说明", "花名册", "党费收缴", "三会一课台账", "发展党员", "志愿服务", "统计汇总")  # then 工作总结数据, 党内统计
ROSTER_KINDS = {"text": "text", "int": "int", "date": "date"}
FIGURE_COLUMNS = [Col("分组", 10), Col("项目", 26), Col("数值", 14, "auto"), Col("怎么算", 70), Col("键", 26)]


def _day(value: PartialDate | None):
    if value is None:
        return None
    return value.value if value.precision is DatePrecision.DAY else str(value)  # 1978-06 stays text


def write_workbook(package: Package, target: Path | str, *, extra=None) -> Path:
    """Write the package; ``extra(wb)`` may add further sheets (the 党内统计 tables) before it is saved."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    _about(wb, package)
    _roster(wb, package)
    _dues(wb, package)
    _meetings(wb, package)
    _development(wb, package)
    _volunteers(wb, package)
    _figures(wb, package)
    _small_sheets(wb, package)
    if extra is not None:
        extra(wb)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return Path(target)


def _small_sheets(wb, p: Package) -> None:
    """工作总结数据 and the 党内统计 tables: laid out by their own writer on a scratch sheet, then streamed in."""
    from openpyxl import Workbook

    from app.io.stats_tables_xlsx import add_party_sheets, add_summary_sheet
    from app.io.xlsx_stream import stream_copy

    scratch = Workbook()
    scratch.remove(scratch.active)
    if p.summary is not None:
        add_summary_sheet(scratch, p.summary)
    add_party_sheets(scratch, p.tables)
    for ws in scratch.worksheets:
        stream_copy(ws, wb)


def _about(wb, p: Package) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    ws = wb.create_sheet("说明")
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 70
    top = WriteOnlyCell(ws, MARKER)
    top.font = Font(size=15, bold=True)
    ws.append([top])
    for key, value in (("党组织", p.org_name), ("统计期间", p.period.label),
                       ("起止日期", f"{p.period.start.isoformat()} 至 {p.period.end.isoformat()}"),
                       ("生成日期", p.made_on.isoformat()), ("程序版本", p.version), ("格式版本", str(FORMAT_VERSION)),
                       ("工作表", "、".join(SHEETS[1:]) + "、工作总结数据、党内统计基本表"),
                       ("注意", "本工作簿含完整身份证号，是报送上级的工作文件，请妥善保管，不要公开张贴；"
                              "汇总时按身份证号核对各支部有无重复。")):
        ws.append([key, value])


def _roster(wb, p: Package) -> None:
    cols = [Col("序号", 6, "int")] + [Col(c.header, c.width, "id" if c.key in ("id_number", "phone")
                                        else ROSTER_KINDS[c.kind]) for c in ROSTER_COLUMNS]
    s = StreamSheet(wb, "花名册", cols, heading=f"{p.org_name}党员花名册",
                    note=f"{p.period.end.isoformat()} 在册党员 {len(p.roster.entries)} 人（正式和预备，含流动、失联）")
    for n, e in enumerate(p.roster.entries, start=1):
        values = [n]
        for c in ROSTER_COLUMNS:
            v = c.get(e, True)
            values.append(_day(v) if c.kind == "date" else v)
        s.append(values)


def _dues(wb, p: Package) -> None:
    months = [Col(f"{m}月" if len({y for y, _ in p.dues_months}) == 1 else f"{y}年{m}月", 9, "money")
              for y, m in p.dues_months]
    cols = [Col("序号", 6, "int"), Col("姓名", 10), Col("所在支部", 18), Col("类别", 9), Col("月应缴", 9, "money"),
            *months, Col("期内应缴", 11, "money"), Col("期内实缴", 11, "money"), Col("期内未交", 11, "money")]
    s = StreamSheet(wb, "党费收缴", cols, heading=f"{p.org_name}{p.period.label}党费收缴情况",
                    note="按所属月份计（一次交多月的按月分摊）；“—”为该月无须交纳　单位：元")
    n_months = len(p.dues_months)
    for n, d in enumerate(p.dues, start=1):
        s.append([n, d.name, d.org_name, d.category, d.monthly, *["—" if v is None else v for v in d.months],
                  d.due, d.paid, d.due - d.paid])
    due = sum((d.due for d in p.dues), 0)
    paid = sum((d.paid for d in p.dues), 0)
    s.total("合计", {5 + n_months: due, 6 + n_months: paid, 7 + n_months: due - paid})


def _meetings(wb, p: Package) -> None:
    cols = [Col("序号", 6, "int"), Col("日期", 12, "date"), Col("类型", 13), Col("组织", 24), Col("主题", 32),
            Col("主持人", 9), Col("记录人", 9), Col("应到", 7, "int"), Col("实到", 7, "int"), Col("缺席人员及原因", 34),
            Col("内容摘要", 50)]
    s = StreamSheet(wb, "三会一课台账", cols, heading=f"{p.org_name}{p.period.label}“三会一课”台账",
                    note=f"已召开会议 {len(p.meetings)} 次（应到按会议当日在册计算；缺席含请假）")
    for n, m in enumerate(p.meetings, start=1):
        s.append([n, m.meeting_date, m.type_name, m.org_name, m.theme, m.host, m.recorder, m.expected, m.present,
                  m.absentees, m.summary])


def _development(wb, p: Package) -> None:
    cols = [Col("序号", 6, "int"), Col("期末阶段", 12), Col("所在支部", 18), Col("姓名", 9), Col("性别", 5), Col("民族", 7),
            Col("出生日期", 11, "date"), Col("公民身份号码", 21, "id"), Col("学历", 9), Col("递交申请书", 11, "date"),
            Col("确定积极分子", 11, "date"), Col("确定发展对象", 11, "date"), Col("支部大会", 11, "date"),
            Col("预备期满", 11, "date"), Col("下一步", 30), Col("截止日期", 11, "date")]
    s = StreamSheet(wb, "发展党员", cols, heading=f"{p.org_name}发展党员工作情况（{p.period.end.isoformat()}）",
                    note="各阶段人员按期末日期所处阶段列出")
    for n, (stage, r) in enumerate(p.development, start=1):
        s.append([n, stage, r.org_name, r.name, r.gender, r.ethnicity, r.birth_date, r.id_number, r.education,
                  r.applied_on, r.activist_on, r.candidate_on, r.branch_meeting_on, r.probation_end, r.next_step,
                  r.deadline])


def _volunteers(wb, p: Package) -> None:
    cols = [Col("序号", 6, "int"), Col("姓名", 10), Col("类别", 12), Col("性别", 5), Col("证件类型", 10),
            Col("证件号码", 21, "id"), Col("志愿者编号", 14, "id"), Col("服务次数", 9, "int"),
            Col("服务时长（小时）", 12, "hours"), Col("首次服务", 11, "date"), Col("末次服务", 11, "date")]
    r = p.volunteers
    s = StreamSheet(wb, "志愿服务", cols, heading=f"{p.org_name}{p.period.label}志愿服务时长",
                    note="只计已确认的实际服务时长（不含往返交通时间）")
    for n, v in enumerate(r.people, start=1):
        s.append([n, v.name, kind_label(v.kind, v.is_member), v.gender, v.id_type, v.id_number, v.volunteer_no,
                  v.times, v.hours, v.first, v.last])
    s.total(f"合计（{len(r.people)} 人）", {7: sum(v.times for v in r.people), 8: r.total})


def _figures(wb, p: Package) -> None:
    s = StreamSheet(wb, "统计汇总", FIGURE_COLUMNS, heading=f"{p.org_name}{p.period.label}统计汇总",
                    note="人数按期末计算，变动按期内日期计算；“键”列供汇总程序识别，请勿改动")
    values = p.figures.values
    for line in p.lines:
        if line.key.startswith("meetings."):
            value = values["meetings"][line.key.split(".", 1)[1]]
        else:
            value = values[line.key]
        s.append([line.group, line.label, value, line.how, line.key])
