"""A small 志愿服务 database: a 社区党委 with two branches, member and resident volunteers, a group, a team."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.dates import PartialDate
from app.domain.member_rules import MemberData
from app.domain.volunteer_rules import VolunteerData
from app.services import members, volunteer_teams, volunteers
from app.services.database import Database
from app.services.org_admin import OrgData, create_org
from helpers_ids import make_id

TODAY = date(2026, 11, 22)
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许"
GIVEN = ("伟", "芳", "敏", "静", "磊")


def resident_names(count: int) -> list[str]:
    return [SURNAMES[i % len(SURNAMES)] + GIVEN[i // len(SURNAMES)] + "华" for i in range(count)]


@dataclass
class VolunteerSample:
    top_id: int
    branch_ids: tuple[int, int]
    member_ids: dict[str, int]
    volunteer_ids: dict[str, int]  # name -> id
    team_id: int
    group_id: int


def populate(db: Database, *, residents: int = 22) -> VolunteerSample:
    """Members 张三丰 and 李小红 (第一党支部), 王五 (第二党支部, not a volunteer); ``residents`` residents;
    a group; 红帽子服务队 with both member volunteers and every resident."""
    with db.unit_of_work(actor="测试") as s:
        top = create_org(s, OrgData("幸福社区党委", "党委"))
        b1 = create_org(s, OrgData("第一党支部", "党支部", parent_id=top.id))
        b2 = create_org(s, OrgData("第二党支部", "党支部", parent_id=top.id))
        mids = {}
        for n, (name, org) in enumerate((("张三丰", b1.id), ("李小红", b1.id), ("王五", b2.id)), 1):
            mids[name] = members.create_member(s, MemberData(
                name=name, org_id=org, id_number=make_id(date(1970 + n, 3, 3), 10 + 2 * n + 1), phone="13800001111",
                join_date=PartialDate(date(1995, 7, 1)), full_date=PartialDate(date(1996, 7, 1))),
                today=TODAY).member.id
        vids = {}
        for name in ("张三丰", "李小红"):
            vids[name] = volunteers.register_member(s, mids[name], registered_on=date(2025, 1, 10), today=TODAY).id
        for i, name in enumerate(resident_names(residents)):
            vids[name] = volunteers.save_volunteer(s, VolunteerData(
                name=name, id_number=make_id(date(1980 + i % 20, 1 + i % 12, 1 + i % 27), 100 + 2 * i + 1),
                phone=f"1390000{i:04d}", volunteer_no=f"V{3100000000 + i}", registered_on=date(2025, 3, 1),
                skills="理发" if i % 5 == 0 else None), today=TODAY).id
        group = volunteers.save_volunteer(s, VolunteerData(
            name="辖区商户联盟", kind="团体", contact_person="周老板", group_size=15, registered_on=date(2025, 5, 1)),
            today=TODAY).id
        cat = next(c.id for c in volunteers.list_categories(s) if c.name == "助老")
        team = volunteer_teams.save_team(s, volunteer_teams.TeamData(
            "红帽子服务队", org_id=top.id, leader_id=vids["张三丰"], category_id=cat, founded_on=date(2025, 1, 1)),
            today=TODAY)
        volunteer_teams.add_members(s, team.id, list(vids.values()), joined_on=date(2025, 3, 1))
    return VolunteerSample(top.id, (b1.id, b2.id), mids, vids, team.id, group)
