"""志愿服务: volunteers, teams, activities, hours, trainings, service posts (志愿服务条例; 志愿服务记录与证明出具办法)."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, Time, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, Hours, IdMixin, TimestampMixin, VersionedMixin
from app.db.models._types import enum_type
from app.domain.enums import HoursState, IdDocumentType, VolunteerKind


class Volunteer(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "volunteer"
    __table_args__ = (Index("ix_volunteer_name", "name"), Index("ix_volunteer_pinyin", "name_pinyin"))

    kind: Mapped[VolunteerKind] = mapped_column(enum_type(VolunteerKind, 4), default=VolunteerKind.PERSON)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"), index=True)
    name: Mapped[str] = mapped_column(String(100))  # person, or the group's name
    name_pinyin: Mapped[str] = mapped_column(String(200), default="")
    name_initials: Mapped[str] = mapped_column(String(40), default="")
    gender: Mapped[str | None] = mapped_column(String(2))
    id_type: Mapped[IdDocumentType] = mapped_column(enum_type(IdDocumentType, 12), default=IdDocumentType.RESIDENT_ID)
    id_number: Mapped[str | None] = mapped_column(String(30))
    phone: Mapped[str | None] = mapped_column(String(40))
    skills: Mapped[str | None] = mapped_column(String(200))
    volunteer_no: Mapped[str | None] = mapped_column(String(40))  # 志愿者编号 on the upstream platform
    registered_on: Mapped[date | None] = mapped_column(Date)
    contact_person: Mapped[str | None] = mapped_column(String(40))  # for a group volunteer
    group_size: Mapped[int | None] = mapped_column(Integer)
    # the registering organisation; empty = the member's branch for a member, else the top organisation
    org_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"), index=True)
    is_archived: Mapped[bool] = mapped_column(Boolean, default=False)
    archived_on: Mapped[date | None] = mapped_column(Date)  # no longer registered from this day (注销)
    notes: Mapped[str | None] = mapped_column(Text)


class ServiceCategory(IdMixin, Base):
    __tablename__ = "service_category"

    name: Mapped[str] = mapped_column(String(30), unique=True)
    is_builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())  # 停用: kept for old records


class VolunteerTeam(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "volunteer_team"

    name: Mapped[str] = mapped_column(String(100))
    org_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"), index=True)
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer.id", ondelete="SET NULL"))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("service_category.id", ondelete="SET NULL"))
    founded_on: Mapped[date | None] = mapped_column(Date)
    is_archived: Mapped[bool] = mapped_column(Boolean, default=False)
    archived_on: Mapped[date | None] = mapped_column(Date)  # disbanded on
    notes: Mapped[str | None] = mapped_column(Text)


class VolunteerTeamMember(IdMixin, Base):
    __tablename__ = "volunteer_team_member"
    __table_args__ = (UniqueConstraint("team_id", "volunteer_id"),)

    team_id: Mapped[int] = mapped_column(ForeignKey("volunteer_team.id", ondelete="CASCADE"))
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id", ondelete="CASCADE"), index=True)
    joined_on: Mapped[date | None] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)


class VolunteerActivity(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "volunteer_activity"
    __table_args__ = (Index("ix_volunteer_activity_date", "activity_date"),)

    title: Mapped[str] = mapped_column(String(200))
    activity_date: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time | None] = mapped_column(Time)
    end_time: Mapped[time | None] = mapped_column(Time)
    place: Mapped[str | None] = mapped_column(String(100))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("service_category.id", ondelete="SET NULL"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer_team.id", ondelete="SET NULL"), index=True)
    org_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"), index=True)
    beneficiaries: Mapped[int] = mapped_column(Integer, default=0)  # 受益人次
    description: Mapped[str | None] = mapped_column(Text)
    recorder: Mapped[str | None] = mapped_column(String(40))  # 记录人
    is_archived: Mapped[bool] = mapped_column(Boolean, default=False)  # a closed project: off the working list


class VolunteerHours(IdMixin, TimestampMixin, VersionedMixin, Base):
    """Hours of actual service (travel not counted) — they belong to the person.

    The activity's date, title, team and organisation are copied here, and the links
    are SET NULL on delete, so removing an activity or a team never removes a person's
    confirmed hours, and they still count for the month, the year and the organisation.
    One row per person and activity.
    """

    __tablename__ = "volunteer_hours"
    __table_args__ = (
        Index("ix_volunteer_hours_volunteer_date", "volunteer_id", "service_date"),
        Index("ix_volunteer_hours_activity", "activity_id"),
        Index("uq_volunteer_hours_activity_volunteer", "activity_id", "volunteer_id", unique=True),
    )

    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id", ondelete="RESTRICT"))
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer_activity.id", ondelete="SET NULL"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer_team.id", ondelete="SET NULL"), index=True)
    org_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"), index=True)
    service_date: Mapped[date] = mapped_column(Date)
    activity_title: Mapped[str] = mapped_column(String(200))
    hours: Mapped[Decimal] = mapped_column(Hours)
    state: Mapped[HoursState] = mapped_column(enum_type(HoursState, 4), default=HoursState.PENDING)
    confirmed_by: Mapped[str | None] = mapped_column(String(40))
    confirmed_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(String(200))


class VolunteerTraining(IdMixin, TimestampMixin, Base):
    __tablename__ = "volunteer_training"

    trained_on: Mapped[date] = mapped_column(Date)
    topic: Mapped[str] = mapped_column(String(200))
    place: Mapped[str | None] = mapped_column(String(100))
    trainer: Mapped[str | None] = mapped_column(String(40))
    participant_count: Mapped[int] = mapped_column(Integer, default=0)
    org_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"), index=True)


class VolunteerTrainingParticipant(IdMixin, Base):
    __tablename__ = "volunteer_training_participant"
    __table_args__ = (UniqueConstraint("training_id", "volunteer_id"),)

    training_id: Mapped[int] = mapped_column(ForeignKey("volunteer_training.id", ondelete="CASCADE"))
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id", ondelete="CASCADE"), index=True)


class CommunityReport(IdMixin, TimestampMixin, VersionedMixin, Base):
    """在职党员到社区报到: members of other units who reported to this community."""

    __tablename__ = "community_report"

    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"), index=True)
    person_name: Mapped[str] = mapped_column(String(40))
    unit: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(40))
    reported_on: Mapped[date] = mapped_column(Date)
    post_claimed: Mapped[str | None] = mapped_column(String(120))
    volunteer_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer.id", ondelete="SET NULL"))
    org_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"), index=True)
    left_on: Mapped[date | None] = mapped_column(Date)


class ServicePost(IdMixin, TimestampMixin, Base):
    """党员示范岗 / 先锋岗 / 责任区 / 服务岗."""

    __tablename__ = "service_post"

    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100))
    org_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"), index=True)
    description: Mapped[str | None] = mapped_column(Text)


class ServicePostClaim(IdMixin, TimestampMixin, Base):
    __tablename__ = "service_post_claim"

    post_id: Mapped[int] = mapped_column(ForeignKey("service_post.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"), index=True)
    person_name: Mapped[str] = mapped_column(String(40))
    claimed_on: Mapped[date] = mapped_column(Date)
    pledge: Mapped[str | None] = mapped_column(Text)
    ended_on: Mapped[date | None] = mapped_column(Date)


class VolunteerCertificate(IdMixin, TimestampMixin, Base):
    """A 志愿服务证明 as issued: its number, whom it is for, the period and hours it states.

    民发〔2015〕149号: a certificate carries a 证明编号, the person's identity, the hours and
    content, and the issuer; 志愿服务条例 第十九条: issued free of charge and truthfully.
    What was printed is kept, so the number can be checked later even if records change.
    """

    __tablename__ = "volunteer_certificate"
    __table_args__ = (UniqueConstraint("year", "serial"),)

    number: Mapped[str] = mapped_column(String(40), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    serial: Mapped[int] = mapped_column(Integer)
    volunteer_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer.id", ondelete="SET NULL"), index=True)
    person_name: Mapped[str] = mapped_column(String(100))
    id_masked: Mapped[str | None] = mapped_column(String(40))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    total_hours: Mapped[Decimal] = mapped_column(Hours)
    activity_count: Mapped[int] = mapped_column(Integer)
    issuer: Mapped[str] = mapped_column(String(120))
    issued_by: Mapped[str | None] = mapped_column(String(40))  # 经办人
    issued_on: Mapped[date] = mapped_column(Date)
