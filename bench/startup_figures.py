"""Start-up figures: a fresh process each time, timed to a marker line the app prints."""

from __future__ import annotations

import subprocess
import time

from bench.common import PY, ROOT, Figure, demo_database, env


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


def startup_figures(repeat: int, members: int = 5000) -> list[Figure]:
    db = demo_database(members, years=5)
    baseline_cmd = [PY, str(ROOT / "bench" / "baseline_window.py")]
    app_cmd = [PY, "-m", "app", "--db", str(db)]
    # warm the page cache once for every program, so the repeats compare like with like
    time_until("BENCH_WINDOW_SHOWN", baseline_cmd, env())
    time_until("BENCH_MEMBERS_LOADED", app_cmd, env(BRANCHBOOK_BENCH="members"))
    base, window, listed = [], [], []
    for _ in range(repeat):  # interleaved, so load changes hit all three alike
        base.append(time_until("BENCH_WINDOW_SHOWN", baseline_cmd, env()))
        window.append(time_until("BENCH_WINDOW_SHOWN", app_cmd, env(BRANCHBOOK_BENCH="window")))
        listed.append(time_until("BENCH_MEMBERS_LOADED", app_cmd, env(BRANCHBOOK_BENCH="members")))
    return [
        Figure("start.window", f"启动到主窗口显示（{members} 名党员）对比空白 PySide6 窗口+5000行表格", 1.5, window, base),
        Figure("start.members", f"启动到党员列表填充（{members} 名党员），同一基线", 2.0, listed, base),
    ]
