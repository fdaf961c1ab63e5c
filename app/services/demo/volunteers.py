"""Demo 志愿服务: volunteers (members and residents), teams, monthly activities, hours, trainings, posts."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

from sqlalchemy import select

from app.db.models import (
    CommunityReport, ServiceCategory, ServicePost, ServicePostClaim, Volunteer, VolunteerActivity, VolunteerHours,
    VolunteerTeam, VolunteerTeamMember, VolunteerTraining, VolunteerTrainingParticipant,
)
from app.domain.enums import HoursState, MemberStatus, VolunteerKind
from app.domain.names import name_keys
from app.services.demo.members import DemoMember
from app.services.demo.people import People
from app.services.demo.writer import Writer

TEAMS = [("助老服务队", "助老"), ("环境保护志愿队", "环境"), ("平安巡逻队", "治安巡逻"), ("文明劝导队", "文明劝导"),
         ("健康义诊队", "医疗健康"), ("法律咨询服务队", "法律"), ("四点半课堂", "教育辅导"), ("文体活动队", "文化体育"),
         ("应急救援队", "应急"), ("便民服务队", "便民"), ("关爱儿童志愿队", "关爱儿童"), ("科普宣传队", "科普"),
         ("消防宣传队", "消防"), ("交通文明岗", "交通"), ("心理疏导队", "心理"), ("扶贫帮困队", "扶贫帮困")]
ACTIVITY = {"助老": "为独居老人上门服务", "环境": "小区环境清洁行动", "治安巡逻": "夜间治安巡逻", "文明劝导": "文明养犬劝导",
            "医疗健康": "社区义诊", "法律": "法律咨询进社区", "教育辅导": "四点半课堂作业辅导", "文化体育": "广场舞展演",
            "应急": "应急演练", "便民": "便民理发与家电维修", "关爱儿童": "关爱留守儿童", "科普": "科普知识宣传",
            "消防": "消防安全宣传", "交通": "路口文明交通引导", "心理": "心理健康讲座", "扶贫帮困": "走访慰问困难家庭"}


def build_volunteers(w: Writer, rng, people: People, members: list[DemoMember], org_id: int, first_year: int,
                     today: date, community: str) -> None:
    s = w.session
    cats = dict(s.execute(select(ServiceCategory.name, ServiceCategory.id)).all())
    vol, team_t, tm = Volunteer.__table__, VolunteerTeam.__table__, VolunteerTeamMember.__table__
    act, hrs = VolunteerActivity.__table__, VolunteerHours.__table__
    active = [m for m in members if m.status is MemberStatus.NORMAL]
    target = max(10, int(len(members) * 0.6))
    volunteers: list[tuple[int, str]] = []
    for m in rng.sample(active, min(len(active), int(target * 0.4))):
        keys = name_keys(m.name)
        vid = w.add(vol, {"kind": VolunteerKind.PERSON, "member_id": m.id, "name": m.name, "name_pinyin": keys.pinyin,
                          "name_initials": keys.initials, "gender": m.sex, "phone": people.phone(),
                          "volunteer_no": f"V{rng.randrange(10**7, 10**8)}",
                          "registered_on": people.day_in(date(first_year - 2, 1, 1), today), "version": 1})
        volunteers.append((vid, m.name))
    while len(volunteers) < target:
        sex = "女" if rng.random() < 0.6 else "男"
        name = people.name(sex)
        keys = name_keys(name)
        birth = people.birth_for_age(rng.randrange(18, 75), today)
        vid = w.add(vol, {"kind": VolunteerKind.PERSON, "name": name, "name_pinyin": keys.pinyin,
                          "name_initials": keys.initials, "gender": sex, "id_number": people.id_number(birth, sex),
                          "phone": people.phone(), "skills": rng.choice([None, "理发", "电器维修", "医护", "法律", "书法"]),
                          "volunteer_no": f"V{rng.randrange(10**7, 10**8)}",
                          "registered_on": people.day_in(date(first_year - 2, 1, 1), today), "version": 1})
        volunteers.append((vid, name))
    for group in ("辖区物业公司志愿服务队", "社区卫生服务中心"):
        w.add(vol, {"kind": VolunteerKind.GROUP, "name": group, "name_pinyin": name_keys(group).pinyin,
                    "contact_person": people.name("女"), "group_size": rng.randrange(8, 30), "version": 1,
                    "registered_on": date(first_year, 3, 1)})
    n_teams = min(len(TEAMS), max(8, len(members) // 250))
    teams = []
    for name, cat in TEAMS[:n_teams]:
        crew = rng.sample(volunteers, min(len(volunteers), rng.randrange(8, 40)))
        tid = w.add(team_t, {"name": f"{community}{name}", "org_id": org_id, "leader_id": crew[0][0],
                             "category_id": cats.get(cat), "founded_on": date(first_year - 1, rng.randrange(1, 13), 1),
                             "version": 1})
        for vid, _ in crew:
            w.add(tm, {"team_id": tid, "volunteer_id": vid, "joined_on": date(first_year - 1, 6, 1)})
        teams.append((tid, cat, crew))
    month = date(first_year, 1, 1)
    while month <= today:
        for tid, cat, crew in teams:
            if rng.random() < 0.25:
                continue
            on = month + timedelta(days=rng.randrange(0, 27))
            if on > today:
                continue
            title = ACTIVITY.get(cat, "志愿服务活动")
            aid = w.add(act, {"title": title, "activity_date": on, "start_time": time(9, 0), "end_time": time(11, 30),
                              "place": f"{community}{rng.choice(['党群服务中心', '广场', '各小区'])}",
                              "category_id": cats.get(cat), "team_id": tid, "org_id": org_id,
                              "beneficiaries": rng.randrange(10, 200), "version": 1})
            for vid, _ in rng.sample(crew, min(len(crew), rng.randrange(4, 15))):
                confirmed = on < today - timedelta(days=7) or rng.random() < 0.5
                w.add(hrs, {"volunteer_id": vid, "activity_id": aid, "service_date": on, "activity_title": title,
                            "hours": Decimal(rng.choice([1, 1.5, 2, 2.5, 3, 4])).quantize(Decimal("0.01")),
                            "state": HoursState.CONFIRMED if confirmed else HoursState.PENDING,
                            "confirmed_by": "社区党委" if confirmed else None, "confirmed_on": on if confirmed else None,
                            "version": 1})
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    for year in range(first_year, today.year + 1):
        for k in range(2):
            on = date(year, 4 + 5 * k, 15)
            if on > today:
                continue
            part = rng.sample(volunteers, min(len(volunteers), 20))
            trid = w.add(VolunteerTraining.__table__, {"trained_on": on, "topic": rng.choice(["志愿服务基础知识", "急救技能培训", "防诈骗宣传培训"]),
                                                        "place": "社区党群服务中心", "participant_count": len(part)})
            for vid, _ in part:
                w.add(VolunteerTrainingParticipant.__table__, {"training_id": trid, "volunteer_id": vid})
    for m in rng.sample(active, min(len(active), max(3, len(members) // 40))):
        w.add(CommunityReport.__table__, {"member_id": m.id, "person_name": m.name, "unit": "区直机关",
                                          "reported_on": people.day_in(date(first_year, 1, 1), today),
                                          "post_claimed": rng.choice(["楼栋长", "文明劝导", "助老服务"]), "version": 1})
    for i, kind in enumerate(["党员示范岗", "党员责任区", "党员先锋岗"]):
        pid = w.add(ServicePost.__table__, {"kind": kind, "name": f"{community}{kind}{i + 1}", "org_id": org_id})
        for m in rng.sample(active, min(len(active), 3)):
            w.add(ServicePostClaim.__table__, {"post_id": pid, "member_id": m.id, "person_name": m.name,
                                               "claimed_on": date(first_year, 3, 1), "pledge": "亮身份、作表率"})
