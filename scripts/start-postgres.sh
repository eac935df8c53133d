#!/bin/sh
# Start a local PostgreSQL from Debian's postgresql package (already installed; this installs
# nothing), create a role and a database for armsledger's tests, and print the URL to use:
#
#   export ARMSLEDGER_TEST_PG="$(scripts/start-postgres.sh)"
#
# As root it starts (or creates) the Debian cluster with pg_ctlcluster; as any other user it runs
# initdb in $PGDATA_DIR (default: a folder under /tmp) and pg_ctl on $PGPORT (default 55432).
set -eu

ROLE="${ARMSLEDGER_PG_ROLE:-armsledger}"
PASSWORD="${ARMSLEDGER_PG_PASSWORD:-armsledger}"
DB="${ARMSLEDGER_PG_DB:-armsledger_test}"

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ]; then
  echo "start-postgres: no /usr/lib/postgresql/*/bin; install Debian's postgresql package" >&2
  exit 1
fi
version=$(basename "$(dirname "$bindir")")

if [ "$(id -u)" = 0 ] && command -v pg_ctlcluster >/dev/null 2>&1; then
  if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
    pg_createcluster "$version" main >&2
  fi
  port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')
  pg_ctlcluster "$version" main start >&2 2>/dev/null || pg_ctlcluster "$version" main status >/dev/null
  as_postgres() { runuser -u postgres -- "$@"; }
  host=127.0.0.1
  psql_args="-p $port"
else
  port="${PGPORT:-55432}"
  data="${PGDATA_DIR:-/tmp/armsledger-pg-$(id -u)}"
  if [ ! -f "$data/PG_VERSION" ]; then
    "$bindir/initdb" -D "$data" -U postgres --auth=trust >&2
  fi
  if ! "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -o "-p $port -k $data -c listen_addresses=127.0.0.1" -w start >&2
  fi
  as_postgres() { "$@"; }
  host=127.0.0.1
  psql_args="-h $host -p $port -U postgres"
fi

# Wait for the server to accept connections (up to 30 s).
i=0
until as_postgres "$bindir/pg_isready" $psql_args -q 2>/dev/null || [ "$(as_postgres "$bindir/psql" $psql_args -d postgres -Atc 'select 1' 2>/dev/null)" = 1 ]; do
  i=$((i + 1))
  if [ "$i" -ge 30 ]; then echo "start-postgres: server on port $port did not start" >&2; exit 1; fi
  sleep 1
done

as_postgres "$bindir/psql" $psql_args -d postgres -v ON_ERROR_STOP=1 -q >&2 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD' CREATEDB;
  ELSE
    ALTER ROLE $ROLE LOGIN PASSWORD '$PASSWORD' CREATEDB;
  END IF;
END \$\$;
-- the tests drop each database they made WITH (FORCE); an autovacuum worker still on a freshly
-- loaded one can only be stopped by a role that may signal backends
GRANT pg_signal_backend TO $ROLE;
SQL
if [ "$(as_postgres "$bindir/psql" $psql_args -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
  as_postgres "$bindir/psql" $psql_args -d postgres -q -c "CREATE DATABASE $DB OWNER $ROLE" >&2
fi
echo "postgresql://$ROLE:$PASSWORD@$host:$port/$DB"
