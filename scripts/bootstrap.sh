#!/usr/bin/env bash
# Idempotent setup on a fresh Debian/Ubuntu machine: system packages when missing, a
# virtual environment in .venv, and the project installed into it.
#   scripts/bootstrap.sh          what the app needs
#   scripts/bootstrap.sh --test   plus what the test suite needs (poppler, PostgreSQL, Xvfb, fonts)
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=run
[ "${1:-}" = "--test" ] && MODE=test

say() { printf '%s\n' "$*" >&2; }

# -- a Python >= 3.11 -------------------------------------------------------------
PY=""
for cand in python3 python3.13 python3.12 python3.11; do
  if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
    PY=$(command -v "$cand"); break
  fi
done
if [ -z "$PY" ]; then
  say "需要 Python 3.11 或更新版本 / Python 3.11+ is required (apt-get install python3)."
  exit 1
fi

# -- system packages ----------------------------------------------------------------
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="__none__"; fi
fi
need=()
want() { for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done; }

if command -v dpkg >/dev/null 2>&1; then
  # Qt 6 (PySide6) on X11/xcb and its fonts/GL/dbus/glib runtime
  want libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3 \
       libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xkb1 \
       libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xfixes0 libxcb-sync1 libxcb-shm0 libxcb-render0 \
       libxrender1 libx11-xcb1 libxi6 libsm6 libice6
  if ! "$PY" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    ver=$("$PY" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
    want "python${ver}-venv"
  fi
  if [ "$MODE" = test ]; then
    want poppler-utils poppler-data postgresql xvfb xauth fonts-wqy-microhei
  fi
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$SUDO" = "__none__" ]; then
      say "缺少系统软件包，且没有 root 或 sudo / missing packages and no root or sudo: ${need[*]}"
      exit 1
    fi
    say "安装系统软件包 / installing: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    # a python3.X-venv name that does not exist on this release falls back to python3-venv
    if ! $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; then
      fixed=()
      for p in "${need[@]}"; do case "$p" in python3.*-venv) fixed+=(python3-venv) ;; *) fixed+=("$p") ;; esac; done
      $SUDO apt-get install -y -qq --no-install-recommends "${fixed[@]}" >/dev/null
    fi
  fi
fi

# -- the virtual environment ---------------------------------------------------------
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys' >/dev/null 2>&1; then
  rm -rf .venv
  say "创建虚拟环境 / creating .venv with $("$PY" --version)"
  "$PY" -m venv .venv
fi
stamp=".venv/.branchbook-installed"
want_stamp="$MODE $(sha256sum pyproject.toml | cut -d' ' -f1)"
have_stamp=$(cat "$stamp" 2>/dev/null || true)
if [ "$have_stamp" != "$want_stamp" ] && ! { [ "$MODE" = run ] && [ "${have_stamp%% *}" = test ] && [ "${have_stamp#* }" = "${want_stamp#* }" ]; }; then
  say "安装依赖 / installing Python packages into .venv …"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  if [ "$MODE" = test ]; then
    .venv/bin/python -m pip install -q -e ".[test]"
  else
    .venv/bin/python -m pip install -q -e .
  fi
  echo "$want_stamp" > "$stamp"
fi
