"""The 统计 command: every figure of a period as one stable JSON object, or as lines with how each is counted."""

from __future__ import annotations

import json
import sys

LABELS = {
    "members_total": "党员总数", "probationary": "预备党员", "female": "女党员", "minority": "少数民族党员",
    "age_35_and_under": "35岁及以下", "age_60_and_over": "60岁及以上", "college_and_above": "大专及以上学历",
    "retired": "离退休党员", "lost_contact": "失联党员", "mobile_out": "流出党员",
    "admitted_probationary": "发展党员（接收预备党员）", "converted_full": "预备党员转正", "transferred_in": "转入",
    "transferred_out": "转出", "deceased": "死亡", "applications": "递交入党申请书", "activists": "入党积极分子",
    "candidates": "发展对象", "meetings": "召开会议", "meeting_attendance": "参会人次", "dues_due": "应缴党费（元）",
    "dues_paid": "实缴党费（元）", "dues_arrears_members": "连续欠缴3个月及以上", "volunteers": "注册志愿者",
    "volunteer_teams": "志愿服务队", "volunteer_activities": "志愿服务活动", "volunteer_beneficiaries": "受益群众（人次）",
    "volunteer_hours": "服务时长（小时）",
}


def add_parsers(sub) -> None:
    p = sub.add_parser("stats", help="统计数字：党员结构与变动、发展党员、三会一课、党费、志愿服务（可输出 JSON）")
    p.add_argument("--year", type=int, required=True, help="年度")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], help="只统计这一季度")
    when.add_argument("--month", type=int, choices=range(1, 13), metavar="1-12", help="只统计这一个月")
    p.add_argument("--org", help="党组织名称（含下级；默认本级党组织）")
    p.add_argument("--json", action="store_true", help="输出一个 JSON 对象")


def stats(db, args) -> int:
    from app.services.stats_figures import Period, period_figures

    with db.reading() as session:
        figures = period_figures(session, Period.of(args.year, quarter=args.quarter, month=args.month), org=args.org)
    if args.json:
        json.dump(figures.as_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(f"{figures.org_name}　{figures.period.label}（{figures.period.start} 至 {figures.period.end}）")
    for key, value in figures.values.items():
        if isinstance(value, dict):
            shown = "，".join(f"{k} {v}" for k, v in value.items() if v) or "无"
        elif key in ("dues_due", "dues_paid", "volunteer_hours"):
            shown = f"{value:,.2f}"
        else:
            shown = str(value)
        print(f"{LABELS.get(key, key)}：{shown}　（{figures.how[key]}）")
    return 0
