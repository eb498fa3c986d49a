#!/usr/bin/env bash
# The whole test suite: lint, types, then pytest against SQLite and a private PostgreSQL
# server (Debian's package, installed if missing, started here and stopped on exit); the
# scheduler's tests need Debian's faketime, installed here if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "installing PostgreSQL from Debian's packages…"
  apt_install postgresql
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
# The scheduler's end-to-end tests run `kefu scheduler` under a fake clock (libfaketime).
if ! command -v faketime >/dev/null; then
  echo "installing faketime from Debian's packages…"
  apt_install faketime
fi

pg_dir=$(mktemp -d /tmp/kefu-pg.XXXXXX)
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$pg_dir"
  pg() { runuser -u postgres -- "$@"; }
else
  pg() { "$@"; }
fi
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
pg "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres -E UTF8 >/dev/null
pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -o \
  "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
stop_pg() { pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null || true; rm -rf "$pg_dir"; }
trap stop_pg EXIT
pg "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres kefu_test
export KEFU_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$pg_port/kefu_test"

"$BIN/ruff" check bot db tests bench
"$BIN/mypy"
"$BIN/pytest" "$@"
