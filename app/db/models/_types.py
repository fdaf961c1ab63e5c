"""Column helpers shared by the models."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Enum


def enum_type(enum_cls: type[StrEnum], length: int = 16) -> Enum:
    """Store a StrEnum by its (Chinese) value as VARCHAR, with no native enum type.

    No CHECK constraint either: later rule packs may add values without a migration
    of every table; the domain layer validates.
    """
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=length,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )
