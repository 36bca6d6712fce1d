# Sourced by the bench scripts, after they set `backend` (sqlite or postgres)
# and `extra` (more settings): checks for the built portal and wrk, then starts
# the portal on a fresh database (a PostgreSQL one is dropped at exit) on a
# free port of loopback, and waits until it answers.
portal=$PWD/target/release/portal
[ -x "$portal" ] || { echo "build the portal first (make run)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
settings=(APP_SITE__ADDRESS="127.0.0.1:$port" APP_SITE__PUBLIC_URL="$base"
  APP_MAIL__OUTBOX_DIR="$work/outbox" APP_MAIL__POLL_INTERVAL_MS=100 "${extra[@]}")
db=""
if [ "$backend" = postgres ]; then
  db="portal_bench_$$"
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $db" >/dev/null
  settings+=(DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db" APP_SECRETS__KEY="$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')")
else
  settings+=(APP_DATABASE__SQLITE_PATH="$work/portal.db")
fi
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  [ -n "$db" ] && psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

env -u DATABASE_URL "${settings[@]}" "$portal" serve >"$work/portal.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -fs "$base/health" >/dev/null && break; sleep 0.2; done
