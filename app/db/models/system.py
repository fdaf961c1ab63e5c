"""Settings, rule parameters, holiday overrides, users and the audit log."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, IdMixin, VersionedMixin, utcnow


class Setting(VersionedMixin, Base):
    """One setting or rule parameter; ``value`` is JSON text (see services.settings for the keys)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class HolidayOverride(Base):
    """A day the holiday table (chinese-calendar seed or the clerk) says is off or on."""

    __tablename__ = "holiday_override"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    is_workday: Mapped[bool] = mapped_column(Boolean)  # True for a 调休 working weekend
    name: Mapped[str | None] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(20), default="clerk")  # chinese-calendar / clerk


class AppUser(IdMixin, VersionedMixin, Base):
    """A login for the program (optional; a street office with several clerks has several)."""

    __tablename__ = "app_user"

    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(40))
    password_hash: Mapped[str | None] = mapped_column(String(200))  # scrypt, with salt and parameters
    role: Mapped[str] = mapped_column(String(20), default="clerk")
    is_disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)
    recovery_hash: Mapped[str | None] = mapped_column(String(200))  # scrypt of the code shown once
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)  # no attempt is checked before this


class AuditLog(IdMixin, Base):
    """Who changed what and when, with before/after values (JSON), written by the service layer."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_entity", "entity", "entity_id"),
        Index("ix_audit_log_at", "at"),
    )

    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(40), default="")
    action: Mapped[str] = mapped_column(String(10))  # 新增 / 修改 / 删除 / 导入 …
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(40))
    summary: Mapped[str | None] = mapped_column(String(200))
    changes: Mapped[str | None] = mapped_column(Text)  # JSON {"field": [before, after]}
    seq: Mapped[int] = mapped_column(Integer, default=0)
