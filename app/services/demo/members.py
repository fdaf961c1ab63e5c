"""Demo members: who they are (age, sex, schooling, job, joining) per kind of branch.

Their history (events, leaving, flags) is drawn by ``events.py``; the rows are written
after the committees are chosen, so 党内职务 goes in with the first insert.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from app.db.models import Member, MembershipEvent
from app.domain.dates import add_years
from app.domain.enums import DatePrecision, Gender, MemberCategory, MemberStatus
from app.services.demo.organisation import Branch
from app.services.demo.people import People, Weighted, places
from app.services.demo.writer import Writer

# age bands (low, high, weight) per kind of branch: about half of a community's members are 60 or older
AGES = {
    "retired": ((60, 64, 15), (65, 69, 22), (70, 74, 22), (75, 79, 17), (80, 84, 12), (85, 89, 8), (90, 95, 4)),
    "community": ((20, 29, 7), (30, 39, 13), (40, 49, 13), (50, 59, 17), (60, 69, 24), (70, 79, 16), (80, 95, 10)),
    "joint": ((22, 29, 22), (30, 39, 35), (40, 49, 25), (50, 59, 15), (60, 65, 3)),
}
AGES["new"] = AGES["joint"]
AGES = {kind: Weighted([((low, high), weight) for low, high, weight in bands]) for kind, bands in AGES.items()}
FEMALE_SHARE = {"retired": 0.5, "community": 0.52, "joint": 0.42, "new": 0.55}
ETHNICITIES = Weighted((("汉族", 930), ("回族", 16), ("满族", 14), ("蒙古族", 8), ("壮族", 7), ("朝鲜族", 5), ("土家族", 5),
               ("苗族", 4), ("彝族", 3), ("维吾尔族", 2), ("藏族", 2), ("侗族", 2), ("锡伯族", 1), ("白族", 1)))
# 学历 labels of the 全国党员管理信息系统 list (rules-and-peers.md B5) by birth cohort
EDUCATION = {
    "老": (("小学", 20), ("初中", 33), ("普通高中", 17), ("技工学校", 4), ("中等专科", 11), ("大专", 8), ("大学", 5),
          ("省(区、市)委党校大专", 2)),
    "中": (("初中", 10), ("普通高中", 14), ("职业高中", 4), ("技工学校", 4), ("中等专科", 13), ("大专", 23),
          ("大学", 26), ("省(区、市)委党校大学", 2), ("硕士研究生", 4)),
    "青": (("普通高中", 3), ("中等专科", 3), ("大专", 20), ("大学", 55), ("第二学士学位班", 1), ("硕士研究生", 16),
          ("博士研究生", 2)),
}
JOBS = {
    "community": (("公务员", 6), ("参照公务员法管理的工作人员", 2), ("事业单位管理岗位", 5), ("事业单位专业技术岗位", 10),
                  ("公有经济控制企业管理岗位", 6), ("公有经济控制企业专业技术岗位", 6), ("非公有经济控制企业管理岗位", 7),
                  ("非公有经济控制企业专业技术岗位", 8), ("公有经济控制单位工勤岗位", 3), ("非公有企业工勤岗位", 4),
                  ("机关单位工勤岗位", 1), ("事业单位工勤岗位", 1), ("社区工作人员", 4), ("个体工商户中的从业人员", 5),
                  ("自由职业人员", 5), ("其他从业人员", 3), ("外出务工经商人员", 1), ("农牧渔业生产人员", 1),
                  ("其他无业人员", 2), ("企业破产后未重新就业的人员", 1), ("离岗保留劳动关系的职工", 1),
                  ("党组织关系在人才（劳动）服务中心，不明职业的人员", 1)),
    "joint": (("非公有经济控制企业管理岗位", 30), ("非公有经济控制企业专业技术岗位", 35), ("非公有企业工勤岗位", 15),
              ("个体工商户中的从业人员", 15), ("自由职业人员", 5)),
    "new": (("民办非企业管理岗位", 25), ("民办非企业专业技术岗位", 25), ("民办非企业工勤岗位", 10),
            ("非公有经济控制企业管理岗位", 20), ("非公有经济控制企业专业技术岗位", 20)),
}
EDUCATION = {cohort: Weighted(pairs) for cohort, pairs in EDUCATION.items()}
JOBS = {kind: Weighted(pairs) for kind, pairs in JOBS.items()}


@dataclass(eq=False)
class DemoMember:
    """One generated member and the facts the later generators need."""

    id: int
    branch: Branch
    group_id: int | None
    name: str
    sex: str
    birth: date
    age: int
    join: date  # 入党日期 (支部大会)
    full: date | None  # 转正日期; None for a 预备党员
    job: str
    retired: bool
    row: dict
    on_from: date = None  # on this branch's books since (join or 转入)
    left_on: date | None = None
    status: MemberStatus = MemberStatus.NORMAL
    lost_from: date | None = None
    suspended_from: date | None = None
    mobile: list = field(default_factory=list)  # (from, to or None)
    transferred_in: bool = False
    events: list = field(default_factory=list)  # (kind, date, extra)

    def on_books(self, day: date) -> bool:
        """On this branch's books and not suspended on ``day``."""
        return (self.on_from <= day and (self.left_on is None or day < self.left_on)
                and (self.suspended_from is None or day < self.suspended_from))

    def full_on(self, day: date) -> bool:
        return self.full is not None and self.full <= day and self.on_books(day)

    def away_on(self, day: date) -> str | None:
        """Why the member cannot attend on ``day`` (流动在外 / 失联), if so."""
        if self.lost_from is not None and self.lost_from <= day:
            return "失联"
        for start, end in self.mobile:
            if start <= day and (end is None or day < end):
                return "流动"
        return None


