"""Headless commands: init, demo, check, backup, restore, screenshot.

Heavy modules (SQLAlchemy, Qt) are imported inside the commands, so that starting
the window (no command) does not pay for them.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from app import APP_NAME, __version__

# Commands that must not create a database that is not there, nor migrate one.
NO_CREATE = {"check", "backup", "restore"}
# export kinds handled by the 统计 modules (app.cli_stats dispatches them)
STATS_EXPORTS = ("workbook", "template", "stats", "party-stats", "summary")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m app",
        description=f"{APP_NAME}：社区党支部/党委的党务台账。不带命令时打开窗口。",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", type=Path, metavar="PATH", help="数据库文件（默认：本用户数据目录中的 branchbook.db）")
    where.add_argument(
        "--database-url", metavar="URL", help="服务器数据库，如 postgresql+psycopg://用户:密码@主机/库名"
    )
    sub = parser.add_subparsers(dest="command", metavar="命令")

    p = sub.add_parser("init", help="创建数据库及本级党组织")
    p.add_argument("--org", required=True, help="本级党组织名称")
    p.add_argument("--type", default="社区党委", help="组织类型，如 社区党委、社区党总支、社区党支部（默认 社区党委）")

    p = sub.add_parser("demo", help="生成演示数据（虚构的党委、党员和五年记录）")
    p.add_argument("--members", type=int, required=True, help="党员人数")
    p.add_argument("--years", type=int, default=5, help="历史年数（默认 5）")
    p.add_argument("--seed", type=int, default=2026, help="随机种子（同一种子生成相同数据）")

    sub.add_parser("check", help="检查数据库完整性（integrity_check、foreign_key_check）")

    from app.cli_safety import add_parsers as safety_parsers

    safety_parsers(sub)

    p = sub.add_parser("import", help="从 Excel 导入（.xlsx / .xls）")
    p.add_argument("what", choices=["members", "dues", "dues-bases", "development", "volunteers", "volunteer-hours"],
                   help="members：党员；dues：党费收缴台账（历史记录）；dues-bases：党费核算表（计算基数，金额按规定计算）；"
                        "development：发展党员档案；volunteers：志愿者名册；volunteer-hours：志愿服务时长表")
    p.add_argument("file", type=Path, help="Excel 文件")
    p.add_argument("--year", type=int, help="党费台账的年度（文件标题中没有“XXXX年”时必填）")
    p.add_argument("--profile", help="已保存的列对应方案名称")
    p.add_argument("--save-profile", metavar="NAME", help="把本次识别的列对应保存为方案")
    p.add_argument("--sheet", help="工作表名称（默认第一个）")
    p.add_argument("--org", help="文件中没有“所在党支部”列时，导入到这个党支部")
    p.add_argument("--dry-run", action="store_true", help="只检查，不写入")

    p = sub.add_parser("export", help="导出花名册、党费台账、三会一课台账等")
    p.add_argument("what", choices=["roster", "dues", "meetings", "development", "volunteers", *STATS_EXPORTS],
                   help="roster：党员花名册；dues：党费收缴台账；meetings：三会一课台账；development：发展党员名单；"
                        "volunteers：志愿服务时长统计表；workbook：季度工作簿；template：按上级模板填表；"
                        "stats：统计报告（PDF，含图表）；party-stats：党内统计基本表；summary：工作总结数据")
    p.add_argument("--list", choices=["applicants", "uninterviewed", "activists", "candidates", "to-admit",
                                      "probationary", "due-conversion", "stats"],
                   help="发展党员名单：入党申请人、未谈话入党申请人、积极分子、发展对象、拟吸收预备党员、预备党员、可转正预备党员，"
                        "或 stats（发展党员工作情况统计）")
    p.add_argument("--on", type=date.fromisoformat, help="发展党员名单按哪一天（YYYY-MM-DD，默认今天）")
    p.add_argument("--format", choices=["xlsx", "pdf"], help="格式（省略时按 --out 的扩展名）")
    p.add_argument("--out", type=Path, required=True, help="输出文件")
    p.add_argument("--org", help="党组织名称（含下级；默认本级党组织）")
    p.add_argument("--order", choices=["pinyin", "strokes"], default="pinyin", help="排序：拼音或姓氏笔画")
    p.add_argument("--full-id", action="store_true", help="PDF 中显示完整身份证号（记入审计日志）")
    p.add_argument("--columns", help="列，逗号分隔的列键（默认全部；PDF 默认精简列）")
    p.add_argument("--year", type=int, help="党费台账、三会一课台账的年度（默认今年）")
    p.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], help="党费季度汇总只列这一季度；三会一课台账只导出这一季度")
    p.add_argument("--notice", action="store_true", help="党费：输出收缴情况公示（PDF，不含计算基数）")
    p.add_argument("--month", type=int, choices=range(1, 13), metavar="1-12", help="统计类导出只统计这一个月")
    p.add_argument("--from", dest="start", type=date.fromisoformat, metavar="YYYY-MM-DD", help="统计类导出：任意期间的开始")
    p.add_argument("--to", dest="end", type=date.fromisoformat, metavar="YYYY-MM-DD", help="统计类导出：任意期间的结束")
    p.add_argument("--digits", type=int, choices=[0, 1, 2], help="summary：百分比保留几位小数（默认按设置）")
    p.add_argument("--profile", help="template：已保存的上级模板方案名称")
    p.add_argument("--template", type=Path, help="template：上级下发的空白模板 .xlsx")

    from app.cli_development import add_parsers as development_parsers
    from app.cli_stats import add_parsers as stats_parsers
    from app.cli_volunteers import add_parsers as add_volunteer_parsers

    development_parsers(sub)
    add_volunteer_parsers(sub)
    stats_parsers(sub)

    p = sub.add_parser("screenshot", help="离屏渲染九个主页面为 PNG 图片")
    p.add_argument("--out", type=Path, required=True, help="输出文件夹")
    p.add_argument("--guide", action="store_true", help="另外渲染用户指南用的图片：首次设置向导各页、设置后的首页、导入预览")
    return parser


def _err(message: str) -> None:
    print(f"错误：{message}", file=sys.stderr)


def open_database(args: argparse.Namespace):
    from app.services.database import Database

    create = args.command not in NO_CREATE
    migrate = args.command not in NO_CREATE
    exclusive = args.command != "check"  # a second copy of the program must not write alongside
    if args.database_url:
        return Database.open(url=args.database_url, create=create, migrate_schema=migrate)
    return Database.open(path=args.db, create=create, migrate_schema=migrate, exclusive=exclusive)


def run_command(args: argparse.Namespace) -> int:
    from app.domain.errors import BranchBookError

    if args.command == "screenshot":
        # Qt opens its own database inside render_pages; offscreen unless a display is wanted.
        return _screenshot(args)
    try:
        db = open_database(args)
    except BranchBookError as exc:
        _err(str(exc))
        return 2
    try:
        handler = {
            "init": _init,
            "demo": _demo,
            "check": _check,
            "backup": _backup,
            "restore": _restore,
            "import": _import,
            "export": _export,
            "development": _development,
            "holidays": _holidays,
            "certificate": _certificate,
            "stats": _stats,
            "template": _stats,
            "consolidate": _stats,
        }[args.command]
        return handler(db, args)
    except BranchBookError as exc:
        _err(str(exc))
        return 1
    finally:
        db.close()


def _init(db, args) -> int:
    from app.services import organisations

    with db.unit_of_work(actor="命令行") as session:
        org = organisations.create_top_organisation(session, args.org, args.type)
    print(f"已创建{org.org_type}{org.level}「{org.name}」，数据库：{db.display_name}")
    return 0


def _demo(db, args) -> int:
    from app.domain.errors import ValidationError
    from app.services.demo import generate

    if args.members < 1:
        raise ValidationError("--members", "党员人数应为正整数")
    if not 1 <= args.years <= 30:
        raise ValidationError("--years", "历史年数应在 1 到 30 之间")

    def progress(percent: int, message: str) -> None:
        print(f"[{percent:3d}%] {message}", flush=True)

    summary = generate(db, members=args.members, years=args.years, seed=args.seed, progress=progress)
    print(
        f"演示数据已生成：党组织 {summary.organisations} 个，党员 {summary.members} 名（在册 {summary.active_members}），"
        f"会议 {summary.meetings} 次，党费缴纳 {summary.dues_payments} 笔，发展档案 {summary.development_records} 份，"
        f"志愿者 {summary.volunteers} 名，用时 {summary.elapsed:.1f} 秒。"
    )
    return 0


def _check(db, args) -> int:
    from app.services.maintenance import check

    report = check(db)
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1


def _backup(db, args) -> int:
    from app.cli_safety import backup

    return backup(db, args)


def _restore(db, args) -> int:
    from app.cli_safety import restore

    return restore(db, args)


def _screenshot(args) -> int:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.domain.errors import BranchBookError
    from app.ui.screenshot import render_pages

    try:
        paths = render_pages(args.db, args.database_url, args.out)
        if getattr(args, "guide", False):
            from app.ui.screenshot_guide import render_guide

            paths += render_guide(args.db, args.database_url, args.out)
    except BranchBookError as exc:
        _err(str(exc))
        return 2
    for path in paths:
        print(path)
    return 0


def _development(db, args) -> int:
    from app.cli_development import development

    return development(db, args)


def _holidays(db, args) -> int:
    from app.cli_development import holidays

    return holidays(db, args)


def _stats(db, args) -> int:
    from app.cli_stats import command

    return command(db, args)


def _certificate(db, args) -> int:
    from app.cli_volunteers import certificate

    return certificate(db, args)


def _import(db, args) -> int:
    if args.what == "development":
        from app.cli_development import import_development

        return import_development(db, args, _report, _write)
    if args.what in ("volunteers", "volunteer-hours"):
        from app.cli_volunteers import import_volunteers

        return import_volunteers(db, args, _report, _write)
    if args.what == "dues":
        from app.cli_dues import import_dues

        return import_dues(db, args, _report, _write)
    if args.what == "dues-bases":
        from app.cli_dues import import_bases

        return import_bases(db, args, _report, _write)
    from app.io.excel_read import SheetError
    from app.io.member_file import all_errors, plan_member_file
    from app.io.member_sheet import normalise_header
    from app.services import import_profiles
    from app.services.member_import import apply_import
    from app.services.roster import resolve_org

    with db.reading() as session:
        profile = import_profiles.load_profile(session, args.profile) if args.profile else None
        default_org = resolve_org(session, args.org)[0] if args.org else None
        try:
            parsed, plan = plan_member_file(session, args.file, sheet=args.sheet if args.sheet else 0,
                                            profile=profile, default_org_id=default_org)
        except SheetError as exc:
            _err(exc.message)
            return 1
    if not _report(all_errors(parsed, plan), ()):
        return 1
    if args.save_profile:
        mapping = {normalise_header(c.header): c.field for c in parsed.columns if c.header}
        with db.unit_of_work(actor="命令行") as session:
            import_profiles.save_profile(session, args.save_profile, mapping)
    changes = plan.count("新增") + plan.count("修改") + len(plan.new_orgs)
    return _write(db, args, plan, changes, lambda s: apply_import(s, plan, source=str(args.file)))


def _report(errors, warnings) -> bool:
    """Print every error (第N行 列名: 原因) and warning; False when there were errors."""
    if errors:
        for error in errors:
            print(str(error), file=sys.stderr)
        _err(f"共 {len(errors)} 处错误，未写入任何数据。")
        return False
    for warning in warnings:
        print(f"提示：{warning}", file=sys.stderr)
    return True


def _write(db, args, plan, changes: int, apply) -> int:
    """The end every import shares: --dry-run, nothing to do, or a backup and then all of it."""
    from app.services import maintenance

    if args.dry_run:
        print(f"检查通过（未写入）：{plan.summary()}")
        return 0
    if changes == 0:
        print(f"没有需要导入的变化：{plan.summary()}")
        return 0
    maintenance.backup_before_import(db)
    with db.unit_of_work(actor="命令行") as session:
        apply(session)
    print(f"导入完成：{plan.summary()}")
    return 0


def _export(db, args) -> int:
    from app.domain.errors import ValidationError
    from app.io.atomic import ExportError
    from app.io.roster_pdf import write_roster_pdf
    from app.io.roster_xlsx import write_roster_xlsx
    from app.services.roster import build_roster, record_full_id_export, resolve_org

    fmt = args.format or args.out.suffix.lower().lstrip(".")
    if args.what == "summary" and (str(args.out) == "-" or fmt == "txt"):
        fmt = "txt"  # the sentences as plain text
    elif fmt not in ("xlsx", "pdf"):
        raise ValidationError("--format", "请用 --format xlsx 或 pdf，或给出以 .xlsx / .pdf 结尾的文件名")
    if args.what in STATS_EXPORTS:
        from app.cli_stats import export_report

        return export_report(db, args, fmt)
    if args.what == "dues":
        from app.cli_dues import export_dues

        return export_dues(db, args, fmt)
    if args.what == "development":
        from app.cli_development import export_development

        return export_development(db, args, fmt)
    if args.what == "meetings":
        from app.cli_meetings import export_meetings

        return export_meetings(db, args, fmt)
    if args.what == "volunteers":
        from app.cli_volunteers import export_volunteers

        return export_volunteers(db, args, fmt)
    columns = [c.strip() for c in args.columns.split(",")] if args.columns else None
    with db.reading() as session:
        org_id, org_name = resolve_org(session, args.org)
        roster = build_roster(session, org_id=org_id, order=args.order, org_name=org_name)
    try:
        if fmt == "xlsx":
            out = write_roster_xlsx(roster, args.out, columns=columns)
        else:
            out = write_roster_pdf(roster, args.out, columns=columns, full_id=args.full_id)
    except KeyError as exc:
        raise ValidationError("--columns", f"未知的列：{exc.args[0]}") from None
    except ExportError as exc:
        _err(exc.message)
        return 1
    if fmt == "xlsx" or args.full_id:  # whole ID numbers leave the program: audit it
        with db.unit_of_work(actor="命令行") as session:
            record_full_id_export(session, roster, str(out))
    print(f"已导出 {len(roster.entries)} 名党员到 {out}")
    return 0
