"""Roster figures for bench/run.py (issue: 党员与组织). Each is a ratio to a baseline timed in the same run."""

from __future__ import annotations

import gc
import statistics
import tempfile
import time
from pathlib import Path

from bench.common import Figure, demo_database


def _best(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def _paired(ours, bare, repeat: int) -> tuple[list[float], list[float]]:
    """Time both alternately, so a burst of load on the shared machine hits both sides alike."""
    mine, base = [], []
    for _ in range(repeat):
        mine += _best(ours, 1)
        base += _best(bare, 1)
    return mine, base


def search_figure(repeat: int) -> Figure:
    """Search keystroke to updated list at 50,000 members: absolute goal 50 ms (baseline = 1 s)."""
    from app.services.database import Database
    from app.services.member_search import MemberQuery, search

    db = Database.open(path=demo_database(50_000, years=1))
    queries = ["王", "张伟", "zh", "zw", "wangxiao", "1234", "李秀", "l", "欧阳", "138"]
    times = []
    try:
        for _ in range(repeat):
            for q in queries:
                with db.reading() as s:
                    start = time.perf_counter()
                    search(s, MemberQuery(text=q, limit=200))
                    times.append(time.perf_counter() - start)
    finally:
        db.close()
    return Figure("search.50k", "输入到列表更新的查询时间（5万党员，含计数与一页200行）", 0.05, times, [], absolute=True)


def _roster(members: int):
    from app.services.database import Database
    from app.services.roster import build_roster

    db = Database.open(path=demo_database(members, years=1))
    try:
        with db.reading() as s:
            return build_roster(s, order="pinyin")
    finally:
        db.close()


def xlsx_figure(repeat: int) -> Figure:
    """花名册 .xlsx of 50,000 members vs a bare openpyxl dump of the same cell values (goal ≤ 1.5×)."""
    from openpyxl import Workbook

    from app.io.roster_columns import COLUMNS
    from app.io.roster_xlsx import write_roster_xlsx

    roster = _roster(50_000)
    values = [[n] + [_plain(c.get(e, True)) for c in COLUMNS] for n, e in enumerate(roster.entries, 1)]
    with tempfile.TemporaryDirectory() as tmp:
        def bare():
            wb = Workbook()
            ws = wb.active
            for row in values:
                ws.append(row)
            wb.save(Path(tmp) / "bare.xlsx")

        ours, base = _paired(lambda: write_roster_xlsx(roster, Path(tmp) / "ours.xlsx"), bare, repeat)
    return Figure("roster.xlsx.50k", "花名册 .xlsx（5万人）对比 openpyxl 直接写入同样的值", 1.5, ours, base)


def pdf_figure(repeat: int) -> Figure:
    """花名册 PDF of 5,000 members vs a bare reportlab LongTable of the same cells (goal ≤ 1.5×)."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import LongTable, SimpleDocTemplate, TableStyle

    from app.io.pdf_fonts import register_cjk_font
    from app.io.roster_columns import PDF_DEFAULT, pick
    from app.io.roster_pdf import write_roster_pdf

    roster = _roster(5_000)
    cols = pick(list(PDF_DEFAULT))
    font = register_cjk_font()
    data = [["序号"] + [c.header for c in cols]] + [
        [str(n)] + [str(_plain(c.get(e, False)) or "") for c in cols] for n, e in enumerate(roster.entries, 1)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        def bare():
            doc = SimpleDocTemplate(str(Path(tmp) / "bare.pdf"), pagesize=landscape(A4))
            table = LongTable(data, repeatRows=1)
            table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 8)]))
            doc.build([table])

        ours, base = _paired(lambda: write_roster_pdf(roster, Path(tmp) / "ours.pdf"), bare, repeat)
    return Figure("roster.pdf.5k", "花名册 PDF（5千人）对比 reportlab LongTable 直接排版", 1.5, ours, base)


def import_figure(repeat: int) -> Figure:
    """Import of a 10,000-row file with full validation vs python-calamine alone reading it (goal ≤ 2×)."""
    from python_calamine import CalamineWorkbook

    from app.io.member_file import plan_member_file
    from app.io.roster_xlsx import write_roster_xlsx
    from app.services.database import Database

    roster = _roster(50_000)
    small = type(roster)(roster.org_name, roster.as_of, roster.order, roster.entries[:10_000])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "10k.xlsx"
        write_roster_xlsx(small, path)
        del roster, small  # time the import, not the collector walking the 50,000 entries left over
        gc.collect()
        target = Database.open(path=Path(tmp) / "fresh.db")

        def ours():
            with target.reading() as s:
                parsed, plan = plan_member_file(s, path)
            assert not parsed.errors, parsed.errors[:3]
            assert plan.count("新增") == 10_000, plan.summary()

        def bare():
            CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()

        try:
            mine, base = _paired(ours, bare, repeat)
        finally:
            target.close()
    return Figure("import.10k", "导入1万行并完整校验（不写库）对比 calamine 只读取", 2.0, mine, base)


def _plain(value):
    from app.domain.dates import PartialDate

    if isinstance(value, PartialDate):
        return value.value if value.precision.value == "日" else str(value)
    return value


FIGURES = {"search": search_figure, "import": import_figure, "xlsx": xlsx_figure, "pdf": pdf_figure}


def all_figures(repeat: int, names: set[str] | None = None) -> list[Figure]:
    """The roster figures, or only those named (search, import, xlsx, pdf)."""
    chosen = [n for n in FIGURES if names is None or n in names]
    counts = {"search": repeat, "import": max(repeat, 5)}  # the import pair takes about a second
    return [FIGURES[n](counts.get(n, max(repeat // 2, 2))) for n in chosen]


if __name__ == "__main__":  # pragma: no cover
    for f in all_figures(3):
        print(f.line(), statistics.median(f.seconds))
