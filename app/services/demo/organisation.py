"""Demo organisation tree: the 党委, its 党支部 (one per 40–120 members) and 2–4 党小组 each.

A community 党委 typically has residential 党支部 by area, one or two 离退休党支部, and
联合 / 两新 党支部 for the small firms and social organisations of the area (支部工作条例
第六条: fewer than 3 full members → a joint branch).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.db.models import Organisation
from app.domain.enums import OrgLevel, OrgType
from app.services.demo.people import People, places
from app.services.demo.writer import Writer

DIGITS = "零一二三四五六七八九"

# kind → (org type, share of the members, smallest and largest branch)
KINDS = {
    "community": (OrgType.COMMUNITY, 0.62, 40, 110),
    "retired": (OrgType.RETIRED, 0.20, 60, 120),
    "joint": (OrgType.JOINT, 0.11, 25, 60),
    "new": (OrgType.NEW_ECONOMY, 0.07, 12, 40),
}
JOINT_NAMES = ("非公企业联合党支部", "商务楼宇联合党支部", "个体工商户联合党支部", "沿街商铺联合党支部")
NEW_NAMES = ("社会组织党支部", "物业服务企业党支部", "养老服务中心党支部")


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 40 → 四十, 105 → 一百零五, 1234 → 一千二百三十四."""
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n - 10] if n > 10 else "")
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            out += ("零" if zero and out else "") + DIGITS[digit] + unit
            zero = False
        elif out:
            zero = True
    return out


@dataclass
class Branch:
    id: int
    index: int  # position among the generated branches, from 0
    name: str
    kind: str
    org_type: OrgType
    size: int  # members to generate
    groups: list[int] = field(default_factory=list)
    group_names: dict[int, str] = field(default_factory=dict)
    members: list = field(default_factory=list)  # DemoMember, filled by members.py
    terms: list = field(default_factory=list)  # committees.Term, oldest first
    group_leaders: dict[int, object] = field(default_factory=dict)  # group id → DemoMember
    place: str = ""


def _sizes(rng, total: int) -> list[tuple[str, int]]:
    """Split ``total`` members into (kind, size) branches."""
    plan: list[tuple[str, int]] = []
    left = total
    for kind, (_t, share, low, high) in KINDS.items():
        want = round(total * share) if kind != "community" else 0
        if want < low:
            continue  # too few for a branch of this kind: they join the residential branches
        while want >= low:
            size = min(want, rng.randint(low, high))
            if want - size < low:
                size = want
            plan.append((kind, size))
            want -= size
            left -= size
    low, high = KINDS["community"][2:]
    while left > 0:
        size = min(left, rng.randint(low, high))
        if 0 < left - size < low // 2:
            size = left
        plan.append(("community", size))
        left -= size
    order = {"community": 0, "retired": 1, "joint": 2, "new": 3}
    return sorted(plan, key=lambda p: order[p[0]])


def _firm_branch(rng, taken_names: set[str], n: int) -> str:
    """A 两新 branch named after a fictional firm whose name is not taken yet."""
    for _ in range(50):
        name = f"{rng.choice(places()['企业字号'])}{rng.choice(places()['企业行业'])}党支部"
        if name not in taken_names:
            return name
    return f"两新组织第{cn_number(n)}党支部"


def build_tree(w: Writer, rng, people: People, top_id: int, members: int, today: date,
               taken_names: set[str], top_founded: date | None,
               top_branch: tuple[str, OrgType] | None = None) -> list[Branch]:
    """Queue the branches and groups; returns them with the member count each should get.

    ``top_branch`` (name, type) when the top organisation is itself a 党支部: the members
    then go into it and only its 党小组 are made (a 党支部 holds no 党支部).
    """
    table = Organisation.__table__
    branches: list[Branch] = []
    counters = {kind: 0 for kind in KINDS}
    rooms = places()["会场"]
    if top_branch is not None:
        name, org_type = top_branch
        kind = next((k for k, spec in KINDS.items() if spec[0] is org_type), "community")
        branches.append(Branch(top_id, 0, name, kind, org_type, members, place=rng.choice(rooms)))
        return _groups(w, rng, branches)
    plan = _sizes(rng, members)
    kind_total = {kind: sum(1 for k, _ in plan if k == kind) for kind in KINDS}
    for index, (kind, size) in enumerate(plan):
        org_type = KINDS[kind][0]
        counters[kind] += 1
        n = counters[kind]
        if kind == "community":
            name = f"第{cn_number(n)}党支部"
        elif kind == "retired":
            name = "离退休党支部" if kind_total[kind] == 1 else f"离退休第{cn_number(n)}党支部"
        elif kind == "joint":
            base = JOINT_NAMES[(n - 1) % len(JOINT_NAMES)]
            round_ = (n - 1) // len(JOINT_NAMES) + 1
            name = base if round_ == 1 else base.replace("联合", f"第{cn_number(round_)}联合")
        else:
            name = NEW_NAMES[n - 1] if n <= len(NEW_NAMES) else _firm_branch(rng, taken_names, n)
        while name in taken_names:
            name = name.replace("党支部", "新党支部", 1) if "新党支部" not in name else name + "（二）"
        taken_names.add(name)
        first = max(1985, top_founded.year + 1 if top_founded else 1985)
        founded = date(rng.randrange(first, max(first + 1, today.year - 12)), rng.randrange(1, 13), 1)
        row = {
            "name": name, "level": OrgLevel.BRANCH,
            "org_type": org_type, "parent_id": top_id, "founded_on": founded, "sort_order": index + 1,
            "formation": "联合组建" if kind == "joint" else "单独组建",
            "host_units": f"辖区{rng.randrange(3, 6)}家非公有制企业" if kind == "joint" else None,
            "contact_phone": people.phone(), "address": people.community + rng.choice(rooms).removeprefix("社区"),
        }
        bid = w.add(table, row)
        branches.append(Branch(bid, index, name, kind, org_type, size, place=rng.choice(rooms)))
    return _groups(w, rng, branches)


def _groups(w: Writer, rng, branches: list[Branch]) -> list[Branch]:
    """2–4 党小组 in every branch."""
    table = Organisation.__table__
    for b in branches:
        count = max(2, min(4, b.size // 20 + rng.randrange(0, 2)))
        for g in range(1, count + 1):
            gname = f"第{cn_number(g)}党小组"
            gid = w.add(table, {"name": gname, "level": OrgLevel.GROUP, "org_type": b.org_type,
                                "parent_id": b.id, "sort_order": g})
            b.groups.append(gid)
            b.group_names[gid] = gname
    return branches
