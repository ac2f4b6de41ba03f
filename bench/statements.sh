#!/usr/bin/env bash
# The SQL statements Tally sends for one hot request, from PostgreSQL's own log.
#
# Creates a throwaway database with `log_statement = 'all'` set on it alone (nothing else on
# the server changes), starts `tally serve` on it, signs one user up, inserts ROWS
# transactions, sends the benchmark's query REQUESTS times (the first warms the caches) and
# prints the statements PostgreSQL saw for the last request: parse/bind/execute of extended-
# protocol statements show as `execute <name>` (prepared and cached) or `execute <unnamed>`.
#
#   bench/statements.sh                            # release build of tally
#   TALLY_BIN=target/debug/tally bench/statements.sh
#   AUTH_STATE_CACHE_MS=0 bench/statements.sh      # include the session-gate query every time
#
# Needs: psql, python3, curl, read access to PostgreSQL's log (PG_LOG).
set -euo pipefail
cd "$(dirname "$0")/.."
PG_ADMIN_URL="${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
PG_LOG="${PG_LOG:-/var/log/postgresql/postgresql-15-main.log}"
TALLY_BIN="${TALLY_BIN:-target/release/tally}"
ROWS="${ROWS:-200}"
REQUESTS="${REQUESTS:-3}"
HOT='{ transactions(first: 50) { edges { node { id amount description date category { name } } } } }'
QUERY_TEXT="${QUERY_TEXT:-$HOT}"
BASE="${PG_ADMIN_URL%/*}"
DB="tally_stmts_$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
WORK="$(mktemp -d)"
PID=""
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  psql -q "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
psql -q "$PG_ADMIN_URL" -c "CREATE DATABASE $DB" >/dev/null
psql -q "$PG_ADMIN_URL" -c "ALTER DATABASE $DB SET log_statement = 'all'" >/dev/null
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
JWT_SECRET="$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')" \
RUST_LOG=warn TALLY_ADDR="127.0.0.1:$PORT" DATABASE_URL="$BASE/$DB" BCRYPT_COST=4 \
  TALLY_DATA_DIR="$WORK" "$TALLY_BIN" serve &
PID=$!
for _ in $(seq 1 150); do curl -s -o /dev/null "http://127.0.0.1:$PORT/readyz" && break; sleep 0.2; done
gql() { curl -sS -H 'Content-Type: application/json' ${2:+-H "Authorization: Bearer $2"} \
  --data "$1" "http://127.0.0.1:$PORT/graphql"; }
TOKEN=$(gql '{"query":"mutation { signup(input: {username: \"stmts\", email: \"stmts@bench.example\", password: \"quiet walrus ledger\", baseCurrency: \"USD\"}) { accessToken } }"}' \
  | tee "$WORK/signup.json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["signup"]["accessToken"])') \
  || { echo "sign-up failed: $(cat "$WORK/signup.json")" >&2; exit 1; }
psql -q -v ON_ERROR_STOP=1 "$BASE/$DB" >/dev/null <<SQL
INSERT INTO transactions (id, user_id, account_id, category_id, date, amount_minor, currency,
                          description, description_key, created_at, updated_at)
SELECT gen_random_uuid(), a.user_id, a.id,
       (SELECT id FROM categories c WHERE c.user_id = a.user_id AND c.parent_id IS NOT NULL
        ORDER BY c.position, c.name OFFSET g % 5 LIMIT 1),
       CURRENT_DATE - g, -100 - g, a.currency, 'Row ' || g, 'row ' || g, now(), now()
FROM accounts a CROSS JOIN generate_series(1, $ROWS) g WHERE a.is_default;
SQL
BODY=$(python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "$QUERY_TEXT")
for _ in $(seq 1 "$REQUESTS"); do gql "$BODY" "$TOKEN" > "$WORK/answer.json"; done
grep -q '"edges":\[{' "$WORK/answer.json" || { echo "no page: $(head -c 300 "$WORK/answer.json")" >&2; exit 1; }
# logged: the statements of one request, as PostgreSQL logged them (parameters left out).
logged() {
  local start
  start=$(wc -l < "$PG_LOG")
  gql "$BODY" "$TOKEN" >/dev/null
  sleep 0.5
  tail -n +"$((start + 1))" "$PG_LOG" | grep "@$DB " | grep -E 'LOG:  (statement|execute)' \
    | sed -E 's/^.* LOG:  //' | nl -w2 -s'. '
}
sleep "$(python3 -c "print(${AUTH_STATE_CACHE_MS:-2000} / 1000 + 0.5)")"
echo "A request whose session state is not cached (the first after AUTH_STATE_CACHE_MS):"
logged
echo
echo "The next request (session state cached):"
logged
