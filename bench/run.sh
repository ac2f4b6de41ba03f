#!/usr/bin/env bash
# Benchmark of the authenticated `transactions(first: 50)` query against its HTTP ceiling.
#
# One run, everything throwaway:
#  1. builds release (`tally` and the `ceiling` bench binary, bench/ceiling.rs);
#  2. creates a fresh PostgreSQL database tally_bench_<random> (dropped at exit);
#  3. starts `tally serve` (release) on a free port with a generated JWT secret, BCRYPT_COST=4
#     and the per-IP sign-up/login rate limits off (the seeding signs up from one address);
#  4. signs up USERS users through the API (in parallel), plus one "small" and one "big" user;
#  5. inserts ROWS transactions per user with SQL (≈3 years of dates, the user's own seeded
#     categories, merchant descriptions), SMALL_ROWS for the small user, BIG_ROWS for the big
#     one, sets accounts.balance_minor to opening balance + sum, VACUUM ANALYZE;
#  6. starts the ceiling: a hand-written axum endpoint that verifies the same JWT by Tally's
#     rules, runs the equivalent SQL and writes the same JSON, without GraphQL;
#  7. checks that both servers answer byte-for-byte the same JSON for the same tokens;
#  8. wrk, THREADS threads × CONNECTIONS connections, WARMUP s then DURATION s, each request
#     a random user's token: tally with the query's text, tally with its trusted-document id
#     (TRUSTED_DOCUMENTS lists it), then the ceiling, ROUNDS times in turn (the median round
#     of each is reported), with the CPU time per request of the server and of its
#     PostgreSQL backends (from /proc: robust to other load on a shared machine);
#  9. first-page latency of the small and the big user (one connection, PAGE_DURATION s each);
# 10. prints a summary (also written to $SUMMARY) and whether the targets are met.
#
#   bench/run.sh                                   # 1,000 users × 1,000 rows, 32 conns, 15 s
#   USERS=100 DURATION=5 bench/run.sh              # quicker
#   PERF=1 PERF_OUT=/tmp/tally.perf bench/run.sh   # also a CPU profile of tally under load
#   CEILING_SQL=two bench/run.sh                   # ceiling runs two queries, as Tally does
#   TALLY_BIN=… CEILING_BIN=… bench/run.sh          # skip the build, use these binaries
#   KEEP_DB=1 bench/run.sh                         # keep the database for a look afterwards
#
# Needs: cargo, wrk, psql, python3, curl and a PostgreSQL server at PG_ADMIN_URL (trust auth).
# A measurement, not a test: server, PostgreSQL and wrk share this machine's cores.
set -euo pipefail
cd "$(dirname "$0")/.."

USERS="${USERS:-1000}"
ROWS="${ROWS:-1000}"
SMALL_ROWS="${SMALL_ROWS:-100}"
BIG_ROWS="${BIG_ROWS:-100000}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
WARMUP="${WARMUP:-3}"
DURATION="${DURATION:-15}"
ROUNDS="${ROUNDS:-3}"             # alternating tally/ceiling rounds; the median is reported
PAGE_DURATION="${PAGE_DURATION:-10}"
POOL="${POOL:-32}"                 # DATABASE_MAX_CONNECTIONS of both servers
CEILING_SQL="${CEILING_SQL:-join}" # join: one query; two: page, then categories by id
PG_ADMIN_URL="${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
SUMMARY="${SUMMARY:-target/bench/summary.md}"
BASE="${PG_ADMIN_URL%/*}"
DB="tally_bench_$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
WORK="$(mktemp -d)"
TALLY_PID=""
CEILING_PID=""
DB_CREATED=""

for tool in cargo wrk psql python3 curl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is needed (wrk: apt-get install wrk)" >&2; exit 1; }
done

cleanup() {
  local pid
  for pid in "$TALLY_PID" "$CEILING_PID"; do
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
  if [ -n "$DB_CREATED" ] && [ -n "${KEEP_DB:-}" ]; then
    echo "bench: kept database $DB" >&2
  elif [ -n "$DB_CREATED" ]; then
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
  echo "bench: $2 did not start" >&2; exit 1
}

# ---------------------------------------------------------------------------------------------
if [ -n "${TALLY_BIN:-}" ] && [ -n "${CEILING_BIN:-}" ]; then
  log "using the given binaries: $TALLY_BIN, $CEILING_BIN"
else
  log "building release (tally + ceiling)…"
  cargo build --release --locked --bin tally --bench ceiling --message-format=json-render-diagnostics \
    > "$WORK/build.json"
  CEILING_BIN="$(python3 - "$WORK/build.json" <<'PY'
import json, sys
path = None
for line in open(sys.argv[1]):
    try:
        msg = json.loads(line)
    except ValueError:
        continue
    if msg.get("reason") == "compiler-artifact" and msg["target"]["name"] == "ceiling" \
            and msg.get("executable"):
        path = msg["executable"]
print(path or "")
PY
)"
  TALLY_BIN=target/release/tally
fi
[ -x "$CEILING_BIN" ] || { echo "bench: no ceiling executable ($CEILING_BIN)" >&2; exit 1; }

bash scripts/ensure-postgres "$PG_ADMIN_URL" >&2
psql -q "$PG_ADMIN_URL" -c "CREATE DATABASE $DB" >/dev/null
DB_CREATED=1
DB_URL="$BASE/$DB"

JWT_SECRET="$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')"
export JWT_SECRET
# The hot query, sent as text and as a trusted document (by its sha256 id).
QUERY_TEXT='{ transactions(first: 50) { edges { node { id amount description date category { name } } } } }'
DOCUMENT_ID="sha256:$(printf '%s' "$QUERY_TEXT" | sha256sum | cut -d' ' -f1)"
python3 -c 'import json, sys; print(json.dumps({sys.argv[1]: sys.argv[2]}))' \
  "$DOCUMENT_ID" "$QUERY_TEXT" > "$WORK/trusted-documents.json"
TALLY_PORT="$(free_port)"
log "starting tally on 127.0.0.1:$TALLY_PORT (database $DB)…"
# The seeding signs up 1,002 users from one address: the per-IP sign-up limit is off here.
RUST_LOG=warn TALLY_ADDR="127.0.0.1:$TALLY_PORT" DATABASE_URL="$DB_URL" BCRYPT_COST=4 \
  RATE_LIMIT_SIGNUP_PER_HOUR=0 RATE_LIMIT_LOGIN_PER_MINUTE=0 \
  DATABASE_MAX_CONNECTIONS="$POOL" TALLY_DATA_DIR="$WORK" \
  TRUSTED_DOCUMENTS="$WORK/trusted-documents.json" "$TALLY_BIN" serve &
TALLY_PID=$!
wait_for "http://127.0.0.1:$TALLY_PORT/readyz" tally

# ---------------------------------------------------------------------------------------------
log "signing up $USERS users (+ a small and a big one) through the API…"
python3 - "$TALLY_PORT" "$USERS" "$WORK" <<'PY'
import base64, json, sys, urllib.request, uuid
from concurrent.futures import ThreadPoolExecutor

port, users, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
QUERY = "mutation($i: SignupInput!) { signup(input: $i) { accessToken } }"

def currency(i):  # mostly USD; some EUR, JPY (0 decimals) and KWD (3 decimals)
    return "JPY" if i % 20 == 3 else "KWD" if i % 50 == 11 else "EUR" if i % 10 == 7 else "USD"

def signup(i):
    name = f"b{i}_{uuid.uuid4().hex[:8]}"
    body = {"query": QUERY, "variables": {"i": {
        "username": name, "email": f"{name}@bench.example", "password": "bench passphrase",
        "baseCurrency": currency(i)}}}
    req = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", json.dumps(body).encode(),
                                 {"Content-Type": "application/json"})
    reply = json.load(urllib.request.urlopen(req, timeout=60))
    token = reply["data"]["signup"]["accessToken"]
    payload = token.split(".")[1]
    sub = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["sub"]
    return token, sub, currency(i)

with ThreadPoolExecutor(max_workers=8) as pool:
    results = list(pool.map(signup, range(users + 2)))
*regular, small, big = results
with open(f"{work}/tokens.txt", "w") as f:
    f.writelines(t + "\n" for t, _, _ in regular)
for name, (token, _, _) in (("small", small), ("big", big)):
    with open(f"{work}/{name}.token", "w") as f:
        f.write(token + "\n")
