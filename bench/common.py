"""Shared pieces of the benchmark runner."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def env(**extra: str) -> dict[str, str]:
    e = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), QT_LOGGING_RULES="qt.qpa.*=false")
    e.update(extra)
    return e


@dataclass
class Figure:
    name: str
    what: str
    goal: float
    seconds: list[float]
    baseline: list[float]
    absolute: bool = False  # goal in seconds, not a ratio (baseline unused)

    @property
    def ratio(self) -> float:
        """Best against best: on a shared machine the minimum is the run least disturbed by
        other load (the advice of Python's timeit); the medians are printed beside it."""
        return min(self.seconds) / min(self.baseline)

    def line(self) -> str:
        if self.absolute:
            value = statistics.median(self.seconds)
            verdict = "达标 ok" if value <= self.goal else "未达标 MISSED"
            return (f"{self.name:<18} {value * 1000:6.1f} ms (goal ≤ {self.goal * 1000:g} ms, {verdict})  "
                    f"max {max(self.seconds) * 1000:.1f} ms over {len(self.seconds)} queries  — {self.what}")
        verdict = "达标 ok" if self.ratio <= self.goal else "未达标 MISSED"
        return (
            f"{self.name:<18} {self.ratio:6.2f}×  (goal ≤ {self.goal:g}×, {verdict})  "
            f"best {min(self.seconds):.3f}s vs {min(self.baseline):.3f}s, "
            f"median {statistics.median(self.seconds):.3f}s vs {statistics.median(self.baseline):.3f}s"
            f"  — {self.what}"
        )


def demo_database(members: int, years: int = 5) -> Path:
    """A cached demo database (bench/.cache), generated once with the app's own command."""
    cache = ROOT / "bench" / ".cache"
    cache.mkdir(exist_ok=True)
    path = cache / f"demo-{members}-{years}y.db"
    if not path.exists():
        print(f"生成 {members} 名党员、{years} 年历史的演示数据库 … ", end="", flush=True)
        tmp = path.with_name(path.stem + ".part.db")
        tmp.unlink(missing_ok=True)
        subprocess.run([PY, "-m", "app", "--db", str(tmp), "demo", "--members", str(members), "--years", str(years)],
                       cwd=ROOT, env=env(), check=True, stdout=subprocess.DEVNULL)
        tmp.replace(path)
        print("完成")
    return path
