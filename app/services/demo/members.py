"""Demo members and their membership events, consistent with each other."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.db.models import Member, MembershipEvent
from app.domain import codes
from app.domain.dates import add_years
from app.domain.enums import DatePrecision, EventKind, Gender, MemberCategory, MemberStatus
from app.domain.names import name_keys
from app.services.demo.organisation import Branch
from app.services.demo.people import People
from app.services.demo.writer import Writer

ETHNIC = ["汉族"] * 40 + ["回族", "满族", "蒙古族", "壮族", "朝鲜族", "土家族"]
EDU_OLD = ["小学", "初中", "初中", "普通高中", "中等专科", "大专"]
EDU_MID = ["普通高中", "中等专科", "大专", "大学", "大学"]
EDU_YOUNG = ["大专", "大学", "大学", "大学", "硕士研究生", "博士研究生"]
WORKING = [p for p, v in codes.job_posts().items() if v.group == "在职"]


@dataclass
class DemoMember:
    id: int
    name: str
    sex: str
    birth: date
    branch: Branch
    group_id: int | None
    join: date
    full: date | None
    job: str
    active_from: date  # on this branch's books from
    left_on: date | None
    status: MemberStatus
    is_retired: bool


def _age(rng) -> int:
    r = rng.random()
    if r < 0.50:
        return rng.randrange(60, 93)
    if r < 0.85:
        return rng.randrange(35, 60)
    return rng.randrange(22, 35)


def build_members(w: Writer, rng, people: People, branches: list[Branch], count: int, today: date,
                  start: date, community: str) -> list[DemoMember]:
    table, events = Member.__table__, MembershipEvent.__table__
    out: list[DemoMember] = []
    keys_cache: dict[str, object] = {}
    for i in range(count):
        branch = branches[0] if rng.random() < 0.12 else rng.choice(branches)
        sex = "女" if rng.random() < 0.55 else "男"
        age = _age(rng)
        if branch is branches[0]:
            age = max(age, 60 + rng.randrange(0, 25))
        birth = people.birth_for_age(age, today)
        name = people.name(sex)
        keys = keys_cache.get(name) or keys_cache.setdefault(name, name_keys(name))
        probationary = rng.random() < 0.025 and age < 55
        if probationary:
            join = today - timedelta(days=rng.randrange(20, 330))
        else:
            earliest = add_years(birth, 18)
            join = people.day_in(max(earliest, date(1950, 1, 1)), min(today - timedelta(days=400), add_years(birth, 45)))
        full = None if probationary else add_years(join, 1)
        retired = age >= 60 or (age >= 55 and sex == "女")
        if retired:
            job = "离休干部" if join.year < 1949 else "退休人员"
        elif age < 24 and rng.random() < 0.4:
            job = "研究生"
        else:
            job = rng.choice(WORKING)
        education = rng.choice(EDU_OLD if age >= 65 else EDU_MID if age >= 40 else EDU_YOUNG)
        mid = w.new_id(table)
        missing_id = rng.random() < 0.006
        month_only = not missing_id and rng.random() < 0.01 and age > 70
        transferred_in = rng.random() < 0.06
        active_from = people.day_in(start, today - timedelta(days=30)) if transferred_in else join
        row = {
            "id": mid, "org_id": branch.id, "group_id": rng.choice(branch.groups) if branch.groups else None,
            "name": name, "name_pinyin": keys.pinyin, "name_initials": keys.initials, "sort_key": keys.sort_key,
            "gender": Gender(sex), "ethnicity": rng.choice(ETHNIC),
            "birth_date": birth.replace(day=1) if month_only else birth,
            "birth_precision": DatePrecision.MONTH if month_only else DatePrecision.DAY,
            "id_number": None if missing_id else people.id_number(birth, sex),
            "education": education, "native_place": rng.choice(["山东", "河北", "河南", "江苏", "浙江", "湖北", "四川"]) + "省",
            "category": MemberCategory.PROBATIONARY if probationary else MemberCategory.FULL,
            "join_date": join, "join_precision": DatePrecision.DAY, "full_date": full,
            "full_precision": DatePrecision.DAY, "job_post": job,
            "work_unit": None if retired else rng.choice(["幸福街道办事处", "市第一人民医院", "区实验小学", "华润超市", "城建集团",
                                                           "区税务局", "社区卫生服务中心", "某科技有限公司"]),
            "phone": people.phone(), "address": people.address(community), "status": MemberStatus.NORMAL,
            "is_active": True, "is_retired": retired, "is_hardship": rng.random() < 0.02,
            "is_community_reported": rng.random() < 0.04, "shows_identity": rng.random() < 0.5,
            "is_congress_delegate": rng.random() < 0.005, "is_reserve_cadre": rng.random() < 0.01 and age < 45,
            "has_post": rng.random() < 0.2, "is_mobile": False, "is_lost_contact": False, "version": 1,
        }
        status, left_on = MemberStatus.NORMAL, None
        seq = 0
        evs = []
        if join >= add_years(today, -10):
            evs.append((EventKind.ADMITTED, join, {"document_ref": f"{join.year}年第{rng.randrange(1, 30)}号"}))
            if full:
                evs.append((EventKind.CONFIRMED, full, {}))
        if transferred_in:
            evs.append((EventKind.TRANSFER_IN, active_from, {"counterpart": rng.choice(["城南街道党工委", "区教育局机关党委", "市卫健委党委"]),
                                                              "letter_no": f"转字〔{active_from.year}〕{rng.randrange(1, 300)}号",
                                                              "dues_paid_until": f"{active_from.year}-{active_from.month:02d}"}))
        r = rng.random()
        when = people.day_in(max(start, active_from + timedelta(days=60)), today - timedelta(days=5))
        if r < 0.03:
            status, left_on = MemberStatus.TRANSFERRED_OUT, when
            evs.append((EventKind.TRANSFER_OUT, when, {"counterpart": rng.choice(["城东街道党工委", "区商务局机关党委", "外省某社区党委"]),
                                                        "letter_no": f"转字〔{when.year}〕{rng.randrange(1, 300)}号",
                                                        "dues_paid_until": f"{when.year}-{when.month:02d}"}))
        elif r < 0.05 and age >= 70:
            status, left_on = MemberStatus.DECEASED, when
            evs.append((EventKind.DIED, when, {}))
        elif r < 0.053:
            status, left_on = MemberStatus.EXPELLED, when
            evs.append((EventKind.EXPELLED, when, {"subtype": "自行脱党除名", "reason": "连续六个月不参加组织生活、不交纳党费"}))
        elif r < 0.056:
            evs.append((EventKind.LOST_CONTACT, when - timedelta(days=200), {"reason": "外出务工经商"}))
            evs.append((EventKind.SUSPENDED, when, {"document_ref": "街道党工委批复"}))
            status = MemberStatus.SUSPENDED
            row["is_lost_contact"] = True
        elif r < 0.09 and age < 60:
            evs.append((EventKind.OUTFLOW, when, {"counterpart": rng.choice(["广东省深圳市", "浙江省杭州市", "上海市浦东新区"])}))
            row["is_mobile"] = True
        elif r < 0.095:
            evs.append((EventKind.LOST_CONTACT, when, {"reason": rng.choice(["外出务工经商", "居住地改变", "其他"])}))
            row["is_lost_contact"] = True
        if rng.random() < 0.04:
            d = people.day_in(start, today)
            if d > join:
                evs.append((EventKind.AWARD, d, {"subtype": rng.choice(["优秀共产党员", "优秀党务工作者"])}))
        if rng.random() < 0.003:
            d = people.day_in(start, today)
            if d > join:
                evs.append((EventKind.DISCIPLINE, d, {"subtype": "警告", "ends_on": add_years(d, 1)}))
        if status in (MemberStatus.TRANSFERRED_OUT, MemberStatus.DECEASED, MemberStatus.EXPELLED):
            row.update(status=status, is_active=False, left_on=left_on, is_mobile=False)
        elif status is MemberStatus.SUSPENDED:
            row.update(status=status)
        w.add(table, row)
        for kind, on, extra in sorted(evs, key=lambda e: e[1]):
            evs_row = {"member_id": mid, "kind": kind, "event_date": on, "entry_seq": seq, **extra}
            seq += 1
            w.add(events, evs_row)
        m = DemoMember(mid, name, sex, birth, branch, row["group_id"], join, full, job, active_from, left_on, status, retired)
        branch.members.append(mid)
        out.append(m)
    w.flush("member")
    w.flush("membership_event")
    return out
