"""Demo 三会一课 and other organisational life, per 党支部 and month.

支部工作条例 第十一至十九条: 支部委员会 and 党小组会 monthly, 支部党员大会 quarterly,
党课 (quarterly by local practice), 主题党日 monthly, 组织生活会 and 民主评议党员 yearly,
谈心谈话 at least yearly. A few months are missed (red cells in the compliance view);
meetings after today are 计划. Attendance keeps the exceptions only (请假, 缺席, 列席):
everyone else expected counts as present. 党员大会 votes take the quorum and majority of
第十一条 (present and 赞成 above half of the members with a vote; 预备党员 have none).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, time, timedelta

from sqlalchemy import select

from app.db.models import AppraisalResultRecord, Meeting, MeetingAttendance, MeetingType, MeetingVote
from app.domain.enums import AppraisalResult, AttendanceState, EventKind, MeetingStatus
from app.domain.enums import CommitteePostKind as Post
from app.services.demo.development import Agenda
from app.services.demo.members import DemoMember
from app.services.demo.organisation import Branch
from app.services.demo.people import People, places, texts
from app.services.demo.writer import Writer

TIMES = {"支部委员会": (19, 0, 20, 30), "主题党日": (9, 0, 11, 30), "党小组会": (15, 0, 16, 30),
         "支部党员大会": (14, 30, 16, 30), "党课": (9, 0, 10, 30), "组织生活会": (14, 0, 17, 0),
         "民主评议党员": (14, 0, 16, 30), "谈心谈话": (10, 0, 11, 0), "集中学习": (9, 0, 11, 0)}
PLANNED_KINDS = {"支部委员会", "主题党日", "党小组会", "支部党员大会", "党课", "组织生活会", "民主评议党员"}


class _Context:
    def __init__(self, w: Writer, rng, people: People, today: date, types: dict[str, int], estates: list[str]):
        self.w, self.rng, self.people, self.today, self.types, self.estates = w, rng, people, today, types, estates
        self.meetings, self.attendance = Meeting.__table__, MeetingAttendance.__table__
        self.votes, self.appraisal = MeetingVote.__table__, AppraisalResultRecord.__table__
        t = texts()
        self.leave, self.lectures = t["请假"], t["党课"]
        self.themes = {"支部委员会": t["支委会"], "主题党日": t["主题日"], "党小组会": t["党小组"], "支部党员大会": t["主题"],
                       "党课": t["主题"], "集中学习": t["集中学习"], "谈心谈话": t["谈心谈话"]}
        self.red = [people.district + p for p in places()["红色教育地"]]


def _term_posts(b: Branch, day: date) -> list[tuple[Post, DemoMember]]:
    for t in b.terms:
        if t.start <= day and (t.ended_on is None or day < t.ended_on):
            return t.posts
    return b.terms[0].posts if b.terms else []


def _holder(posts, *kinds) -> DemoMember | None:
    return next((m for p, m in posts if p in kinds), None)


def _absences(c: _Context, pool: list[DemoMember], day: date) -> list[tuple[DemoMember, AttendanceState, str]]:
    """Who was not at a held meeting, and why."""
    rng, out = c.rng, []
    level = rng.uniform(0.5, 1.5)
    for m in pool:
        away = m.away_on(day)
        if away == "失联":
            out.append((m, AttendanceState.ABSENT, "失去联系"))
        elif away == "流动":
            out.append((m, AttendanceState.LEAVE, "流动在外，已书面请假"))
        else:
            r = rng.random()
            p_leave = (0.30 if m.age >= 85 else 0.12 if m.age >= 75 else 0.05) * level
            if r < p_leave:
                out.append((m, AttendanceState.LEAVE, rng.choice(c.leave)))
            elif r < p_leave + 0.015 * level:
                out.append((m, AttendanceState.ABSENT, "未请假"))
    return out


def _voters(pool: list[DemoMember], day: date, agenda: Agenda) -> list[DemoMember]:
    own = agenda.case.row.get("member_id")
    return [m for m in pool if m.full is not None and m.full <= day and m.id != own]


def _passes(pool: list[DemoMember], day: date, absent: set[int], agenda: Agenda) -> bool:
    voters = _voters(pool, day, agenda)
    present = sum(1 for m in voters if m.id not in absent)
    return 2 * (present - 1) > len(voters)  # 赞成 > ½ 应到, even with one abstention


def _vote(c: _Context, pool: list[DemoMember], day: date, absent: set[int], agenda: Agenda) -> dict:
    """Counts of one 表决 consistent with who was there; fills the case's vote columns."""
    voters = _voters(pool, day, agenda)
    eligible = len(voters)
    present = eligible - sum(1 for m in voters if m.id in absent)
    abstain = 1 if c.rng.random() < 0.15 and 2 * (present - 1) > eligible else 0
    counts = {"eligible": eligible, "present": present, "yes": present - abstain, "no": 0, "abstain": abstain}
    for key, value in counts.items():
        agenda.case.row[f"{agenda.prefix}_{key}"] = value
    return counts


