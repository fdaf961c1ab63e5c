"""Reading an existing 党费收缴台账 (a row per member, a column per month) to bring in its history.

The header row is the first of the top 20 rows with “姓名” and at least six month
columns (“1月”, “1月份”, “一月”); an ID-number column is used to match members when
present. Amount cells may be numbers or text like “30.00”/“30元”; blank, “—”, “-”, “/”
and “0” mean nothing was paid that month. Anything else is reported with its row and
column, and nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from app.io.excel_read import Sheet, cell_text
from app.services.member_import import RowError

_CN_MONTHS = "一二三四五六七八九十"
_MONTH = re.compile(r"^(\d{1,2})月份?$")
_YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年")
NOTHING = {"", "—", "-", "－", "/", "／", "0", "0.0", "0.00", "无", "免交"}


def _month_of(header: str) -> int | None:
    text = header.replace(" ", "")
    m = _MONTH.match(text)
    if m and 1 <= int(m.group(1)) <= 12:
        return int(m.group(1))
    names = {f"{c}月": i for i, c in enumerate(_CN_MONTHS, 1)} | {"十一月": 11, "十二月": 12}
    return names.get(text.removesuffix("份"))


@dataclass
class DuesSheetRow:
    row: int  # the row number Excel shows
    name: str
    id_number: str | None
    amounts: dict[int, Decimal] = field(default_factory=dict)  # month 1–12 → amount paid


@dataclass
class DuesSheet:
    year: int | None  # from the title (“2025年党费收缴台账”), if it says
    rows: list[DuesSheetRow]
    errors: list[RowError]
    month_columns: dict[int, str]  # month → the header as written


def parse_dues_sheet(sheet: Sheet) -> DuesSheet:
    errors: list[RowError] = []
    header_row, months, name_col, id_col = None, {}, None, None
    for r, raw in enumerate(sheet.rows[:20]):
        texts = [cell_text(v).replace(" ", "") for v in raw]
        found = {m: i for i, t in enumerate(texts) if (m := _month_of(t)) is not None}
        if "姓名" in texts and len(found) >= 6:
            header_row, months, name_col = r, found, texts.index("姓名")
            id_col = next((i for i, t in enumerate(texts) if "身份证" in t or t == "公民身份号码"), None)
            break
    if header_row is None:
        return DuesSheet(None, [], [RowError(1, "表头", "找不到表头行：前20行中没有同时含“姓名”和至少6个月份列（如“1月”）的行")], {})
    year = None
    for raw in sheet.rows[:header_row]:
        m = _YEAR.search(" ".join(cell_text(v) for v in raw))
        if m:
            year = int(m.group(1))
            break
    headers = {m: cell_text(sheet.rows[header_row][i]) for m, i in months.items()}
    rows = []
    for r in range(header_row + 1, len(sheet.rows)):
        raw = sheet.rows[r]
        name = "".join(cell_text(raw[name_col]).split()) if name_col < len(raw) else ""
        if not name or name in ("合计", "总计", "小计") or name.startswith(("制表", "审核", "说明")):
            continue
        number = cell_text(raw[id_col]).strip() if id_col is not None and id_col < len(raw) else ""
        if id_col is not None and isinstance(raw[id_col], (int, float)) and not isinstance(raw[id_col], bool):
            errors.append(RowError(r + 1, "身份证号", "身份证号码被存成了数字，末几位已经丢失；请把该列设为“文本”格式后重新录入"))
            continue
        row = DuesSheetRow(r + 1, name, number or None)
        for month, col in months.items():
            value = raw[col] if col < len(raw) else None
            try:
                amount = _amount(value)
            except ValueError as exc:
                errors.append(RowError(r + 1, headers[month], str(exc)))
                continue
            if amount is not None:
                row.amounts[month] = amount
        rows.append(row)
    return DuesSheet(year, rows, errors, headers)


def _amount(value) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        amount = Decimal(str(value))
    else:
        text = cell_text(value).replace(",", "").replace("，", "").removesuffix("元").strip()
        if text in NOTHING:
            return None
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"“{cell_text(value)}”不是金额") from None
    if amount < 0:
        raise ValueError("金额不能为负数")
    if amount != amount.quantize(Decimal("0.01")):
        raise ValueError(f"{amount} 超过两位小数（金额到分）")
    return amount.quantize(Decimal("0.01")) if amount else None


BASE_HEADERS = ("本人目前党费计算基数", "党费计算基数", "计算基数", "税后工资总额", "税后工资", "月工资收入", "月工资",
                "基本养老金", "月收入")
AMOUNT_HEADERS = ("每月应交纳党费金额", "月应缴党费", "月应交党费", "每月应交党费", "月应缴")
CATEGORY_HEADERS = ("党费类别", "类别", "人员类别")


@dataclass
class BaseRow:
    row: int
    name: str
    id_number: str | None
    category: str | None  # None: decided from the member's record (离退休 or 在职)
    base: Decimal | None
    stated: Decimal | None  # the monthly amount the sheet itself gives, only to compare


def _norm(text: str) -> str:
    return re.sub(r"[（(][^）)]*[）)]|\s", "", text)


def parse_bases_sheet(sheet: Sheet) -> tuple[list[BaseRow], list[RowError]]:
    """A 党费核算表 / 核定表: each member's monthly base (and perhaps category); amounts are recomputed, not read."""
    errors: list[RowError] = []
    for r, raw in enumerate(sheet.rows[:20]):
        texts = [_norm(cell_text(v)) for v in raw]
        base_col = next((texts.index(h) for h in BASE_HEADERS if h in texts), None)
        if "姓名" in texts and base_col is not None:
            break
    else:
        return [], [RowError(1, "表头", "找不到表头行：前20行中没有同时含“姓名”和计算基数列（如“税后工资总额”“计算基数”）的行")]
    name_col = texts.index("姓名")
    id_col = next((i for i, t in enumerate(texts) if "身份证" in t or t == "公民身份号码"), None)
    cat_col = next((texts.index(h) for h in CATEGORY_HEADERS if h in texts), None)
    amount_col = next((texts.index(h) for h in AMOUNT_HEADERS if h in texts), None)
    base_header = cell_text(sheet.rows[r][base_col])
    rows = []
    for i in range(r + 1, len(sheet.rows)):
        raw = sheet.rows[i] + [None] * (len(texts) - len(sheet.rows[i]))
        name = "".join(cell_text(raw[name_col]).split())
        if not name or name in ("合计", "总计", "小计") or name.startswith(("制表", "审核", "说明", "注")):
            continue
        if id_col is not None and isinstance(raw[id_col], (int, float)) and not isinstance(raw[id_col], bool):
            errors.append(RowError(i + 1, "身份证号", "身份证号码被存成了数字，末几位已经丢失；请把该列设为“文本”格式后重新录入"))
            continue
        try:
            base = _amount(raw[base_col])
        except ValueError as exc:
            errors.append(RowError(i + 1, base_header, str(exc)))
            continue
        try:
            stated = _amount(raw[amount_col]) if amount_col is not None else None
        except ValueError:
            stated = None  # only compared, never used
        category = cell_text(raw[cat_col]).strip() if cat_col is not None else ""
        number = cell_text(raw[id_col]).strip() if id_col is not None else ""
        rows.append(BaseRow(i + 1, name, number or None, category or None, base, stated))
    return rows, errors
