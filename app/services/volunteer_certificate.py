"""志愿服务证明: one person's confirmed hours over a period, with a unique number; issuing is audited.

民发〔2015〕149号 (关于规范志愿服务记录证明工作的指导意见): 谁记录谁证明; the certificate gives the
person's 姓名、证件类型及号码、志愿者编号, the service time in hours and its content, the issuer's
名称、负责人、经办人、联系方式, a 证明编号 and the 出具日期, and carries the issuer's seal.
志愿服务条例 第十九条: proof is issued free of charge and truthfully, from the records kept.
The ID number is printed masked: the certificate leaves the office in the volunteer's hands.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import Organisation, Setting, Volunteer, VolunteerCertificate
from app.domain import idnumber
from app.domain.errors import NotFoundError, ValidationError
from app.domain.volunteer_rules import Period, certificate_number
from app.services import audit
from app.services.organisations import top_organisation
from app.services.volunteer_hours import hours_report

SETTING_KEY = "volunteer.certificate.issuer"


@dataclass(frozen=True)
class Issuer:
    name: str  # 出具单位
    leader: str = ""  # 负责人
    handler: str = ""  # 经办人
    phone: str = ""  # 联系电话


@dataclass(frozen=True)
class CertificateLine:
    service_date: date
    title: str
    category: str
    team: str
    hours: Decimal


@dataclass(frozen=True)
class Certificate:
    number: str | None  # None until issued
    volunteer_id: int
    name: str
    gender: str
    id_type: str
    id_masked: str
    volunteer_no: str
    registered_on: date | None
    period: Period
    lines: tuple[CertificateLine, ...]
    total: Decimal
    issuer: Issuer
    issued_on: date


def load_issuer(session: Session) -> Issuer:
    """The issuer as last saved; at first the top organisation and its phone."""
    row = session.get(Setting, SETTING_KEY)
    if row is not None:
        return Issuer(**json.loads(row.value))
    top = top_organisation(session)
    org = session.get(Organisation, top.id) if top else None
    return Issuer(top.name if top else "", "", "", (org.contact_phone or "") if org else "")


def save_issuer(session: Session, issuer: Issuer) -> Issuer:
    issuer = Issuer(*(" ".join((getattr(issuer, f) or "").split()) for f in ("name", "leader", "handler", "phone")))
    if not issuer.name:
        raise ValidationError("出具单位", "不能为空")
    if len(issuer.name) > 120:
        raise ValidationError("出具单位", "不能超过120个字")
    text = json.dumps(issuer.__dict__, ensure_ascii=False, sort_keys=True)
    row = session.get(Setting, SETTING_KEY)
    if row is None:
        session.add(Setting(key=SETTING_KEY, value=text))
    elif row.value != text:
        row.value = text
    session.flush()
    return issuer


def draft_certificate(session: Session, volunteer_id: int, period: Period, *, issuer: Issuer | None = None,
                      issued_on: date | None = None) -> Certificate:
    """What the certificate would say; raises when the period has no confirmed hours."""
    v = session.get(Volunteer, volunteer_id)
    if v is None:
        raise NotFoundError("该志愿者记录不存在。")
    report = hours_report(session, period, volunteer_id=v.id)
    if not report.lines:
        raise ValidationError("期间", f"“{v.name}”在{period.label}没有已确认的服务时长，无法出具证明")
    lines = tuple(CertificateLine(li.service_date, li.title, li.category, li.team, li.hours) for li in report.lines)
    return Certificate(None, v.id, v.name, v.gender or "", v.id_type.value, idnumber.mask(v.id_number),
                       v.volunteer_no or "", v.registered_on, period, lines, report.total,
                       issuer or load_issuer(session), issued_on or date.today())


def issue_certificate(session: Session, volunteer_id: int, period: Period, *, issuer: Issuer | None = None,
                      issued_on: date | None = None, target: str = "") -> Certificate:
    """Give the certificate the next number of its year, keep what it states, and write the audit log."""
    issuer = save_issuer(session, issuer) if issuer is not None else load_issuer(session)
    if not issuer.name:
        raise ValidationError("出具单位", "请填写出具证明的单位名称")
    draft = draft_certificate(session, volunteer_id, period, issuer=issuer, issued_on=issued_on)
    year = draft.issued_on.year
    serial = (session.scalar(select(func.max(VolunteerCertificate.serial)).where(
        VolunteerCertificate.year == year)) or 0) + 1
    number = certificate_number(year, serial)
    session.add(VolunteerCertificate(
        number=number, year=year, serial=serial, volunteer_id=draft.volunteer_id, person_name=draft.name,
        id_masked=draft.id_masked or None, period_start=period.start, period_end=period.end, total_hours=draft.total,
        activity_count=len(draft.lines), issuer=issuer.name, issued_by=issuer.handler or None,
        issued_on=draft.issued_on))
    session.flush()
    audit.record(session, "出具", "volunteer_certificate", number,
                 f"出具志愿服务证明 {number}：{draft.name}，{period.label}，{draft.total} 小时"
                 + (f"，保存到 {target}" if target else ""),
                 {"volunteer_id": draft.volunteer_id, "period": [period.start.isoformat(), period.end.isoformat()],
                  "hours": str(draft.total), "activities": len(draft.lines), "issuer": issuer.name})
    return Certificate(number, *[getattr(draft, f) for f in (
        "volunteer_id", "name", "gender", "id_type", "id_masked", "volunteer_no", "registered_on", "period",
        "lines", "total", "issuer", "issued_on")])


@dataclass(frozen=True)
class IssuedRow:
    number: str
    person_name: str
    period_start: date
    period_end: date
    total_hours: Decimal
    activity_count: int
    issuer: str
    issued_by: str
    issued_on: date


def list_certificates(session: Session, *, volunteer_id: int | None = None) -> list[IssuedRow]:
    stmt = select(VolunteerCertificate).order_by(VolunteerCertificate.issued_on.desc(), VolunteerCertificate.id.desc())
    if volunteer_id is not None:
        stmt = stmt.where(VolunteerCertificate.volunteer_id == volunteer_id)
    return [IssuedRow(c.number, c.person_name, c.period_start, c.period_end, c.total_hours, c.activity_count,
                      c.issuer, c.issued_by or "", c.issued_on) for c in session.scalars(stmt)]
