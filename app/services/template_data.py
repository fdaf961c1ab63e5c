"""What a higher level's template can ask per member, and the values for a period.

A template the street sends is almost always one row per member: the roster's items, often
with the 党费 of the period, sometimes attendance, 学时 or volunteer hours. ``FIELDS`` lists
what the app can fill (the key a profile stores, the label the clerk sees, the header texts
that usually mean it); ``member_rows`` gives each member on the books at the period's end
one dict of those values, in roster order.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from app.services.stats_figures import Period, org_scope


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    headers: tuple[str, ...]  # header texts (notes in （） stripped, no spaces) that mean this field
    kind: str = "text"  # text | id | date | int | money | hours


FIELDS: tuple[Field, ...] = (
    Field("seq", "序号", ("序号", "编号", "序")),
    Field("name", "姓名", ("姓名", "党员姓名", "名字")),
    Field("gender", "性别", ("性别",)),
    Field("ethnicity", "民族", ("民族",)),
    Field("birth", "出生日期", ("出生日期", "出生年月", "出生时间", "出生年月日", "生日"), "date"),
    Field("age", "年龄", ("年龄", "周岁"), "int"),
    Field("id_number", "公民身份号码", ("公民身份号码", "身份证号", "身份证号码", "身份证", "公民身份证号", "公民身份证号码",
                                    "证件号码"), "id"),
    Field("education", "学历", ("学历", "最高学历", "文化程度", "全日制学历")),
    Field("category", "人员类别", ("人员类别", "党员类别", "类别", "政治面貌", "党员身份")),
    Field("join", "入党日期", ("入党日期", "入党时间", "入党年月", "加入党组织日期"), "date"),
    Field("full", "转正日期", ("转正日期", "转正时间", "转正年月", "转为正式党员日期"), "date"),
    Field("party_years", "党龄", ("党龄",), "int"),
    Field("job_post", "工作岗位", ("工作岗位", "岗位", "职业", "人员身份")),
    Field("work_unit", "工作单位及职务", ("工作单位及职务", "工作单位", "单位及职务", "单位职务", "工作单位和职务", "单位")),
    Field("party_post", "党内职务", ("党内职务",)),
    Field("org", "所在党支部", ("所在党支部", "所在支部", "党支部", "所在组织", "所在党组织", "支部名称", "支部")),
    Field("group", "党小组", ("党小组", "所在党小组")),
    Field("phone", "联系电话", ("联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "电话号码"), "id"),
    Field("address", "家庭住址", ("家庭住址", "住址", "现住址", "居住地址", "家庭地址", "现居住地")),
    Field("status", "党籍状态", ("党籍状态", "状态")),
    Field("lost", "是否失联", ("是否失联", "失联")),
    Field("mobile", "是否流动", ("是否流动", "流动党员", "是否流动党员")),
    Field("dues_base", "党费计算基数", ("计算基数", "党费计算基数", "月工资收入", "交纳基数", "工资基数", "税后工资总额",
                                  "本人目前党费计算基数"), "money"),
    Field("dues_rate", "交纳比例", ("比例", "交纳比例", "执行标准", "缴纳比例", "党费比例")),
    Field("dues_monthly", "月应缴党费", ("月应缴党费", "月应缴", "每月应交党费", "每月应交纳党费金额", "月交纳额", "月缴党费",
                                  "每月应缴党费"), "money"),
    Field("dues_due", "本期应缴党费", ("应缴党费", "应交党费", "期内应缴", "本期应缴", "全年应缴党费", "应缴金额", "应缴", "应交"), "money"),
    Field("dues_paid", "本期实缴党费", ("实缴党费", "实交党费", "已缴党费", "期内实缴", "本期实缴", "全年实缴党费", "实缴金额",
                                  "共交纳党费", "实缴", "实交", "已缴"), "money"),
    Field("dues_unpaid", "本期未交党费", ("欠缴党费", "未交党费", "欠缴", "需补交党费", "未缴"), "money"),
    Field("attended", "本年参加会议次数（截至期末）", ("参会次数", "参加组织生活次数", "参加会议次数", "出勤次数"), "int"),
    Field("study_hours", "本年学习学时（截至期末）", ("学时", "总学时数", "学习学时", "学时数"), "hours"),
    Field("volunteer_hours", "本期志愿服务时长（小时）", ("志愿服务时长", "服务时长", "志愿服务时长小时", "服务时长小时"), "hours"),
    Field("notes", "备注", ("备注",)),
)
BY_KEY = {f.key: f for f in FIELDS}
ZERO = Decimal("0.00")


def _rate(rate: Decimal | None) -> str:
    return f"{(rate * 100).normalize():f}%" if rate else "定额"


def _yes(flag: bool) -> str:
    return "是" if flag else "否"


def member_rows(session: Session, period: Period, *, org: str | None = None) -> tuple[str, list[dict]]:
    """(organisation name, one dict per member on the books at the period's end, keyed by ``FIELDS``)."""
    from app.domain.volunteer_rules import Period as VolunteerPeriod
    from app.services.meeting_participation import participation
    from app.services.roster import build_roster, resolve_org
    from app.services.stats_dues import period_dues
    from app.services.stats_members import members_at
    from app.services.volunteer_hours import hours_report

    scope, org_name = org_scope(session, org)
    org_id = resolve_org(session, org)[0] if scope is not None else None
    on_books = {p.id for p in members_at(session, period.end, scope)}
    roster = build_roster(session, org_id=org_id, as_of=period.end, org_name=org_name, member_ids=on_books)
    dues = period_dues(session, period.start, period.end, org_id)
    dues_by = {d.member_id: d for d in dues}
    taking = {p.member_id: p for p in participation(session, period.end.year, org_id=org_id, today=period.end)}
    hours: dict[str, Decimal] = {}
    for person in hours_report(session, VolunteerPeriod(period.start, period.end, period.label)).people:
        if person.id_number:
            hours[person.id_number] = hours.get(person.id_number, ZERO) + person.hours
    rows = []
    for n, e in enumerate(roster.entries, start=1):
        d, p = dues_by.get(e.id), taking.get(e.id)
        rows.append({
            "seq": n, "name": e.name, "gender": e.gender, "ethnicity": e.ethnicity, "birth": e.birth, "age": e.age,
            "id_number": e.id_number, "education": e.education, "category": e.category, "join": e.join,
            "full": e.full, "party_years": e.party_years, "job_post": e.job_post, "work_unit": e.work_unit,
            "party_post": e.party_post, "org": e.org_name, "group": e.group_name, "phone": e.phone,
            "address": e.address, "status": e.status, "lost": _yes(e.is_lost_contact), "mobile": _yes(e.is_mobile),
            "dues_base": d.base if d and d.base else None, "dues_rate": _rate(d.rate) if d else None,
            "dues_monthly": d.monthly if d else None, "dues_due": d.due if d else None,
            "dues_paid": d.paid if d else None, "dues_unpaid": (d.due - d.paid) if d else None,
            "attended": p.attended if p else None, "study_hours": p.study_hours if p else None,
            "volunteer_hours": hours.get(e.id_number) if e.id_number else None, "notes": e.notes,
        })
    return org_name, rows
