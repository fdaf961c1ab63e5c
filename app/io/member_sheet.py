"""Turning a roster sheet from a higher level or an old Excel file into member rows.

Finds the header row below title rows, reads merged two-level headers, strips notes
in （）/(), matches columns by name and synonyms (a saved profile can override), and
converts each cell — dates in every shape clerks type, never inventing a missing day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.domain.bulk import paused_gc
from app.domain.dates import PartialDate
from app.domain.enums import DatePrecision
from app.domain.errors import ValidationError
from app.domain.member_rules import check_field
from app.io.excel_read import Sheet, cell_text
from app.services.member_import import ImportRow as SheetRow
from app.services.member_import import RowError

# field -> header texts (after normalisation); the first is the canonical header
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "党员姓名", "名字"),
    "gender": ("性别",),
    "ethnicity": ("民族",),
    "birth_date": ("出生日期", "出生年月", "出生时间", "出生年月日", "生日"),
    "id_number": ("公民身份号码", "身份证号", "身份证号码", "身份证", "公民身份证号", "公民身份证号码", "证件号码"),
    "education": ("学历", "最高学历", "文化程度", "全日制学历"),
    "native_place": ("籍贯",),
    "category": ("人员类别", "党员类别", "类别", "政治面貌", "党员身份"),
    "join_date": ("入党日期", "入党时间", "入党年月", "加入党组织日期"),
    "full_date": ("转正日期", "转正时间", "转正年月", "转为正式党员日期"),
    "work_start_date": ("参加工作日期", "参加工作时间"),
    "job_post": ("工作岗位", "岗位", "职业", "人员身份"),
    "work_unit": ("工作单位及职务", "工作单位", "单位及职务", "单位职务", "工作单位和职务", "单位"),
    "party_post": ("党内职务",),
    "phone": ("联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "电话号码"),
    "address": ("家庭住址", "住址", "现住址", "居住地址", "家庭地址", "现居住地"),
    "org": ("所在党支部", "所在支部", "党支部", "所在组织", "所在党组织", "支部名称", "支部"),
    "group": ("党小组", "所在党小组"),
    "notes": ("备注",),
}
LABELS = {f: names[0] for f, names in SYNONYMS.items()}
DATE_FIELDS = ("birth_date", "join_date", "full_date", "work_start_date")
_LOOKUP = {name: f for f, names in SYNONYMS.items() for name in names}
_NOTE = re.compile(r"[（(][^）)]*[）)]")
EXCEL_EPOCH = date(1899, 12, 30)


def normalise_header(text: str) -> str:
    text = _NOTE.sub("", cell_text(text))
    return re.sub(r"[\s*:：＊]", "", text)


def field_for(header: str, profile: dict[str, str] | None = None) -> str | None:
    key = normalise_header(header)
    if profile and key in profile:
        return profile[key] or None
    return _LOOKUP.get(key)


@dataclass(frozen=True)
class ColumnMap:
    index: int
    header: str  # as the clerk sees it (both levels joined for a two-level header)
    field: str | None


@dataclass
class ParsedSheet:
    title: str | None
    header_rows: tuple[int, ...]
    columns: list[ColumnMap]
    rows: list[SheetRow]
    errors: list[RowError]

    @property
    def mapped(self) -> set[str]:
        return {c.field for c in self.columns if c.field}


def _filled_header_rows(sheet: Sheet, upto: int) -> list[list[str]]:
    rows = [[cell_text(v) for v in r] for r in sheet.rows[:upto]]
    for (r0, c0), (r1, c1) in sheet.merged:
        if r0 >= upto:
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else ""
        for r in range(r0, min(r1, upto - 1) + 1):
            for c in range(c0, c1 + 1):
                if c < len(rows[r]):
                    rows[r][c] = value
    return rows


def detect_columns(sheet: Sheet, profile: dict[str, str] | None = None) -> tuple[tuple[int, ...], list[ColumnMap]]:
    """The header row(s) and what each column holds."""
    scan = min(len(sheet.rows), 20)
    rows = _filled_header_rows(sheet, min(len(sheet.rows), scan + 1))
    best: tuple[int, tuple[int, ...], list[ColumnMap]] = (0, (), [])
    for h in range(scan):
        if not any(rows[h]):
            continue
        single = [ColumnMap(i, t, field_for(t, profile)) for i, t in enumerate(rows[h])]
        candidates = [((h,), single)]
        if h + 1 < len(rows) and len({t for t in rows[h] if t}) > 1:  # one text across the row is a title
            double = []
            for i, top in enumerate(rows[h]):
                low = rows[h + 1][i] if i < len(rows[h + 1]) else ""
                f = field_for(low, profile) or field_for(top, profile)
                shown = low if top in ("", low) else (f"{top}/{low}" if low else top)
                double.append(ColumnMap(i, shown, f))
            candidates.append(((h, h + 1), double))
        for header_rows, cols in candidates:
            fields = [c.field for c in cols if c.field]
            score = len(set(fields)) - (len(fields) - len(set(fields)))
            if "name" in fields and score > best[0]:
                best = (score, header_rows, cols)
    if best[0] < 2:
        return (), []
    return best[1], best[2]


def sheet_title(sheet: Sheet, header_rows: tuple[int, ...]) -> str | None:
    """The title above the header (e.g. “幸福社区党委党员花名册”), if any."""
    for r in range(header_rows[0] if header_rows else 0):
        texts = [cell_text(v) for v in sheet.rows[r] if cell_text(v)]
        if len(set(texts)) == 1:
            return texts[0]
    return None


def parse_date(value: object) -> PartialDate:
    """A date from an Excel cell: a real date, a serial number, or text in any common shape."""
    if isinstance(value, datetime):
        return PartialDate(value.date())
    if isinstance(value, date):
        return PartialDate(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
        if number.is_integer() and 1900 <= number <= 2100:
            return PartialDate(date(int(number), 1, 1), DatePrecision.YEAR)
        if number.is_integer() and 190001 <= number <= 210012:
            return PartialDate.parse(str(int(number)))
        if number.is_integer() and 19000101 <= number <= 21001231:
            return PartialDate.parse(str(int(number)))
        if 1 <= number < 80000:
            return PartialDate(EXCEL_EPOCH + timedelta(days=int(number)))
        raise ValueError(f"无法识别的日期：{cell_text(value)}")
    return PartialDate.parse(cell_text(value).replace("．", "."))


def convert(field_name: str, value: object) -> object:
    """One cell for one field; raise ValueError with the reason in Chinese."""
    if field_name in DATE_FIELDS:
        return parse_date(value)
    if field_name == "id_number" and isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError("身份证号码被存成了数字，末几位已经丢失；请把该列设为“文本”格式后重新录入")
    if type(value) is str:
        text = value.strip()
        if "  " in text or "\n" in text or "\t" in text:
            text = " ".join(text.split())
    else:
        text = cell_text(value)
    if field_name == "category":
        if text in ("中共党员", "党员", "正式", "正式党员"):
            return "正式党员"
        if text in ("中共预备党员", "预备", "预备党员"):
            return "预备党员"
    return text


_BLANK = object()


@dataclass(frozen=True, slots=True)
class _Warned:
    value: object
    warning: str


# Columns without a single-field rule of their own whose text passes through as typed:
# check_record normalises the name and idnumber.parse the ID number.
_PASS_THROUGH = frozenset({"name", "id_number"})


def _convert_column(field_name: str, cells: list) -> tuple[list, bool]:
    """``convert`` and the field's own rule (member_rules.check_field) over one column.

    Each distinct value is checked once. Blanks become _BLANK, a refused value a
    ValueError, a value with a warning a _Warned; the flag says whether any cell is one
    of the last two.
    """
    if field_name in _PASS_THROUGH and all(type(v) is str or v is None for v in cells):
        return [_BLANK if v is None or not v.strip() else v for v in cells], False
    kinds = {type(v) for v in cells}
    mixed = len(kinds - {str, type(None)}) > 1  # 1, 1.0 and True are equal as dict keys
    table: dict = {}
    special = False
    for v in set(cells) if not mixed else {(type(v), v) for v in cells}:
        value = v[1] if mixed else v
        if value is None or (type(value) is str and not value.strip()):
            table[v] = _BLANK
            continue
        try:
            clean, warning = check_field(field_name, convert(field_name, value))
        except ValidationError as exc:
            result, special = ValueError(exc.message), True
        except ValueError as exc:
            result, special = exc, True
        else:
            if warning is None:
                result = clean
            else:
                result, special = _Warned(clean, warning), True
        table[v] = result
    if mixed:
        return [table[(type(v), v)] for v in cells], special
    return [table[v] for v in cells], special


def parse_sheet(sheet: Sheet, profile: dict[str, str] | None = None) -> ParsedSheet:
    with paused_gc():
        return _parse_sheet(sheet, profile)


def _parse_sheet(sheet: Sheet, profile: dict[str, str] | None) -> ParsedSheet:
    header_rows, columns = detect_columns(sheet, profile)
    errors: list[RowError] = []
    if not header_rows:
        errors.append(RowError(1, "表头", "找不到表头行：前20行中没有同时含“姓名”和其他常见列名（如 性别、身份证号码）的行"))
        return ParsedSheet(None, (), [], [], errors)
    mapped = [c for c in columns if c.field]
    seen: set[str] = set()
    for c in mapped:
        if c.field in seen:
            errors.append(RowError(header_rows[-1] + 1, c.header, f"与另一列都对应“{LABELS[c.field]}”，请在列对应中只保留一列"))
        seen.add(c.field)
    headers = {c.field: c.header for c in mapped}  # shared by every row: read-only
    first = header_rows[-1] + 1
    body = sheet.rows[first:]
    width = max((len(raw) for raw in body), default=0)
    body = [raw if len(raw) == width else raw + [None] * (width - len(raw)) for raw in body]
    names = [c.field for c in mapped]
    # column-wise: each distinct value of a column is converted and checked once (10,000 rows × 20 columns)
    converted = [_convert_column(c.field, [raw[c.index] for raw in body]) for c in mapped]
    special = [name for name, (_, flagged) in zip(names, converted) if flagged]
    rows: list[SheetRow] = []
    for offset, cells in enumerate(zip(*(out for out, _ in converted)) if converted else ()):
        values = {name: v for name, v in zip(names, cells) if v is not _BLANK}
        if not values:
            continue
        if "name" not in values:
            texts = " ".join(cell_text(v) for v in body[offset])
            if any(word in texts for word in ("制表", "合计", "审核", "盖章", "填表", "说明")):
                continue  # signature and note lines at the bottom
        excel_row = first + offset + 1
        warnings = []
        for name in special:
            v = values.get(name)
            if type(v) is ValueError:
                errors.append(RowError(excel_row, headers[name], str(v)))
                del values[name]
            elif type(v) is _Warned:
                warnings.append(v.warning)
                values[name] = v.value
        rows.append(SheetRow(excel_row, values, headers, tuple(warnings), fields_checked=True))
    return ParsedSheet(sheet_title(sheet, header_rows), header_rows, columns, rows, errors)
