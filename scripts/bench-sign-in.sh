#!/usr/bin/env bash
# Sign-in under a crowd: starts the release portal on a fresh database (SQLite,
# or PostgreSQL with `--postgres`),
# trusting 127.0.0.1 as a load balancer, then runs wrk on loopback with wrong
# passwords for ever-new usernames from ever-new client addresses (each one
# costs a full Argon2id check), and again from one address (which the
# per-address limit soon refuses without hashing). Prints requests/s, latency
# percentiles and how many answers were not 200 (each should be a 429 "try
# again shortly").
#
#   scripts/bench-sign-in.sh [--postgres] [CONNECTIONS] [SECONDS]
#
# Needs a built portal (`make run` or `make test` builds it) and Debian's `wrk`.
set -euo pipefail
cd "$(dirname "$0")/.."

backend=sqlite
if [ "${1:-}" = --postgres ]; then backend=postgres; shift; fi
connections=${1:-64}
seconds=${2:-10}
extra=(APP_SITE__TRUSTED_PROXIES='["127.0.0.1/32"]')
. scripts/bench-common.sh

cat >"$work/crowd.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
local one_address = os.getenv("ONE_ADDRESS") == "1"
request = function()
  local address = "198.51.100.7"
  if not one_address then
    address = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  end
  wrk.headers["X-Forwarded-For"] = address
  local body = "username=crowd" .. math.random(1, 1000000000) .. "%40example.com&password=not+the+right+one"
  return wrk.format(nil, "/api/session/sign-in", nil, body)
end
LUA

printf '%-34s %11s %9s %9s %9s %s\n' "sign-in ($backend, -c$connections, ${seconds}s)" "requests/s" "p50" "p99" "max" "answers"
for crowd in "many addresses:0" "one address:1"; do
  out=$(ONE_ADDRESS=${crowd#*:} wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s --latency -s "$work/crowd.lua" "$base")
  rps=$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  max=$(awk '$1 == "Latency" { print $4 }' <<<"$out")
  total=$(awk '/requests in/ { print $1 }' <<<"$out")
  busy=$(grep -o 'Non-2xx or 3xx responses: [0-9]*' <<<"$out" | grep -o '[0-9]*$' || echo 0)
  errors=$(grep -o 'Socket errors:.*' <<<"$out" || true)
  printf '%-34s %11s %9s %9s %9s %s\n' "${crowd%:*}" "$rps" "$p50" "$p99" "$max" "$total, of which not 2xx (429 expected): $busy ${errors}"
done
panics=$(grep -c panicked "$work/portal.log" || true)
echo "server panics: $panics"
[ "$panics" = 0 ] || { grep -m 1 -A 12 panicked "$work/portal.log" >&2; exit 1; }
