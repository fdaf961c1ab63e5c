"""``export workbook`` (the quarterly package), ``export template`` (a higher level's own sheet) and ``consolidate``."""

from __future__ import annotations

import sys


def _err(message: str) -> None:
    print(f"错误：{message}", file=sys.stderr)


def _period(args):
    from datetime import date

    from app.services.stats_figures import Period

    return Period.of(args.year or date.today().year, quarter=args.quarter, month=getattr(args, "month", None))


def export(db, args, fmt: str) -> int:
    from app.domain.errors import ValidationError

    if fmt != "xlsx":
        raise ValidationError("--format", "季度工作簿和上级模板只导出 .xlsx")
    if args.what == "template":
        return export_template(db, args)
    return export_workbook(db, args)


def export_workbook(db, args) -> int:
    """python -m app --db DB export workbook --year 2026 [--quarter 3 | --month 11] [--org 名称] --out FILE.xlsx"""
    from app.io.atomic import ExportError
    from app.io.stats_workbook_xlsx import write_workbook
    from app.services.stats_workbook import build_package, record_export

    with db.reading() as session:
        package = build_package(session, _period(args), org=args.org)
    try:
        out = write_workbook(package, args.out)
    except ExportError as exc:
        _err(exc.message)
        return 1
    with db.unit_of_work(actor="命令行") as session:
        record_export(session, package, str(out))
    print(f"已导出{package.title}（花名册 {len(package.roster.entries)} 人，党费 {len(package.dues)} 人，"
          f"会议 {len(package.meetings)} 次，发展党员 {len(package.development)} 人，"
          f"志愿者 {len(package.volunteers.people)} 人）到 {out}")
    return 0


def export_template(db, args) -> int:
    raise NotImplementedError
