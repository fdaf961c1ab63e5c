"""The 统计 command: every figure of a period as one stable JSON object, or as lines with how each is counted."""

from __future__ import annotations

import json
import sys
from datetime import date

def add_parsers(sub) -> None:
    p = sub.add_parser("stats", help="统计数字：党员结构与变动、发展党员、三会一课、党费、志愿服务（可输出 JSON）")
    p.add_argument("--year", type=int, help="年度（用 --from/--to 时可省略）")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], help="只统计这一季度")
    when.add_argument("--month", type=int, choices=range(1, 13), metavar="1-12", help="只统计这一个月")
    p.add_argument("--from", dest="start", type=date.fromisoformat, metavar="YYYY-MM-DD", help="任意期间：开始日期")
    p.add_argument("--to", dest="end", type=date.fromisoformat, metavar="YYYY-MM-DD", help="任意期间：结束日期")
    p.add_argument("--org", help="党组织名称（含下级；默认本级党组织）")
    p.add_argument("--json", action="store_true", help="输出一个 JSON 对象")

    from app.cli_workbook import add_parsers as workbook_parsers

    workbook_parsers(sub)


def command(db, args) -> int:
    """``stats``, ``template`` and ``consolidate``."""
    if args.command == "stats":
        return stats(db, args)
    from app import cli_workbook

    return (cli_workbook.template if args.command == "template" else cli_workbook.consolidate)(db, args)


def period_of(args):
    """The period a command asks for: --from/--to, or --year with --quarter or --month."""
    from app.domain.errors import ValidationError
    from app.services.stats_figures import Period

    start, end = getattr(args, "start", None), getattr(args, "end", None)
    if start or end:
        if not (start and end):
            raise ValidationError("--from/--to", "任意期间须同时给出开始和结束日期")
        if args.quarter or args.month:
            raise ValidationError("--from/--to", "不能与 --quarter、--month 同时使用")
        return Period.between(start, end)
    if not args.year:
        raise ValidationError("--year", "请给出年度（或用 --from/--to 给出任意期间）")
    return Period.of(args.year, quarter=args.quarter, month=args.month)


def stats(db, args) -> int:
    from app.services.stats_figures import figure_lines, period_figures

    with db.reading() as session:
        figures = period_figures(session, period_of(args), org=args.org)
    if args.json:
        json.dump(figures.as_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(f"{figures.org_name}　{figures.period.label}（{figures.period.start} 至 {figures.period.end}）")
    for line in figure_lines(figures):
        print(f"{line.label}：{line.value}　（{line.how}）")
    return 0


def export_report(db, args, fmt: str) -> int:
    """``export workbook|template|stats|party-stats|summary``: each in its own module."""
    if args.what in ("workbook", "template"):
        from app import cli_workbook as module
    elif args.what == "stats":
        from app import cli_stats_report as module
    else:
        from app import cli_party_stats as module
    return module.export(db, args, fmt)
