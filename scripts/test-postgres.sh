#!/usr/bin/env bash
# scripts/test-postgres.sh [pytest arguments …]
# Runs the database-touching tests (tests/db, tests/services, tests/cli) on SQLite and again on
# PostgreSQL, the street-office deployment. It installs what is missing (bootstrap --test installs
# Debian's postgresql), creates and starts the Debian cluster "main" on loopback when needed, makes
# role branchbook/branchbook (SUPERUSER) and database branchbook_test, then points the tests at it
# through BRANCHBOOK_TEST_DATABASE_URL (read by tests/conftest.py). Exits with pytest's code; "no
# tests collected" is a failure. BRANCHBOOK_PG_CLUSTER picks another cluster name than "main".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

die() { printf '%s\n' "$*" >&2; exit 1; }

scripts/bootstrap.sh --test || exit 1

cluster=${BRANCHBOOK_PG_CLUSTER:-main}
SUDO=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || die "需要 root 或 sudo 来启动 PostgreSQL / root or sudo is needed to start PostgreSQL"
  SUDO=(sudo)
fi
# psql & co. as the postgres superuser, from a folder it can read
as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && sudo -u postgres -- "$@")
  fi
}
cluster_field() {  # pg_lsclusters columns: Ver Cluster Port Status Owner Data-directory Log-file
  pg_lsclusters -h 2>/dev/null | awk -v v="$ver" -v c="$cluster" -v f="$1" '$1 == v && $2 == c { print $f }'
}

ver=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)
[ -n "$ver" ] && [ -x "/usr/lib/postgresql/$ver/bin/postgres" ] \
  || die "PostgreSQL 没有安装 / PostgreSQL is not installed (apt-get install postgresql)"

if [ -z "$(cluster_field 2)" ]; then
  echo "creating PostgreSQL $ver cluster '$cluster'"
  "${SUDO[@]}" pg_createcluster --encoding=UTF8 --locale=C "$ver" "$cluster" >/dev/null \
    || die "pg_createcluster $ver $cluster failed"
fi
if [[ "$(cluster_field 4)" != online* ]]; then
  "${SUDO[@]}" pg_ctlcluster "$ver" "$cluster" start \
    || { tail -n 20 "$(cluster_field 7)" >&2 2>/dev/null; die "pg_ctlcluster $ver $cluster start failed"; }
fi
port=$(cluster_field 3)
ready=0
for _ in $(seq 1 60); do
  if pg_isready -q -h 127.0.0.1 -p "$port"; then ready=1; break; fi
  sleep 0.5
done
[ "$ready" = 1 ] || die "PostgreSQL $ver/$cluster does not accept connections on 127.0.0.1:$port"

# The tests drop and recreate the schema of branchbook_test: two runs on one machine (two checkouts)
# take turns instead of clobbering each other (making the role and database included).
lock="${TMPDIR:-/tmp}/branchbook-test-postgres-$port.lock"
if command -v flock >/dev/null 2>&1 && { exec 8>>"$lock"; } 2>/dev/null; then
  chmod a+rw "$lock" 2>/dev/null || true
  if ! flock -n 8; then
    echo "waiting for another PostgreSQL test run on this machine to finish …"
    flock 8
  fi
fi

# role and database, idempotent; the database is UTF-8 whatever the cluster's default is
as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres >/dev/null <<'SQL' || die "could not create role branchbook"
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'branchbook') THEN CREATE ROLE branchbook; END IF;
END $$;
ALTER ROLE branchbook LOGIN SUPERUSER PASSWORD 'branchbook';
SQL
enc=$(as_postgres psql -X -At -p "$port" -d postgres \
        -c "SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = 'branchbook_test'")
if [ -n "$enc" ] && [ "$enc" != UTF8 ]; then
  as_postgres dropdb -p "$port" branchbook_test || die "could not drop branchbook_test ($enc)"
  enc=""
fi
if [ -z "$enc" ]; then
  as_postgres createdb -p "$port" -O branchbook -E UTF8 --locale=C -T template0 branchbook_test \
    || die "could not create database branchbook_test"
fi

export BRANCHBOOK_TEST_DATABASE_URL="postgresql+psycopg://branchbook:branchbook@127.0.0.1:$port/branchbook_test"
export QT_QPA_PLATFORM=offscreen
dirs=()
for d in tests/db tests/services tests/cli; do [ -d "$d" ] && dirs+=("$d"); done
[ ${#dirs[@]} -gt 0 ] || die "no database test folders (tests/db, tests/services, tests/cli)"
echo "PostgreSQL $ver ($cluster) on 127.0.0.1:$port: pytest ${dirs[*]}"
.venv/bin/python -m pytest "${dirs[@]}" "$@"
rc=$?
if [ "$rc" = 5 ]; then
  echo "没有收集到任何测试，这算失败 / pytest collected no tests: that counts as a failure." >&2
  exit 1
fi
exit "$rc"