def _band_age(rng, bands: Weighted) -> int:
    low, high = bands.pick(rng)
    return rng.randint(low, high)


def _title(rng, unit: str, job: str) -> str:
    """职务 after the unit name, fitting both (工作单位及职务)."""
    if unit.endswith(("医院", "卫生服务中心")):
        titles = ("医生", "护士", "药剂师", "") if "专业技术" in job else ("科员", "办公室主任", "")
    elif unit.endswith(("学", "学校")):
        titles = ("教师", "教师", "") if "专业技术" in job else ("教务员", "办公室主任", "")
    elif unit.endswith(("局", "办事处", "法院", "分局", "中心")):
        titles = ("科员", "科员", "副科长", "科长", "一级主任科员", "")
    elif unit.endswith("馆"):
        titles = ("馆员", "副研究馆员", "")
    elif "管理" in job:
        titles = ("经理", "副经理", "部门主管", "行政主管", "")
    elif "专业技术" in job:
        titles = ("工程师", "技术员", "会计", "设计师", "")
    elif "工勤" in job:
        titles = ("司机", "维修工", "后勤", "")
    else:
        titles = ("职员", "")
    return rng.choice(titles)


def _unit(rng, people: People, job: str) -> str | None:
    p = places()
    if job in ("公务员", "参照公务员法管理的工作人员", "机关单位工勤岗位"):
        unit = rng.choice([u for u in p["公共单位"] if u.endswith(("局", "办事处", "法院", "分局"))])
    elif job.startswith("事业单位"):
        unit = rng.choice([u for u in p["公共单位"] if u.endswith(("医院", "学校", "小学", "中学", "中心", "馆"))])
    elif job.startswith("公有经济"):
        unit = rng.choice([u for u in p["公共单位"] if u.endswith(("集团", "公司"))])
    elif job.startswith(("非公有", "民办非企业", "其他从业")):
        unit = rng.choice(p["企业字号"]) + rng.choice(p["企业行业"])
    elif job == "社区工作人员":
        return people.community + "居委会"
    elif job == "个体工商户中的从业人员":
        return rng.choice(people.roads) + rng.choice(p["企业字号"]) + rng.choice(("便利店", "餐馆", "五金店", "理发店"))
    else:
        return None
    return unit + _title(rng, unit, job)


