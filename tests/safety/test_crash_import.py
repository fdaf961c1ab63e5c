"""R1: SIGKILL at random moments during a 10,000-row member import, 200 times, and at fixed crash points.

The import file is read and planned once, and its new rows prepared (the pure computation
apply_import does before its transaction begins); each run forks from this process (the
modules and the plan already in memory), copies the prepared database, and writes: backup
before import, then the import in one unit of work. The parent kills it at a random moment in
[0, 1.1 × the time a whole run takes]. Every time, the file passes integrity_check and
foreign_key_check and holds either none of the import or all of it. Two runs go at once.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from app.services import crashpoints, maintenance
from app.services.backups import list_backups
from app.services.database import Database
from helpers_cli import run
from helpers_ids import make_id

ROWS = 10_000
KILLS = 200
PARALLEL = 2

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX-only; CI runs on Linux")


def _write_file(path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("党员")
    ws.append(["姓名", "公民身份号码", "所在党支部", "入党日期", "联系电话"])
    for i in range(ROWS):
        ws.append([f"党员{i:05d}", make_id(date(1940 + i % 35, 1 + i % 12, 1 + i % 28), i % 1000),
                   f"第{i % 5 + 1}党支部", "2000-07-01", f"139{i:08d}"])
    wb.save(path)


def state(path: Path) -> tuple:
    """Open like the program would (a hot journal is rolled back), check, and count."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        return (one("SELECT count(*) FROM member"), one("SELECT count(*) FROM organisation"),
                one("SELECT count(*) FROM audit_log WHERE action = '导入'"),
                one("SELECT count(*) FROM audit_log WHERE action = '新增' AND entity = 'member'"))
    finally:
        conn.close()


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    from app.io.member_file import plan_member_file
    from app.services.member_import import prepare_new_rows
    from app.services.organisations import create_top_organisation

    root = tmp_path_factory.mktemp("crash")
    source = root / "10k.xlsx"
    _write_file(source)
    base = root / "base.db"
    db = Database.open(path=base)
    with db.unit_of_work() as session:
        create_top_organisation(session, "崩溃测试社区党委")
    with db.reading() as session:
        parsed, plan = plan_member_file(session, source)
    db.close()  # no connection may cross the fork
    prepare_new_rows(plan)  # what apply_import does first, before its transaction: done once here
    assert plan.ok and not parsed.errors and plan.count("新增") == ROWS
    before = state(base)
    after = (before[0] + ROWS, before[1] + 5, before[2] + 1, before[3] + ROWS)
    return root, source, base, plan, before, after


def _fork(path: Path, plan, crash_at: str | None = None) -> int:
    pid = os.fork()
    if pid == 0:  # the child: write, and never return into pytest
        code = 1
        try:
            if crash_at:
                os.environ[crashpoints.ENV] = crash_at
            db = Database.open(path=path, exclusive=True)
            maintenance.backup_before_import(db)
            from app.services.member_import import apply_import

            with db.unit_of_work(actor="崩溃测试") as session:
                apply_import(session, plan, source="10k.xlsx")
            db.close()
            code = 0
        except BaseException:  # noqa: BLE001
            import traceback

            traceback.print_exc()
        finally:
            os._exit(code)
    return pid


def _reset(base: Path, path: Path) -> None:
    for side in ("-journal",):
        Path(str(path) + side).unlink(missing_ok=True)
    shutil.copyfile(base, path)


def _backups_sound(path: Path) -> None:
    for entry in list_backups(path):
        conn = sqlite3.connect(f"file:{entry.path}?mode=ro", uri=True)
        try:
            assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",), entry.path
        finally:
            conn.close()


def test_kill_at_fixed_points_leaves_the_database_as_before(prepared, tmp_path):
    root, _source, base, plan, before, _after = prepared
    path = tmp_path / "fixed.db"
    for point in ("after_validate", "mid_insert:5000", "before_commit"):
        _reset(base, path)
        pid = _fork(path, plan, point)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 137, point
        assert state(path) == before, point


def test_kill_before_commit_through_the_real_command(prepared, tmp_path):
    _root, source, base, _plan, before, after = prepared
    path = tmp_path / "cli.db"
    _reset(base, path)
    os.environ[crashpoints.ENV] = "before_commit"
    try:
        result = run("--db", str(path), "import", "members", str(source))
    finally:
        os.environ.pop(crashpoints.ENV)
    assert result.returncode == 137, result.stderr
    assert state(path) == before
    result = run("--db", str(path), "import", "members", str(source))  # the stale lock is taken over
    assert result.returncode == 0, result.stderr
    assert state(path) == after


def test_sigkill_at_random_moments_never_leaves_half_an_import(prepared, tmp_path):
    _root, _source, base, plan, before, after = prepared
    rng = random.Random(20261202)
    # How long a run takes with PARALLEL of them at once, as below.
    calibrate = [tmp_path / f"calibrate{k}.db" for k in range(PARALLEL)]
    started = time.monotonic()
    for path in calibrate:
        _reset(base, path)
    pids = [_fork(path, plan) for path in calibrate]
    for pid in pids:
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
    whole = time.monotonic() - started
    assert all(state(path) == after for path in calibrate)
    slots = [tmp_path / f"slot{k}.db" for k in range(PARALLEL)]
    running: dict[int, tuple[float, Path]] = {}
    outcomes = {"before": 0, "after": 0}
    hot_journals = 0
    launched = 0
    while launched < KILLS or running:
        free = [s for s in slots if s not in {p for _d, p in running.values()}]
        while free and launched < KILLS:
            path = free.pop()
            _reset(base, path)
            running[_fork(path, plan)] = (time.monotonic() + rng.uniform(0, 1.1 * whole), path)
            launched += 1
        pid, (deadline, path) = min(running.items(), key=lambda item: item[1][0])
        time.sleep(max(0.0, deadline - time.monotonic()))
        os.kill(pid, signal.SIGKILL)  # harmless if it already finished: it is a zombie until waited for
        os.waitpid(pid, 0)
        del running[pid]
        hot_journals += Path(str(path) + "-journal").exists()
        found = state(path)
        assert found in (before, after), f"half an import: {found}"
        outcomes["before" if found == before else "after"] += 1
        _backups_sound(path)
    print(f"\n{KILLS} kills, one run {whole:.2f} s: {outcomes}, hot journal rolled back {hot_journals} times",
          file=sys.stderr)
    assert outcomes["before"] > 0 and outcomes["after"] > 0
