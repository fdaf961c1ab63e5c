"""The installer's files agree with each other (the build itself is checked by scripts/build-bundle.sh)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = (ROOT / "installer" / "branchbook.spec").read_text(encoding="utf-8")
NSI_BYTES = (ROOT / "installer" / "branchbook.nsi").read_bytes()
NSI = NSI_BYTES.decode("utf-8-sig")
NSI_CODE = "\n".join(line for line in NSI.splitlines() if not line.lstrip().startswith(";"))


def test_the_nsis_script_installs_the_two_programs_the_spec_builds():
    built = set(re.findall(r'_exe\("([^"]+)", console=', SPEC))
    assert built == {"branchbook", "branchbook-cli"}
    named = set(re.findall(r'!define (?:EXE|CLI_EXE) "([^"]+)\.exe"', NSI))
    assert named == built


def test_the_spec_bundles_every_folder_the_app_reads_at_run_time():
    for folder in ('"resources"', '"data"', '"app/db/migrations"'):
        assert folder in SPEC
    assert (ROOT / "resources" / "icons" / "branchbook.ico").exists()


def test_the_nsis_script_is_per_user_chinese_and_keeps_the_data_unless_ticked():
    assert NSI_BYTES.startswith(b"\xef\xbb\xbf")  # makensis on a Chinese Windows reads it as UTF-8
    assert "RequestExecutionLevel user" in NSI and 'MUI_LANGUAGE "SimpChinese"' in NSI
    assert "HKLM" not in NSI  # nothing machine-wide, so no administrator rights
    data_section = re.search(r'Section /o "un\.同时删除台账数据[^"]*"(.*?)SectionEnd', NSI, re.S)
    assert data_section and 'RMDir /r "${DATA_DIR}"' in data_section[1]  # /o: off by default
    assert NSI_CODE.count('RMDir /r "${DATA_DIR}"') == 1
    assert 'RMDir /r "$INSTDIR"' not in NSI_CODE  # only the files it installed, by name


def test_the_windows_build_script_is_ascii_and_pyinstaller_is_the_bundle_extra():
    assert (ROOT / "installer" / "build.ps1").read_bytes().isascii()  # PowerShell 5.1 reads it as ANSI
    with open(ROOT / "pyproject.toml", "rb") as f:
        extras = tomllib.load(f)["project"]["optional-dependencies"]
    assert any(req.startswith("pyinstaller") for req in extras["bundle"])