with open(f"{work}/check.tokens", "w") as f:  # the tokens compared between the two servers
    seen = set()
    for token, _, cur in regular:
        if cur not in seen:
            seen.add(cur)
            f.write(token + "\n")
    f.write(small[0] + "\n" + big[0] + "\n")
with open(f"{work}/rows.tsv", "w") as f:
    for _, sub, _ in regular:
        f.write(f"{sub}\tregular\n")
    f.write(f"{small[1]}\tsmall\n{big[1]}\tbig\n")
PY

TOTAL_ROWS=$((USERS * ROWS + SMALL_ROWS + BIG_ROWS))
log "inserting $TOTAL_ROWS transactions with SQL…"
psql -q -v ON_ERROR_STOP=1 "$DB_URL" >/dev/null <<SQL
CREATE TEMP TABLE bench_users (user_id uuid PRIMARY KEY, size text NOT NULL);
\copy bench_users FROM '$WORK/rows.tsv'
CREATE TEMP TABLE merchants AS SELECT ARRAY[
  'Tesco', 'Sainsbury''s', 'Lidl', 'Aldi', 'Whole Foods', 'Shell', 'BP', 'Uber', 'Lyft',
  'Amazon', 'IKEA', 'Netflix', 'Spotify', 'Starbucks', 'Pret A Manger', 'Deliveroo',
  'City Pharmacy', 'Vodafone', 'Electricity bill', 'Water bill', 'Rent', 'Gym membership',
  'Cinema', 'Bookshop', 'Ryanair', 'Booking.com', 'Airbnb', 'Parking', 'Train ticket',
  'Bakery', 'Hardware store', 'Café Müller'] AS names;

INSERT INTO transactions (id, user_id, account_id, category_id, date, amount_minor, currency,
                          description, description_key, notes, created_at, updated_at)
SELECT gen_random_uuid(), a.user_id, a.id,
       CASE WHEN r.income THEN cats.income[1 + (r.pick % cats.n_income)]
            ELSE cats.expense[1 + (r.pick % cats.n_expense)] END,
       CURRENT_DATE - r.age,
       CASE WHEN r.income THEN 150000 + r.pick * 7 % 350000 ELSE -(100 + r.pick % 25000) END,
       a.currency, r.description, lower(r.description), NULL, now(), now()
FROM bench_users b
JOIN accounts a ON a.user_id = b.user_id AND a.is_default
CROSS JOIN merchants m
CROSS JOIN LATERAL (
  SELECT array_agg(c.id ORDER BY c.position, c.name) FILTER (WHERE c.kind = 'EXPENSE') AS expense,
         count(*) FILTER (WHERE c.kind = 'EXPENSE')::int AS n_expense,
         array_agg(c.id ORDER BY c.position, c.name) FILTER (WHERE c.kind = 'INCOME') AS income,
         count(*) FILTER (WHERE c.kind = 'INCOME')::int AS n_income
  FROM categories c WHERE c.user_id = b.user_id AND c.parent_id IS NOT NULL) cats
CROSS JOIN LATERAL generate_series(1, CASE b.size WHEN 'small' THEN $SMALL_ROWS
                                                  WHEN 'big' THEN $BIG_ROWS
                                                  ELSE $ROWS END) AS g(n)
CROSS JOIN LATERAL (
  SELECT g.n % 20 = 0 AS income,                        -- one in twenty is income
         floor(random() * 1000000)::int AS pick,
         floor(random() * 1096)::int AS age,           -- the last three years
         CASE WHEN g.n % 20 = 0 THEN 'Salary'
              ELSE m.names[1 + floor(random() * array_length(m.names, 1))::int]
                   || ' #' || g.n END AS description
) r;

UPDATE accounts a SET balance_minor = a.opening_balance_minor + s.total, updated_at = now()
FROM (SELECT user_id, account_id, sum(amount_minor) AS total
      FROM transactions GROUP BY user_id, account_id) s
