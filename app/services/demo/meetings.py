"""Demo 三会一课: every type at its rule's frequency, a few months missed, attendance as exceptions."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import select

from app.db.models import AppraisalResultRecord, Meeting, MeetingAttendance, MeetingType, MeetingVote
from app.domain.enums import AppraisalResult, AttendanceState, MeetingStatus, MemberStatus
from app.services.demo.members import DemoMember
from app.services.demo.organisation import Branch
from app.services.demo.writer import Writer

THEMES = ["学习贯彻党的二十大精神", "学习《中国共产党章程》", "社区治理与服务群众", "垃圾分类志愿服务部署", "防范电信诈骗宣传",
          "老旧小区改造意见征集", "学习党史，传承红色基因", "讨论发展党员工作", "安全生产与消防检查", "关心关爱困难党员"]
LECTURES = ["新时代党员的初心使命", "学习新党章，做合格党员", "基层党组织建设的几点体会", "红色家风代代传"]
PLACES = ["社区党群服务中心", "社区会议室", "党员活动室", "新时代文明实践站"]
REASONS_LEAVE = ["外出", "生病住院", "照顾家人", "工作冲突", "年老体弱"]


def build_meetings(w: Writer, rng, branches: list[Branch], members: list[DemoMember], committee_sizes: dict[int, int],
                   first_year: int, today: date) -> None:
    s = w.session
    types = dict(s.execute(select(MeetingType.name, MeetingType.id)).all())
    mt, att, votes, appr = (Meeting.__table__, MeetingAttendance.__table__, MeetingVote.__table__,
                            AppraisalResultRecord.__table__)
    by_branch: dict[int, list[DemoMember]] = {}
    for m in members:
        by_branch.setdefault(m.branch.id, []).append(m)

    def present(pool: list[DemoMember], on: date) -> list[DemoMember]:
        return [m for m in pool if m.active_from <= on and (m.left_on is None or m.left_on > on)
                and m.status is not MemberStatus.SUSPENDED]

    def meeting(org_id: int, kind: str, on: date, pool: list[DemoMember], **extra) -> None:
        status = MeetingStatus.HELD if on <= today else MeetingStatus.PLANNED
        expected = present(pool, on)
        host = rng.choice(expected).name if expected else None
        mid = w.add(mt, {"org_id": org_id, "type_id": types[kind], "status": status, "meeting_date": on,
                         "start_time": time(rng.choice([9, 14, 19]), 0), "end_time": time(rng.choice([11, 16, 21]), 0),
                         "place": rng.choice(PLACES), "host": host, "recorder": rng.choice(expected).name if expected else None,
                         "theme": extra.pop("theme", rng.choice(THEMES)), "expected_count": len(expected),
                         "minutes": "会议按议程进行，与会同志进行了认真学习和讨论。" if status is MeetingStatus.HELD else None,
                         **extra})
        if status is not MeetingStatus.HELD:
            return
        for m in expected:
            r = rng.random()
            if r < 0.06:
                w.add(att, {"meeting_id": mid, "member_id": m.id, "state": AttendanceState.LEAVE,
                            "reason": rng.choice(REASONS_LEAVE)})
            elif r < 0.075:
                w.add(att, {"meeting_id": mid, "member_id": m.id, "state": AttendanceState.ABSENT, "reason": "未请假"})
        if kind == "支部党员大会" and on.month in (5, 6) and expected:
            n = len(expected)
            here = n - max(1, n // 12)
            w.add(votes, {"meeting_id": mid, "subject": "接收预备党员", "eligible": n, "present_eligible": here,
                          "yes": here - 1, "no": 0, "abstain": 1})

    following = date(today.year + (today.month == 12), today.month % 12 + 1, 1)  # plans reach into next month
    for b in branches:
        pool = by_branch.get(b.id, [])
        has_committee = committee_sizes.get(b.id, 0) >= 3
        for year in range(first_year, today.year + 1):
            for month in range(1, 13):
                first = date(year, month, 1)
                if first > following:
                    continue
                skip = rng.random() < 0.05
                if has_committee and not skip:
                    meeting(b.id, "支部委员会", date(year, month, rng.randrange(3, 8)), committee_pool(pool))
                if not (skip and rng.random() < 0.5):
                    meeting(b.id, "主题党日", date(year, month, rng.randrange(10, 16)), pool)
                for gid in b.groups:
                    if rng.random() > 0.06:
                        meeting(gid, "党小组会", date(year, month, rng.randrange(16, 24)),
                                [m for m in pool if m.group_id == gid])
                if month % 3 == 2:
                    meeting(b.id, "支部党员大会", date(year, month, rng.randrange(20, 27)), pool)
                    if rng.random() > 0.1:
                        meeting(b.id, "党课", date(year, month, rng.randrange(24, 28)), pool,
                                lecturer=rng.choice(pool).name if pool else None, title=rng.choice(LECTURES))
                if month == 1:
                    meeting(b.id, "民主评议党员", date(year, 1, rng.randrange(15, 25)), pool, theme=f"{year - 1}年度民主评议党员")
                if month == 12 or (month == 1 and rng.random() < 0.3):
                    meeting(b.id, "组织生活会", date(year, month, rng.randrange(5, 20)), pool, theme=f"{year}年度组织生活会")
                if rng.random() < 0.15:
                    meeting(b.id, "谈心谈话", date(year, month, rng.randrange(1, 28)), pool[:3], theme="谈心谈话")
                if rng.random() < 0.2:
                    meeting(b.id, "集中学习", date(year, month, rng.randrange(1, 28)), pool)
    for year in range(first_year, today.year):
        for m in members:
            if m.active_from.year <= year and (m.left_on is None or m.left_on.year > year) and m.full:
                result = rng.choices(list(AppraisalResult), [18, 80, 1.8, 0.2])[0]
                w.add(appr, {"member_id": m.id, "year": year, "result": result})


def committee_pool(pool: list[DemoMember]) -> list[DemoMember]:
    return pool[: max(3, min(7, len(pool)))]
