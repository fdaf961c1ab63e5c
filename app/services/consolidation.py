"""Rolling branches' quarterly workbooks up into one, without mixing their records.

Each branch keeps its own PC and sends its workbook; the 社区党委 or street office puts them
side by side: every sheet's rows under a 来源 column, each figure per branch and summed, and a
list of conflicts — the same ID number in two branches (or twice in one), which a sum would
count twice and a clerk must settle at the source. Files from another period, or the same
branch twice, are refused before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from app.domain.errors import ValidationError
from app.domain.idnumber import mask, parse


@dataclass
class BranchWorkbook:
    """What one file holds, as read (``app.io.consolidate_xlsx.read_branch_workbook``)."""

    source: str  # the file name
    org_name: str
    period_label: str
    span: str  # “2026-07-01 至 2026-09-30”
    version: int
    sheets: dict[str, tuple[list[str], list[list]]] = field(default_factory=dict)  # name → (headers, rows)
    figures: list[tuple[str, str, str, object]] = field(default_factory=list)  # (group, label, key, value)
    tables: dict[str, "CountTable"] = field(default_factory=dict)  # the 党内统计 tables, by title


@dataclass
class CountTable:
    """A 党内统计 table as read back: columns as (group, label), rows as (label, cells by column)."""

    row_header: str
    columns: list[tuple[str, str]]
    rows: list[tuple[str, dict[tuple[str, str], int]]]


@dataclass(frozen=True)
class Conflict:
    id_number: str
    places: tuple[tuple[str, str, int], ...]  # (branch, name, Excel row) where it appears

    @property
    def masked(self) -> str:
        return mask(self.id_number)


@dataclass
class Consolidation:
    books: list[BranchWorkbook]
    conflicts: list[Conflict]
    invalid_ids: list[tuple[str, int, str, str]]  # (branch, Excel row, name, why)
    figures: list[tuple[str, str, str, list, object]]  # (group, label, key, per-branch values, total)
    tables: dict[str, CountTable] = field(default_factory=dict)  # the 党内统计 tables summed cell by cell

    @property
    def period_label(self) -> str:
        return self.books[0].period_label


ROSTER = "花名册"
ID_HEADER = "公民身份号码"
FIRST_DATA_ROW = 4  # title, note, header, then the rows


def consolidate(books: list[BranchWorkbook]) -> Consolidation:
    if len(books) < 2:
        raise ValidationError("汇总", "请至少选择两个支部的季度工作簿")
    first = books[0]
    for b in books[1:]:
        if (b.period_label, b.span) != (first.period_label, first.span):
            raise ValidationError(b.source, f"统计期间是“{b.period_label}（{b.span}）”，与“{first.source}”的"
                                            f"“{first.period_label}（{first.span}）”不同，不能汇总")
    seen: dict[str, str] = {}
    for b in books:
        if b.org_name in seen:
            raise ValidationError(b.source, f"与“{seen[b.org_name]}”是同一个党组织（{b.org_name}）的工作簿，请只选一份")
        seen[b.org_name] = b.source
    for name, (headers, _rows) in first.sheets.items():
        for b in books[1:]:
            if name not in b.sheets:
                raise ValidationError(b.source, f"缺少工作表“{name}”")
            if b.sheets[name][0] != headers and name != "党费收缴":
                raise ValidationError(b.source, f"工作表“{name}”的表头与“{first.source}”不同（可能是不同版本导出的），不能汇总")
    places: dict[str, list[tuple[str, str, int]]] = {}
    invalid = []
    for b in books:
        headers, rows = b.sheets.get(ROSTER, ([], []))
        if ID_HEADER not in headers:
            raise ValidationError(b.source, f"花名册中没有“{ID_HEADER}”列")
        at, name_at = headers.index(ID_HEADER), headers.index("姓名")
        for n, row in enumerate(rows):
            number = str(row[at] or "").strip().upper()
            excel_row = FIRST_DATA_ROW + n
            if not number:
                invalid.append((b.org_name, excel_row, row[name_at], "未填公民身份号码"))
                continue
            try:
                parse(number)
            except ValidationError as exc:
                invalid.append((b.org_name, excel_row, row[name_at], exc.message))
            places.setdefault(number, []).append((b.org_name, row[name_at], excel_row))
    conflicts = [Conflict(k, tuple(v)) for k, v in places.items() if len(v) > 1]
    return Consolidation(books, conflicts, invalid, _figures(books), _tables(books))


def _tables(books: list[BranchWorkbook]) -> dict[str, CountTable]:
    """Each table summed over the branches by row label and column (a column one branch lacks counts 0 there)."""
    out = {}
    for title in books[0].tables:
        parts = [b.tables[title] for b in books if title in b.tables]
        if len(parts) != len(books):
            continue  # not in every workbook: the sum would mislead
        columns: list[tuple[str, str]] = []
        labels: list[str] = []
        sums: dict[str, dict[tuple[str, str], int]] = {}
        for t in parts:
            columns += [c for c in t.columns if c not in columns]
            for label, cells in t.rows:
                if label not in sums:
                    labels.append(label)
                    sums[label] = {}
                for c, v in cells.items():
                    sums[label][c] = sums[label].get(c, 0) + v
        out[title] = CountTable(parts[0].row_header, columns, [(label, sums[label]) for label in labels])
    return out


def _figures(books: list[BranchWorkbook]) -> list[tuple[str, str, str, list, object]]:
    order: list[tuple[str, str, str]] = []
    values: dict[str, list] = {}
    for i, b in enumerate(books):
        for group, label, key, value in b.figures:
            if key not in values:
                order.append((group, label, key))
                values[key] = [None] * len(books)
            values[key][i] = value
    out = []
    for group, label, key in order:
        per = values[key]
        numbers = [v for v in per if isinstance(v, (int, float, Decimal))]
        if any(isinstance(v, float) for v in numbers):
            total = sum(Decimal(str(v)) for v in numbers)
            total = int(total) if total == int(total) and "hours" not in key else total
        else:
            total = sum(numbers)
        out.append((group, label, key, per, total))
    return out
