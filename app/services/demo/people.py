"""Fictional people for the demo: names, ID numbers with valid checksums, phones, addresses.

The names are drawn at random from common surnames and generation-typical given names;
they belong to nobody in particular. ID numbers use real GB/T 2260 region codes, the
birth date and a sequence whose parity gives the sex (GB 11643-1999), with the check
character from ``app.domain.idnumber``.
"""

from __future__ import annotations

import random
from bisect import bisect
from datetime import date, timedelta
from functools import cache
from itertools import accumulate

from app.domain.idnumber import check_char
from app.domain.names import NameKeys, name_keys, split_name
from app.paths import data_dir

_PHONE_PREFIXES = ("130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166 "
                   "173 176 177 178 180 181 182 183 185 186 187 188 189 191 198 199").split()


def _lines(name: str) -> list[list[str]]:
    text = (data_dir() / "demo" / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def surnames() -> tuple[list[str], list[int]]:
    rows = _lines("surnames.tsv")
    return [r[0] for r in rows], [int(r[1]) for r in rows]


@cache
def given_names() -> dict[tuple[str, str], list[str]]:
    """(sex, era) → given names; era is 老 (born before 1960), 中 (1960–1984) or 青."""
    return {(r[0], r[1]): r[2].split() for r in _lines("given_names.tsv")}


@cache
def regions() -> list[tuple[str, str, str]]:
    """(code, province, city and district) of real county-level divisions."""
    return [(r[0], r[1], r[2]) for r in _lines("regions.tsv")]


@cache
def places() -> dict[str, list[str]]:
    return {r[0]: r[1].split() for r in _lines("places.tsv")}


@cache
def texts() -> dict[str, list]:
    """kind → texts; kinds with two fields (志愿活动: category, title) give tuples."""
    out: dict[str, list] = {}
    for row in _lines("texts.tsv"):
        out.setdefault(row[0], []).append(row[1] if len(row) == 2 else tuple(row[1:]))
    return out


class Weighted:
    """Values drawn with fixed relative weights (cheaper than ``rng.choices`` per call)."""

    def __init__(self, pairs) -> None:
        self.values = [p[0] for p in pairs]
        self.cum = list(accumulate(p[-1] for p in pairs))
        self.total = self.cum[-1]

    def pick(self, rng: random.Random):
        return self.values[bisect(self.cum, rng.random() * self.total)]


def era(birth_year: int) -> str:
    return "老" if birth_year < 1960 else "中" if birth_year < 1985 else "青"


class NameKeyCache:
    """``name_keys`` for many names, fast.

    ``name_keys`` reads the surname (split by ``split_name``) and the given name
    independently, so the keys of a full name are put together from the keys of its two
    parts, each computed once through ``name_keys`` itself: 50,000 distinct names cost a
    few hundred pypinyin calls instead of 50,000. The tests compare every generated
    name with ``name_keys``.
    """

    PROBE_SURNAME, PROBE_GIVEN = "王", "一"  # read "wang" and "yi"; neither starts a compound surname

    def __init__(self) -> None:
        self._sur: dict[str, list[str]] = {}
        self._giv: dict[str, list[str]] = {}
        self._full: dict[str, NameKeys] = {}

    def _surname(self, surname: str) -> list[str]:
        hit = self._sur.get(surname)
        if hit is None:
            hit = self._sur[surname] = name_keys(surname + self.PROBE_GIVEN).pinyin.split()[:-1]
        return hit

    def _given(self, given: str) -> list[str]:
        hit = self._giv.get(given)
        if hit is None:
            hit = self._giv[given] = name_keys(self.PROBE_SURNAME + given).pinyin.split()[1:] if given else []
        return hit

    def __call__(self, name: str) -> NameKeys:
        hit = self._full.get(name)
        if hit is None:
            surname, given = split_name(name)
            sur, giv = self._surname(surname), self._given(given)
            syllables = sur + giv
            hit = self._full[name] = NameKeys(
                " ".join(syllables), "".join(s[0] for s in syllables), f"{''.join(sur)} {''.join(giv)}\t{name}"
            )
        return hit


class People:
    """Deterministic source of fictional people for one generation run."""

    def __init__(self, rng: random.Random, community: str) -> None:
        self.rng = rng
        self.community = community
        self.keys = NameKeyCache()
        self.used_ids: set[str] = set()
        self._surnames = Weighted(list(zip(*surnames())))
        self._given = given_names()
        all_regions = regions()
        home = rng.choice([r for r in all_regions if r[0][2:4] == "01"])  # a provincial capital's district
        self.home = home
        self.local_regions = [r for r in all_regions if r[0][:4] == home[0][:4]]
        self.other_regions = all_regions
        self.roads = rng.sample(places()["路"], 6)
        self.district = home[2]

    # -- names ------------------------------------------------------------------

    def name(self, sex: str, birth_year: int) -> str:
        rng = self.rng
        surname = self._surnames.pick(rng)
        generation = era(birth_year)
        if rng.random() < 0.1:  # names drift across generations
            generation = rng.choice("老中青")
        return surname + rng.choice(self._given[(sex, generation)])

    # -- identity ---------------------------------------------------------------

    def id_number(self, birth: date, sex: str, *, local: float = 0.6) -> str:
        """A unique 18-digit number: real region code, birth date, sequence of the right parity."""
        rng = self.rng
        pool = self.local_regions if rng.random() < local else self.other_regions
        region = rng.choice(pool)[0]
        odd = sex == "男"
        while True:
            seq = rng.randrange(0, 500) * 2 + (1 if odd else 0)  # 17th digit: odd for men, even for women
            first17 = f"{region}{birth.year:04d}{birth.month:02d}{birth.day:02d}{seq:03d}"
            number = first17 + check_char(first17)
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def native_place(self) -> str:
        """籍贯 to the county level, e.g. 山东省济南市历下区."""
        code, province, place = self.rng.choice(self.other_regions)
        return place if place.startswith(province) else province + place

    def birth_for_age(self, age: int, today: date) -> date:
        """A birth date that makes someone exactly ``age`` years old on ``today``."""
        latest = _years_before(today, age)
        return latest - timedelta(days=self.rng.randrange(0, 365))

    # -- contact ----------------------------------------------------------------

    def phone(self) -> str:
        rng = self.rng
        return rng.choice(_PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}"

    def address(self, estates: list[str]) -> str:
        rng = self.rng
        road = rng.choice(self.roads)
        return (f"{self.district}{road}{rng.randrange(1, 200)}号{rng.choice(estates)}"
                f"{rng.randrange(1, 40)}号楼{rng.randrange(1, 7)}单元{rng.randrange(1, 19)}{rng.randrange(1, 5):02d}室")

    def day_in(self, start: date, end: date) -> date:
        """A uniformly random day in [start, end] (``start`` if the range is empty)."""
        span = (end - start).days
        return start if span <= 0 else start + timedelta(days=self.rng.randrange(span + 1))


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
