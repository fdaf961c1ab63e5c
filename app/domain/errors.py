"""Errors the domain and service layers raise, each with a Chinese message for the clerk."""

from __future__ import annotations


class BranchBookError(Exception):
    """Base class: ``message`` is shown to the clerk as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(BranchBookError):
    """A value the clerk entered breaks a rule; ``field`` names the offending field."""

    def __init__(self, field: str, message: str, *, row: int | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.row = row

    def __str__(self) -> str:
        where = f"第{self.row}行 " if self.row is not None else ""
        return f"{where}{self.field}：{self.message}" if self.field else f"{where}{self.message}"


class NotFoundError(BranchBookError):
    """The record asked for does not exist (any more)."""


class ConcurrentEditError(BranchBookError):
    """Another clerk saved the same record first; this save was refused."""


class StorageError(BranchBookError):
    """The database cannot be opened or used: not a database, locked, newer, unreachable."""
