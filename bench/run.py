"""Benchmark runner: each figure is a ratio against a baseline measured in the same run.

    .venv/bin/python -m bench.run [--repeat 5] [--only start,roster]
    .venv/bin/python -m bench.run --only import,search   # single roster figures

The machine is shared and noisy, so there are no timed tests; these ratios are
what we watch. Demo databases are generated once into bench/.cache.

  start.window     python -m app to the main window shown (5,000 members) vs a bare
                   PySide6 window with a 5,000-row table                    goal ≤ 1.5×
  start.members    python -m app to the 党员 list filled, same baseline      goal ≤ 2×
  search.50k       one search keystroke at 50,000 members, absolute          goal ≤ 50 ms
  import.10k       10,000-row file, full validation, vs calamine reading it  goal ≤ 2×
  roster.xlsx.50k  花名册 .xlsx of 50,000 vs a bare openpyxl dump            goal ≤ 1.5×
  roster.pdf.5k    花名册 PDF of 5,000 vs a bare reportlab LongTable         goal ≤ 1.5×
  dues.*           党费台账 (5,000 × 12 months) to .xlsx and in the window vs a bare openpyxl
                   dump (≤ 1.5×); 本月收缴 opened for 5,000 members (≤ 300 ms)
  stats.*          every 统计 figure of a year at 50,000 members with five years of dues (≤ 1 s);
                   the quarterly workbook of 5,000 members vs a bare openpyxl dump (≤ 1.5×)
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

if __package__ in (None, ""):  # allow `python bench/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Figure  # noqa: E402

GROUPS = ("start", "roster", "dues", "stats")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", default=",".join(GROUPS), help="comma-separated groups (start, roster, dues) or roster figures (search, import, xlsx, pdf)")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    wanted = {g.strip() for g in args.only.split(",")}
    figures: list[Figure] = []
    if "start" in wanted:
        from bench.startup_figures import startup_figures

        figures += startup_figures(args.repeat)
    from bench.roster_figures import FIGURES, all_figures

    if "roster" in wanted:
        figures += all_figures(args.repeat)
    elif wanted & set(FIGURES):
        figures += all_figures(args.repeat, wanted & set(FIGURES))
    if "dues" in wanted:
        from bench.dues_figures import dues_figures

        figures += dues_figures(max(args.repeat // 2, 3))
    if "stats" in wanted:
        from bench.stats_figures import stats_figures

        figures += stats_figures(max(args.repeat // 2, 3))
    print(f"\n基准测试 / benchmarks (best of {args.repeat} runs as the ratio, {os.cpu_count()} cores)")
    for figure in figures:
        print(figure.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
