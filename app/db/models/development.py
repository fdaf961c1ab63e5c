"""发展党员: one record per person from application to full membership (发展党员工作细则, 2026)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, IdMixin, TimestampMixin, VersionedMixin
from app.db.models._types import enum_type
from app.domain.enums import DevelopmentDocumentKind, DevelopmentRole, Gender


class DevelopmentRecord(IdMixin, TimestampMixin, VersionedMixin, Base):
    """Every step is a date the clerk enters; the stage is derived from them, never typed."""

    __tablename__ = "development_record"
    __table_args__ = (Index("ix_development_record_org", "org_id"),)

    org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="RESTRICT"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"), index=True)
    rule_version: Mapped[str] = mapped_column(String(20), default="2026.05")

    name: Mapped[str] = mapped_column(String(40))
    name_pinyin: Mapped[str] = mapped_column(String(120), default="")
    gender: Mapped[Gender | None] = mapped_column(enum_type(Gender, 2))
    ethnicity: Mapped[str | None] = mapped_column(String(20))
    birth_date: Mapped[date | None] = mapped_column(Date)
    id_number: Mapped[str | None] = mapped_column(String(18))
    education: Mapped[str | None] = mapped_column(String(30))
    job_post: Mapped[str | None] = mapped_column(String(60))
    work_unit: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(40))
    political_status: Mapped[str | None] = mapped_column(String(20))  # 共青团员 / 群众
    transferred_in: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # 第十二条, 第三十五条
    leaving_on: Mapped[date | None] = mapped_column(Date)  # planned departure from the unit (第十八条)

    # stage 1: 入党申请人
    applied_on: Mapped[date | None] = mapped_column(Date)  # 递交入党申请书
    talked_on: Mapped[date | None] = mapped_column(Date)  # 谈话 (within 1 month)
    # stage 2: 积极分子
    activist_on: Mapped[date | None] = mapped_column(Date)
    activist_method: Mapped[str | None] = mapped_column(String(40))  # 党员推荐 / 群团组织推优
    activist_filed_on: Mapped[date | None] = mapped_column(Date)  # 报上级党委备案
    # stage 3: 发展对象
    candidate_on: Mapped[date | None] = mapped_column(Date)
    publicity_start: Mapped[date | None] = mapped_column(Date)
    publicity_end: Mapped[date | None] = mapped_column(Date)
    political_review_on: Mapped[date | None] = mapped_column(Date)
    political_review_result: Mapped[str | None] = mapped_column(String(100))
    training_start: Mapped[date | None] = mapped_column(Date)
    training_end: Mapped[date | None] = mapped_column(Date)
    training_days: Mapped[int | None] = mapped_column(Integer)
    training_hours: Mapped[int | None] = mapped_column(Integer)  # 学时
    training_passed_on: Mapped[date | None] = mapped_column(Date)  # 结业
    pre_review_on: Mapped[date | None] = mapped_column(Date)  # 预审
    # stage 4: 预备党员
    form_filled_on: Mapped[date | None] = mapped_column(Date)  # 填写入党志愿书
    branch_meeting_on: Mapped[date | None] = mapped_column(Date)  # 支部大会讨论接收
    vote_eligible: Mapped[int | None] = mapped_column(Integer)
    vote_present: Mapped[int | None] = mapped_column(Integer)
    vote_yes: Mapped[int | None] = mapped_column(Integer)
    vote_no: Mapped[int | None] = mapped_column(Integer)
    vote_abstain: Mapped[int | None] = mapped_column(Integer)
    higher_talk_on: Mapped[date | None] = mapped_column(Date)  # 上级党委派人谈话
    higher_talk_by: Mapped[str | None] = mapped_column(String(40))  # 党委委员或组织员 (第二十三条)
    approving_body: Mapped[str | None] = mapped_column(String(100))  # the 党委 that approves (第二十二条)
    approved_on: Mapped[date | None] = mapped_column(Date)  # 上级党委审批
    oath_on: Mapped[date | None] = mapped_column(Date)  # 入党宣誓
    probation_start: Mapped[date | None] = mapped_column(Date)
    probation_end: Mapped[date | None] = mapped_column(Date)
    probation_extended_to: Mapped[date | None] = mapped_column(Date)
    extension_decided_on: Mapped[date | None] = mapped_column(Date)  # 支部大会 decided the extension (第三十一条)
    # stage 5: 转正
    confirm_applied_on: Mapped[date | None] = mapped_column(Date)
    confirm_meeting_on: Mapped[date | None] = mapped_column(Date)
    confirm_vote_eligible: Mapped[int | None] = mapped_column(Integer)
    confirm_vote_present: Mapped[int | None] = mapped_column(Integer)
    confirm_vote_yes: Mapped[int | None] = mapped_column(Integer)
    confirm_vote_no: Mapped[int | None] = mapped_column(Integer)
    confirm_vote_abstain: Mapped[int | None] = mapped_column(Integer)
    confirm_approved_on: Mapped[date | None] = mapped_column(Date)
    # ended without admission
    terminated_on: Mapped[date | None] = mapped_column(Date)
    termination_reason: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)

    people: Mapped[list[DevelopmentPerson]] = relationship(back_populates="record", cascade="all, delete-orphan")
    documents: Mapped[list[DevelopmentDocument]] = relationship(
        back_populates="record", cascade="all, delete-orphan"
    )


class DevelopmentPerson(IdMixin, Base):
    """谈话人, 培养联系人 (1–2), 入党介绍人 (2, 正式党员 on the date)."""

    __tablename__ = "development_person"

    record_id: Mapped[int] = mapped_column(ForeignKey("development_record.id", ondelete="CASCADE"), index=True)
    role: Mapped[DevelopmentRole] = mapped_column(enum_type(DevelopmentRole, 8))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"), index=True)
    person_name: Mapped[str] = mapped_column(String(40))
    assigned_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)

    record: Mapped[DevelopmentRecord] = relationship(back_populates="people")


class DevelopmentDocument(IdMixin, Base):
    """Materials received: 思想汇报 per quarter, 自传, 政审材料, 培训结业证明, 半年考察意见 …"""

    __tablename__ = "development_document"

    record_id: Mapped[int] = mapped_column(ForeignKey("development_record.id", ondelete="CASCADE"), index=True)
    kind: Mapped[DevelopmentDocumentKind] = mapped_column(enum_type(DevelopmentDocumentKind, 8))
    period: Mapped[str | None] = mapped_column(String(7))  # "2026Q3" for 思想汇报, "2026H1" for 考察
    received_on: Mapped[date | None] = mapped_column(Date)
    summary: Mapped[str | None] = mapped_column(Text)

    record: Mapped[DevelopmentRecord] = relationship(back_populates="documents")