WHERE a.user_id = s.user_id AND a.id = s.account_id;
SQL
psql -q "$DB_URL" -c "VACUUM ANALYZE" >/dev/null
rows=$(psql -At "$DB_URL" -c "SELECT count(*) FROM transactions")
[ "$rows" -eq "$TOTAL_ROWS" ] || { echo "bench: seeding failed: $rows rows, not $TOTAL_ROWS" >&2; exit 1; }
bad=$(psql -At "$DB_URL" -c "SELECT count(*) FROM accounts a WHERE balance_minor <>
  opening_balance_minor + COALESCE((SELECT sum(amount_minor) FROM transactions t
                                    WHERE t.user_id = a.user_id AND t.account_id = a.id), 0)")
[ "$bad" -eq 0 ] || { echo "bench: $bad account balances disagree with their rows" >&2; exit 1; }
log "seeded $rows rows; database size $(psql -At "$DB_URL" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")"

# ---------------------------------------------------------------------------------------------
CEILING_PORT="$(free_port)"
log "starting the ceiling on 127.0.0.1:$CEILING_PORT (CEILING_SQL=$CEILING_SQL)…"
CEILING_ADDR="127.0.0.1:$CEILING_PORT" DATABASE_URL="$DB_URL" DATABASE_MAX_CONNECTIONS="$POOL" \
  CEILING_SQL="$CEILING_SQL" "$CEILING_BIN" &
CEILING_PID=$!
wait_for "http://127.0.0.1:$CEILING_PORT/graphql" ceiling

BODY="{\"query\":\"$QUERY_TEXT\"}"
ID_BODY="{\"documentId\":\"$DOCUMENT_ID\"}"
fetch() { # port, token, output file[, body]
  curl -sS --fail -o "$3" -H 'Content-Type: application/json' -H "Authorization: Bearer $2" \
    --data "${4:-$BODY}" "http://127.0.0.1:$1/graphql"
}
log "checking that tally and the ceiling answer the same JSON…"
checked=0
while read -r token; do
  fetch "$TALLY_PORT" "$token" "$WORK/tally.json"
  fetch "$CEILING_PORT" "$token" "$WORK/ceiling.json"
  fetch "$TALLY_PORT" "$token" "$WORK/tally-id.json" "$ID_BODY"
  cmp -s "$WORK/tally.json" "$WORK/tally-id.json" \
    || { echo "bench: the trusted document's answer differs from the text's" >&2; exit 1; }
  if ! cmp -s "$WORK/tally.json" "$WORK/ceiling.json"; then
    echo "bench: the ceiling's answer differs from tally's:" >&2
    diff <(python3 -m json.tool "$WORK/tally.json") <(python3 -m json.tool "$WORK/ceiling.json") \
      | head -20 >&2 || true
    exit 1
  fi
  grep -q '"edges":\[{' "$WORK/tally.json" || { echo "bench: empty page" >&2; exit 1; }
  checked=$((checked + 1))
done < "$WORK/check.tokens"
log "identical answers for $checked users ($(wc -c < "$WORK/tally.json") bytes for the last)"

# ---------------------------------------------------------------------------------------------
cat > "$WORK/query.lua" <<'LUA'
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
local body = os.getenv("BODY")
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init() bad = 0 end
function request()
  return wrk.format("POST", "/graphql", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)],
  }, body)
end
function response(status, headers, body)
  if status ~= 200 or not body:find('"edges":[{', 1, true) then bad = bad + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("bad") end
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.3f %.3f %.3f %.3f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests, bad + e.connect + e.read + e.write + e.status + e.timeout))
end
LUA
export BODY

# CPU time, in clock ticks, of processes (all their threads) since they started.
cpu_ticks() {
  local total=0 pid ticks
  for pid in "$@"; do
    ticks=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)
    total=$((total + ${ticks:-0}))
  done
  echo "$total"
}
# The PostgreSQL backends serving the benchmark database.
pg_backends() { pgrep -f "postgres: .* $DB " || true; }
# "pid ticks" for each backend now.
pg_ticks() {
  local pid
  # shellcheck disable=SC2046
  for pid in $(pg_backends); do echo "$pid $(cpu_ticks "$pid")"; done
}
# Ticks the backends spent between two pg_ticks files: a backend that a pool opened during the
# window counts from zero (it was not there at the start), not from nothing.
pg_delta() {
  python3 - "$1" "$2" <<'PY'
import sys
def read(path):
    return {pid: int(t) for pid, t in (line.split() for line in open(path) if line.strip())}
before, after = read(sys.argv[1]), read(sys.argv[2])
print(sum(t - before.get(pid, 0) for pid, t in after.items()))
PY
}
TICKS_PER_SECOND=$(getconf CLK_TCK)

