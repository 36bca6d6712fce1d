#!/usr/bin/env bash
# Every test: unit, integration on SQLite and PostgreSQL, end-to-end in Chromium
# against one portal on SQLite and one on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/tools.sh

ensure_build_tools
ensure_test_tools
build_site

# A CI run builds once: incremental state would only fill the disk.
[ "${CI:-}" = true ] && export CARGO_INCREMENTAL=0

say "Unit and integration tests (SQLite and PostgreSQL)"
export TEST_POSTGRES_URL=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
# Most integration tests serve pages on the test's own thread, and an unoptimised
# build renders Leptos's deep view types in large stack frames: a case page once
# overflowed libtest's 2 MiB. Release builds (the portal itself) need far less.
export RUST_MIN_STACK=${RUST_MIN_STACK:-8388608}
cargo test -p app --features ssr
cargo test -p photo
# The same photo reports from the WebAssembly build, run in Node.
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p photo --target wasm32-unknown-unknown --test same_everywhere
cargo test -p portal

say "End-to-end tests in Chromium"
work=$(mktemp -d)
e2e_db="portal_e2e_$$"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $e2e_db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $e2e_db" >/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
start_portal() { # NAME PORT ENV...
  local name=$1 port=$2; shift 2
  # Each portal has its own outbox folder (read by the tests through /dev/outbox)
  # and sends email often, so the tests do not wait.
  local settings=("$@" APP_SITE__ADDRESS="127.0.0.1:$port" APP_SITE__PUBLIC_URL="http://127.0.0.1:$port"
    APP_MAIL__OUTBOX_DIR="$work/$name-outbox" APP_MAIL__POLL_INTERVAL_MS=100)
  env -u DATABASE_URL "${settings[@]}" target/release/portal serve >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    if curl -fs "http://127.0.0.1:$port/health" >/dev/null; then
      # The tests send cases in as the upstream system does, with a token of their own.
      env -u DATABASE_URL "${settings[@]}" target/release/portal token create --name e2e | tail -n 1 >"$work/$name.token"
      return 0
    fi
    sleep 0.2
  done
  cat "$work/$name.log" >&2
  return 1
}
sqlite_port=$(free_port)
start_portal sqlite "$sqlite_port" APP_DATABASE__SQLITE_PATH="$work/e2e.db"
postgres_port=$(free_port)
start_portal postgres "$postgres_port" DATABASE_URL="postgres://postgres@127.0.0.1:5432/$e2e_db" \
  APP_SECRETS__KEY="$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"

cd end2end
# The databases too, for the one test that must make 30 days pass.
PORTAL_SQLITE_URL="http://127.0.0.1:$sqlite_port" PORTAL_SQLITE_TOKEN="$(cat "$work/sqlite.token")" \
PORTAL_SQLITE_DB="$work/e2e.db" \
PORTAL_POSTGRES_URL="http://127.0.0.1:$postgres_port" PORTAL_POSTGRES_TOKEN="$(cat "$work/postgres.token")" \
PORTAL_POSTGRES_DB="postgres://postgres@127.0.0.1:5432/$e2e_db" \
  npx playwright test || status=$?

# A panic on the server is a bug even when every page looked right.
if grep -q "panicked" "$work/sqlite.log" "$work/postgres.log"; then
  grep -h -A 12 "panicked" "$work/sqlite.log" "$work/postgres.log" >&2
  echo "The portal panicked during the end-to-end tests." >&2
  status=1
fi
exit "${status:-0}"
