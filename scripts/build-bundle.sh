#!/usr/bin/env bash
# scripts/build-bundle.sh: what of the Windows installer can be checked on Linux (CI's third part).
#   1. the PyInstaller onedir bundle of the app (installer/branchbook.spec), built into build/bundle/
#   2. the bundle runs headless: branchbook-cli --version, demo + check on a fresh database, screenshot
#      --guide (every page and the first-run wizard, Qt offscreen) and a PDF export, all from the bundle,
#      not from the source tree
#   3. makensis (Debian's nsis) compiles installer/branchbook.nsi against that bundle folder
# Installs what it needs on a fresh Debian machine (the project's .venv via scripts/bootstrap.sh,
# PyInstaller from the pyproject "bundle" extra, nsis via apt-get, with sudo when not root); needs no
# standard input. Exits non-zero when a step fails. The real Windows build is installer/build.ps1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DEBIAN_FRONTEND=noninteractive
say() { printf '%s\n' "$*" >&2; }
die() { say "build-bundle: $*"; exit 1; }
step_start=$(date +%s)
lap() { local now; now=$(date +%s); say "   ($(( now - step_start )) s)"; step_start=$now; }

scripts/bootstrap.sh

# PyInstaller: the "bundle" extra's requirements only (not pip install -e .[bundle], which would
# re-install the project itself).
mapfile -t BUNDLE_REQS < <(.venv/bin/python -c '
import tomllib
with open("pyproject.toml", "rb") as f:
    print("\n".join(tomllib.load(f)["project"]["optional-dependencies"]["bundle"]))')
.venv/bin/python -m pip install -q --disable-pip-version-check "${BUNDLE_REQS[@]}" \
  2> >(grep -v "^WARNING: Location '.*' is ignored" >&2) || die "pip install ${BUNDLE_REQS[*]} failed"

if ! command -v makensis >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=(); elif command -v sudo >/dev/null 2>&1; then SUDO=(sudo -n); else
    die "makensis is missing and this is neither root nor has sudo: apt-get install nsis"; fi
  say "installing Debian's nsis (makensis)"
  "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null || die "apt-get update failed"
  "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends nsis >/dev/null \
    || die "apt-get install nsis failed"
fi

VERSION=$(.venv/bin/python -c 'import re; print(re.search(r"^__version__ = \"([^\"]+)\"", open("app/__init__.py", encoding="utf-8").read(), re.M)[1])')
OUT=build/bundle
DIST=$OUT/dist
BUNDLE=$DIST/branchbook
rm -rf "$OUT"
mkdir -p "$OUT"

say "== PyInstaller: onedir bundle of 支部台账 $VERSION =="
t0=$(date +%s)
.venv/bin/python -m PyInstaller --noconfirm --log-level WARN --distpath "$DIST" --workpath "$OUT/work" \
  installer/branchbook.spec >"$OUT/pyinstaller.log" 2>&1 || { tail -n 40 "$OUT/pyinstaller.log" >&2; die "PyInstaller failed"; }
build_s=$(( $(date +%s) - t0 ))
[ -x "$BUNDLE/branchbook" ] && [ -x "$BUNDLE/branchbook-cli" ] || die "the bundle lacks branchbook or branchbook-cli"
size=$(du -sh "$BUNDLE" | cut -f1)
say "   built in ${build_s} s, $size"
lap

say "== the bundle runs headless =="
CLI=$(cd "$BUNDLE" && pwd)/branchbook-cli
RUN=$OUT/smoke
mkdir -p "$RUN"
# Run from a folder outside the source tree with a clean environment: nothing may come from the checkout.
(
  cd "$RUN"
  export -n PYTHONPATH VIRTUAL_ENV 2>/dev/null || true
  export QT_QPA_PLATFORM=offscreen HOME="$PWD/home"
  mkdir -p home
  got=$("$CLI" --version)
  [ "$got" = "支部台账 $VERSION" ] || { say "--version said: $got"; exit 1; }
  say "   --version: $got"
  "$CLI" --db demo.db demo --members 80 --years 2 >demo.log || { cat demo.log >&2; exit 1; }
  "$CLI" --db demo.db check >check.log || { cat check.log >&2; exit 1; }
  grep -q "结论：数据库完好" check.log || { cat check.log >&2; exit 1; }
  say "   check: $(tail -n 1 check.log)"
  "$CLI" --db demo.db screenshot --out shots --guide >shots.log 2>shots.err || { cat shots.err >&2; exit 1; }
  n=$(find shots -name '*.png' -size +10k | wc -l)
  [ "$n" -ge 17 ] && [ -s shots/guide-setup-6.png ] && [ -s shots/guide-import-preview.png ] \
    || { say "screenshot wrote only $n pictures"; exit 1; }
  say "   screenshot --guide: $n pictures (pages, first-run wizard, import preview)"
  "$CLI" --db demo.db export roster --out 花名册.pdf >export.log
  head -c 5 花名册.pdf | grep -q '%PDF' || { say "no PDF written"; exit 1; }
  say "   export roster: $(cat export.log)"
) || die "the bundle did not run"
lap

say "== makensis: installer/branchbook.nsi against the bundle =="
# On Linux the folder holds branchbook, not branchbook.exe; the script's structure, pages, language,
# registry and shortcut code compile the same. No compression here: it checks the script in seconds.
makensis -V2 -DVERSION="$VERSION" -DBUNDLE_DIR="$(cd "$BUNDLE" && pwd)" \
  -DOUT_FILE="$(pwd)/$DIST/BranchBook-$VERSION-setup.exe" -DCOMPRESSOR=none installer/branchbook.nsi \
  >"$OUT/makensis.log" 2>&1 || { cat "$OUT/makensis.log" >&2; die "makensis failed"; }
file_size=$(du -h "$DIST/BranchBook-$VERSION-setup.exe" | cut -f1)
say "   $DIST/BranchBook-$VERSION-setup.exe ($file_size, uncompressed)"
lap
say "build-bundle: ok (PyInstaller ${build_s} s, bundle $size)"
