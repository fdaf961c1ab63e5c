"""Test-only crash points: ``BRANCHBOOK_TEST_CRASH_AT`` makes the process die at a named step.

Values: ``after_validate``, ``mid_insert:N`` (after N rows are written), ``before_commit``.
The process ends with ``os._exit(137)``, as SIGKILL would: no cleanup, no rollback, no
flush of Python buffers; SQLite's journal must bring the file back (R1 in
reliability-and-privacy.md §5, the recipe of §6). Unset, every call is one dict lookup.
"""

from __future__ import annotations

import os

ENV = "BRANCHBOOK_TEST_CRASH_AT"


def reached(name: str, count: int | None = None) -> bool:
    """True when the environment asks to crash here (``count`` ≥ N for ``name:N``)."""
    spec = os.environ.get(ENV)
    if not spec:
        return False
    point, _, arg = spec.partition(":")
    if point != name:
        return False
    if arg:
        return count is not None and arg.isdigit() and count >= int(arg)
    return True


def crash() -> None:
    os._exit(137)


def maybe_crash(name: str, count: int | None = None) -> None:
    if reached(name, count):
        crash()
