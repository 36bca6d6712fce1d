#!/usr/bin/env bash
# Pages under a crowd: starts the release portal on a fresh database (SQLite, or
# PostgreSQL with `--postgres`), signs an officer in fully as a person would
# (temporary password, new password, emailed code), then runs wrk on loopback
# against the public pages (home, an eCOPR's verification) and the officer's pages, and prints requests/s,
# p99 latency, socket errors and how many times the server panicked.
#
#   scripts/bench-pages.sh [--postgres] [CONNECTIONS] [SECONDS]
#
# Needs a built portal (`make run` or `make test` builds it) and Debian's `wrk`.
set -euo pipefail
cd "$(dirname "$0")/.."

backend=sqlite
if [ "${1:-}" = --postgres ]; then backend=postgres; shift; fi
connections=${1:-50}
seconds=${2:-5}
extra=()
. scripts/bench-common.sh

email=bench.officer@example.ca
temporary=$(env -u DATABASE_URL "${settings[@]}" "$portal" officer create --email "$email" --name "Bench Officer" |
  awk '/temporary password:/ { print $3 }')
jar="$work/cookies"
call() { # ENDPOINT FORM...
  local endpoint=$1; shift
  local args=()
  for field in "$@"; do args+=(--data-urlencode "$field"); done
  curl -fs -b "$jar" -c "$jar" -H 'Accept: application/json' "${args[@]}" "$base/api/session/$endpoint"
}
call sign-in "username=$email" "password=$temporary" >/dev/null
call change-password "new_password=maple kettle orbit lantern" "new_password_again=maple kettle orbit lantern" >/dev/null
code=""
for _ in $(seq 1 100); do
  code=$(curl -fs "$base/dev/outbox" | tr -d '\n' | grep -o 'is:[^0-9]*[0-9]\{6\}' | head -n 1 | grep -o '[0-9]\{6\}' || true)
  [ -n "$code" ] && break
  sleep 0.1
done
[ "$(call verify "code=$code")" = '{"Next":"Active"}' ] || { echo "could not sign in" >&2; cat "$work/portal.log" >&2; exit 1; }
session=$(awk '$6 == "portal_session" { print $7 }' "$jar")

printf '%-30s %12s %10s %14s\n' "page ($backend, -c$connections)" "requests/s" "p99" "socket errors"
for page in /en/ /en/account /en/officer/cases "/en/officer/cases?q=nguyen" /en/officer/photos /en/officer/confirm \
  /en/ecopr/7K3M-Q9TX-4HWD-2PRA; do
  header=()
  # The home page and an eCOPR's verification are public; the rest as the officer.
  case "$page" in /en/ | /en/ecopr/*) ;; *) header=(-H "Cookie: portal_session=$session") ;; esac
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "${header[@]}" "$base$page")
  rps=$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  errors=$(grep -o 'Socket errors:.*' <<<"$out" || echo none)
  non2xx=$(grep -o 'Non-2xx or 3xx responses: [0-9]*' <<<"$out" || true)
  printf '%-30s %12s %10s %14s %s\n' "$page" "$rps" "$p99" "${errors#Socket errors: }" "$non2xx"
done
panics=$(grep -c panicked "$work/portal.log" || true)
echo "server panics: $panics"
[ "$panics" = 0 ] || { grep -m 1 -A 12 panicked "$work/portal.log" >&2; exit 1; }
