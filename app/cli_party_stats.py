"""``export party-stats`` (the 党内统计 basic tables) and ``export summary`` (the 工作总结 sentences)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path


def export(db, args, fmt: str) -> int:
    """party-stats: the five tables of --year (.xlsx); summary: the sentences of --year [--quarter|--month]
    as a 工作总结数据 sheet (.xlsx), or as plain text (``--out -`` prints them, a .txt file holds them)."""
    from app.io.atomic import ExportError

    year = args.year or date.today().year
    try:
        if args.what == "party-stats":
            return _party_stats(db, args, fmt, year)
        return _summary(db, args, fmt, year)
    except ExportError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 1


def _party_stats(db, args, fmt: str, year: int) -> int:
    from app.io.stats_tables_xlsx import write_party_stats_xlsx
    from app.services.stats_tables import party_tables

    if fmt != "xlsx":
        print("错误：党内统计基本表导出为 .xlsx", file=sys.stderr)
        return 1
    if args.quarter or args.month:
        print("错误：党内统计基本表按年度统计，请不要给 --quarter 或 --month", file=sys.stderr)
        return 1
    with db.reading() as session:
        tables = party_tables(session, year, org=args.org)
    out = write_party_stats_xlsx(tables, args.out)
    basic = next(t for t in tables if t.key == "basic")
    print(f"已导出{tables[0].org_name}{year}年党内统计基本表（{len(tables)} 张，年底党员 {basic.rows[0].cells[0]} 名）到 {out}")
    return 0


def _summary(db, args, fmt: str, year: int) -> int:
    from app.cli_workbook import _period
    from app.services.stats_summary import summary

    if fmt not in ("xlsx", "txt"):
        print("错误：工作总结数据导出为 .xlsx 或 .txt（--out - 直接显示）", file=sys.stderr)
        return 1
    period = _period(args)
    with db.reading() as session:
        result = summary(session, period, org=args.org, digits=getattr(args, "digits", None))
    if fmt == "txt":
        text = result.text() + "\n"
        if str(args.out) == "-":
            sys.stdout.write(text)
            return 0
        from app.io.atomic import atomic_path

        with atomic_path(args.out) as tmp:
            tmp.write_text(text, encoding="utf-8")
        print(f"已导出{result.org_name}{period.label}工作总结数据（{len(result.sentences)} 句）到 {Path(args.out)}")
        return 0
    from app.io.stats_tables_xlsx import write_summary_xlsx

    out = write_summary_xlsx(result, args.out)
    print(f"已导出{result.org_name}{period.label}工作总结数据（{len(result.sentences)} 句）到 {out}")
    return 0
