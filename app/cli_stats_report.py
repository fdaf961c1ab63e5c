"""``export stats``: the statistics report as PDF, with its charts.

    python -m app --db DB export stats --year 2026 [--quarter 3 | --month 11] [--org 名称] --out 统计报告.pdf
"""

from __future__ import annotations

import sys


def export(db, args, fmt: str) -> int:
    from app.domain.errors import ValidationError
    from app.io.atomic import ExportError
    from app.io.stats_pdf import write_stats_pdf
    from app.services.stats_figures import figure_lines, period_figures
    from app.services.stats_series import period_series

    if fmt != "pdf":
        raise ValidationError("--format", "统计报告只能导出为 PDF（请用 --format pdf 或以 .pdf 结尾的文件名）")
    from app.cli_workbook import _period

    period = _period(args)
    with db.reading() as session:
        lines = figure_lines(period_figures(session, period, org=args.org))
        series = period_series(session, period, org=args.org)
    try:
        out = write_stats_pdf(lines, series, args.out)
    except ExportError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 1
    print(f"已导出统计报告：{series.org_name}　{period.label}，保存到 {out}")
    return 0
