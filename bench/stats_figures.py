"""统计 figures.

  stats.year.50k         every figure of one year (membership replayed at the year's end, changes,
                         pipeline, meetings, 党费 due and paid by month covered, arrears, volunteers)
                         on the 50,000-member demo database with five years of dues, absolute  goal ≤ 1 s
  stats.workbook.5k      the quarterly workbook (花名册, 党费收缴, 三会一课台账, 发展党员, 志愿服务,
                         统计汇总, 工作总结数据 and the five 党内统计 tables) of 5,000 members gathered and
                         written, vs a bare openpyxl dump of the same cell values            goal ≤ 1.5×
"""

from __future__ import annotations

import gc
import shutil
import tempfile
import time
from pathlib import Path

from bench.common import Figure, demo_database


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _workbook_values(package) -> list[list[list]]:
    """The cell values of every sheet, as the writer lays them out (without styles)."""
    from app.io.roster_columns import COLUMNS
    from app.io.stats_workbook_xlsx import _day

    roster = [[n, *[(_day(c.get(e, True)) if c.kind == "date" else c.get(e, True)) for c in COLUMNS]]
              for n, e in enumerate(package.roster.entries, 1)]
    dues = [[n, d.name, d.org_name, d.category, d.monthly, *["—" if v is None else v for v in d.months], d.due, d.paid,
             d.due - d.paid] for n, d in enumerate(package.dues, 1)]
    meetings = [[n, m.meeting_date, m.type_name, m.org_name, m.theme, m.host, m.recorder, m.expected, m.present,
                 m.absentees, m.summary] for n, m in enumerate(package.meetings, 1)]
    development = [[n, stage, r.org_name, r.name, r.gender, r.ethnicity, r.birth_date, r.id_number, r.education,
                    r.applied_on, r.activist_on, r.candidate_on, r.branch_meeting_on, r.probation_end, r.next_step,
                    r.deadline] for n, (stage, r) in enumerate(package.development, 1)]
    volunteers = [[n, v.name, v.kind, v.gender, v.id_type, v.id_number, v.volunteer_no, v.times, v.hours, v.first,
                   v.last] for n, v in enumerate(package.volunteers.people, 1)]
    figures = [[line.group, line.label, line.value, line.how, line.key] for line in package.lines]
    summary = [[sentence.text] for sentence in package.summary.sentences] + figures
    tables = [[[t.title], [c.label for c in t.columns]] + [[row.label, *row.cells] for row in t.rows]
              for t in package.tables]
    return [roster, dues, meetings, development, volunteers, figures, summary, *tables]


def stats_figures(repeat: int) -> list[Figure]:
    from openpyxl import Workbook

    from app.io.stats_workbook_xlsx import write_workbook
    from app.services.database import Database
    from app.services.stats_figures import Period, period_figures
    from app.services.stats_workbook import build_package

    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "demo5k.db"
        shutil.copyfile(demo_database(5000, years=5), copy)  # opening may migrate: never the cached file
        db = Database.open(path=copy)
        quarter = Period.of(2026, quarter=3)
        with db.reading() as s:
            values = _workbook_values(build_package(s, quarter))
        gc.collect()

        def bare() -> None:
            wb = Workbook()
            for sheet in values:
                ws = wb.create_sheet()
                for row in sheet:
                    ws.append(row)
            wb.save(Path(tmp) / "bare.xlsx")

        def ours() -> None:
            with db.reading() as s:
                write_workbook(build_package(s, quarter), Path(tmp) / "ours.xlsx")

        base, written = [], []
        for _ in range(repeat):  # interleaved: load changes hit both sides alike
            base.append(_timed(bare))
            written.append(_timed(ours))
        db.close()
        figures.append(Figure("stats.workbook.5k", "季度工作簿（5千人，六张表）汇集并写入 .xlsx 对比 openpyxl 直接写入同样的值",
                              1.5, written, base))

        big = Path(tmp) / "demo50k.db"
        shutil.copyfile(demo_database(50000, years=5), big)
        db = Database.open(path=big)
        year = Period.of(2025)
        year_times = []
        for _ in range(repeat):
            with db.reading() as s:
                year_times.append(_timed(lambda: period_figures(s, year)))
        db.close()
        figures.append(Figure("stats.year.50k", "一年的全部统计数字（5万名党员、5年党费）", 1.0, year_times, [], absolute=True))
    return figures
