"""Demo membership events: 发展/转正, 转入, and over the history years 转出, 死亡, 出党,
停止党籍, 流出, 失联, 表彰, 处分 — with each member's row state derived from them.

The row's status, category and flags come from ``domain.status.derive_state`` over the
member's own events, exactly as the service layer keeps them in step.
"""

from __future__ import annotations

from datetime import date, timedelta

from app.domain.dates import add_months, add_years
from app.domain.enums import DisciplineType, EventKind, ExitType, MemberCategory, MemberStatus
from app.domain.status import EventFact, derive_state
from app.services.demo.members import DemoMember
from app.services.demo.people import People, places, regions

ORIGINS = ("城关街道党工委", "教育局机关党委", "人民医院党委", "第一中学党总支", "大学党委", "科技园区党委", "建设集团党委")
LOST_REASONS = ("外出务工经商", "单位改制或破产", "毕业后去向不明", "工作单位改变", "居住地改变", "其他")
EXITS = (EventKind.TRANSFER_OUT, EventKind.EXPELLED, EventKind.DIED)
DEATH_RATE = ((90, 0.15), (80, 0.07), (70, 0.025), (60, 0.008), (0, 0.001))  # a year, by age


def _ref(rng, body: str, year: int) -> str:
    return f"{body}〔{year}〕{rng.randint(1, 60)}号"


def _elsewhere(rng) -> str:
    return rng.choice(regions())[2] + rng.choice(ORIGINS)


def draw_history(rng, people: People, members: list[DemoMember], start: date, today: date,
                 upper: str, discipline_body: str) -> None:
    """Fill ``events`` and the derived state of every member; ``start`` opens the history years."""
    recent = add_years(today, -10)
    for m in members:
        ev: list[tuple] = []
        if m.join >= recent:
            ev.append((EventKind.ADMITTED, m.join, {"document_ref": _ref(rng, upper, m.join.year)}))
            if m.full is not None:
                ev.append((EventKind.CONFIRMED, m.full, {"document_ref": _ref(rng, upper, m.full.year)}))
        moved_in = rng.random() < (0.3 if m.full is None else 0.07)
        if moved_in:
            first = m.join + timedelta(days=10) if m.full is None else max(m.full, add_years(today, -12))
            m.on_from = people.day_in(first, today - timedelta(days=10))
            m.transferred_in = True
            # 发展/转正 at the school or former employer are that organisation's events, not ours
            ev = [e for e in ev if e[1] >= m.on_from]
            before = add_months(m.on_from, -1)
            ev.append((EventKind.TRANSFER_IN, m.on_from, {
                "counterpart": _elsewhere(rng), "letter_no": f"{m.on_from.year}{rng.randrange(10**5, 10**6)}",
                "dues_paid_until": f"{before.year}-{before.month:02d}"}))
        if m.full is not None:
            _exit_or_flag(rng, people, m, ev, max(start, m.on_from + timedelta(days=30)), today, upper,
                          discipline_body)
        _honours(rng, m, ev, start, today, upper, discipline_body)
        ev.sort(key=lambda e: e[1])
        m.events = ev
        state = derive_state([EventFact(k, d, i) for i, (k, d, _x) in enumerate(ev)],
                             initial_category=m.row["category"])
        m.status = state.status
        m.row.update(category=state.category or MemberCategory.FULL, is_mobile=state.is_mobile,
                     is_lost_contact=state.is_lost_contact)
        if state.status in (MemberStatus.TRANSFERRED_OUT, MemberStatus.EXPELLED, MemberStatus.DECEASED):
            m.left_on = max(d for k, d, _x in ev if k in EXITS)
        if not state.is_mobile:
            m.row["mobile_card_no"] = None


