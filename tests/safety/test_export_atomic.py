"""R10: a kill during an export leaves the old file or the whole new one, never half a file; the CLI on a
damaged database refuses to write and restores from a backup."""

from __future__ import annotations

import os
import random
import signal
import time
import zipfile

import openpyxl
import pytest

from app.io.roster_pdf import write_roster_pdf
from app.io.roster_xlsx import write_roster_xlsx
from app.services import backups
from app.services.roster import build_roster
from helpers_cli import run
from helpers_safety import damage, dump, filled

KILLS = 24


def _complete(path, old: bytes) -> str:
    data = path.read_bytes()
    if data == old:
        return "old"
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as zf:
            assert zf.testzip() is None
        openpyxl.load_workbook(path, read_only=True).close()
    else:
        assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    return "new"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX-only; CI runs on Linux")
@pytest.mark.parametrize("suffix, writer", [(".xlsx", write_roster_xlsx), (".pdf", write_roster_pdf)])
def test_killing_an_export_never_leaves_a_half_written_file(db_path, tmp_path, suffix, writer):
    db = filled(db_path, 300)
    with db.reading() as session:
        roster = build_roster(session)
    db.close()
    target = tmp_path / f"花名册{suffix}"
    target.write_bytes(b"the old file")
    old = target.read_bytes()
    started = time.monotonic()
    writer(roster, tmp_path / f"timing{suffix}")
    whole = time.monotonic() - started
    rng = random.Random(5)
    seen = {"old": 0, "new": 0}
    for _ in range(KILLS):
        pid = os.fork()
        if pid == 0:
            try:
                writer(roster, target)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0, 1.2 * whole))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        seen[_complete(target, old)] += 1
        target.write_bytes(old)
    assert seen["old"] > 0
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    assert len(leftovers) <= KILLS  # a killed writer may leave its hidden temporary file, never the target


def test_the_command_line_on_a_damaged_database(db_path, tmp_path):
    db = filled(db_path, 20)
    good = backups.automatic_backup(db, "manual")
    db.close()
    damage(db_path)
    damaged = db_path.read_bytes()
    result = run("--db", str(db_path), "init", "--org", "新党委")
    assert result.returncode == 2 and "已损坏" in result.stderr
    assert db_path.read_bytes() == damaged
    assert run("--db", str(db_path), "check").returncode == 1
    result = run("--db", str(db_path), "restore", str(good))
    assert result.returncode == 0, result.stderr
    assert "damaged-" in result.stdout
    assert dump(db_path) == dump(good)
    assert run("--db", str(db_path), "check").returncode == 0
