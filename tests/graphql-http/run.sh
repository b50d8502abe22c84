#!/usr/bin/env bash
# The graphql-http audit (GraphQL over HTTP conformance): starts the hub built by
# `cargo build` on a throw-away SQLite file, runs every server audit against it, and
# fails when a MUST fails. Needs Node.js and npm (packages from the npm registry).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${HUB_BIN:-$root/target/debug/community-hub}"
[ -x "$bin" ] || (cd "$root" && cargo build --quiet)
(cd "$here" && npm ci --no-audit --no-fund --silent)

dir="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
DATABASE_URL="sqlite://$dir/hub.db?mode=rwc" LISTEN_ADDR="127.0.0.1:$port" \
  JWT_SECRET="graphql-http-audit-throw-away-key-0123456789" RUST_LOG=warn \
  "$bin" serve >"$dir/server.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT

for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$dir/server.log"; exit 1; }
  sleep 0.5
done
node "$here/audit.mjs" "http://127.0.0.1:$port/graphql"