def _exit_or_flag(rng, people: People, m: DemoMember, ev: list, lo: date, today: date, upper: str,
                  discipline_body: str) -> None:
    hi = today - timedelta(days=5)
    if lo >= hi:
        return
    years = (hi - lo).days / 365.25
    death = next(rate for age, rate in DEATH_RATE if m.age >= age)
    out = 0.006 if m.retired else 0.018
    chances = (("死亡", 1 - (1 - death) ** years), ("转出", 1 - (1 - out) ** years), ("出党", 0.0004 * years),
               ("停止党籍", 0.0012), ("失联", 0.003), ("流出", 0.008 if m.retired else 0.03))
    r = rng.random()
    for what, p in chances:
        if r < p:
            break
        r -= p
    else:
        return
    on = people.day_in(lo, hi)
    if what == "死亡":
        ev.append((EventKind.DIED, on, {"reason": rng.choice(("病故", "病故", "因病医治无效去世", "意外去世"))}))
    elif what == "转出":
        month = f"{on.year}-{on.month:02d}"
        ev.append((EventKind.TRANSFER_OUT, on, {"counterpart": _elsewhere(rng), "dues_paid_until": month,
                                                "letter_no": f"{on.year}{rng.randrange(10**5, 10**6)}",
                                                "reason": rng.choice(("搬迁新居", "工作调动", "随子女居住", "购房迁居"))}))
    elif what == "出党":
        lost = add_months(on, -rng.randint(7, 12))
        if lost <= m.on_from:
            return
        m.lost_from = lost
        ev.append((EventKind.LOST_CONTACT, lost, {"reason": rng.choice(LOST_REASONS)}))
        ev.append((EventKind.EXPELLED, on, {
            "subtype": ExitType.LAPSED.value, "document_ref": _ref(rng, upper, on.year),
            "reason": "失去联系，连续六个月以上不参加党的组织生活、不交纳党费，经多方查找确实无法取得联系"}))
    elif what == "停止党籍":
        lost = add_months(on, -rng.randint(6, 12))
        if lost <= m.on_from:
            return
        m.lost_from, m.suspended_from = lost, on
        ev.append((EventKind.LOST_CONTACT, lost, {"reason": rng.choice(LOST_REASONS)}))
        ev.append((EventKind.SUSPENDED, on, {"document_ref": _ref(rng, upper, on.year),
                                             "reason": "失去联系六个月以上，经多方查找仍无法取得联系"}))
    elif what == "失联":
        on = people.day_in(max(lo, today - timedelta(days=330)), today - timedelta(days=20))
        m.lost_from = on
        ev.append((EventKind.LOST_CONTACT, on, {"reason": rng.choice(LOST_REASONS)}))
    else:  # 流出: keeps the 组织关系 here, lives elsewhere with a 流动党员活动证
        on = people.day_in(max(m.on_from + timedelta(days=30), add_years(lo, -2)), hi)
        ev.append((EventKind.OUTFLOW, on, {"counterpart": rng.choice(places()["流入地"]),
                                           "reason": rng.choice(("外出务工经商", "随子女异地居住", "外地工作"))}))
        end = None
        if rng.random() < 0.25 and add_months(on, 3) < hi:
            end = people.day_in(add_months(on, 3), hi)
            ev.append((EventKind.MOBILE_ENDED, end, {"reason": "返回本地居住"}))
        m.mobile.append((on, end))
        m.row["mobile_card_no"] = f"{on.year}{rng.randrange(10**7, 10**8)}"


def _honours(rng, m: DemoMember, ev: list, start: date, today: date, upper: str, discipline_body: str) -> None:
    leaving = next((d for k, d, _x in ev if k in (EventKind.DIED, EventKind.TRANSFER_OUT, EventKind.EXPELLED,
                                                  EventKind.SUSPENDED, EventKind.LOST_CONTACT)), None)

    def eligible(day: date) -> bool:
        return start <= day <= today and m.on_from <= day and (leaving is None or day < leaving)

    for year in range(start.year, today.year + 1):
        july = date(year, 6, 28)
        if m.full is not None and date(year - 51, 7, 1) < m.full <= date(year - 50, 7, 1) and eligible(july):
            ev.append((EventKind.AWARD, july, {"subtype": "光荣在党50年纪念章", "document_ref": "中共中央颁发"}))
        elif m.full is not None and rng.random() < 0.015 and eligible(july):
            ev.append((EventKind.AWARD, july, {"subtype": "优秀共产党员", "document_ref": _ref(rng, upper, year)}))
    if m.full is not None and rng.random() < 0.0008 * (today.year - start.year + 1):
        on = start + timedelta(days=rng.randrange(max(1, (today - start).days)))
        if eligible(on) and m.full <= on:
            kind = rng.choice((DisciplineType.WARNING, DisciplineType.SERIOUS_WARNING))
            ends = add_years(on, 1) if kind is DisciplineType.WARNING else add_months(on, 18)
            ev.append((EventKind.DISCIPLINE, on, {
                "subtype": kind.value, "ends_on": ends, "document_ref": _ref(rng, discipline_body, on.year),
                "reason": rng.choice(("违反廉洁纪律", "违反生活纪律", "违反群众纪律", "违反工作纪律"))}))
