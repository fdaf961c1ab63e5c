"""三会一课 and other organisational life (支部工作条例 第十五至二十条)."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, Time, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, Hours, IdMixin, TimestampMixin, VersionedMixin
from app.db.models._types import enum_type
from app.domain.enums import AppraisalResult, AttendanceState, MeetingAttendees, MeetingStatus


class MeetingType(IdMixin, Base):
    """Built-in types (支部党员大会 … 集中学习) and the clerk's own."""

    __tablename__ = "meeting_type"

    name: Mapped[str] = mapped_column(String(30), unique=True)
    is_builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    has_votes: Mapped[bool] = mapped_column(Boolean, default=False)
    # who is expected (应到) on the meeting's date, and whether attending counts toward 学时
    attendees: Mapped[MeetingAttendees] = mapped_column(
        enum_type(MeetingAttendees, 8), default=MeetingAttendees.MEMBERS, server_default=MeetingAttendees.MEMBERS.value)
    counts_study: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Meeting(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "meeting"
    __table_args__ = (
        Index("ix_meeting_org_date", "org_id", "meeting_date"),
        Index("ix_meeting_type_date", "type_id", "meeting_date"),
    )

    org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="RESTRICT"))
    type_id: Mapped[int] = mapped_column(ForeignKey("meeting_type.id", ondelete="RESTRICT"))
    status: Mapped[MeetingStatus] = mapped_column(enum_type(MeetingStatus, 4), default=MeetingStatus.HELD)
    meeting_date: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time | None] = mapped_column(Time)
    end_time: Mapped[time | None] = mapped_column(Time)
    place: Mapped[str | None] = mapped_column(String(100))
    host: Mapped[str | None] = mapped_column(String(40))  # 主持人
    recorder: Mapped[str | None] = mapped_column(String(40))  # 记录人
    lecturer: Mapped[str | None] = mapped_column(String(40))  # 党课 主讲人
    lecturer_post: Mapped[str | None] = mapped_column(String(60))  # 主讲人职务 (书记, 上级党委委员 …)
    title: Mapped[str | None] = mapped_column(String(200))  # 党课 题目
    theme: Mapped[str | None] = mapped_column(String(200))
    minutes: Mapped[str | None] = mapped_column(Text)
    decisions: Mapped[str | None] = mapped_column(Text)
    attachments: Mapped[str | None] = mapped_column(Text)  # file names, one per line
    study_hours: Mapped[Decimal | None] = mapped_column(Hours)  # 学时 set by hand; else from the times
    # Attendance rows are kept for the exceptions (请假, 缺席, 列席) and for anyone
    # explicitly marked 出席; everyone else expected on the date counts as present.
    expected_count: Mapped[int | None] = mapped_column(Integer)  # 应到, fixed when the record is closed
    # 实到 = 应到 − 请假 − 缺席 (never below 0) of a held meeting, written with its attendance by
    # services.meetings.save_meeting; None for a plan or without 应到. 统计 sums it.
    present_count: Mapped[int | None] = mapped_column(Integer)

    meeting_type: Mapped[MeetingType] = relationship()
    attendance: Mapped[list[MeetingAttendance]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )
    votes: Mapped[list[MeetingVote]] = relationship(back_populates="meeting", cascade="all, delete-orphan")


class MeetingAttendance(IdMixin, Base):
    __tablename__ = "meeting_attendance"
    __table_args__ = (
        UniqueConstraint("meeting_id", "member_id"),
        Index("ix_meeting_attendance_member", "member_id"),
    )

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    person_name: Mapped[str | None] = mapped_column(String(40))  # a 列席 guest who is not a member
    state: Mapped[AttendanceState] = mapped_column(enum_type(AttendanceState, 4))
    reason: Mapped[str | None] = mapped_column(String(200))

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")


class MeetingVote(IdMixin, Base):
    """Vote counts only, never names (党员大会 表决)."""

    __tablename__ = "meeting_vote"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    subject: Mapped[str] = mapped_column(String(200))
    eligible: Mapped[int] = mapped_column(Integer)  # 应到有表决权
    present_eligible: Mapped[int] = mapped_column(Integer)  # 实到有表决权
    yes: Mapped[int] = mapped_column(Integer)
    no: Mapped[int] = mapped_column(Integer)
    abstain: Mapped[int] = mapped_column(Integer)

    meeting: Mapped[Meeting] = relationship(back_populates="votes")


class AppraisalResultRecord(IdMixin, TimestampMixin, Base):
    """民主评议党员 result per member per year."""

    __tablename__ = "appraisal_result"
    __table_args__ = (UniqueConstraint("member_id", "year"),)

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    result: Mapped[AppraisalResult] = mapped_column(enum_type(AppraisalResult, 4))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"))
    notes: Mapped[str | None] = mapped_column(String(200))
