"""The 党员花名册 columns (rules-and-peers.md section C, the 16 采集 items plus 党龄 etc.)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from app.domain.idnumber import mask, mask_phone
from app.services.roster import RosterEntry


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float  # Excel character widths; the PDF scales them
    kind: str  # text | date | int
    get: Callable[[RosterEntry, bool], object]  # (entry, full_id) -> value


def _yes(flag: bool) -> str:
    return "是" if flag else "否"


COLUMNS: tuple[Column, ...] = (
    Column("name", "姓名", 9, "text", lambda e, f: e.name),
    Column("gender", "性别", 5, "text", lambda e, f: e.gender),
    Column("ethnicity", "民族", 7, "text", lambda e, f: e.ethnicity),
    Column("birth", "出生日期", 11, "date", lambda e, f: e.birth),
    Column("age", "年龄", 5, "int", lambda e, f: e.age),
    Column("id_number", "公民身份号码", 21, "text", lambda e, f: e.id_number if f else mask(e.id_number)),
    Column("education", "学历", 10, "text", lambda e, f: e.education),
    Column("category", "人员类别", 9, "text", lambda e, f: e.category),
    Column("join", "入党日期", 11, "date", lambda e, f: e.join),
    Column("full", "转正日期", 11, "date", lambda e, f: e.full),
    Column("party_years", "党龄", 5, "int", lambda e, f: e.party_years),
    Column("job_post", "工作岗位", 16, "text", lambda e, f: e.job_post),
    Column("work_unit", "工作单位及职务", 20, "text", lambda e, f: e.work_unit),
    Column("party_post", "党内职务", 9, "text", lambda e, f: e.party_post),
    Column("org", "所在党支部", 16, "text", lambda e, f: e.org_name),
    Column("group", "党小组", 11, "text", lambda e, f: e.group_name),
    Column("phone", "联系电话", 13, "text", lambda e, f: e.phone if f else mask_phone(e.phone)),
    Column("address", "家庭住址", 24, "text", lambda e, f: e.address),
    Column("status", "党籍状态", 9, "text", lambda e, f: e.status),
    Column("lost", "是否失联", 8, "text", lambda e, f: _yes(e.is_lost_contact)),
    Column("mobile", "是否流动", 8, "text", lambda e, f: _yes(e.is_mobile)),
    Column("notes", "备注", 16, "text", lambda e, f: e.notes),
)
BY_KEY = {c.key: c for c in COLUMNS}
PDF_DEFAULT = ("name", "gender", "ethnicity", "birth", "id_number", "education", "category", "join", "party_years",
               "org", "phone", "address")


def pick(keys: tuple[str, ...] | list[str] | None) -> list[Column]:
    if not keys:
        return list(COLUMNS)
    unknown = [k for k in keys if k not in BY_KEY]
    if unknown:
        raise KeyError(", ".join(unknown))
    return [BY_KEY[k] for k in keys]
