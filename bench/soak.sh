#!/usr/bin/env bash
# Soak test: two `tally serve` instances on one fresh PostgreSQL database, mixed reads and
# writes for DURATION seconds (60), then the checks: no HTTP 5xx, no lost or doubled writes
# (every row the driver saw created, changed or deleted is so in the database, and nothing
# else), every account balance equal to its opening balance plus its rows; p50/p90/p99 per
# kind of request. Not part of CI: a measurement on whatever machine runs it.
#
# One run, everything throwaway and on loopback: a database tally_soak_<random> (dropped at
# exit), the instances on free 127.0.0.1 ports (stopped at exit), a temporary directory.
# The driver (bench/soak_driver.py, Python's standard library only) stops by itself.
#
#   bench/soak.sh                              # release build, 60 s, 8 threads × 3 users
#   DURATION=20 THREADS=4 bench/soak.sh        # shorter and lighter
#   TALLY_BIN=target/release/tally bench/soak.sh   # skip the build
#
# Needs: cargo, psql, python3, curl and a PostgreSQL server at PG_ADMIN_URL (trust auth).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${DURATION:-60}"
THREADS="${THREADS:-8}"
USERS_PER_THREAD="${USERS_PER_THREAD:-3}"
POOL="${POOL:-8}"                   # DATABASE_MAX_CONNECTIONS of each instance
PG_ADMIN_URL="${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
BASE="${PG_ADMIN_URL%/*}"
DB="tally_soak_$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
WORK="$(mktemp -d)"
PIDS=()
DB_CREATED=""

if [ "$DURATION" -gt 600 ]; then
  echo "soak: DURATION is at most 600 s" >&2; exit 2
fi
for tool in psql python3 curl; do
  command -v "$tool" >/dev/null || { echo "soak: $tool is needed" >&2; exit 1; }
done

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ -n "$DB_CREATED" ]; then
    psql -q "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { # url, what
  for _ in $(seq 1 150); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done
  echo "soak: $2 did not start" >&2; exit 1
}

if [ -z "${TALLY_BIN:-}" ]; then
  log "building release…"
  cargo build --release --locked --bin tally
  TALLY_BIN=target/release/tally
fi

bash scripts/ensure-postgres "$PG_ADMIN_URL" >&2
psql -q "$PG_ADMIN_URL" -c "CREATE DATABASE $DB" >/dev/null
DB_CREATED=1
DB_URL="$BASE/$DB"
# Migrate once, before the instances start (as a rolling deployment would).
DATABASE_URL="$DB_URL" RUST_LOG=warn "$TALLY_BIN" migrate

JWT_SECRET="$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')"
export JWT_SECRET
PORTS=()
for n in 1 2; do
  port="$(free_port)"
  metrics="$(free_port)"
  log "instance $n on 127.0.0.1:$port (metrics on $metrics)…"
  # Every request comes from 127.0.0.1: the per-IP limits are off.
  RUST_LOG=warn TALLY_LOG_FORMAT=json TALLY_ADDR="127.0.0.1:$port" DATABASE_URL="$DB_URL" \
    TALLY_METRICS_ADDR="127.0.0.1:$metrics" BCRYPT_COST=4 DATABASE_MAX_CONNECTIONS="$POOL" \
    RATE_LIMIT_SIGNUP_PER_HOUR=0 RATE_LIMIT_LOGIN_PER_MINUTE=0 RATE_LIMIT_REFRESH_PER_MINUTE=0 \
    TALLY_DATA_DIR="$WORK" "$TALLY_BIN" serve > "$WORK/tally-$n.log" 2>&1 &
  PIDS+=($!)
  PORTS+=("$port")
  echo "$metrics" > "$WORK/metrics-$n.port"
done
for port in "${PORTS[@]}"; do wait_for "http://127.0.0.1:$port/readyz" "tally on $port"; done

log "driving both instances for ${DURATION}s ($THREADS threads × $USERS_PER_THREAD users)…"
status=0
timeout $((DURATION + 300)) python3 bench/soak_driver.py "$DB_URL" "$DURATION" "$THREADS" \
  "$USERS_PER_THREAD" "${PORTS[@]}" || status=$?

for n in 1 2; do
  metrics="$(cat "$WORK/metrics-$n.port")"
  p99="$(curl -s "http://127.0.0.1:$metrics/metrics" | python3 -c '
import sys
buckets = []
for line in sys.stdin:
    if line.startswith("tally_http_request_duration_seconds_bucket{") and "route=\"/graphql\"" in line:
        le = line.split("le=\"")[1].split("\"")[0]
        buckets.append((float("inf") if le == "+Inf" else float(le), float(line.rsplit(" ", 1)[1])))
buckets.sort()
total = buckets[-1][1] if buckets else 0
bound = next((le for le, n in buckets if total and n >= 0.99 * total), None)
print(f"{total:.0f} requests, p99 <= {bound * 1000:g} ms" if bound else "no requests")
')"
  errors="$(grep -c '"level":"ERROR"' "$WORK/tally-$n.log" || true)"
  log "instance $n (its own /metrics): $p99; $errors ERROR log lines"
  [ "$errors" = 0 ] || status=1
done
exit "$status"