def _meeting(c: _Context, org_id: int, kind: str, day: date, pool: list[DemoMember], host, recorder,
             agendas: list[Agenda] = (), **extra) -> int | None:
    rng, held = c.rng, day <= c.today
    h1, m1, h2, m2 = TIMES[kind]
    theme = extra.pop("theme", None) or rng.choice(c.themes.get(kind) or c.themes["支部党员大会"])
    row = {"org_id": org_id, "type_id": c.types[kind], "status": MeetingStatus.HELD if held else MeetingStatus.PLANNED,
           "meeting_date": day, "start_time": time(h1, m1), "end_time": time(h2, m2),
           "host": host.name if host else None, "recorder": recorder.name if recorder else None, "theme": theme,
           "expected_count": len(pool), "present_count": None, **extra}
    if not held:  # the clerk has put the regular ones of the coming weeks in the plan
        return c.w.add(c.meetings, row) if kind in PLANNED_KINDS else None
    chairs = {id(host), id(recorder)}  # who chairs and who minutes it were there

    def draw():
        if kind == "谈心谈话":  # the record names those who talked
            return []
        return [x for x in _absences(c, pool, day) if id(x[0]) not in chairs]

    absent = draw()
    for _ in range(20):  # a resolution needs the quorum and majority: the few ill-attended ones are re-drawn
        if all(_passes(pool, day, {m.id for m, _s, _r in absent}, a) for a in agendas):
            break
        absent = draw()
    row["present_count"] = max(len(pool) - len(absent), 0)  # those away are all 请假 or 缺席
    row["minutes"] = (f"应到{len(pool)}人，实到{len(pool) - len(absent)}人。{row['host'] or ''}主持会议，"
                      f"围绕“{theme}”进行了学习讨论。")
    away = {m.id for m, _s, _r in absent}
    votes = [(a, _vote(c, pool, day, away, a)) for a in agendas]
    if votes:
        row["decisions"] = "\n".join(f"{a.subject}：赞成{n['yes']}票，通过。" for a, n in votes)
    mid = c.w.add(c.meetings, row)  # the row is complete: a chunk may be written at once
    for m, state, reason in absent:
        c.w.add(c.attendance, {"meeting_id": mid, "member_id": m.id, "state": state, "reason": reason})
    if kind == "谈心谈话":  # 指定人员: the record names who talked
        away = {m.id for m, _s, _r in absent}
        for m in pool:
            if m.id not in away:
                c.w.add(c.attendance, {"meeting_id": mid, "member_id": m.id, "state": AttendanceState.PRESENT,
                                       "reason": None})
    for a, n in votes:
        c.w.add(c.votes, {"meeting_id": mid, "subject": a.subject, "eligible": n["eligible"],
                          "present_eligible": n["present"], "yes": n["yes"], "no": n["no"], "abstain": n["abstain"]})
        if a.prefix == "vote":
            c.w.add(c.attendance, {"meeting_id": mid, "person_name": a.case.row["name"],
                                   "state": AttendanceState.OBSERVER, "reason": "发展对象列席"})
    if kind in ("党课", "支部党员大会") and rng.random() < 0.05:
        c.w.add(c.attendance, {"meeting_id": mid, "person_name": c.people.name(rng.choice("男女"), 1975),
                               "state": AttendanceState.OBSERVER, "reason": "上级党组织联系点指导"})
    return mid


