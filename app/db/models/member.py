"""Members and their dated membership events (全国党员管理信息系统 采集项; 党员教育管理工作条例)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import Base, IdMixin, TimestampMixin, VersionedMixin
from app.db.models._types import enum_type
from app.domain.enums import DatePrecision, EventKind, Gender, MemberCategory, MemberStatus


class Member(IdMixin, TimestampMixin, VersionedMixin, Base):
    """One party member on this organisation's books (current or past).

    ``status``, ``is_active``, ``category``, ``is_mobile`` and ``is_lost_contact`` are
    kept in step with the events by the service layer (domain.status.derive_state),
    so lists and counts are plain indexed queries.
    """

    __tablename__ = "member"
    __table_args__ = (
        Index("ix_member_org_status", "org_id", "status"),
        # the roster walks this index in pinyin order and filters on it without touching the
        # (wide) table rows: search-as-you-type at 50,000 members stays a few milliseconds
        Index("ix_member_search", "sort_key", "status", "name", "name_initials", "name_pinyin", "phone", "id_number"),
        Index("ix_member_name", "name"),
        Index("ix_member_pinyin", "name_pinyin"),
        Index("ix_member_initials", "name_initials"),
        # 公民身份号码 is unique among members still on the books; a member who left
        # and came back (or an old duplicate) does not block a new record.
        Index(
            "uq_member_id_number_active",
            "id_number",
            unique=True,
            sqlite_where=text("is_active = 1 AND id_number IS NOT NULL"),
            postgresql_where=text("is_active AND id_number IS NOT NULL"),
        ),
    )

    org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="RESTRICT"))  # 所在党支部
    group_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"), index=True)

    name: Mapped[str] = mapped_column(String(40))
    name_pinyin: Mapped[str] = mapped_column(String(120), default="")
    name_initials: Mapped[str] = mapped_column(String(20), default="")
    sort_key: Mapped[str] = mapped_column(String(200), default="")
    gender: Mapped[Gender | None] = mapped_column(enum_type(Gender, 2))
    ethnicity: Mapped[str | None] = mapped_column(String(20))  # 民族 full name, e.g. 汉族
    birth_date: Mapped[date | None] = mapped_column(Date)
    birth_precision: Mapped[DatePrecision] = mapped_column(enum_type(DatePrecision, 2), default=DatePrecision.DAY)
    id_number: Mapped[str | None] = mapped_column(String(18))  # empty = 待补充
    id_number_note: Mapped[str | None] = mapped_column(String(100))  # e.g. converted from 15 digits
    education: Mapped[str | None] = mapped_column(String(30))  # 学历 label (B5 list)
    native_place: Mapped[str | None] = mapped_column(String(60))  # 籍贯
    category: Mapped[MemberCategory] = mapped_column(enum_type(MemberCategory, 8), default=MemberCategory.FULL)
    join_date: Mapped[date | None] = mapped_column(Date)  # 入党日期
    join_precision: Mapped[DatePrecision] = mapped_column(enum_type(DatePrecision, 2), default=DatePrecision.DAY)
    full_date: Mapped[date | None] = mapped_column(Date)  # 转正日期
    full_precision: Mapped[DatePrecision] = mapped_column(enum_type(DatePrecision, 2), default=DatePrecision.DAY)
    work_start_date: Mapped[date | None] = mapped_column(Date)  # 参加工作日期
    work_start_precision: Mapped[DatePrecision] = mapped_column(
        enum_type(DatePrecision, 2), default=DatePrecision.DAY, server_default="日")
    job_post: Mapped[str | None] = mapped_column(String(60))  # 工作岗位 (B5 list)
    work_unit: Mapped[str | None] = mapped_column(String(120))  # 工作单位及职务
    party_post: Mapped[str | None] = mapped_column(String(30))  # 党内职务
    phone: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(String(200))
    household_police: Mapped[str | None] = mapped_column(String(100))  # 户口所在地派出所

    status: Mapped[MemberStatus] = mapped_column(enum_type(MemberStatus, 8), default=MemberStatus.NORMAL)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    left_on: Mapped[date | None] = mapped_column(Date)  # date of 转出 / 出党 / 死亡

    # flags the reports count
    is_mobile: Mapped[bool] = mapped_column(Boolean, default=False)  # 流动党员
    mobile_card_no: Mapped[str | None] = mapped_column(String(40))  # 流动党员活动证
    is_lost_contact: Mapped[bool] = mapped_column(Boolean, default=False)  # 失联党员
    is_hardship: Mapped[bool] = mapped_column(Boolean, default=False)  # 困难党员
    is_community_reported: Mapped[bool] = mapped_column(Boolean, default=False)  # 在职党员到社区报到
    shows_identity: Mapped[bool] = mapped_column(Boolean, default=False)  # 亮身份
    is_congress_delegate: Mapped[bool] = mapped_column(Boolean, default=False)  # 党代表
    is_reserve_cadre: Mapped[bool] = mapped_column(Boolean, default=False)  # 后备干部
    is_retired: Mapped[bool] = mapped_column(Boolean, default=False)  # 离退休
    has_post: Mapped[bool] = mapped_column(Boolean, default=False)  # 有职党员 (设岗定责)
    last_checked_on: Mapped[date | None] = mapped_column(Date)  # last 排查 date
    notes: Mapped[str | None] = mapped_column(Text)

    events: Mapped[list[MembershipEvent]] = relationship(
        back_populates="member", order_by="(MembershipEvent.event_date, MembershipEvent.id)",
        cascade="all, delete-orphan",
    )


class MembershipEvent(IdMixin, TimestampMixin, Base):
    """A dated change: 发展, 转正, 转入, 转出, 流出/流入, 失联, 停止党籍, 出党, 死亡, 表彰, 处分 …"""

    __tablename__ = "membership_event"
    __table_args__ = (
        Index("ix_membership_event_member_date", "member_id", "event_date"),
        Index("ix_membership_event_kind_date", "kind", "event_date"),
    )

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    kind: Mapped[EventKind] = mapped_column(enum_type(EventKind, 8))
    event_date: Mapped[date] = mapped_column(Date)
    subtype: Mapped[str | None] = mapped_column(String(30))  # 出党 type, 处分 type, 表彰 level …
    letter_no: Mapped[str | None] = mapped_column(String(60))  # 介绍信编号
    counterpart: Mapped[str | None] = mapped_column(String(120))  # 去向 / 来源 / 流入地
    dues_paid_until: Mapped[str | None] = mapped_column(String(7))  # 党费交至年月, YYYY-MM
    document_ref: Mapped[str | None] = mapped_column(String(100))  # 文号 / 批准机关
    reason: Mapped[str | None] = mapped_column(Text)
    ends_on: Mapped[date | None] = mapped_column(Date)  # 处分影响期, 延长预备期 end …
    entry_seq: Mapped[int] = mapped_column(Integer, default=0)  # order within a day

    member: Mapped[Member] = relationship(back_populates="events")
