#!/usr/bin/env bash
# Run the database tests again on PostgreSQL (the street-office deployment): start the
# Debian cluster on loopback, make the role and database, point the tests at it.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --test || exit 1

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}
ver=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
if [ -z "$ver" ]; then echo "PostgreSQL is not installed" >&2; exit 1; fi
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$ver main$"; then
  $SUDO pg_createcluster "$ver" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main" {print $4}' | grep -q online; then
  $SUDO pg_ctlcluster "$ver" main start
fi
port=$(pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main" {print $3}')
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 1; done
as_postgres psql -q -p "$port" -tc "SELECT 1 FROM pg_roles WHERE rolname='branchbook'" | grep -q 1 \
  || as_postgres psql -q -p "$port" -c "CREATE ROLE branchbook LOGIN SUPERUSER PASSWORD 'branchbook'"
as_postgres psql -q -p "$port" -tc "SELECT 1 FROM pg_database WHERE datname='branchbook_test'" | grep -q 1 \
  || as_postgres createdb -p "$port" -O branchbook branchbook_test

export BRANCHBOOK_TEST_DATABASE_URL="postgresql+psycopg://branchbook:branchbook@127.0.0.1:$port/branchbook_test"
export QT_QPA_PLATFORM=offscreen
dirs=()
for d in tests/db tests/services tests/cli; do [ -d "$d" ] && dirs+=("$d"); done
echo "PostgreSQL $ver on 127.0.0.1:$port — running ${dirs[*]}"
.venv/bin/python -m pytest -q "${dirs[@]}" "$@"
rc=$?
[ "$rc" = 5 ] && { echo "no tests collected" >&2; exit 1; }
exit "$rc"
