#!/usr/bin/env bash
# Idempotent setup on a Debian/Ubuntu machine that has Python 3.11+ and reaches the Debian and
# PyPI package registries: the system packages that are missing, a virtual environment in .venv,
# and the project installed into it (editable). Safe to run again and again; a second run with
# nothing to do takes well under a second.
#
#   scripts/bootstrap.sh          what the app needs (Qt's runtime libraries, the venv module)
#   scripts/bootstrap.sh --test   plus what the test suite needs (poppler, PostgreSQL, Xvfb, a CJK font)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

MODE=run
case "${1:-}" in
  "") ;;
  --test) MODE=test ;;
  *) echo "usage: scripts/bootstrap.sh [--test]" >&2; exit 2 ;;
esac

say() { printf '%s\n' "$*" >&2; }
die() { say "$@"; exit 1; }

# One bootstrap at a time per checkout (./test and ./run may be started side by side).
if command -v flock >/dev/null 2>&1; then
  exec 9<"scripts/bootstrap.sh"
  flock 9
fi

# -- a Python >= 3.11 -----------------------------------------------------------------------
PY="" PYVER=""
for cand in python3 python3.13 python3.12 python3.11; do
  command -v "$cand" >/dev/null 2>&1 || continue
  # the interpreter itself, not a pyenv shim or wrapper, and its version in one call
  if info=$("$cand" -c 'import sys; v = sys.version_info; sys.exit(1) if v < (3, 11) else print("%d.%d" % v[:2], sys.executable)' 2>/dev/null) \
     && [ -n "$info" ]; then
    PYVER=${info%% *} PY=${info#* }
    break
  fi
done
[ -n "$PY" ] || die "找不到 Python 3.11 或更新版本，请先安装（如 sudo apt-get install python3）。
Python 3.11 or newer was not found: install it first (e.g. sudo apt-get install python3)."
has_venv() { "$PY" -c 'import ensurepip, venv' >/dev/null 2>&1; }

# -- system packages (Debian/Ubuntu) ----------------------------------------------------------
# Each entry is a package name, or alternatives separated by "|" (first one apt knows wins):
# Ubuntu 24.04 renamed some libraries (…t64).
QT_PACKAGES=(
  # what ldd shows libQt6Gui/Widgets/Pdf and plugins/platforms/libqxcb.so need
  libegl1 libgl1 libopengl0 libglx0 libglvnd0 libfontconfig1 libfreetype6 libdbus-1-3
  "libglib2.0-0|libglib2.0-0t64" libxkbcommon0 libxkbcommon-x11-0 libx11-6 libx11-xcb1 libxcb1
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-render0
  libxcb-xkb1 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xfixes0 libxcb-sync1 libxcb-shm0
  libxcb-util1 libxcb-glx0 libxrender1 libxi6 libsm6 libice6 libgssapi-krb5-2
)
TEST_PACKAGES=(poppler-utils poppler-data postgresql xvfb xauth fonts-wqy-microhei)

# What dpkg says is installed, asked once for all the names (like dpkg -s NAME, per package).
declare -A INSTALLED=()
load_installed() {
  local names=() entry name status
  for entry in "$@"; do IFS='|' read -r -a alts <<<"$entry"; names+=("${alts[@]}"); done
  while IFS=' ' read -r name status; do
    [[ "$status" == ?i* ]] && INSTALLED[${name%%:*}]=1
  done < <(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${names[@]}" 2>/dev/null || true)
}
installed() { [ -n "${INSTALLED[$1]:-}" ]; }

need=()
want() {
  local entry alt ok
  load_installed "$@"
  for entry in "$@"; do
    ok=0
    IFS='|' read -r -a alts <<<"$entry"
    for alt in "${alts[@]}"; do
      if installed "$alt"; then ok=1; break; fi
    done
    [ "$ok" = 1 ] || need+=("$entry")
  done
}

if command -v dpkg >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  want "${QT_PACKAGES[@]}"
  if ! has_venv; then
    want "python${PYVER}-venv|python3-venv"
  fi
  [ "$MODE" = test ] && want "${TEST_PACKAGES[@]}"

  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      SUDO=()
    elif command -v sudo >/dev/null 2>&1; then
      SUDO=(sudo)
    else
      die "缺少系统软件包，但当前不是 root 且没有 sudo。请以 root 身份安装：
Missing Debian packages, and this is neither root nor has sudo. As root, install:
  apt-get install ${need[*]//|/ or }"
    fi
    say "安装系统软件包 / installing Debian packages: ${need[*]}"
    APT=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300)
    aptlog=$(mktemp)
    trap 'rm -f "$aptlog"' EXIT
    "${APT[@]}" update -qq >"$aptlog" 2>&1 \
      || { tail -n 20 "$aptlog" >&2; die "apt-get update 失败 / apt-get update failed"; }
    pkgs=()
    for entry in "${need[@]}"; do
      IFS='|' read -r -a alts <<<"$entry"
      pick=""
      for alt in "${alts[@]}"; do
        policy=$(apt-cache policy "$alt" 2>/dev/null || true)
        if [[ "$policy" == *"Candidate: "[!\(]* ]]; then pick=$alt; break; fi
      done
      pkgs+=("${pick:-${alts[0]}}")
    done
    "${APT[@]}" install -y -qq --no-install-recommends "${pkgs[@]}" >"$aptlog" 2>&1 \
      || { tail -n 20 "$aptlog" >&2; die "apt-get install 失败 / apt-get install failed: ${pkgs[*]}"; }
  fi
else
  say "注意：不是 Debian/Ubuntu，跳过系统软件包 / note: not Debian/Ubuntu, skipping system packages."
fi

has_venv || die "Python $PYVER 缺少 venv/ensurepip 模块（Debian 上是 python${PYVER}-venv 软件包）。
Python $PYVER has no venv/ensurepip module (on Debian: the python${PYVER}-venv package)."

# -- the virtual environment -----------------------------------------------------------------
if [ -e .venv ] && ! .venv/bin/python -c 'import sys, pip; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
  say "虚拟环境已损坏，重新创建 / .venv is broken: recreating it"
  rm -rf .venv
fi
if [ ! -e .venv ]; then
  say "创建虚拟环境 / creating .venv with Python $PYVER ($PY)"
  "$PY" -m venv .venv || { rm -rf .venv; die "python -m venv 失败 / python -m venv failed"; }
fi

# Skip pip when what is installed already matches pyproject.toml (a test install also serves ./run).
stamp=.venv/.branchbook-installed
hash=$(sha256sum pyproject.toml | cut -d' ' -f1)
have=$(cat "$stamp" 2>/dev/null || true)
if [ "$have" = "test $hash" ] || [ "$have" = "$MODE $hash" ]; then
  exit 0
fi
rm -f "$stamp"
if [ "$MODE" = test ]; then target=".[test]"; else target="."; fi
say "安装 Python 依赖 / installing the Python packages into .venv (pip install -e \"$target\") …"
# (the filter drops pip's notes about find-links folders that a machine's pip.conf names but lacks)
.venv/bin/python -m pip install -q --disable-pip-version-check -e "$target" \
  2> >(grep -v "^WARNING: Location '.*' is ignored: it is neither a file nor a directory" >&2) \
  || die "pip install 失败 / pip install failed"
echo "$MODE $hash" >"$stamp"
