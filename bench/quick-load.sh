#!/usr/bin/env bash
# Quick local load check of the authenticated `transactions(first: 50)` query.
#
# Starts a release build of `tally serve` on a fresh PostgreSQL database, signs up USERS users
# through the API, gives each ROWS transactions (inserted with SQL, spread over categories),
# then drives the query with wrk: CONNECTIONS connections for DURATION, each request with a
# random user's token. Prints wrk's throughput and latency distribution.
#
#   bench/quick-load.sh            # defaults: 100 users × 1000 rows, 32 connections, 15 s
#   USERS=20 ROWS=100 bench/quick-load.sh
#   PERF=1 PERF_OUT=/tmp/tally.perf bench/quick-load.sh   # also record a CPU profile
#
# Needs: wrk (apt-get install wrk), psql, python3, a PostgreSQL server at PG_ADMIN_URL.
# Not a test: a measurement. The full benchmark (with a hand-written baseline) is issue 3's.
set -euo pipefail
cd "$(dirname "$0")/.."

USERS="${USERS:-100}"
ROWS="${ROWS:-1000}"
CONNECTIONS="${CONNECTIONS:-32}"
DURATION="${DURATION:-15s}"
PG_ADMIN_URL="${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
PORT="${PORT:-18080}"
DB="tally_bench_$$"
WORK="$(mktemp -d)"
BASE="${PG_ADMIN_URL%/*}"

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
bash scripts/ensure-postgres "$PG_ADMIN_URL"
cargo build --release --locked -q

cleanup() {
  [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true
  psql -q "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

psql -q "$PG_ADMIN_URL" -c "CREATE DATABASE $DB" >/dev/null
RUST_LOG=warn TALLY_ADDR="127.0.0.1:$PORT" DATABASE_URL="$BASE/$DB" BCRYPT_COST=4 \
  DATABASE_MAX_CONNECTIONS=32 TALLY_DATA_DIR="$WORK" ./target/release/tally serve &
SERVER=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.2; done

echo "signing up $USERS users…"
python3 - "$PORT" "$USERS" > "$WORK/tokens.txt" <<'PY'
import json, sys, urllib.request, uuid
port, users = sys.argv[1], int(sys.argv[2])
for i in range(users):
    name = f"bench{i}_{uuid.uuid4().hex[:6]}"
    body = {"query": "mutation($i: SignupInput!) { signup(input: $i) { accessToken } }",
            "variables": {"i": {"username": name, "email": f"{name}@example.com",
                                "password": "bench passphrase"}}}
    req = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", json.dumps(body).encode(),
                                 {"Content-Type": "application/json"})
    print(json.load(urllib.request.urlopen(req))["data"]["signup"]["accessToken"])
PY

echo "inserting $ROWS transactions per user…"
psql -q -v ON_ERROR_STOP=1 "$BASE/$DB" <<SQL
INSERT INTO transactions (id, user_id, account_id, category_id, date, amount_minor, currency,
                          description, description_key, notes, created_at, updated_at)
SELECT gen_random_uuid(), a.user_id, a.id,
       (SELECT c.id FROM categories c WHERE c.user_id = a.user_id AND c.parent_id IS NOT NULL
         ORDER BY c.position, c.name OFFSET (n % 5) LIMIT 1),
       DATE '2020-01-01' + (n % 2000), -((n * 7919) % 100000), a.currency,
       'Bench transaction ' || n, 'bench transaction ' || n, NULL, now(), now()
FROM accounts a CROSS JOIN generate_series(1, $ROWS) AS n
WHERE a.is_default;
ANALYZE;
SQL
rows=$(psql -At "$BASE/$DB" -c "SELECT count(*) FROM transactions")
[ "$rows" -eq $((USERS * ROWS)) ] || { echo "seeding failed: $rows rows" >&2; exit 1; }

cat > "$WORK/query.lua" <<'LUA'
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
local body = '{"query":"{ transactions(first: 50) { edges { node { id amount description date category { name } } } } }"}'
request = function()
  local token = tokens[math.random(#tokens)]
  return wrk.format("POST", "/graphql", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }, body)
end
response = function(status, headers, body)
  if status ~= 200 or body:find('"errors"') then error("bad response: " .. status .. " " .. body) end
end
LUA

echo "warming up…"
TOKENS="$WORK/tokens.txt" wrk -t2 -c"$CONNECTIONS" -d3s -s "$WORK/query.lua" "http://127.0.0.1:$PORT" >/dev/null
echo "measuring: $CONNECTIONS connections, $DURATION, $USERS users × $ROWS rows"
if [ -n "${PERF:-}" ]; then   # PERF=1: a flat CPU profile of the server during the run
  perf record -F 499 -o "${PERF_OUT:-perf.data}" -p "$SERVER" -- sleep "${DURATION%s}" >/dev/null 2>&1 &
fi
TOKENS="$WORK/tokens.txt" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/query.lua" \
  "http://127.0.0.1:$PORT"
