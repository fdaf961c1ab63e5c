"""Benchmark runner: each figure is a ratio against a baseline measured in the same run.

    .venv/bin/python bench/run.py [--repeat 5] [--members 5000]

The machine is shared and noisy, so there are no timed tests; these ratios are
what we watch. Each measurement is a fresh process; the median of the repeats
is reported. Figures:

  start.window   python -m app to the main window shown, on a 5,000-member demo
                 database, vs a bare PySide6 window with a 5,000-row table (goal ≤ 1.5×)
  start.members  python -m app to the 党员 list filled, same baseline (goal ≤ 2×)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


@dataclass
class Figure:
    name: str
    what: str
    goal: float
    seconds: list[float]
    baseline: list[float]

    @property
    def ratio(self) -> float:
        return statistics.median(self.seconds) / statistics.median(self.baseline)

    def line(self) -> str:
        verdict = "达标 ok" if self.ratio <= self.goal else "未达标 MISSED"
        return (
            f"{self.name:<16} {self.ratio:5.2f}×  (goal ≤ {self.goal:g}×, {verdict})  "
            f"median {statistics.median(self.seconds):.3f}s vs baseline {statistics.median(self.baseline):.3f}s  "
            f"— {self.what}"
        )


def env(**extra: str) -> dict[str, str]:
    e = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), QT_LOGGING_RULES="qt.qpa.*=false")
    e.update(extra)
    return e


def time_until(marker: str, argv: list[str], environ: dict[str, str], timeout: float = 120) -> float:
    """Wall time from spawning ``argv`` to ``marker`` appearing on its stdout."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=ROOT, env=environ, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            stdin=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.strip() == marker:
                elapsed = time.perf_counter() - start
                break
        else:
            raise RuntimeError(f"{marker} never printed by {' '.join(argv)} (exit {proc.wait()})")
    finally:
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
    return elapsed


def demo_database(members: int, workdir: Path) -> Path:
    cache = ROOT / "bench" / ".cache"
    cache.mkdir(exist_ok=True)
    path = cache / f"demo-{members}.db"
    if not path.exists():
        print(f"生成 {members} 名党员的演示数据库 … ", end="", flush=True)
        tmp = workdir / path.name
        subprocess.run([PY, "-m", "app", "--db", str(tmp), "demo", "--members", str(members)], cwd=ROOT,
                       env=env(), check=True, stdout=subprocess.DEVNULL)
        tmp.replace(path)
        print("完成")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--members", type=int, default=5000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = demo_database(args.members, Path(tmp))
        baseline_cmd = [PY, str(ROOT / "bench" / "baseline_window.py")]
        app_cmd = [PY, "-m", "app", "--db", str(db)]
        # warm the page cache once for every program, so the repeats compare like with like
        time_until("BENCH_WINDOW_SHOWN", baseline_cmd, env())
        time_until("BENCH_MEMBERS_LOADED", app_cmd, env(BRANCHBOOK_BENCH="members"))
        base, window, members = [], [], []
        for _ in range(args.repeat):  # interleaved, so load changes hit all three alike
            base.append(time_until("BENCH_WINDOW_SHOWN", baseline_cmd, env()))
            window.append(time_until("BENCH_WINDOW_SHOWN", app_cmd, env(BRANCHBOOK_BENCH="window")))
            members.append(time_until("BENCH_MEMBERS_LOADED", app_cmd, env(BRANCHBOOK_BENCH="members")))
    figures = [
        Figure("start.window", f"启动到主窗口显示（{args.members} 名党员）", 1.5, window, base),
        Figure("start.members", f"启动到党员列表填充（{args.members} 名党员）", 2.0, members, base),
    ]
    print(f"\n基准测试 / benchmarks ({args.repeat} runs each, median, {os.cpu_count()} cores)")
    for figure in figures:
        print(figure.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
