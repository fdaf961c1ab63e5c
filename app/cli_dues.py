"""The 党费 commands: export dues (台账, 季度汇总, 公示), import dues (old ledgers), import dues-bases (核算表)."""

from __future__ import annotations

import sys


def _err(message: str) -> None:
    print(f"错误：{message}", file=sys.stderr)


def export_dues(db, args, fmt: str) -> int:
    """export dues --year Y [--quarter Q] [--org] [--notice] --out F.xlsx|pdf: the 台账, the 季度汇总, the 公示."""
    from datetime import date

    from app.domain.errors import ValidationError
    from app.io.atomic import ExportError
    from app.io.dues_pdf import write_dues_pdf
    from app.io.dues_xlsx import write_dues_xlsx
    from app.services.dues_ledger import build_ledger
    from app.services.roster import resolve_org

    year = args.year or date.today().year
    with db.reading() as session:
        org_id = resolve_org(session, args.org)[0] if args.org else None
        ledger = build_ledger(session, year, org_id=org_id)
    try:
        if args.notice:
            from app.io.dues_notice import write_dues_notice

            if fmt != "pdf":
                raise ValidationError("--notice", "公示只输出 PDF，请用 .pdf 文件名")
            out = write_dues_notice(ledger, args.out)
        else:
            out = (write_dues_xlsx if fmt == "xlsx" else write_dues_pdf)(ledger, args.out, quarter=args.quarter)
    except ExportError as exc:
        _err(exc.message)
        return 1
    print(f"已导出 {ledger.org_name}{year}年党费台账（{len(ledger.rows)} 人，实缴 {ledger.total('annual_paid')} 元）到 {out}")
    return 0


def import_dues(db, args, report, write) -> int:
    """import dues FILE [--year]: an old 党费台账 (a row per member, a column per month), all or nothing."""
    from app.io.dues_sheet import parse_dues_sheet
    from app.io.excel_read import SheetError, read_sheet
    from app.services.dues_import import apply_dues_import, plan_dues_import

    try:
        parsed = parse_dues_sheet(read_sheet(args.file, args.sheet if args.sheet else 0))
    except SheetError as exc:
        _err(exc.message)
        return 1
    year = args.year or parsed.year
    if year is None:
        _err("文件标题中没有年度（如“2025年党费收缴台账”），请用 --year 指定。")
        return 1
    with db.reading() as session:
        plan = plan_dues_import(session, parsed.rows, year)
    if not report(sorted(parsed.errors + plan.errors, key=lambda e: e.row), plan.warnings):
        return 1
    return write(db, args, plan, plan.changes, lambda s: apply_dues_import(s, plan, source=str(args.file)))


def import_bases(db, args, report, write) -> int:
    """import dues-bases FILE --year Y: a 党费核算表's bases; the amounts are computed by the rule."""
    from datetime import date

    from app.io.dues_sheet import parse_bases_sheet
    from app.io.excel_read import SheetError, read_sheet
    from app.services.dues_import import apply_bases_import, plan_bases_import

    try:
        rows, sheet_errors = parse_bases_sheet(read_sheet(args.file, args.sheet if args.sheet else 0))
    except SheetError as exc:
        _err(exc.message)
        return 1
    year = args.year or date.today().year
    with db.reading() as session:
        plan = plan_bases_import(session, rows, year)
    if not report(sorted(sheet_errors + plan.errors, key=lambda e: e.row), plan.warnings):
        return 1
    return write(db, args, plan, plan.changes, lambda s: apply_bases_import(s, plan, source=str(args.file)))
