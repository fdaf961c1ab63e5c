"""Demo organisation tree: the 党委, its 党支部 and their 党小组."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.db.models import Organisation
from app.domain.enums import OrgLevel, OrgType
from app.services.demo.writer import Writer

CN_NUMBERS = "一二三四五六七八九十"


def cn(n: int) -> str:
    if n <= 10:
        return CN_NUMBERS[n - 1]
    if n < 20:
        return "十" + (CN_NUMBERS[n - 11] if n > 10 else "")
    tens, ones = divmod(n, 10)
    return (CN_NUMBERS[tens - 1] if tens > 1 else "") + "十" + (CN_NUMBERS[ones - 1] if ones else "") if n < 100 else str(n)


@dataclass
class Branch:
    id: int
    name: str
    org_type: OrgType
    groups: list[int] = field(default_factory=list)
    members: list[int] = field(default_factory=list)


def build_tree(w: Writer, rng, top_id: int, members: int, today: date) -> list[Branch]:
    """One 党支部 per ~40–120 members (the first for retirees), 2–4 党小组 each."""
    count = max(2, round(members / rng.uniform(60, 80)))
    branches: list[Branch] = []
    table = Organisation.__table__
    for n in range(1, count + 1):
        if n == 1:
            name, org_type = "离退休第一党支部", OrgType.RETIRED
        elif n % 9 == 0:
            name, org_type = f"非公企业联合第{cn(n // 9)}党支部", OrgType.JOINT
        elif n % 13 == 0:
            name, org_type = f"两新组织第{cn(n // 13)}党支部", OrgType.NEW_ECONOMY
        else:
            name, org_type = f"第{cn(n)}党支部", OrgType.COMMUNITY
        founded = date(rng.randrange(1985, 2018), rng.randrange(1, 13), 1)
        bid = w.add(table, {"name": name, "level": OrgLevel.BRANCH, "org_type": org_type, "parent_id": top_id,
                            "founded_on": founded, "sort_order": n, "formation": "单独组建" if org_type is not OrgType.JOINT else "联合组建"})
        branches.append(Branch(bid, name, org_type))
    for b in branches:
        for g in range(1, rng.randrange(2, 5) + 1):
            gid = w.add(table, {"name": f"第{cn(g)}党小组", "level": OrgLevel.GROUP, "org_type": b.org_type,
                                "parent_id": b.id, "sort_order": g})
            b.groups.append(gid)
    w.flush("organisation")
    return branches
