"""A higher level's own blank .xlsx, read and filled in place.

``inspect_template`` finds the header below the title rows (one row, or a merged two-level
header), strips notes in （）, proposes a field for each column, and notes where the rows go:
from the line under the header down to the first footer line (合计, 填表人, 审核, 盖章 …).
``fill_template`` writes one row per member there, copying the first data row's styles and
formulas down (formulas move with their row), moves the footer below the rows when they are
more than the blank lines, and extends a footer total such as ``=SUM(F5:F20)`` over them. The
title, styles, merged cells, column widths and every other formula stay as the template had
them. Text is never turned into a formula; ID and phone numbers stay text.
"""

from __future__ import annotations

import re
from copy import copy
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from app.domain.dates import PartialDate
from app.domain.enums import DatePrecision
from app.domain.errors import ValidationError
from app.io.atomic import atomic_path
from app.io.xlsx_safe import set_text
from app.services.template_data import BY_KEY, FIELDS

FOOTER_WORDS = ("合计", "总计", "小计", "填表人", "填报人", "制表", "审核", "负责人", "盖章", "签字", "签名", "填表日期",
                "填报日期", "联系电话：", "说明：", "注：", "备注：")
_NOTE = re.compile(r"[（(][^）)]*[）)]")
_LOOKUP = {h: f.key for f in FIELDS for h in f.headers}
SCAN_ROWS = 20
_REF = re.compile(r"(\$?)([A-Z]{1,3})(\$?)(\d+)(?::(\$?)([A-Z]{1,3})(\$?)(\d+))?")


def normalise(text) -> str:
    text = _NOTE.sub("", "" if text is None else str(text))
    return re.sub(r"[\s*:：＊]", "", text)


@dataclass(frozen=True)
class TemplateColumn:
    index: int  # 1-based column number
    letter: str
    header: str  # as shown (both levels joined by “/” for a two-level header)
    field: str | None  # proposed or chosen field key
    formula: str | None = None  # the first data row's formula in this column (kept, copied down)


@dataclass
class Layout:
    sheet: str
    header_rows: tuple[int, ...]  # 1-based
    first_row: int  # the first data row
    footer_row: int | None  # the first footer line below the data area, if any
    columns: list[TemplateColumn] = field(default_factory=list)

    @property
    def signature(self) -> list[str]:
        return [normalise(c.header) for c in self.columns]

    def mapping(self) -> dict[str, str]:
        return {c.letter: c.field for c in self.columns if c.field}


