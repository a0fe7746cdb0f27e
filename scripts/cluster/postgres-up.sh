#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for cluster membership (tests, local trials) and prints the connection string.
# Usage: scripts/cluster/postgres-up.sh DIR [PORT]   (stop: pg_ctl -D DIR/data stop, as the same user)
# Runs the server as the 'postgres' user when called as root (PostgreSQL refuses to run as root).
# Env: LISTEN (listen_addresses, default 127.0.0.1), TRUST_NET (a CIDR whose clients are trusted too, e.g. the
# private net of scripts/bench/cluster-2host-netns.sh; none by default).
set -euo pipefail
dir=${1:?usage: postgres-up.sh DIR [PORT]}
port=${2:-55432}
here=$(cd "$(dirname "$0")" && pwd)
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "no PostgreSQL server found under /usr/lib/postgresql; apt-get install postgresql" >&2; exit 1; }
mkdir -p "$dir"
as=()
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; as=(runuser -u postgres --); fi
if [ ! -f "$dir/data/PG_VERSION" ]; then
  "${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync >/dev/null
  if [ -n "${TRUST_NET:-}" ]; then echo "host all all $TRUST_NET trust" >>"$dir/data/pg_hba.conf"; fi
fi
"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=${LISTEN:-127.0.0.1} -c fsync=off -c max_connections=60" start >/dev/null
psql=("${as[@]}" "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q)
"${psql[@]}" -d postgres -tc "SELECT 1 FROM pg_database WHERE datname='tokenclock'" | grep -q 1 \
  || "${psql[@]}" -d postgres -c "CREATE DATABASE tokenclock"
"${psql[@]}" -d tokenclock <"$here/postgres-membership.sql" >/dev/null
echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=tokenclock"