def plan_members(w: Writer, rng, people: People, branches: list[Branch], today: date,
                 estates: list[str]) -> list[DemoMember]:
    """Draw every member of every branch (rows not yet written)."""
    out: list[DemoMember] = []
    latest_full_join = today - timedelta(days=460)  # 转正 at least three months ago
    for b in branches:
        for _ in range(b.size):
            sex = "女" if rng.random() < FEMALE_SHARE[b.kind] else "男"
            probationary = b.kind != "retired" and rng.random() < 0.028
            age = rng.randint(23, 45) if probationary else _band_age(rng, AGES[b.kind])
            birth = people.birth_for_age(age, today)
            adult = add_years(birth, 18)
            if probationary:
                join = today - timedelta(days=rng.randint(30, 350))
                full = None
            else:
                join = adult + timedelta(days=int(rng.gammavariate(2.0, 4.5) * 365) + rng.randrange(0, 200))
                if join > latest_full_join:  # joined young: somewhere between 18 and three months ago
                    join = people.day_in(adult, latest_full_join)
                full = add_years(join, 1)
            retired = age >= 60 or (sex == "女" and age >= 55)
            if retired:
                job = "离休干部" if join < date(1949, 10, 1) else "退职人员" if rng.random() < 0.01 else "退休人员"
            elif sex == "男" and age >= 55 and rng.random() < 0.05:
                job, retired = "内部退养职工", True
            elif age < 26 and b.kind == "community" and rng.random() < 0.35:
                job = rng.choice(("研究生", "大学本科学生"))
            else:
                job = JOBS[b.kind].pick(rng)
            name = people.name(sex, birth.year)
            keys = people.keys(name)
            cohort = "老" if birth.year < 1960 else "中" if birth.year < 1985 else "青"
            missing_id = age >= 70 and rng.random() < 0.02
            month_only = missing_id and rng.random() < 0.6
            id_number = None if missing_id else people.id_number(birth, sex)
            mid = w.new_id(Member.__table__)
            row = {
                "id": mid, "org_id": b.id, "group_id": rng.choice(b.groups), "name": name,
                "name_pinyin": keys.pinyin, "name_initials": keys.initials, "sort_key": keys.sort_key,
                "gender": Gender(sex), "ethnicity": ETHNICITIES.pick(rng),
                "birth_date": birth.replace(day=1) if month_only else birth,
                "birth_precision": DatePrecision.MONTH if month_only else DatePrecision.DAY,
                "id_number": id_number,
                "id_number_note": "由15位旧号码升位" if id_number and age >= 60 and rng.random() < 0.03 else None,
                "education": EDUCATION[cohort].pick(rng) if job not in ("研究生", "大学本科学生") else
                ("大学" if job == "研究生" else "普通高中"),
                "native_place": people.native_place(),
                "category": MemberCategory.PROBATIONARY if probationary else MemberCategory.FULL,
                "join_date": join, "full_date": full,
                # 参加工作时间 is kept as a year and month, as on personnel forms
                "work_start_date": (add_years(birth, rng.randint(17, 24)).replace(day=1)
                                    if job not in ("研究生", "大学本科学生") else None),
                "work_start_precision": DatePrecision.MONTH,
                "job_post": job, "work_unit": None if retired else _unit(rng, people, job),
                "phone": people.phone(), "address": people.address(estates),
                "household_police": f"{people.district}公安分局{people.community[:2]}派出所",
                "is_retired": retired, "is_hardship": rng.random() < (0.04 if age >= 70 else 0.01),
                "shows_identity": rng.random() < 0.45, "is_congress_delegate": rng.random() < 0.003,
                "is_reserve_cadre": age < 45 and rng.random() < 0.02, "has_post": rng.random() < 0.15,
                "last_checked_on": today - timedelta(days=rng.randrange(10, 400)) if rng.random() < 0.6 else None,
            }
            m = DemoMember(mid, b, row["group_id"], name, sex, birth, age, join, full, job, retired, row, on_from=join)
            b.members.append(m)
            out.append(m)
    return out


def write_members(w: Writer, members: list[DemoMember]) -> None:
    """Queue the member rows (state taken from the events) and their events."""
    table, events = Member.__table__, MembershipEvent.__table__
    for m in members:
        row = m.row
        row.update(status=m.status, is_active=m.status in (MemberStatus.NORMAL, MemberStatus.SUSPENDED),
                   left_on=m.left_on)
        w.add(table, row)
    for m in members:
        for seq, (kind, on, extra) in enumerate(m.events):
            w.add(events, {"member_id": m.id, "kind": kind, "event_date": on, "entry_seq": seq, **extra})
