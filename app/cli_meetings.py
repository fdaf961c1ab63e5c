"""The 三会一课 commands of the CLI: export meetings (the 台账 of a quarter or year, .xlsx or PDF)."""

from __future__ import annotations

import sys


def export_meetings(db, args, fmt: str) -> int:
    """python -m app --db DB export meetings --year 2026 [--quarter 3] [--org 名称] --out FILE [--format xlsx|pdf]."""
    from datetime import date

    from app.io.atomic import ExportError
    from app.io.meeting_ledger_pdf import write_meeting_ledger_pdf
    from app.io.meeting_xlsx import write_meeting_xlsx
    from app.services.meeting_ledger import build_meeting_ledger
    from app.services.roster import resolve_org

    year = args.year or date.today().year
    with db.reading() as session:
        org_id = resolve_org(session, args.org)[0] if args.org else None
        ledger = build_meeting_ledger(session, year, quarter=args.quarter, org_id=org_id)
    try:
        out = (write_meeting_xlsx if fmt == "xlsx" else write_meeting_ledger_pdf)(ledger, args.out)
    except ExportError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 1
    counts = "，".join(f"{t} {ledger.type_total(t)} 次" for t in ledger.types if ledger.type_total(t))
    print(f"已导出{ledger.title}（已召开会议 {len(ledger.lines)} 次{'：' + counts if counts else ''}）到 {out}")
    return 0
