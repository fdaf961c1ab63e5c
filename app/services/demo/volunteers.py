"""Demo 志愿服务: volunteers (members, residents, 在职党员 who reported here, groups), teams,
monthly activities with the hours of each participant, trainings, 党员示范岗 and claims.

志愿服务条例 第十九条 and 志愿服务记录与证明出具办法: hours are actual service time (travel
not counted), recorded per person and activity, then confirmed.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

from sqlalchemy import select

from app.db.models import (
    CommunityReport, ServiceCategory, ServicePost, ServicePostClaim, Volunteer, VolunteerActivity, VolunteerHours,
    VolunteerTeam, VolunteerTeamMember, VolunteerTraining, VolunteerTrainingParticipant,
)
from app.domain.enums import HoursState, IdDocumentType, VolunteerKind
from app.services.demo.members import DemoMember
from app.services.demo.organisation import Branch
from app.services.demo.people import People, places, texts
from app.services.demo.writer import Writer

TEAMS = (("助老服务队", "助老"), ("环境保护志愿队", "环境"), ("平安巡逻队", "治安巡逻"), ("文明劝导队", "文明劝导"),
         ("健康义诊队", "医疗健康"), ("法律咨询服务队", "法律"), ("四点半课堂", "教育辅导"), ("文体活动队", "文化体育"),
         ("应急救援队", "应急"), ("便民服务队", "便民"), ("关爱儿童志愿队", "关爱儿童"), ("科普宣传队", "科普"),
         ("消防宣传队", "消防"), ("交通文明岗", "交通"), ("心理疏导队", "心理"), ("扶贫帮困队", "扶贫帮困"),
         ("助残服务队", "助残"), ("政策宣传队", "宣传"), ("健康宣传队", "疫情防控"), ("楼栋服务队", "便民"))
GROUPS = ("物业服务中心志愿服务队", "区实验小学家长委员会", "社区卫生服务中心医护志愿者", "辖区商户联盟", "老年大学合唱团",
          "区税务局青年志愿者")
SKILLS = (None, None, None, "理发", "家电维修", "医护", "法律咨询", "书法", "摄影", "心理咨询", "电脑", "急救")


def build_volunteers(w: Writer, rng, people: People, branches: list[Branch], members: list[DemoMember], top_id: int,
                     start: date, today: date, estates: list[str]) -> None:
    cats = dict(w.session.execute(select(ServiceCategory.name, ServiceCategory.id)).all())
    vol = Volunteer.__table__
    target = max(20, round(len(members) * 0.6))
    active = [m for m in members if m.left_on is None and m.away_on(today) is None and m.age <= 82]
    crew: list[tuple[int, str, date]] = []  # (volunteer id, name, registered on) of people serving in person
    early = start - timedelta(days=3 * 365)

    def registered(since: date) -> date:  # most signed up before the history years, some during them
        if since < start and rng.random() < 0.8:
            return people.day_in(since, start)
        return people.day_in(max(since, start), today - timedelta(days=7))

    for m in rng.sample(active, min(len(active), int(target * 0.45))):
        on = registered(max(early, m.on_from))
        vid = w.add(vol, {"kind": VolunteerKind.PERSON, "member_id": m.id, "name": m.name,
                          "name_pinyin": m.row["name_pinyin"], "name_initials": m.row["name_initials"],
                          "gender": m.sex, "id_number": m.row["id_number"], "phone": m.row["phone"],
                          "skills": rng.choice(SKILLS), "volunteer_no": f"V{rng.randrange(10**9, 10**10)}",
                          "registered_on": on})
        crew.append((vid, m.name, on))
    reporters = []  # 在职党员到社区报到 sign up as volunteers on the day they report
    for _ in range(max(3, len(members) // 40)):
        on = people.day_in(start - timedelta(days=700), today - timedelta(days=7))
        reporters.append(_resident(w, rng, people, on, today, crew, age=(25, 55)))
    for name in rng.sample(GROUPS, min(len(GROUPS), 3 + len(members) // 5000)):
        w.add(vol, {"kind": VolunteerKind.GROUP, "name": people.community + name, "id_type": IdDocumentType.OTHER,
                    "name_pinyin": people.keys(people.community + name).pinyin, "contact_person":
                    people.name(rng.choice("男女"), 1980), "group_size": rng.randint(8, 60), "phone": people.phone(),
                    "registered_on": registered(early)})
    while len(crew) < target:
        _resident(w, rng, people, registered(early), today, crew, age=(16, 75))
    _reports(w, rng, reporters, people, today, top_id)
    teams = _teams(w, rng, crew, cats, top_id, branches, start, len(members))
    _activities(w, rng, people, teams, crew, cats, start, today, estates)
    _trainings(w, rng, people, crew, start, today, top_id)
    _service_posts(w, rng, people, branches, start, today, estates)


def _resident(w: Writer, rng, people: People, registered: date, today: date, crew: list, age) -> tuple:
    sex = "女" if rng.random() < 0.6 else "男"
    birth = people.birth_for_age(rng.randint(*age), today)
    name = people.name(sex, birth.year)
    keys = people.keys(name)
    id_type = IdDocumentType.RESIDENT_ID if rng.random() < 0.995 else IdDocumentType.HK_MACAO_PASS
    number = people.id_number(birth, sex) if id_type is IdDocumentType.RESIDENT_ID else f"H{rng.randrange(10**8):08d}"
    vid = w.add(Volunteer.__table__, {
        "kind": VolunteerKind.PERSON, "name": name, "name_pinyin": keys.pinyin, "name_initials": keys.initials,
        "gender": sex, "id_type": id_type, "id_number": number, "phone": people.phone(), "skills": rng.choice(SKILLS),
        "volunteer_no": f"V{rng.randrange(10**9, 10**10)}", "registered_on": registered})
    crew.append((vid, name, registered))
    return vid, name, registered


def _reports(w: Writer, rng, reporters: list, people: People, today: date, top_id: int) -> None:
    """在职党员到社区报到: their Party relations stay with their employers, so member_id is empty."""
    units, posts = places()["公共单位"], texts()["报到岗位"]
    for vid, name, on in reporters:
        half_year = on + timedelta(days=180)
        left = people.day_in(half_year, today) if rng.random() < 0.1 and half_year < today else None
        w.add(CommunityReport.__table__, {"person_name": name, "unit": rng.choice(units), "phone": people.phone(),
                                          "reported_on": on, "post_claimed": rng.choice(posts), "volunteer_id": vid,
                                          "org_id": top_id, "left_on": left})


def _teams(w: Writer, rng, crew: list, cats: dict, top_id: int, branches: list[Branch], start: date,
           members: int) -> list[tuple[int, str, list, int]]:
    count = max(8, min(20, 8 + members // 2500))
    out = []
    for name, cat in TEAMS[:count]:
        size = min(len(crew), rng.randint(12, 40) + len(crew) // (count * 4))
        people_in = sorted(rng.sample(crew, size), key=lambda p: p[2])  # the leader is an old hand
        org = rng.choice(branches).id if rng.random() < 0.3 else top_id
        founded = date(start.year - rng.randint(1, 6), rng.randint(1, 12), 1)
        tid = w.add(VolunteerTeam.__table__, {"name": name, "org_id": org, "leader_id": people_in[0][0],
                                              "category_id": cats.get(cat), "founded_on": founded})
        for vid, _n, on in people_in:
            w.add(VolunteerTeamMember.__table__, {"team_id": tid, "volunteer_id": vid, "joined_on": max(founded, on)})
        out.append((tid, cat, people_in, org))
    return out


def _ready(rng, pool: list, k: int, on: date) -> list:
    """Up to k people of ``pool`` already registered on ``on``."""
    picked = rng.sample(pool, min(len(pool), 2 * k))
    return [p for p in picked if p[2] <= on][:k]


def _activities(w: Writer, rng, people: People, teams: list, crew_all: list, cats: dict, start: date, today: date,
                estates: list[str]) -> None:
    titles: dict[str, list[str]] = {}
    for cat, title in texts()["志愿活动"]:
        titles.setdefault(cat, []).append(title)
    act, hrs = VolunteerActivity.__table__, VolunteerHours.__table__
    month = start
    while month <= today:
        for tid, cat, crew, org in teams:
            for _ in range(1 + (len(crew) > 60)):
                if rng.random() < 0.2:
                    continue
                on = month + timedelta(days=rng.randrange(0, 28))
                if on > today:
                    continue
                title = rng.choice(titles.get(cat) or ["志愿服务活动"])
                begin = rng.choice((8, 9, 14, 15, 19))
                length = rng.choice((1, 1.5, 2, 2, 2.5, 3))
                aid = w.add(act, {
                    "title": title, "activity_date": on, "start_time": time(begin, 0),
                    "end_time": time(begin + int(length), 30 if length % 1 else 0),
                    "place": rng.choice(estates) if rng.random() < 0.6 else people.community + "党群服务中心",
                    "category_id": cats.get(cat), "team_id": tid, "org_id": org,
                    "beneficiaries": rng.randint(10, 200), "description": f"{title}，服务居民群众。"})
                k = rng.randint(4, 12) + len(crew) // 10
                came = _ready(rng, crew, k, on)
                taken = {p[0] for p in came}
                came += [p for p in _ready(rng, crew_all, k // 3 + 1, on) if p[0] not in taken]  # residents joining in
                for vid, _n, _r in came:
                    hours = Decimal(str(length)) - (Decimal("0.5") if rng.random() < 0.1 and length > 1 else 0)
                    done = on < today - timedelta(days=14) or rng.random() < 0.3
                    confirmed = min(today, on + timedelta(days=rng.randint(1, 7)))
                    w.add(hrs, {"volunteer_id": vid, "activity_id": aid, "team_id": tid, "org_id": org,
                                "service_date": on, "activity_title": title,
                                "hours": hours.quantize(Decimal("0.01")),
                                "state": HoursState.CONFIRMED if done else HoursState.PENDING,
                                "confirmed_by": crew[0][1] if done else None,
                                "confirmed_on": confirmed if done else None})
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _trainings(w: Writer, rng, people: People, crew: list, start: date, today: date, top_id: int) -> None:
    topics = texts()["志愿培训"]
    for year in range(start.year, today.year + 1):
        for month in sorted(rng.sample(range(2, 12), rng.randint(2, 4))):
            on = date(year, month, rng.randint(1, 28))
            if on > today:
                continue
            part = _ready(rng, crew, rng.randint(15, 60), on)
            tr = w.add(VolunteerTraining.__table__, {"trained_on": on, "topic": rng.choice(topics),
                                                     "place": people.community + "党群服务中心",
                                                     "trainer": people.name(rng.choice("男女"), 1975),
                                                     "participant_count": len(part), "org_id": top_id})
            for vid, _n, _r in part:
                w.add(VolunteerTrainingParticipant.__table__, {"training_id": tr, "volunteer_id": vid})


def _service_posts(w: Writer, rng, people: People, branches: list[Branch], start: date, today: date,
                   estates: list[str]) -> None:
    kinds, pledges = texts()["服务岗"], texts()["承诺"]
    for b in branches:
        for _ in range(rng.randint(1, 2)):
            kind = rng.choice(kinds)
            a = rng.randint(1, 20)
            name = f"{rng.choice(estates)}{a}—{a + rng.randint(2, 6)}号楼{kind}" if kind == "党员责任区" else f"{b.name}{kind}"
            pid = w.add(ServicePost.__table__, {"kind": kind, "name": name, "org_id": b.id,
                                                "description": f"{kind}：联系服务楼栋群众，带头参加志愿服务。"})
            pool = [m for m in b.members if m.full is not None and m.on_from < today - timedelta(days=60)]
            for m in rng.sample(pool, min(len(pool), rng.randint(2, 5))):
                claimed = people.day_in(max(m.on_from, start - timedelta(days=365)), today - timedelta(days=30))
                ended = m.left_on if m.left_on and m.left_on > claimed else None
                w.add(ServicePostClaim.__table__, {"post_id": pid, "member_id": m.id, "person_name": m.name,
                                                   "claimed_on": claimed, "pledge": rng.choice(pledges),
                                                   "ended_on": ended})
