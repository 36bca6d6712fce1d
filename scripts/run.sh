#!/usr/bin/env bash
# Builds and serves the portal on http://127.0.0.1:3000 (SQLite in ./data unless
# DATABASE_URL says otherwise), with a demo officer account.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/tools.sh

ensure_build_tools
build_site

portal=target/release/portal
# With PostgreSQL the portal's key must be given (every instance shares it);
# for this one local instance, one is made once and kept in ./data.
if [ -n "${DATABASE_URL:-}" ] && [ -z "${APP_SECRETS__KEY:-}" ]; then
  mkdir -p data
  [ -s data/postgres-secret.key ] || (umask 077 && od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >data/postgres-secret.key)
  APP_SECRETS__KEY=$(cat data/postgres-secret.key)
  export APP_SECRETS__KEY
fi
"$portal" migrate
say "Demo officer"
"$portal" officer create --email demo.officer@example.ca --name "Demo Officer" --if-missing
say "Serving the portal on http://127.0.0.1:3000 (Ctrl-C stops it)"
say "Without an SMTP server (APP_MAIL__SMTP_URL), email is listed at http://127.0.0.1:3000/dev/outbox"
exec "$portal" serve
