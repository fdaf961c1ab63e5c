"""Organisation tree and committees (支部工作条例 第五、七、八条)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, IdMixin, TimestampMixin, VersionedMixin
from app.db.models._types import enum_type
from app.domain.enums import CommitteePostKind, OrgLevel, OrgType


class Organisation(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A node of the tree: 党委 / 党总支 / 党支部 / 党小组."""

    __tablename__ = "organisation"

    name: Mapped[str] = mapped_column(String(100))
    short_name: Mapped[str | None] = mapped_column(String(40))
    level: Mapped[OrgLevel] = mapped_column(enum_type(OrgLevel))
    org_type: Mapped[OrgType] = mapped_column(enum_type(OrgType), default=OrgType.COMMUNITY)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="RESTRICT"), index=True)
    founded_on: Mapped[date | None] = mapped_column(Date)
    formation: Mapped[str | None] = mapped_column(String(20))  # 单独组建 / 联合组建 / 挂靠
    host_units: Mapped[str | None] = mapped_column(String(200))  # 联合支部 / 两新 host units
    code: Mapped[str | None] = mapped_column(String(40))  # 党组织代码 from higher level
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    dissolved_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)

    parent: Mapped[Organisation | None] = relationship(remote_side="Organisation.id", back_populates="children")
    children: Mapped[list[Organisation]] = relationship(back_populates="parent", order_by="Organisation.sort_order")
    terms: Mapped[list[CommitteeTerm]] = relationship(
        back_populates="organisation", order_by="CommitteeTerm.started_on", cascade="all, delete-orphan"
    )


class CommitteeTerm(IdMixin, TimestampMixin, VersionedMixin, Base):
    """一届委员会: 届次, start, planned end (5 years for 社区, 3 otherwise — a setting)."""

    __tablename__ = "committee_term"

    org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    term_number: Mapped[int] = mapped_column(Integer)  # 第N届
    started_on: Mapped[date] = mapped_column(Date)
    planned_end_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    election_method: Mapped[str | None] = mapped_column(String(40))  # 党员大会选举 / 两推一选 / 公推直选
    approval_ref: Mapped[str | None] = mapped_column(String(100))  # 上级批复文号
    notes: Mapped[str | None] = mapped_column(Text)

    organisation: Mapped[Organisation] = relationship(back_populates="terms")
    posts: Mapped[list[CommitteePost]] = relationship(back_populates="term", cascade="all, delete-orphan")


class CommitteePost(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A seat on a committee (书记, 副书记, 组织委员 …), held by a member."""

    __tablename__ = "committee_post"
    __table_args__ = (Index("ix_committee_post_member", "member_id"),)

    term_id: Mapped[int] = mapped_column(ForeignKey("committee_term.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"))
    person_name: Mapped[str] = mapped_column(String(40))  # kept even if the member row goes
    post: Mapped[CommitteePostKind] = mapped_column(enum_type(CommitteePostKind))
    is_full_time: Mapped[bool] = mapped_column(Boolean, default=False)
    concurrent_post: Mapped[str | None] = mapped_column(String(60))  # 一肩挑 / 交叉任职
    started_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)

    term: Mapped[CommitteeTerm] = relationship(back_populates="posts")
