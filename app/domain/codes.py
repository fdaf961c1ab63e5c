"""Code tables shipped in data/codes: 民族, 学历, 工作岗位, with the 党内统计 roll-ups."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from app.paths import data_dir

EDU_BANDS = {1: "研究生", 2: "大学本科", 3: "大学专科", 4: "中专", 5: "高中、中技", 6: "初中及以下"}
JOB_BANDS = {0: "在岗职工", 1: "农牧渔民", 2: "军人、武警", 3: "学生", 4: "离退休人员", 5: "其他"}
PARTY_POSTS = ("书记", "副书记", "组织委员", "宣传委员", "纪检委员", "委员", "党小组长", "党员")


def _rows(name: str) -> list[list[str]]:
    text = (data_dir() / "codes" / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def ethnicities() -> tuple[str, ...]:
    return tuple(row[0] for row in _rows("ethnicity.txt"))


@cache
def education_levels() -> dict[str, int]:
    return {row[0]: int(row[1]) for row in _rows("education.tsv")}


@dataclass(frozen=True)
class JobPost:
    label: str
    job_code: int
    group: str


@cache
def job_posts() -> dict[str, JobPost]:
    return {row[0]: JobPost(row[0], int(row[1]), row[2]) for row in _rows("job_post.tsv")}


OCCUPATION_GROUPS = ("在职", "离退休", "学生", "农牧渔民", "军人武警", "其他")


def occupation_group(job_post: str | None) -> str:
    post = job_posts().get(job_post or "")
    return post.group if post else "其他"


def normalise_ethnicity(text: str) -> str | None:
    """Accept 汉 or 汉族; return the full name, or None when unknown."""
    text = (text or "").strip()
    if not text:
        return None
    names = ethnicities()
    if text in names:
        return text
    if text + "族" in names:
        return text + "族"
    return None
