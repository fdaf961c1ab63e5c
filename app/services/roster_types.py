"""The roster's row types, kept free of SQLAlchemy so the window can show a first page early."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.domain.dates import PartialDate, age_on
from app.domain.enums import DatePrecision

SCOPE_ACTIVE, SCOPE_LEFT, SCOPE_ALL = "在册", "已离开", "全部"


@dataclass(frozen=True)
class MemberQuery:
    text: str = ""
    org_id: int | None = None  # with its sub-tree
    category: str | None = None  # 正式党员 / 预备党员
    occupation: str | None = None  # 在职 / 离退休 / 学生 …
    scope: str = SCOPE_ACTIVE
    flags: tuple[str, ...] = ()
    order: str = "pinyin"  # pinyin | strokes | join_date | birth_date
    offset: int = 0
    limit: int | None = 200


@dataclass(frozen=True)
class MemberRow:
    id: int
    version: int
    name: str
    gender: str
    birth: str
    age: int | None
    ethnicity: str
    education: str
    category: str
    join: str
    full: str
    org_name: str
    group_name: str
    job_post: str
    work_unit: str
    party_post: str
    phone: str
    address: str
    id_number: str
    status: str
    is_mobile: bool
    is_lost_contact: bool
    notes: str


@dataclass(frozen=True)
class MemberPage:
    rows: list[MemberRow] = field(default_factory=list)
    total: int = 0


def _date_text(value: date | None, precision: str) -> str:
    return str(PartialDate(value, DatePrecision(precision))) if value else ""


def member_row(*, id, version, name, gender, birth_date, birth_precision, ethnicity, education, category, join_date,
               join_precision, full_date, full_precision, org_name, group_name, job_post, work_unit, party_post,
               phone, address, id_number, status, is_mobile, is_lost_contact, notes, today: date) -> MemberRow:
    """One roster row from plain column values (shared by the ORM query and the quick first page)."""
    return MemberRow(
        id=id, version=version, name=name, gender=gender or "", birth=_date_text(birth_date, birth_precision),
        age=age_on(birth_date, today) if birth_date else None, ethnicity=ethnicity or "", education=education or "",
        category=category, join=_date_text(join_date, join_precision), full=_date_text(full_date, full_precision),
        org_name=org_name, group_name=group_name or "", job_post=job_post or "", work_unit=work_unit or "",
        party_post=party_post or "", phone=phone or "", address=address or "", id_number=id_number or "",
        status=status, is_mobile=bool(is_mobile), is_lost_contact=bool(is_lost_contact), notes=notes or "",
    )
