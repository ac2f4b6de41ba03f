#!/usr/bin/env bash
# Subscriptions: SOCKETS idle subscribers of one user on one instance (loopback), memory per
# idle subscription (server RSS delta / SOCKETS), then WRITES transactions and the latency from
# sending each mutation to every subscriber's event (p50/p99). SQLite by default; set
# DATABASE_URL=postgres://… to go through NOTIFY/LISTEN. PROFILE=release for a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
SOCKETS=${SOCKETS:-1000}
WRITES=${WRITES:-20}
PROFILE=${PROFILE:-dev}
dir=$([ "$PROFILE" = release ] && echo release || echo debug)
cargo build -q --profile "$PROFILE" --bin tally
cargo build -q --profile "$PROFILE" --example subscriptions
data=$(mktemp -d)
port=${PORT:-18431}
ulimit -n 8192 || true
TALLY_ADDR=127.0.0.1:$port TALLY_DATA_DIR="$data" \
  DATABASE_URL=${DATABASE_URL:-sqlite://$data/bench.db?mode=rwc} \
  TALLY_WS_MAX_CONNECTIONS_PER_USER=$((SOCKETS + 10)) TALLY_WS_CONNECTS_PER_MINUTE=100000 \
  TALLY_WS_MAX_SUBSCRIPTIONS=10 RATE_LIMIT_SIGNUP_PER_HOUR=0 BCRYPT_COST=4 \
  RUST_LOG=warn "target/$dir/tally" serve >"$data/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
"target/$dir/examples/subscriptions" "127.0.0.1:$port" "$pid" "$SOCKETS" "$WRITES"
