#!/bin/sh
# Usage: scripts/with-postgres.sh CMD...
# Runs CMD with DATABASE_URL pointing at a throwaway PostgreSQL cluster on 127.0.0.1; the
# cluster lives in a temporary directory and is removed on exit, whatever CMD returns.
# Durability is off (a throwaway cluster), and so is autovacuum: a worker vacuuming a test's
# fresh database belongs to the superuser, and the test role cannot end it to drop that database.
set -eu
PGPORT=${PGPORT:-54329}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  else
    echo "PostgreSQL is not installed. Install it (sudo apt-get install postgresql) and retry." >&2
    exit 1
  fi
fi
PGDATA=$(mktemp -d /tmp/lattice-pg.XXXXXX)
if [ "$(id -u)" = 0 ]; then AS_PG="runuser -u postgres --"; chown postgres:postgres "$PGDATA"; else AS_PG=""; fi
cleanup() {
  $AS_PG "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA"
}
trap cleanup EXIT INT TERM
$AS_PG "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
$AS_PG "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 30 start \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c autovacuum=off -c max_connections=200" >/dev/null
"$PGBIN/psql" -q -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE lattice LOGIN PASSWORD 'lattice' CREATEDB" -c "CREATE DATABASE lattice OWNER lattice" >/dev/null
export DATABASE_URL="postgres://lattice:lattice@127.0.0.1:$PGPORT/lattice"
"$@"
