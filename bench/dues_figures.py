"""党费 figures on the 5,000-member demo database (5 years of payments).

  dues.ledger.xlsx.5k    the year's 台账 (5,000 × 12 month cells) built and written to .xlsx, vs a bare
                         openpyxl dump of the same cell values                               goal ≤ 1.5×
  dues.ledger.window.5k  the same 台账 built and shown in the window (model filled, view painted),
                         same baseline                                                       goal ≤ 1.5×
  dues.collection.5k     opening 本月收缴 for 5,000 members: query, model, painted            goal ≤ 300 ms
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
import time
from pathlib import Path

from bench.common import Figure, demo_database


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def dues_figures(repeat: int) -> list[Figure]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from openpyxl import Workbook

    from app.io.dues_xlsx import write_dues_xlsx
    from app.services.database import Database
    from app.services.dues_ledger import build_ledger
    from app.ui.app import make_application
    from app.ui.pages.dues import CollectionTab, LedgerTab
    from app.ui.tasks import TaskRunner

    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "demo.db"
        shutil.copyfile(demo_database(5000, years=5), copy)  # opening may migrate: never the cached file
        db = Database.open(path=copy)
        year = _latest_full_year(db)
        with db.reading() as s:
            ledger = build_ledger(s, year)
        values = [[n, r.name, r.org_name, r.category, r.base, str(r.rate), r.monthly,
                   *[m if m is not None else "—" for m in r.months], r.annual_due, r.annual_paid, r.owed, r.notes]
                  for n, r in enumerate(ledger.rows, 1)]
        del ledger
        gc.collect()

        def bare() -> None:
            wb = Workbook()
            ws = wb.active
            for row in values:
                ws.append(row)
            wb.save(Path(tmp) / "bare.xlsx")

        def export() -> None:
            with db.reading() as s:
                write_dues_xlsx(build_ledger(s, year), Path(tmp) / "ours.xlsx")

        runner = TaskRunner()
        runner.database = db
        ledger_tab, collection_tab = LedgerTab(runner), CollectionTab(runner)
        for tab in (ledger_tab, collection_tab):
            tab.resize(1200, 700)
            tab.show()

        def window() -> None:
            ledger_tab.year.blockSignals(True)
            ledger_tab.year.clear()
            ledger_tab.year.addItem(f"{year}年", year)
            ledger_tab.year.blockSignals(False)
            ledger_tab.reload()
            runner.wait_idle(120000)
            ledger_tab.table.viewport().grab()

        def collection() -> None:
            collection_tab.year.blockSignals(True)
            collection_tab.year.setValue(year)
            collection_tab.year.blockSignals(False)
            collection_tab.reload()
            runner.wait_idle(120000)
            collection_tab.table.viewport().grab()

        xlsx, window_times, base, opened = [], [], [], []
        try:
            for _ in range(repeat):  # interleaved: load changes hit every side alike
                base.append(_timed(bare))
                xlsx.append(_timed(export))
                window_times.append(_timed(window))
                opened.append(_timed(collection))
        finally:
            runner.pool.waitForDone()
            db.close()
            app.processEvents()
    return [
        Figure("dues.ledger.xlsx.5k", "党费台账（5千人×12月）生成并写入 .xlsx 对比 openpyxl 直接写入同样的值", 1.5, xlsx, base),
        Figure("dues.ledger.window.5k", "党费台账（5千人×12月）生成并在窗口中显示，同一基线", 1.5, window_times, base),
        Figure("dues.collection.5k", "打开本月收缴（5千人）：查询、填表、绘制", 0.3, opened, [], absolute=True),
    ]


def _latest_full_year(db) -> int:
    from sqlalchemy import func, select

    from app.db.models import DuesAssessment

    with db.reading() as s:
        return s.scalar(select(func.max(DuesAssessment.year)))
