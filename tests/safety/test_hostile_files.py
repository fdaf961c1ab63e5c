"""I1/I2/I8: mutated, truncated and hostile files give only a clear Chinese error — never a crash, a hang
or unbounded memory (each hostile file is read in a fresh process whose peak memory is measured)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from app.io.excel_read import SheetError, read_sheet
from app.io.member_file import plan_member_file
from app.services.database import Database
from helpers_cli import ROOT

PEAK_MB = 256
SECONDS = 5

LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (k, (b"&lol%d;" % (k - 1) if k > 2 else b"&lol;") * 10)
                     for k in range(2, 10)) + b"]>")


def _rewrite(src: Path, dst: Path, fn) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, fn(item.filename, zin.read(item.filename)))
    return dst


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    good = d / "good.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "公民身份号码", "所在党支部", "联系电话"])
    for i in range(20):
        ws.append([f"党员{i}", "11010519491231002X" if i == 0 else None, "第一党支部", f"1390000{i:04d}"])
    wb.save(good)
    out = {"good": good}
    out["dimension"] = _rewrite(good, d / "dimension.xlsx", lambda n, b: b.replace(
        b'<dimension ref="A1:D21"/>', b'<dimension ref="A1:XFD1048576"/>') if n.endswith("sheet1.xml") else b)

    def laughs(name, data):
        if name.endswith(("sheet1.xml", "sharedStrings.xml")):
            data = LAUGHS + data.split(b"?>", 1)[-1].replace("党员0".encode(), b"&lol9;")
        return data

    out["laughs"] = _rewrite(good, d / "laughs.xlsx", laughs)
    bomb = d / "bomb.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if not item.filename.endswith("sheet1.xml"):
                zout.writestr(item.filename, data)
                continue
            head, tail = data.split(b"<sheetData>")
            with zout.open(item.filename, "w") as fh:  # 250 MB of blanks, written in pieces
                fh.write(head + b"<sheetData>")
                for _ in range(250):
                    fh.write(b" " * (1024 * 1024))
                fh.write(tail)
    out["bomb"] = bomb
    ratio = d / "ratio.xlsx"  # small enough in all, but one part packed 1000 times
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(ratio, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, zin.read(item.filename))
        zout.writestr("xl/media/padding.bin", b"\0" * (20 * 1024 * 1024))
    out["ratio"] = ratio
    rows = d / "million.xlsx"  # really more rows than the cap, written streaming
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(["姓名"])
    for i in range(100_001):
        ws.append([i])
    wb.save(rows)
    out["million"] = rows
    (d / "renamed.xlsx").write_text("姓名,公民身份号码\n张三,11010519491231002X\n", encoding="utf-8")
    out["renamed"] = d / "renamed.xlsx"
    (d / "encrypted.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(8192))
    out["encrypted"] = d / "encrypted.xlsx"
    (d / "empty.xlsx").write_bytes(b"")
    out["empty"] = d / "empty.xlsx"
    return out


PROBE = """
import json, resource, sys, time
from app.io.excel_read import SheetError
from app.io.member_file import plan_member_file
from app.services.database import Database
db = Database.open(path=sys.argv[2])
started = time.monotonic()
try:
    with db.reading() as session:
        parsed, plan = plan_member_file(session, sys.argv[1])
    outcome = ["read", len(parsed.errors) + len(plan.errors)]
except SheetError as exc:
    outcome = ["refused", exc.message]
def peak_mb():
    # VmHWM belongs to this program's own address space; ru_maxrss would carry the forking parent's
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps({"outcome": outcome, "seconds": time.monotonic() - started, "peak_mb": peak_mb()},
                 ensure_ascii=False))
"""


@pytest.mark.parametrize("name, message", [
    ("dimension", None),  # the claim is ignored: the 20 real rows are read
    ("laughs", "已损坏或格式无法识别"),
    ("bomb", "解压后有 250 MB"),
    ("ratio", "压缩比异常"),
    ("million", "超过 100000 行的上限"),
    ("renamed", "不是 Excel 文件"),
    ("encrypted", "加密的"),
    ("empty", "不是 Excel 文件"),
])
def test_hostile_files_get_a_clear_message_in_bounded_time_and_memory(files, name, message, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", PROBE, str(files[name]), str(tmp_path / "probe.db")], env=env,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr  # no traceback, no crash
    report = json.loads(result.stdout.strip().splitlines()[-1])
    if message is None:
        assert report["outcome"][0] == "read"
    else:
        assert report["outcome"][0] == "refused" and message in report["outcome"][1]
    assert report["seconds"] < SECONDS
    assert report["peak_mb"] < PEAK_MB, report


def test_defusedxml_guards_every_openpyxl_read():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


def _only_clear_errors(path: Path, db) -> str:
    started = time.monotonic()
    try:
        with db.reading() as session:
            plan_member_file(session, path)
        outcome = "read"
    except SheetError as exc:
        assert exc.message and any("\u4e00" <= ch <= "\u9fff" for ch in exc.message)
        outcome = "refused"
    assert time.monotonic() - started < SECONDS
    return outcome


def test_truncated_and_mutated_files_never_crash_the_importer(files, db_path):
    db = Database.open(path=db_path)
    rng = random.Random(9)
    good = files["good"].read_bytes()
    seen = {"read": 0, "refused": 0}
    try:
        work = db_path.parent / "mutant.xlsx"
        for cut in sorted(rng.sample(range(1, len(good)), 40)):
            work.write_bytes(good[:cut])
            seen[_only_clear_errors(work, db)] += 1
        for _ in range(120):
            data = bytearray(good)
            for _flip in range(rng.randint(1, 12)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            work.write_bytes(bytes(data))
            seen[_only_clear_errors(work, db)] += 1
        for _ in range(20):  # mutations inside the sheet's XML, zipped again (the container stays valid)
            def mutate(name, payload):
                if not name.endswith("sheet1.xml"):
                    return payload
                b = bytearray(payload)
                for _k in range(rng.randint(1, 30)):
                    b[rng.randrange(len(b))] = rng.choice(b"<>&\"'=/ 0123456789")
                return bytes(b)
            seen[_only_clear_errors(_rewrite(files["good"], work, mutate), db)] += 1
    finally:
        db.close()
    assert seen["refused"] > 0 and sum(seen.values()) == 180


def test_a_zip_claiming_an_unknown_format_version_is_a_clear_error(files, tmp_path):
    """A flipped byte in the central directory's “version needed” makes zipfile raise NotImplementedError."""
    from app.io.excel_read import SheetError, read_sheet

    data = bytearray(files["good"].read_bytes())
    at = data.rfind(b"PK\x01\x02")  # the last central directory entry
    data[at + 6] = 232  # version needed to extract: 23.2
    bad = tmp_path / "version.xlsx"
    bad.write_bytes(bytes(data))
    with pytest.raises(SheetError, match="已损坏"):
        read_sheet(bad)