def build_meetings(w: Writer, rng, people: People, branches: list[Branch], agendas: list[Agenda], start: date,
                   today: date, estates: list[str]) -> None:
    types = dict(w.session.execute(select(MeetingType.name, MeetingType.id)).all())
    c = _Context(w, rng, people, today, types, estates)
    by_branch: dict[int, list[Agenda]] = defaultdict(list)
    for a in agendas:
        by_branch[a.branch.id].append(a)
    nxt = date(today.year + today.month // 12, today.month % 12 + 1, 1)
    horizon = date(nxt.year + nxt.month // 12, nxt.month % 12 + 1, 1) - timedelta(days=1)  # end of next month
    for b in branches:
        _branch_year_meetings(c, b, by_branch.get(b.id, []), start, horizon)


def _branch_year_meetings(c: _Context, b: Branch, agendas: list[Agenda], start: date, horizon: date) -> None:
    rng, cache = c.rng, {}

    def pool(day: date) -> list[DemoMember]:
        hit = cache.get(day)
        if hit is None:
            hit = cache[day] = [m for m in b.members if m.on_books(day)]
        return hit

    theme_day = rng.randint(8, 20)
    for agenda_day, items in sorted(_group(agendas).items()):
        if start <= agenda_day:
            posts = _term_posts(b, agenda_day)
            _meeting(c, b.id, "支部党员大会", agenda_day, pool(agenda_day), _holder(posts, Post.SECRETARY),
                     _holder(posts, Post.ORGANISATION), items, theme="讨论发展党员工作", place=b.place)
        else:  # before the history years: the counts only
            p = pool(agenda_day)
            for a in items:
                absent = {m.id for m in p if rng.random() < 0.08}
                _vote(c, p, agenda_day, absent if _passes(p, agenda_day, absent, a) else set(), a)
    month = date(start.year, start.month, 1)
    while month <= horizon:
        y, mo = month.year, month.month
        posts = _term_posts(b, month)
        sec = _holder(posts, Post.SECRETARY)
        rec = _holder(posts, Post.ORGANISATION, Post.PUBLICITY) or sec

        def on(low: int, high: int) -> date:
            return date(y, mo, rng.randint(low, high))

        if len(posts) >= 3 and rng.random() < 0.96:
            d = on(3, 8)
            committee = [m for _p, m in _term_posts(b, d) if m.on_books(d)]
            _meeting(c, b.id, "支部委员会", d, committee, sec, rec, place=b.place)
        if rng.random() < 0.95:
            d = on(max(1, theme_day - 2), theme_day + 2)
            place = rng.choice(c.red) if rng.random() < 0.15 else b.place
            _meeting(c, b.id, "主题党日", d, pool(d), sec, rec, place=place)
        for gid in b.groups:
            if rng.random() < 0.94:
                d = on(16, 25)
                leader = b.group_leaders.get(gid)
                _meeting(c, gid, "党小组会", d, [m for m in pool(d) if m.group_id == gid], leader or sec, leader,
                         place=f"{rng.choice(c.estates)}党员活动点")
        if mo % 3 == 0 and rng.random() < 0.93:
            d = on(20, 27)
            _meeting(c, b.id, "支部党员大会", d, pool(d), sec, rec, place=b.place)
        if mo % 3 == 2 and rng.random() < 0.9:
            d = on(22, 28)
            lecturer = sec.name if sec and rng.random() < 0.7 else rng.choice(pool(d)).name if pool(d) else None
            title = rng.choice(c.lectures)
            post = "党支部书记" if sec and lecturer == sec.name else "党员"
            _meeting(c, b.id, "党课", d, pool(d), sec, rec, place=b.place, lecturer=lecturer, lecturer_post=post,
                     title=title, theme=title)
        if mo == 12 and rng.random() < 0.95:
            d = on(10, 28)
            _meeting(c, b.id, "组织生活会", d, pool(d), sec, rec, place=b.place, theme=f"{y}年度组织生活会")
        if mo == 1:
            d = on(10, 28)
            mid = _meeting(c, b.id, "民主评议党员", d, pool(d), sec, rec, place=b.place, theme=f"{y - 1}年度民主评议党员")
            if d <= c.today:
                _appraise(c, pool(d), y - 1, mid, d)
        if rng.random() < 0.18 and sec is not None:
            d = on(1, 28)
            others = [m for m in pool(d) if m is not sec]
            talk = [sec] + rng.sample(others, min(len(others), rng.randint(1, 2)))
            _meeting(c, b.id, "谈心谈话", d, [m for m in talk if m.on_books(d)], sec, None, place="书记工作室")
        if rng.random() < 0.3:
            d = on(1, 28)
            _meeting(c, b.id, "集中学习", d, pool(d), sec, rec, place=b.place)
        month = date(y + mo // 12, mo % 12 + 1, 1)


def _group(agendas: list[Agenda]) -> dict[date, list[Agenda]]:
    out: dict[date, list[Agenda]] = defaultdict(list)
    for a in agendas:
        out[a.day].append(a)
    return out


def _appraise(c: _Context, pool: list[DemoMember], year: int, meeting_id: int, day: date) -> None:
    """民主评议 results of ``year`` for the full members at the meeting (not those out of contact)."""
    rng = c.rng
    for m in pool:
        if m.full is None or m.full > date(year, 12, 31) or m.away_on(day) == "失联":
            continue
        punished = any(k is EventKind.DISCIPLINE and d.year == year for k, d, _x in m.events)
        r = rng.random()
        if punished:
            result = AppraisalResult.BASICALLY_QUALIFIED if r < 0.7 else AppraisalResult.UNQUALIFIED
        else:
            result = (AppraisalResult.EXCELLENT if r < 0.15 else AppraisalResult.BASICALLY_QUALIFIED if r > 0.988
                      else AppraisalResult.QUALIFIED)
        c.w.add(c.appraisal, {"member_id": m.id, "year": year, "result": result, "meeting_id": meeting_id})
