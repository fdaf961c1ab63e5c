"""Declarative base with a naming convention (Alembic batch mode needs named constraints)."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

from sqlalchemy import BigInteger, DateTime, Integer, MetaData, func
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class ScaledDecimal(TypeDecorator):
    """An exact decimal stored as a scaled integer (money in 分, rates in 1/10000).

    SQLite has no decimal type and would hand floats back; an integer column keeps
    values exact on SQLite and PostgreSQL alike, and ``SUM()`` in SQL stays exact
    (divide by ``10**places`` — see ``unscale``). Python always sees ``Decimal``.
    """

    impl = BigInteger
    cache_ok = True
    places = 2

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        scaled = Decimal(value).scaleb(self.places)
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{value} has more than {self.places} decimal places")
        return int(scaled)

    def process_result_value(self, value, dialect):
        return None if value is None else unscale(value, self.places)

    def result_processor(self, dialect, coltype):
        """``process_result_value`` through a cache: a page reads 100,000 amounts of a few hundred values.

        Decimals are immutable, so one object serves every row with that value.
        """
        places, cache = self.places, {}

        def process(value):
            if value is None:
                return None
            out = cache.get(value)
            if out is None:
                if len(cache) >= 50_000:
                    cache.clear()
                out = cache[value] = unscale(value, places)
            return out

        return process

    @property
    def python_type(self):
        return Decimal


def unscale(value: int, places: int = 2) -> Decimal:
    """Turn a stored scaled integer (e.g. a SQL ``SUM``) back into a ``Decimal``."""
    return Decimal(int(value)).scaleb(-places).quantize(Decimal(1).scaleb(-places))


class Money(ScaledDecimal):
    """元 with two decimals, stored in 分."""

    places = 2
    cache_ok = True


class Rate(ScaledDecimal):
    """A rate such as 0.0150 (1.5 %), stored in 1/10000."""

    places = 4
    cache_ok = True


class Hours(ScaledDecimal):
    """Service hours with two decimals, stored in 1/100 h."""

    places = 2
    cache_ok = True


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class IdMixin:
    id: Mapped[int] = mapped_column(Integer, primary_key=True)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, default=utcnow, onupdate=utcnow, server_default=func.current_timestamp()
    )


class VersionedMixin:
    """Optimistic locking: saving a stale copy of the row raises StaleDataError.

    When two clerks on a shared PostgreSQL database edit the same record, the
    second save is refused (the service turns it into ConcurrentEditError).
    """

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls):  # noqa: N805
        return {"version_id_col": cls.version}


__all__ = ["Base", "IdMixin", "TimestampMixin", "VersionedMixin", "Money", "Rate", "Hours", "ScaledDecimal", "unscale", "utcnow"]
