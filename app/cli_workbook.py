"""``export workbook`` (the quarterly package), ``export template`` and ``template`` (a higher level's own
sheet, recognised, saved as a profile, filled) and ``consolidate`` (branches' workbooks rolled up)."""

from __future__ import annotations

import sys
from pathlib import Path


def _err(message: str) -> None:
    print(f"错误：{message}", file=sys.stderr)


def add_parsers(sub) -> None:
    p = sub.add_parser("template", help="识别上级下发的空白模板：表头位置和各列对应的内容；可保存为方案")
    p.add_argument("file", type=Path, help="模板 .xlsx")
    p.add_argument("--sheet", help="工作表名称（默认第一个）")
    p.add_argument("--map", action="append", default=[], metavar="列=字段",
                   help="改正某列的对应，如 --map D=birth（字段见输出；字段留空表示不填此列），可多次给出")
    p.add_argument("--save-profile", metavar="NAME", help="把识别（及改正）后的对应保存为方案")
    p = sub.add_parser("consolidate", help="汇总各支部的季度工作簿：检查、报告身份证号重复，生成汇总统计和工作簿")
    p.add_argument("files", type=Path, nargs="+", help="各支部导出的季度工作簿 .xlsx")
    p.add_argument("--out", type=Path, required=True, help="汇总工作簿 .xlsx")
    p.add_argument("--title", help="汇总单位名称（默认本数据库的本级党组织）")


def _period(args):
    from datetime import date

    from app.cli_stats import period_of

    if not (args.year or getattr(args, "start", None) or getattr(args, "end", None)):
        args.year = date.today().year
    return period_of(args)


def export(db, args, fmt: str) -> int:
    from app.domain.errors import ValidationError

    if fmt != "xlsx":
        raise ValidationError("--format", "季度工作簿和上级模板只导出 .xlsx")
    if args.what == "template":
        return export_template(db, args)
    return export_workbook(db, args)


def export_workbook(db, args) -> int:
    """python -m app --db DB export workbook --year 2026 [--quarter 3 | --month 11] [--org 名称] --out FILE.xlsx"""
    from app.io.atomic import ExportError
    from app.io.stats_workbook_xlsx import write_workbook
    from app.services.stats_workbook import build_package, record_export

    with db.reading() as session:
        package = build_package(session, _period(args), org=args.org)
    try:
        out = write_workbook(package, args.out)
    except ExportError as exc:
        _err(exc.message)
        return 1
    with db.unit_of_work(actor="命令行") as session:
        record_export(session, package, str(out))
    print(f"已导出{package.title}（花名册 {len(package.roster.entries)} 人，党费 {len(package.dues)} 人，"
          f"会议 {len(package.meetings)} 次，发展党员 {len(package.development)} 人，"
          f"志愿者 {len(package.volunteers.people)} 人）到 {out}")
    return 0


def _describe(layout) -> None:
    from app.services.template_data import BY_KEY

    print(f"工作表“{layout.sheet}”：表头在第{'、'.join(map(str, layout.header_rows))}行，数据从第{layout.first_row}行起"
          + (f"，第{layout.footer_row}行起为表尾" if layout.footer_row else ""))
    for c in layout.columns:
        what = f"公式 {c.formula}（保留）" if c.formula else (f"{c.field}（{BY_KEY[c.field].label}）" if c.field else "（不填）")
        print(f"  {c.letter}列 {c.header or '（无表头）'} → {what}")


def template(db, args) -> int:
    """Recognise a template, correct columns with --map, save the result as a profile."""
    from app.domain.errors import ValidationError
    from app.io.template_xlsx import apply_profile, inspect_template
    from app.services.template_data import FIELDS
    from app.services.template_profiles import TemplateProfile, save_template_profile

    layout = inspect_template(args.file, sheet=args.sheet)
    mapping = layout.mapping()
    for item in args.map:
        letter, _, key = item.partition("=")
        letter = letter.strip().upper()
        if not any(c.letter == letter for c in layout.columns):
            raise ValidationError("--map", f"模板表头中没有 {letter} 列")
        mapping[letter] = key.strip()
    layout = apply_profile(layout, {k: v for k, v in mapping.items() if v}, None)
    _describe(layout)
    if args.save_profile:
        with db.unit_of_work(actor="命令行") as session:
            save_template_profile(session, TemplateProfile(args.save_profile, layout.sheet, layout.signature,
                                                           layout.mapping()))
        print(f"已保存方案“{args.save_profile}”：以后用 export template --profile {args.save_profile} 一键填表")
    else:
        print("可用字段：" + "，".join(f"{f.key}={f.label}" for f in FIELDS))
    return 0


def export_template(db, args) -> int:
    """python -m app --db DB export template --profile NAME --template FILE --year 2026 [--quarter 3] --out FILE"""
    from app.domain.errors import ValidationError
    from app.io.atomic import ExportError
    from app.io.template_xlsx import apply_profile, fill_template, inspect_template
    from app.services.template_data import member_rows
    from app.services.template_fill import record_fill
    from app.services.template_profiles import load_template_profile

    if not args.template:
        raise ValidationError("--template", "请给出上级下发的模板文件（--template FILE.xlsx）")
    if not args.profile:
        raise ValidationError("--profile", "请给出方案名称（先用 template 命令识别模板并 --save-profile 保存）")
    period = _period(args)
    with db.reading() as session:
        profile = load_template_profile(session, args.profile)
        org_name, rows = member_rows(session, period, org=args.org)
    layout = apply_profile(inspect_template(args.template, sheet=profile.sheet), profile.mapping, profile.signature)
    try:
        out = fill_template(args.template, layout, rows, args.out)
    except ExportError as exc:
        _err(exc.message)
        return 1
    with db.unit_of_work(actor="命令行") as session:
        record_fill(session, profile.name, layout, len(rows), str(out))
    print(f"已按方案“{profile.name}”填写 {len(rows)} 名党员（{org_name}，{period.label}）到 {out}")
    return 0


def consolidate(db, args) -> int:
    from app.io.atomic import ExportError
    from app.io.consolidate_xlsx import read_branch_workbook, write_consolidated
    from app.services.consolidation import consolidate as combine
    from app.services.organisations import top_organisation

    books = [read_branch_workbook(path) for path in args.files]
    result = combine(books)
    title = args.title
    if not title:
        with db.reading() as session:
            top = top_organisation(session)
            title = top.name if top else ""
    try:
        out = write_consolidated(result, args.out, title=title)
    except ExportError as exc:
        _err(exc.message)
        return 1
    for c in result.conflicts:
        where = "；".join(f"{branch} 花名册第{row}行 {name}" for branch, name, row in c.places)
        print(f"冲突：身份证号 {c.masked} 出现 {len(c.places)} 次：{where}")
    for branch, row, name, why in result.invalid_ids:
        print(f"身份证号有误：{branch} 花名册第{row}行 {name}：{why}")
    total = next((t for _g, _l, k, _p, t in result.figures if k == "members_total"), 0)
    print(f"已汇总 {len(books)} 个支部的{result.period_label}工作簿（党员合计 {total} 人，冲突 {len(result.conflicts)} 个）到 {out}")
    return 0
