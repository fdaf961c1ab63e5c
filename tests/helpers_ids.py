"""Valid ID numbers for tests (GB 11643-1999: region, birth date, sequence, check character)."""

from __future__ import annotations

from datetime import date

from app.domain import idnumber


def make_id(birth: date, seq: int, region: str = "110105") -> str:
    first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
    return first17 + idnumber.check_char(first17)
