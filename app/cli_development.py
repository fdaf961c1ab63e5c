"""The 发展党员 commands: the open cases as JSON, the seven lists and the statistics, the 纪实表, the import."""

from __future__ import annotations

import json
import sys
from datetime import date


def add_parsers(sub) -> None:
    """``development`` (open cases judged on a day) and ``certificate``-like per-person papers."""
    p = sub.add_parser("development", help="发展党员：各人所处阶段、下一步及期限、规则检查（JSON）")
    p.add_argument("--on", type=date.fromisoformat, help="按哪一天检查（YYYY-MM-DD，默认今天）")
    p.add_argument("--json", action="store_true", help="输出 JSON 数组（每个未完成的发展对象一个对象）")
    p.add_argument("--record", metavar="姓名或身份证号", help="只看此人；配合 --out 输出全程纪实表 PDF")
    p.add_argument("--out", help="全程纪实表 PDF 的文件名（配合 --record）")
    p.add_argument("--full-id", action="store_true", help="纪实表中显示完整身份证号（记入审计日志）")

    p = sub.add_parser("holidays", help="节假日与调休表：列出已有年份，或登记一年（每行“日期 休/班 名称”）")
    p.add_argument("--year", type=int, help="要登记的年份")
    p.add_argument("--add", help="该年放假安排的文本文件（UTF-8，每行如 2027-01-01 休 元旦）")


def holidays(db, args) -> int:
    """holidays [--year 2027 --add FILE]: the years the working-day table covers, or add one."""
    from app.services.holidays import add_year, holiday_years

    if args.add:
        if not args.year:
            print("错误：请用 --year 指明是哪一年的放假安排", file=sys.stderr)
            return 1
        with open(args.add, encoding="utf-8-sig") as fh:
            text = fh.read()
        with db.unit_of_work(actor="命令行") as session:
            y = add_year(session, args.year, text)
        print(f"已登记{y.year}年节假日安排：放假 {y.days_off} 天，调休上班 {y.working_weekends} 天")
        return 0
    with db.reading() as session:
        years = holiday_years(session)
    for y in years:
        print(f"{y.year}年：放假 {y.days_off} 天，调休上班 {y.working_weekends} 天（{'本机登记' if y.source == 'clerk' else '内置'}）")
    if years:
        print(f"{years[-1].year + 1}年起的工作日按周末推算，结果标“暂算”，请在国务院办公厅通知发布后登记。")
    return 0


def development(db, args) -> int:
    from app.services.development_cases import open_cases

    on = args.on or date.today()
    if args.record:
        return _case_file(db, args, on)
    with db.reading() as session:
        cases = open_cases(session, on)
    if args.json:
        json.dump([c.as_json() for c in cases], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not cases:
        print(f"截至 {on}，没有正在进行的发展党员工作。")
        return 0
    for c in cases:
        when = f"（最早 {c.earliest}" if c.earliest else "（"
        when += f"，截止 {c.deadline}）" if c.deadline else "）"
        print(f"{c.name}　{c.stage}　下一步：{c.next_step}{when if when != '（）' else ''}"
              f"{'　已逾期' if c.overdue else ''}{'　暂算' if c.provisional else ''}")
        for article, message in c.warnings:
            print(f"    · {message}（{article or '本地做法'}）")
    return 0


def _case_file(db, args, on: date) -> int:
    from app.io.atomic import ExportError
    from app.io.development_pdf import write_case_pdf
    from app.services.development_timeline import case_file, find_record
    from app.services.roster import resolve_org

    if not args.out:
        print("错误：请用 --out 给出全程纪实表 PDF 的文件名", file=sys.stderr)
        return 1
    with db.reading() as session:
        record_id = find_record(session, args.record)
        case = case_file(session, record_id, on)
        org_name = resolve_org(session, None)[1]
    try:
        out = write_case_pdf(case, args.out, org_name=org_name, printed_on=on, full_id=args.full_id)
    except ExportError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 1
    if args.full_id:
        with db.unit_of_work(actor="命令行") as session:
            from app.services import audit

            audit.record(session, "导出", "development_record", str(record_id),
                         f"导出{case.view.name}的发展党员全程纪实表（完整身份证号）", {"文件": str(out)})
    print(f"已导出{case.view.name}的发展党员全程纪实表到 {out}")
    return 0


def export_development(db, args, fmt: str) -> int:
    """export development --list applicants|uninterviewed|activists|candidates|to-admit|probationary|due-conversion,
    or --list stats (发展党员工作情况统计 for --year)."""
    from app.io.atomic import ExportError
    from app.io.development_xlsx import write_list_xlsx, write_stats_xlsx
    from app.services.development_lists import LISTS, development_list, development_stats
    from app.services.roster import resolve_org

    kind = args.list
    if kind is None:
        print(f"错误：请用 --list 选择名单：{'、'.join(LISTS)}，或 stats（统计）", file=sys.stderr)
        return 1
    if fmt != "xlsx":
        print("错误：发展党员名单导出为 .xlsx", file=sys.stderr)
        return 1
    on = args.on or date.today()
    with db.reading() as session:
        org_id, org_name = resolve_org(session, args.org) if args.org else resolve_org(session, None)
        if kind == "stats":
            stats = development_stats(session, args.year or on.year)
        else:
            from app.services.organisation_tree import subtree_ids

            scope = set(subtree_ids(session, org_id)) if args.org else None
            rows = development_list(session, kind, on, org_ids=scope)
    try:
        if kind == "stats":
            out = write_stats_xlsx(stats, args.out, org_name=org_name)
            print(f"已导出{stats.year}年发展党员工作情况统计（发展党员 {stats.admitted} 名）到 {out}")
        else:
            out = write_list_xlsx(kind, rows, args.out, org_name=org_name, on=on)
            print(f"已导出{LISTS[kind]}（{len(rows)} 人，截至 {on}）到 {out}")
    except ExportError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 1
    return 0


def import_development(db, args, report, write) -> int:
    """import development FILE [--org 党支部] [--dry-run]: checked whole, then all of it or nothing."""
    from app.io.development_sheet import parse_development_sheet
    from app.io.excel_read import SheetError, read_sheet
    from app.services.development_import import apply_development_import, plan_development_import
    from app.services.roster import resolve_org

    try:
        parsed = parse_development_sheet(read_sheet(args.file, args.sheet if args.sheet else 0))
    except SheetError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 1
    with db.reading() as session:
        default_org = resolve_org(session, args.org)[0] if args.org else None
        plan = plan_development_import(session, parsed.rows, default_org_id=default_org)
    if not report(sorted(parsed.errors + plan.errors, key=lambda e: e.row), plan.warnings):
        return 1
    return write(db, args, plan, plan.changes, lambda s: apply_development_import(s, plan))
