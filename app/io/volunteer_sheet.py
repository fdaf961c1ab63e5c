"""Reading a volunteer roster or an hours sheet (.xlsx / .xls) into plain rows, every bad cell named.

Both come from other hands (a street's 志愿者名册, a team's 服务时长登记表, an upstream platform's
export) and are messy: title rows and merged two-level headers above the real header, notes in
（）after header names, dates as Excel serials or text (2026.3.5, 2026年3月5日), hours as “2小时” or
“1小时30分”, names with spaces, ID numbers stored as numbers, a 合计 row and signature lines below.
The header is the row in the top 20 that names the most known columns, including 姓名 (and 服务时长
for an hours sheet). A cell that cannot be read becomes an error “第N行 列名: 原因”; nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from app.domain.enums import DatePrecision
from app.domain.errors import ValidationError
from app.domain.volunteer_rules import parse_hours
from app.io.excel_read import Sheet, cell_text
from app.io.member_sheet import normalise_header, parse_date
from app.services.member_import import RowError
from app.services.volunteer_import import HoursRow, RosterRow

ROSTER_FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "志愿者姓名", "名字", "团体名称", "志愿者"),
    "kind": ("类型", "志愿者类型", "个人或团体"),
    "gender": ("性别",),
    "id_type": ("证件类型",),
    "id_number": ("证件号码", "身份证号", "身份证号码", "公民身份号码", "身份证", "公民身份证号", "证件号"),
    "phone": ("联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "电话号码"),
    "skills": ("服务技能", "技能", "特长", "专长", "技能特长"),
    "volunteer_no": ("志愿者编号", "志愿者号", "注册编号", "编号"),
    "registered_on": ("注册日期", "注册时间", "登记日期", "登记时间", "加入日期", "加入时间"),
    "political": ("政治面貌", "是否党员"),
    "team": ("服务队", "所属服务队", "所在服务队", "队伍"),
    "contact_person": ("联系人", "负责人"),
    "group_size": ("人数", "团体人数"),
    "notes": ("备注",),
}
HOURS_FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "志愿者姓名", "名字", "志愿者"),
    "id_number": ROSTER_FIELDS["id_number"],
    "volunteer_no": ROSTER_FIELDS["volunteer_no"],
    "title": ("活动名称", "活动", "项目名称", "服务项目", "活动主题", "服务内容", "志愿服务项目"),
    "service_date": ("服务日期", "活动日期", "服务时间", "活动时间", "日期", "参加时间"),
    "hours": ("服务时长", "时长", "志愿服务时长", "服务时数", "小时数", "工时", "时数", "服务小时数"),
    "category": ("服务类别", "类别", "服务类型"),
    "team": ("服务队", "组织单位", "所属服务队", "组织服务队"),
    "place": ("服务地点", "地点", "活动地点"),
    "confirmed_by": ("确认人", "审核人", "核实人", "签字确认"),
    "notes": ("备注",),
}
ROSTER_LABELS = {f: names[0] for f, names in ROSTER_FIELDS.items()}
HOURS_LABELS = {f: names[0] for f, names in HOURS_FIELDS.items()}
_SKIP_WORDS = ("合计", "总计", "小计", "制表", "审核", "盖章", "填表", "说明", "注：", "签字")


@dataclass(frozen=True)
class Columns:
    header_row: int  # 0-based index of the (last) header row
    fields: dict[str, int]  # field -> column index
    headers: dict[str, str]  # field -> header as written
    title: str | None


def _filled(sheet: Sheet, upto: int) -> list[list[str]]:
    rows = [[cell_text(v) for v in r] for r in sheet.rows[:upto]]
    for (r0, c0), (r1, c1) in sheet.merged:
        if r0 >= upto or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(r0, min(r1, upto - 1) + 1):
            for c in range(c0, min(c1, len(rows[r]) - 1) + 1):
                rows[r][c] = value
    return rows


def find_columns(sheet: Sheet, synonyms: dict[str, tuple[str, ...]], required: tuple[str, ...]) -> Columns | None:
    """The header row(s) in the top 20 rows naming the most known columns, with every ``required`` field."""
    lookup = {name: f for f, names in synonyms.items() for name in names}
    rows = _filled(sheet, min(len(sheet.rows), 21))
    best: tuple[int, Columns] | None = None
    for h in range(min(len(rows), 20)):
        texts = rows[h]
        if len({t for t in texts if t}) < 2:
            continue  # a title across the row
        for double in (False, True):
            if double and h + 1 >= len(rows):
                continue
            fields: dict[str, int] = {}
            headers: dict[str, str] = {}
            for i, top in enumerate(texts):
                low = rows[h + 1][i] if double and i < len(rows[h + 1]) else ""
                f = lookup.get(normalise_header(low)) if low else None
                f = f or lookup.get(normalise_header(top))
                if f and f not in fields:
                    fields[f], headers[f] = i, (low or top)
            if not all(r in fields for r in required):
                continue
            score = len(fields) - (1 if double else 0)
            if best is None or score > best[0]:
                title = next((t for r in rows[:h] if (t := next((c for c in r if c), "")) and
                              len({c for c in r if c}) == 1), None)
                best = (score, Columns(h + 1 if double else h, fields, headers, title))
    return best[1] if best else None


def _date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        value = re.sub(r"\s+\d{1,2}[:：]\d{2}.*$", "", value.strip()).replace("．", ".")
    parsed = parse_date(value)
    if parsed.precision is not DatePrecision.DAY:
        raise ValueError(f"“{cell_text(value)}”缺少日，请写完整的年月日")
    return parsed.value


def _text(value) -> str | None:
    text = cell_text(value).strip()
    return text or None


def _number_id(value, header: str, row: int, errors: list[RowError]) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and len(cell_text(value)) >= 15:
        errors.append(RowError(row, header, "证件号码被存成了数字，末几位已经丢失；请把该列设为“文本”格式后重新录入"))
        return None
    return _text(value)


def _body(sheet: Sheet, cols: Columns):
    """(Excel row number, cells, name) of each data row, padded.

    Left out: rows with nothing in the known columns (a template's pre-numbered 序号), 合计 rows,
    and note or signature lines (制表人、审核人、盖章、说明).
    """
    name_col = cols.fields["name"]
    width = max(cols.fields.values()) + 1
    for r in range(cols.header_row + 1, len(sheet.rows)):
        raw = list(sheet.rows[r]) + [None] * (width - len(sheet.rows[r]))
        name = "".join(cell_text(raw[name_col]).split())
        if name in ("合计", "总计", "小计") or name.startswith(_SKIP_WORDS):
            continue
        if not name:
            known = [cell_text(raw[i]).strip() for f, i in cols.fields.items() if f != "name"]
            if not any(known) or any(w in "".join(cell_text(v) for v in raw) for w in _SKIP_WORDS):
                continue
        yield r + 1, raw, name


def parse_roster(sheet: Sheet) -> tuple[list[RosterRow], list[RowError], Columns | None]:
    cols = find_columns(sheet, ROSTER_FIELDS, ("name",))
    if cols is None or len(cols.fields) < 2:
        return [], [RowError(1, "表头", "找不到表头行：前20行中没有同时含“姓名”和其他常见列名（如 证件号码、联系电话）的行")], None
    errors: list[RowError] = []
    rows: list[RosterRow] = []
    for excel_row, raw, name in _body(sheet, cols):
        values: dict[str, object] = {}
        for f, i in cols.fields.items():
            v = raw[i]
            if v is None or cell_text(v).strip() == "":
                continue
            try:
                if f == "registered_on":
                    values[f] = _date(v)
                elif f == "id_number":
                    number = _number_id(v, cols.headers[f], excel_row, errors)
                    if number:
                        values[f] = number
                elif f == "group_size":
                    values[f] = int(float(cell_text(v).removesuffix("人")))
                else:
                    values[f] = _text(v)
            except ValueError as exc:
                errors.append(RowError(excel_row, cols.headers[f], str(exc) if "日" in str(exc) or "日期" in str(exc)
                                       else f"“{cell_text(v)}”无法识别"))
        if not name:
            errors.append(RowError(excel_row, cols.headers["name"], "未填姓名"))
            continue
        values["name"] = name
        rows.append(RosterRow(excel_row, values, dict(cols.headers)))
    return rows, errors, cols


def parse_hours_sheet(sheet: Sheet) -> tuple[list[HoursRow], list[RowError], Columns | None]:
    cols = find_columns(sheet, HOURS_FIELDS, ("name", "hours"))
    if cols is None:
        return [], [RowError(1, "表头", "找不到表头行：前20行中没有同时含“姓名”和“服务时长”的行")], None
    missing = [HOURS_LABELS[f] for f in ("title", "service_date") if f not in cols.fields]
    if missing:
        return [], [RowError(cols.header_row + 1, "表头", f"缺少“{'”“'.join(missing)}”列")], cols
    errors: list[RowError] = []
    rows: list[HoursRow] = []
    h = cols.headers
    for excel_row, raw, name in _body(sheet, cols):
        cell = {f: raw[i] for f, i in cols.fields.items()}
        bad = False
        if not name:
            errors.append(RowError(excel_row, h["name"], "未填姓名"))
            bad = True
        title = " ".join(cell_text(cell["title"]).split())
        if not title:
            errors.append(RowError(excel_row, h["title"], "未填活动名称"))
            bad = True
        day = None
        if cell["service_date"] is None or not cell_text(cell["service_date"]).strip():
            errors.append(RowError(excel_row, h["service_date"], "未填服务日期"))
            bad = True
        else:
            try:
                day = _date(cell["service_date"])
            except ValueError as exc:
                errors.append(RowError(excel_row, h["service_date"], str(exc)))
                bad = True
        try:
            hours = parse_hours(cell["hours"])
        except ValidationError as exc:
            errors.append(RowError(excel_row, h["hours"], exc.message))
            bad = True
        number = _number_id(cell.get("id_number"), h.get("id_number", ""), excel_row, errors)
        if "id_number" in cell and number is None and cell.get("id_number") not in (None, ""):
            bad = True
        if bad:
            continue
        rows.append(HoursRow(excel_row, name, number, _text(cell.get("volunteer_no")), title, day, hours,
                             _text(cell.get("category")), _text(cell.get("team")), _text(cell.get("place")),
                             _text(cell.get("confirmed_by")), _text(cell.get("notes")), dict(h)))
    return rows, errors, cols


def plan_roster_file(session, path, *, sheet: str | int = 0, today: date | None = None):
    """Read and check a roster file: (plan, every error in row order); ``SheetError`` if unreadable."""
    from app.io.excel_read import read_sheet
    from app.services.volunteer_import import plan_roster_import

    rows, errors, _cols = parse_roster(read_sheet(path, sheet))
    plan = plan_roster_import(session, rows, today=today)
    return plan, sorted(errors + plan.errors, key=lambda e: e.row)


def plan_hours_file(session, path, *, sheet: str | int = 0, today: date | None = None):
    """Read and check an hours sheet: (plan, every error in row order); ``SheetError`` if unreadable."""
    from app.io.excel_read import read_sheet
    from app.services.volunteer_hours_import import plan_hours_import

    rows, errors, _cols = parse_hours_sheet(read_sheet(path, sheet))
    plan = plan_hours_import(session, rows, today=today)
    return plan, sorted(errors + plan.errors, key=lambda e: e.row)
