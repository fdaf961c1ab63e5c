"""Fictional people for the demo: names, ID numbers with valid checksums, phones, addresses."""

from __future__ import annotations

import random
from datetime import date, timedelta
from functools import cache

from app.domain.idnumber import check_char
from app.paths import data_dir


@cache
def _table(name: str) -> list[list[str]]:
    text = (data_dir() / "demo" / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def _surnames() -> tuple[list[str], list[int]]:
    rows = _table("surnames.tsv")
    return [r[0] for r in rows], [int(r[1]) for r in rows]


@cache
def _given(sex: str) -> str:
    chars = {r[0]: r[1] for r in _table("given.tsv")}
    return chars[sex] + chars["通"]


@cache
def regions() -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in _table("regions.tsv")]


@cache
def streets() -> list[str]:
    return [r[0] for r in _table("places.txt")]


class People:
    """Deterministic source of fictional people for one generation run."""

    def __init__(self, rng: random.Random, home_region: str) -> None:
        self.rng = rng
        self.home_region = home_region
        self.used_ids: set[str] = set()
        self.surnames, self.weights = _surnames()

    def name(self, sex: str) -> str:
        surname = self.rng.choices(self.surnames, self.weights)[0]
        pool = _given(sex)
        size = 1 if self.rng.random() < 0.3 else 2
        return surname + "".join(self.rng.choice(pool) for _ in range(size))

    def id_number(self, birth: date, sex: str) -> str:
        region = self.home_region if self.rng.random() < 0.6 else self.rng.choice(regions())[0]
        while True:
            seq = self.rng.randrange(0, 999)
            if (seq % 2 == 1) != (sex == "男"):
                seq = seq + 1 if seq < 998 else seq - 1
            first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
            number = first17 + check_char(first17)
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def phone(self) -> str:
        return self.rng.choice(["13", "15", "18", "17", "19"]) + "".join(str(self.rng.randrange(10)) for _ in range(9))

    def address(self, community: str) -> str:
        return f"{community}{self.rng.choice(streets())}{self.rng.randrange(1, 120)}号{self.rng.randrange(1, 6)}单元{self.rng.randrange(101, 1802)}室"

    def birth_for_age(self, age: int, today: date) -> date:
        start = date(today.year - age - 1, today.month, 1) + timedelta(days=self.rng.randrange(0, 360))
        return min(start, today - timedelta(days=365 * age))

    def day_in(self, start: date, end: date) -> date:
        if end <= start:
            return start
        return start + timedelta(days=self.rng.randrange((end - start).days + 1))