# wrk_run name port server-pid tokens-file threads connections seconds
#   -> "rps p50 p90 p99 max requests errors server-cpu-ms/req postgres-cpu-ms/req"
wrk_run() {
  local name=$1 port=$2 pid=$3 tokens=$4 threads=$5 conns=$6 secs=$7 out result
  TOKENS="$tokens" wrk -t"$threads" -c"$conns" -d"${WARMUP}s" -s "$WORK/query.lua" \
    "http://127.0.0.1:$port" >/dev/null
  local server0
  pg_ticks > "$WORK/pg-before"
  server0=$(cpu_ticks "$pid")
  out=$(TOKENS="$tokens" wrk -t"$threads" -c"$conns" -d"${secs}s" --latency -s "$WORK/query.lua" \
    "http://127.0.0.1:$port")
  local server1 pg_spent
  server1=$(cpu_ticks "$pid")
  pg_ticks > "$WORK/pg-after"
  pg_spent=$(pg_delta "$WORK/pg-before" "$WORK/pg-after")
  printf '%s\n' "$out" > "$WORK/wrk-$name.txt"
  result=$(printf '%s\n' "$out" | awk '/^RESULT/ { $1 = ""; print substr($0, 2) }')
  [ -n "$result" ] || { echo "bench: wrk gave no result for $name:" >&2; printf '%s\n' "$out" >&2; exit 1; }
  local errors requests
  errors=$(echo "$result" | cut -d' ' -f7)
  requests=$(echo "$result" | cut -d' ' -f6)
  [ "$errors" -eq 0 ] || { echo "bench: $errors failed requests against $name" >&2; printf '%s\n' "$out" >&2; exit 1; }
  echo "$result $(python3 -c "import sys; t, n, a, b, c, d = map(int, sys.argv[1:]); print(f'{(b - a) * 1000 / t / n:.3f} {(d - c) * 1000 / t / n:.3f}')" \
    "$TICKS_PER_SECOND" "$requests" "$server0" "$server1" 0 "$pg_spent")"
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
: > "$WORK/rounds.txt"
for round in $(seq 1 "$ROUNDS"); do
  log "round $round/$ROUNDS, tally: $THREADS threads, $CONNECTIONS connections, ${WARMUP} s warm-up + ${DURATION} s…"
  if [ -n "${PERF:-}" ] && [ "$round" -eq 1 ]; then  # PERF=1: profile tally's first measured run
    (sleep "$WARMUP"; perf record -F 199 --call-graph dwarf,16384 -o "${PERF_OUT:-perf.data}" -p "$TALLY_PID" \
       -- sleep "$DURATION" >/dev/null 2>&1) &
    PERF_PID=$!
  fi
  echo "tally $(wrk_run "tally-$round" "$TALLY_PORT" "$TALLY_PID" "$WORK/tokens.txt" \
    "$THREADS" "$CONNECTIONS" "$DURATION")" >> "$WORK/rounds.txt"
  log "round $round/$ROUNDS, tally with the trusted document's id: same load…"
  echo "tally-id $(BODY="$ID_BODY" wrk_run "tally-id-$round" "$TALLY_PORT" "$TALLY_PID" \
    "$WORK/tokens.txt" "$THREADS" "$CONNECTIONS" "$DURATION")" >> "$WORK/rounds.txt"
  log "round $round/$ROUNDS, ceiling: same load…"
  echo "ceiling $(wrk_run "ceiling-$round" "$CEILING_PORT" "$CEILING_PID" "$WORK/tokens.txt" \
    "$THREADS" "$CONNECTIONS" "$DURATION")" >> "$WORK/rounds.txt"
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

log "first-page latency, one connection, ${PAGE_DURATION} s each: $SMALL_ROWS-row user, $BIG_ROWS-row user…"
{
  echo "small $(wrk_run small "$TALLY_PORT" "$TALLY_PID" "$WORK/small.token" 1 1 "$PAGE_DURATION")"
  echo "big $(wrk_run big "$TALLY_PORT" "$TALLY_PID" "$WORK/big.token" 1 1 "$PAGE_DURATION")"
  echo "small-ceiling $(wrk_run small-ceiling "$CEILING_PORT" "$CEILING_PID" "$WORK/small.token" 1 1 "$PAGE_DURATION")"
  echo "big-ceiling $(wrk_run big-ceiling "$CEILING_PORT" "$CEILING_PID" "$WORK/big.token" 1 1 "$PAGE_DURATION")"
} > "$WORK/pages.txt"
BIG_USER=$(python3 -c 'import base64,json,sys; p=sys.argv[1].split(".")[1]; print(json.loads(base64.urlsafe_b64decode(p+"="*(-len(p)%4)))["sub"])' "$(cat "$WORK/big.token")")
PLAN=$(psql -At "$DB_URL" -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
  SELECT * FROM transactions WHERE user_id = '$BIG_USER' ORDER BY date DESC, id DESC LIMIT 51")

# ---------------------------------------------------------------------------------------------
mkdir -p "$(dirname "$SUMMARY")"
FACTS="$(nproc) CPUs ($(lscpu | sed -n 's/^Model name: *//p' | head -1)), \
$(free -g | awk '/^Mem:/ { print $2 " GiB" }') RAM, Linux $(uname -r), \
PostgreSQL $(psql -At "$PG_ADMIN_URL" -c 'SHOW server_version' | cut -d' ' -f1), \
$(rustc --version | cut -d' ' -f1-2)"
COMMIT="$(git rev-parse --short HEAD)"
if [ -n "$(git status --porcelain -uno)" ]; then COMMIT="$COMMIT+dirty"; fi
python3 - "$SUMMARY" "$WORK/rounds.txt" "$WORK/pages.txt" <<PY
import statistics, sys
summary, rounds_file, pages_file = sys.argv[1:]
def parse(line):
    name, *v = line.split()
    rps, p50, p90, p99, mx = map(float, v[:5])
    return name, dict(rps=rps, p50=p50, p90=p90, p99=p99, max=mx, n=int(v[5]),
                      cpu=float(v[7]), pg=float(v[8]))
rounds = [parse(l) for l in open(rounds_file)]
pages = dict(parse(l) for l in open(pages_file))
def median_round(server):
    runs = sorted((r for n, r in rounds if n == server), key=lambda r: r["rps"])
    return runs[(len(runs) - 1) // 2] if len(runs) % 2 else runs[len(runs) // 2 - 1]
tally, ceiling = median_round("tally"), median_round("ceiling")
tally_id = median_round("tally-id")
ratio = tally["rps"] / ceiling["rps"]
small, big = pages["small"], pages["big"]
small_c, big_c = pages["small-ceiling"], pages["big-ceiling"]
r50, r99 = big["p50"] / small["p50"], big["p99"] / small["p99"]
ok = lambda b: "**met**" if b else "**not met**"
def row(label, r):
    return (f"| {label} | {r['rps']:,.0f} | {r['p50']:.2f} ms | {r['p90']:.2f} ms | "
            f"{r['p99']:.2f} ms | {r['max']:.1f} ms | {r['cpu']:.3f} ms | {r['pg']:.3f} ms |")
lines = [
    f"## Benchmark run $(date -u +%Y-%m-%dT%H:%MZ), commit $COMMIT",
    "",
    "Machine: $FACTS. Server, PostgreSQL and wrk share these cores; load average "
    "$LOAD_BEFORE before the rounds, $LOAD_AFTER after.",
    f"Data: $USERS users × $ROWS transactions, plus one user with $SMALL_ROWS and one with "
    f"{$BIG_ROWS:,} ({$TOTAL_ROWS:,} rows). Pool: $POOL connections per server; ceiling SQL: $CEILING_SQL.",
    "Load: wrk, $THREADS threads, $CONNECTIONS connections, ${WARMUP} s warm-up then ${DURATION} s, "
    "each request a random user's token; $ROUNDS alternating rounds, the median round (by "
    "requests/s) of each server shown.",
    "",
    "| server | requests/s | p50 | p90 | p99 | max | server CPU/req | PostgreSQL CPU/req |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    row("tally (GraphQL, text)", tally),
    row("tally (GraphQL, trusted document id)", tally_id),
    row("ceiling (hand-written axum)", ceiling),
    f"| **tally / ceiling** | **{ratio:.0%}** | {tally['p50'] / ceiling['p50']:.2f}× | "
    f"{tally['p90'] / ceiling['p90']:.2f}× | {tally['p99'] / ceiling['p99']:.2f}× | | "
    f"{tally['cpu'] / ceiling['cpu']:.2f}× | {tally['pg'] / ceiling['pg']:.2f}× |",
    f"| **tally (id) / ceiling** | **{tally_id['rps'] / ceiling['rps']:.0%}** | "
    f"{tally_id['p50'] / ceiling['p50']:.2f}× | {tally_id['p90'] / ceiling['p90']:.2f}× | "
    f"{tally_id['p99'] / ceiling['p99']:.2f}× | | {tally_id['cpu'] / ceiling['cpu']:.2f}× | "
    f"{tally_id['pg'] / ceiling['pg']:.2f}× |",
    "",
    "All rounds: " + "; ".join(f"{n} {r['rps']:,.0f} req/s p99 {r['p99']:.1f} ms" for n, r in rounds) + ".",
    "",
    "First page, one connection (sequential requests), ${PAGE_DURATION} s each:",
    "",
    "| user | tally p50 | tally p99 | tally req/s | ceiling p50 | ceiling p99 |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
]
for label, t, c in ((f"{$SMALL_ROWS:,} rows", small, small_c), (f"{$BIG_ROWS:,} rows", big, big_c)):
    lines.append(f"| {label} | {t['p50']:.2f} ms | {t['p99']:.2f} ms | {t['rps']:,.0f} | "
                 f"{c['p50']:.2f} ms | {c['p99']:.2f} ms |")
lines += [
    f"| big / small | {r50:.2f}× | {r99:.2f}× | | {big_c['p50'] / small_c['p50']:.2f}× | "
    f"{big_c['p99'] / small_c['p99']:.2f}× |",
    "",
    "Targets (issue 12, each a ratio to the ceiling in this run; text / trusted id):",
    "",
]
def targets(r):
    return [
        ("throughput ≥ 60 % of the ceiling's", r["rps"] / ceiling["rps"] >= 0.6,
         f"{r['rps'] / ceiling['rps']:.0%}"),
        ("p99 ≤ 1.5× the ceiling's", r["p99"] / ceiling["p99"] <= 1.5,
         f"{r['p99'] / ceiling['p99']:.2f}×"),
        ("PostgreSQL CPU per request ≤ 1.1× the ceiling's",
         ceiling["pg"] > 0 and r["pg"] / ceiling["pg"] <= 1.1,
         f"{r['pg'] / ceiling['pg']:.2f}×" if ceiling["pg"] > 0 else "ceiling's figure unusable"),
        ("server CPU per request ≤ 2.5× the ceiling's", r["cpu"] / ceiling["cpu"] <= 2.5,
         f"{r['cpu'] / ceiling['cpu']:.2f}×"),
    ]
for (label, met, shown), (_, met_id, shown_id) in zip(targets(tally), targets(tally_id)):
    lines.append(f"- {label}: text {ok(met)} ({shown}); id {ok(met_id)} ({shown_id})")
lines += [
    f"- first page of the {$BIG_ROWS:,}-row user within 1.5× of the {$SMALL_ROWS:,}-row user's: "
    f"{ok(r50 <= 1.5 and r99 <= 1.5)} (p50 {r50:.2f}×, p99 {r99:.2f}×)",
    "",
]
out = "\n".join(lines)
open(summary, "w").write(out)
sys.stdout.write(out)
PY
{
  echo
  echo "Plan of the page query for the $BIG_ROWS-row user:"
  echo
  echo '```'
  printf '%s\n' "$PLAN"
  echo '```'
} | tee -a "$SUMMARY"
if [ -n "${PERF:-}" ]; then
  wait "$PERF_PID" || true
  perf report -i "${PERF_OUT:-perf.data}" --no-children -g none --sort dso,symbol --percent-limit 0.7 \
    --stdio 2>/dev/null | grep -v '^$' | head -80 > "${PERF_OUT:-perf.data}.txt" || true
  log "profile: ${PERF_OUT:-perf.data} (top symbols in ${PERF_OUT:-perf.data}.txt)"
fi
log "summary written to $SUMMARY"
