"""The 志愿服务 commands of the CLI: export volunteers, certificate, import volunteers / volunteer-hours.

    python -m app --db DB export volunteers --year 2026 [--quarter 3] [--org 名称] [--platform] --out FILE.xlsx
    python -m app --db DB certificate --volunteer 姓名或编号 [--year 2026 | --from D --to D] --out FILE.pdf
    python -m app --db DB import volunteers FILE [--dry-run]
    python -m app --db DB import volunteer-hours FILE [--dry-run]
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path


def add_parsers(sub) -> None:
    export = sub.choices.get("export")
    if export is not None:
        export.add_argument("--platform", action="store_true",
                            help="志愿服务：只导出按月每人时长（上级平台批量导入用，表头在第1行）")
    p = sub.add_parser("certificate", help="出具志愿服务证明（PDF，编号并记入审计日志）")
    p.add_argument("--volunteer", required=True, help="志愿者姓名、志愿者编号、证件号码或记录编号（如 #12）")
    p.add_argument("--out", type=Path, required=True, help="输出的 PDF 文件")
    p.add_argument("--year", type=int, help="证明的年度（默认今年；与 --from/--to 二选一）")
    p.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], help="只证明这一季度")
    p.add_argument("--from", dest="start", type=date.fromisoformat, metavar="YYYY-MM-DD", help="起始日期")
    p.add_argument("--to", dest="end", type=date.fromisoformat, metavar="YYYY-MM-DD", help="截止日期")
    p.add_argument("--issuer", help="出具单位（默认上次使用的，或本级党组织）")
    p.add_argument("--leader", help="负责人")
    p.add_argument("--handler", help="经办人")
    p.add_argument("--phone", help="联系电话")


def _err(message: str) -> None:
    print(f"错误：{message}", file=sys.stderr)


def _period(args):
    from app.domain.errors import ValidationError
    from app.domain.volunteer_rules import custom_period, period_of

    if args.start or args.end:
        if not (args.start and args.end):
            raise ValidationError("--from/--to", "请同时给出起始和截止日期")
        return custom_period(args.start, args.end)
    return period_of(args.year or date.today().year, getattr(args, "quarter", None))


def certificate(db, args) -> int:
    """Issue one certificate: numbered, kept, audited and written in one unit of work (a failed write undoes it)."""
    from dataclasses import replace

    from app.io.atomic import ExportError
    from app.io.volunteer_pdf import write_certificate_pdf
    from app.services.volunteer_certificate import issue_certificate, load_issuer
    from app.services.volunteers import find_volunteer

    period = _period(args)
    try:
        with db.unit_of_work(actor="命令行") as session:
            volunteer_id = find_volunteer(session, args.volunteer)
            issuer = load_issuer(session)
            given = {k: v for k, v in (("name", args.issuer), ("leader", args.leader), ("handler", args.handler),
                                       ("phone", args.phone)) if v is not None}
            cert = issue_certificate(session, volunteer_id, period, issuer=replace(issuer, **given),
                                     target=str(args.out))
            out = write_certificate_pdf(cert, args.out)
    except ExportError as exc:
        _err(exc.message)
        return 1
    print(f"已出具志愿服务证明 {cert.number}：{cert.name}，{period.label}，服务 {len(cert.lines)} 次、"
          f"{cert.total} 小时，保存到 {out}")
    return 0


def export_volunteers(db, args, fmt: str) -> int:
    """The 志愿服务时长统计表 of a year or quarter (.xlsx); whole ID numbers leave the program, so it is audited."""
    from app.domain.errors import ValidationError
    from app.io.atomic import ExportError
    from app.io.volunteer_xlsx import write_hours_xlsx, write_platform_xlsx
    from app.services.roster import resolve_org
    from app.services.volunteer_hours import hours_report, record_export
    from app.services.volunteer_stats import volunteer_statistics

    if fmt != "xlsx":
        raise ValidationError("--format", "志愿服务时长统计表只导出 .xlsx")
    from app.domain.volunteer_rules import period_of

    period = period_of(args.year or date.today().year, args.quarter)
    with db.reading() as session:
        org_id = resolve_org(session, args.org)[0] if args.org else None
        report = hours_report(session, period, org_id=org_id)
        stats = volunteer_statistics(session, period, org_id=org_id)
    try:
        if getattr(args, "platform", False):
            out = write_platform_xlsx(report, args.out)
        else:
            out = write_hours_xlsx(report, args.out, stats=stats)
    except ExportError as exc:
        _err(exc.message)
        return 1
    with db.unit_of_work(actor="命令行") as session:
        record_export(session, report, str(out))
    print(f"已导出{report.org_name}{period.label}志愿服务时长统计表（{len(report.people)} 人，{len(report.lines)} 人次，"
          f"{report.total} 小时）到 {out}")
    return 0


def import_volunteers(db, args, report, write) -> int:
    """import volunteers / volunteer-hours through the CLI's shared tail: errors, --dry-run, backup, apply."""
    from app.io.excel_read import SheetError
    from app.io.volunteer_sheet import plan_hours_file, plan_roster_file
    from app.services.volunteer_hours_import import apply_hours_import
    from app.services.volunteer_import import apply_roster_import

    hours = args.what == "volunteer-hours"
    with db.reading() as session:
        try:
            plan, errors = (plan_hours_file if hours else plan_roster_file)(
                session, args.file, sheet=args.sheet if args.sheet else 0)
        except SheetError as exc:
            _err(exc.message)
            return 1
    if not report(errors, plan.warnings):
        return 1
    apply = apply_hours_import if hours else apply_roster_import
    return write(db, args, plan, plan.changes, lambda s: apply(s, plan, source=str(args.file)))
