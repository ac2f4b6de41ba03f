#!/usr/bin/env bash
# Login storm: does a flood of password checks slow everything else down?
#
# One run, everything throwaway:
#  1. builds release `tally` (skipped with TALLY_BIN=…);
#  2. starts it on a fresh SQLite file in a temporary directory with BCRYPT_COST=12 (the
#     production default), the per-IP rate limits off (every request comes from 127.0.0.1)
#     and PASSWORD_HASH_CONCURRENCY passed through when set;
#  3. signs up USERS users through the API;
#  4. baseline: ME_REQUESTS `{ me { id } }` requests, one at a time over one keep-alive
#     connection with PAUSE_MS between them, with nothing else running;
#  5. storm: wrk keeps STORM_CONNECTIONS logins in flight continuously (right passwords,
#     round robin over the users: each success writes a session and an audit row), waits
#     WARMUP s for the hash queue to fill, then measures the same `me` requests again;
#  6. prints p50/p90/p99/max of `me` for both phases and the storm's login rate; the target
#     is p99 of `me` ≤ TARGET_P99_MS under the storm.
#
#   bench/login-storm.sh                               # 50 logins in flight, 600 × me
#   PASSWORD_HASH_CONCURRENCY=2 bench/login-storm.sh   # compare a hashing bound
#   TALLY_BIN=target/release/tally bench/login-storm.sh
#
# Needs: cargo, wrk, python3, curl. A measurement, not a test: server, wrk and the Python
# client share this machine's cores, so run it when the machine is otherwise quiet (the load
# average is printed before and after).
set -euo pipefail
cd "$(dirname "$0")/.."

USERS="${USERS:-50}"
STORM_CONNECTIONS="${STORM_CONNECTIONS:-50}"
ME_REQUESTS="${ME_REQUESTS:-600}"
PAUSE_MS="${PAUSE_MS:-10}"
WARMUP="${WARMUP:-5}"
TARGET_P99_MS="${TARGET_P99_MS:-50}"
WORK="$(mktemp -d)"
TALLY_PID=""
STORM_PID=""

for tool in cargo wrk python3 curl; do
  command -v "$tool" >/dev/null || { echo "login-storm: $tool is needed (wrk: apt-get install wrk)" >&2; exit 1; }
done

cleanup() {
  local pid
  for pid in "$STORM_PID" "$TALLY_PID"; do
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

if [ -z "${TALLY_BIN:-}" ]; then
  log "building release tally…"
  cargo build --release --locked --bin tally >&2
  TALLY_BIN=target/release/tally
fi

PORT="$(free_port)"
JWT_SECRET="$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')"
export JWT_SECRET
log "starting tally on 127.0.0.1:$PORT (SQLite in $WORK, BCRYPT_COST=12," \
    "PASSWORD_HASH_CONCURRENCY=${PASSWORD_HASH_CONCURRENCY:-default})…"
RUST_LOG=warn TALLY_ADDR="127.0.0.1:$PORT" DATABASE_URL="sqlite://$WORK/tally.db?mode=rwc" \
  TALLY_DATA_DIR="$WORK" BCRYPT_COST=12 RATE_LIMIT_LOGIN_PER_MINUTE=0 \
  RATE_LIMIT_SIGNUP_PER_HOUR=0 "$TALLY_BIN" serve &
TALLY_PID=$!
for _ in $(seq 1 150); do curl -s -o /dev/null "http://127.0.0.1:$PORT/readyz" && break; sleep 0.2; done

log "signing up $USERS users…"
python3 - "$PORT" "$USERS" "$WORK" <<'PY'
import json, sys, urllib.request, uuid
from concurrent.futures import ThreadPoolExecutor

port, users, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
QUERY = "mutation($i: SignupInput!) { signup(input: $i) { accessToken } }"

def signup(i):
    name = f"s{i}_{uuid.uuid4().hex[:8]}"
    password = f"storm passphrase {uuid.uuid4().hex[:8]}"
    body = {"query": QUERY, "variables": {"i": {
        "username": name, "email": f"{name}@storm.example", "password": password}}}
    req = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", json.dumps(body).encode(),
                                 {"Content-Type": "application/json"})
    reply = json.load(urllib.request.urlopen(req, timeout=120))
    return f"{name}@storm.example", password, reply["data"]["signup"]["accessToken"]

with ThreadPoolExecutor(max_workers=4) as pool:
    results = list(pool.map(signup, range(users)))
with open(f"{work}/users.tsv", "w") as f:
    f.writelines(f"{email}\t{password}\n" for email, password, _ in results)
with open(f"{work}/token", "w") as f:
    f.write(results[0][2])
PY
TOKEN="$(cat "$WORK/token")"

log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/login_storm_me.py "$PORT" "$TOKEN" "$ME_REQUESTS" "$PAUSE_MS" "baseline" \
  | tee "$WORK/baseline.txt"

# The storm outlasts the measurement; it is stopped (and reports) once `me` is measured.
STORM_USERS="$WORK/users.tsv" wrk -t1 -c"$STORM_CONNECTIONS" -d600s --timeout 120s \
  -s bench/login-storm.lua "http://127.0.0.1:$PORT" > "$WORK/storm.txt" 2>&1 &
STORM_PID=$!
log "storm: $STORM_CONNECTIONS logins in flight; measuring me after ${WARMUP}s…"
sleep "$WARMUP"
python3 bench/login_storm_me.py "$PORT" "$TOKEN" "$ME_REQUESTS" "$PAUSE_MS" "under storm" \
  | tee "$WORK/storm-me.txt"
kill -INT "$STORM_PID"
wait "$STORM_PID" 2>/dev/null || true
STORM_PID=""
grep '^storm:' "$WORK/storm.txt" || cat "$WORK/storm.txt" >&2
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

P99="$(sed -E 's/.*p99 ([0-9.]+) ms.*/\1/' "$WORK/storm-me.txt")"
if python3 -c "import sys; sys.exit(0 if float('$P99') <= float('$TARGET_P99_MS') else 1)"; then
  echo "target met: p99 of me under the storm ${P99} ms ≤ ${TARGET_P99_MS} ms"
else
  echo "target missed: p99 of me under the storm ${P99} ms > ${TARGET_P99_MS} ms"
  exit 1
fi