def _texts(ws, upto: int) -> list[list[str]]:
    width = ws.max_column
    rows = [[normalise(ws.cell(r, c).value) for c in range(1, width + 1)] for r in range(1, upto + 1)]
    for rng in ws.merged_cells.ranges:
        if rng.min_row > upto:
            continue
        value = rows[rng.min_row - 1][rng.min_col - 1]
        for r in range(rng.min_row, min(rng.max_row, upto) + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                rows[r - 1][c - 1] = value
    return rows


def _score(fields: list[str | None]) -> int:
    found = [f for f in fields if f and f != "seq"]
    return len(set(found)) - (len(found) - len(set(found)))


def inspect_template(path: Path | str, *, sheet: str | None = None) -> Layout:
    """Where the header is, what each column means, where the rows go."""
    wb = _open(path)
    ws = _sheet(wb, sheet)
    upto = min(ws.max_row, SCAN_ROWS)
    rows = _texts(ws, upto + 1 if ws.max_row > upto else upto)
    best = None
    for h in range(upto):
        if len({t for t in rows[h] if t}) < 2:  # empty, or one title across the row
            continue
        candidates = [((h + 1,), [(t, _LOOKUP.get(t)) for t in rows[h]])]
        if h + 1 < len(rows) and any(rows[h + 1]):
            two = []
            for i, top in enumerate(rows[h]):
                low = rows[h + 1][i]
                key = _LOOKUP.get(low) or _LOOKUP.get(top) or _LOOKUP.get(top + low)
                two.append((low if top in ("", low) else (f"{top}/{low}" if low else top), key))
            candidates.append(((h + 1, h + 2), two))
        for header_rows, cols in candidates:
            score = _score([k for _t, k in cols])
            if best is None or score > best[0]:
                best = (score, header_rows, cols)
    if best is None or best[0] < 2:
        raise ValidationError("模板", f"在工作表“{ws.title}”的前{SCAN_ROWS}行中没有找到表头（至少要认出两列，如姓名、性别）")
    _score_, header_rows, cols = best
    first = header_rows[-1] + 1
    footer = _footer(ws, first)
    columns = []
    for i, (text, key) in enumerate(cols, start=1):
        if not text and key is None:
            continue
        value = ws.cell(first, i).value
        formula = value if isinstance(value, str) and value.startswith("=") else None
        columns.append(TemplateColumn(i, ws.cell(first, i).column_letter, text, None if formula else key, formula))
    return Layout(ws.title, header_rows, first, footer, columns)


def _footer(ws, first: int) -> int | None:
    merged_rows = {r for rng in ws.merged_cells.ranges if rng.max_col - rng.min_col + 1 >= max(2, ws.max_column // 2)
                   for r in range(rng.min_row, rng.max_row + 1)}
    for r in range(first + 1, ws.max_row + 1):
        texts = [str(v) for v in (ws.cell(r, c).value for c in range(1, ws.max_column + 1)) if v is not None]
        if any(w in t for t in texts for w in FOOTER_WORDS) or (r in merged_rows and texts):
            return r
    return None


def _open(path: Path | str):
    from openpyxl import load_workbook

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ValidationError("模板", f"“{path.name}”不是 .xlsx 文件（.xls 请先在 Excel/WPS 中另存为 .xlsx）")
    try:
        return load_workbook(path)
    except FileNotFoundError:
        raise ValidationError("模板", f"找不到文件“{path}”") from None
    except Exception as exc:  # a damaged or encrypted file, a CSV renamed .xlsx, …
        raise ValidationError("模板", f"无法打开“{path.name}”：文件已损坏、加密或不是 Excel 工作簿（{type(exc).__name__}）") from None


def _sheet(wb, name: str | None):
    if name is None:
        return wb.worksheets[0]
    if name not in wb.sheetnames:
        raise ValidationError("模板", f"没有名为“{name}”的工作表（有：{'、'.join(wb.sheetnames)}）")
    return wb[name]


def apply_profile(layout: Layout, mapping: dict[str, str], signature: list[str] | None) -> Layout:
    """The layout with the clerk's (or a saved profile's) fields; a profile made for other headers is refused."""
    if signature is not None and signature != layout.signature:
        diff = next((i for i, (a, b) in enumerate(zip(signature, layout.signature)) if a != b),
                    min(len(signature), len(layout.signature)))
        raise ValidationError("模板", f"模板的表头与方案不一致（第{diff + 1}列起不同）：请检查是否用错了模板，或重新识别后另存方案")
    unknown = sorted(set(mapping.values()) - set(BY_KEY) - {""})
    if unknown:
        raise ValidationError("方案", f"未知的字段：{'、'.join(unknown)}")
    cols = [TemplateColumn(c.index, c.letter, c.header, None if c.formula else (mapping.get(c.letter) or None),
                           c.formula) for c in layout.columns]
    return Layout(layout.sheet, layout.header_rows, layout.first_row, layout.footer_row, cols)


def fill_template(template: Path | str, layout: Layout, rows: list[dict], target: Path | str) -> Path:
    """Write ``rows`` (dicts keyed by field) under the header of ``template``, saved as ``target``."""
    from openpyxl.formula.translate import Translator

    if not layout.mapping():
        raise ValidationError("方案", "没有一列对应到字段：请至少为一列选择要填的内容")
    wb = _open(template)
    ws = wb[layout.sheet]
    first, n = layout.first_row, len(rows)
    if layout.footer_row is not None and n > layout.footer_row - first:
        _shift_footer(ws, layout.footer_row, n - (layout.footer_row - first), first, first + n - 1)
    width = ws.max_column
    styles = [copy(ws.cell(first, c)._style) for c in range(1, width + 1)]
    height = ws.row_dimensions[first].height
    formats = {c.index: ws.cell(first, c.index).number_format for c in layout.columns}
    for i, values in enumerate(rows):
        r = first + i
        if i:
            for c in range(1, width + 1):
                ws.cell(r, c)._style = copy(styles[c - 1])
            if height:
                ws.row_dimensions[r].height = height
        for col in layout.columns:
            cell = ws.cell(r, col.index)
            if col.formula:
                cell.value = Translator(col.formula, origin=f"{col.letter}{first}").translate_formula(f"{col.letter}{r}")
            elif col.field:
                _put(cell, BY_KEY[col.field].kind, values.get(col.field), formats[col.index])
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return Path(target)


def _put(cell, kind: str, value, fmt: str) -> None:
    if value is None or value == "":
        cell.value = None
    elif isinstance(value, PartialDate):
        if value.precision is DatePrecision.DAY:
            cell.value = value.value
            cell.number_format = fmt if fmt and fmt != "General" and fmt != "@" else "yyyy-mm-dd"
        else:
            set_text(cell, str(value))  # 1978-06 stays text: never invent the day
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = fmt if fmt and fmt not in ("General", "@") else "yyyy-mm-dd"
    elif isinstance(value, str):
        set_text(cell, value, text_format=kind == "id")
    else:
        cell.value = value
        if kind == "money" and fmt in ("General", None):
            cell.number_format = "#,##0.00"


def _shift_footer(ws, footer: int, by: int, data_first: int, data_last: int) -> None:
    """Move the footer lines down ``by`` rows, with their merges, heights and formulas."""
    last_row, last_col = ws.max_row, ws.max_column
    merged = [rng for rng in list(ws.merged_cells.ranges) if rng.min_row >= footer]
    for rng in merged:
        ws.unmerge_cells(str(rng))
    heights = {r: ws.row_dimensions[r].height for r in range(footer, last_row + 1)}
    ws.move_range(f"A{footer}:{ws.cell(last_row, last_col).column_letter}{last_row}", rows=by)
    for r in range(footer, footer + by):
        ws.row_dimensions[r].height = None
    for r, h in heights.items():
        ws.row_dimensions[r + by].height = h
    for rng in merged:
        rng.shift(0, by)
        ws.merge_cells(str(rng))
    for row in ws.iter_rows(min_row=footer + by, max_row=last_row + by):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.value = _rewrite(cell.value, footer, by, data_first, data_last)


def _rewrite(formula: str, footer: int, by: int, data_first: int, data_last: int) -> str:
    """References into the data area reach its new end; references to the footer move with it."""
    def one(m: re.Match) -> str:
        d1, c1, d2, r1, e1, c2, e2, r2 = m.groups()
        r1 = int(r1)
        if c2 is None:
            return f"{d1}{c1}{d2}{r1 + by if r1 >= footer else r1}"
        r2 = int(r2)
        if data_first <= r1 < footer and data_first <= r2 < footer:
            r2 = data_last
        else:
            r1, r2 = (r1 + by if r1 >= footer else r1), (r2 + by if r2 >= footer else r2)
        return f"{d1}{c1}{d2}{r1}:{e1}{c2}{e2}{r2}"

    parts = re.split(r'("[^"]*")', formula)  # leave string literals alone
    return "".join(p if p.startswith('"') else _REF.sub(one, p) for p in parts)
