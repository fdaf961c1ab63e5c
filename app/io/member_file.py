"""One member file from disk to an import plan: read, parse, validate — nothing written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.domain.bulk import paused_gc
from app.io.excel_read import read_sheet
from app.io.member_sheet import ParsedSheet, parse_sheet
from app.services.member_import import ImportPlan, RowError, plan_import


def plan_member_file(
    session, path: Path | str, *, sheet: str | int = 0, profile: dict[str, str] | None = None,
    default_org_id: int | None = None, today: date | None = None,
) -> tuple[ParsedSheet, ImportPlan]:
    """Read and check a file; raise ``SheetError`` when it cannot be read at all.

    One pause of the garbage collector covers the whole pass: every row it builds
    stays alive until the clerk confirms or cancels.
    """
    with paused_gc():
        parsed = parse_sheet(read_sheet(path, sheet), profile)
        plan = plan_import(session, parsed.rows, default_org_id=default_org_id, sheet_title=parsed.title, today=today)
    return parsed, plan


def all_errors(parsed: ParsedSheet, plan: ImportPlan) -> list[RowError]:
    """Every problem of the file in the order of its rows."""
    return sorted(parsed.errors + plan.errors, key=lambda e: e.row)
