#!/usr/bin/env python3
"""Driver of bench/soak.sh: mixed reads and writes against several Tally instances for a fixed
time, recording every write it saw succeed; then it recomputes counts and balances from the
database rows and compares them with what it recorded.

usage: soak_driver.py DB_URL SECONDS THREADS USERS_PER_THREAD PORT [PORT ...]

Each thread owns its users (no two threads write for the same user), so the writes of one
user are sequential and what the driver expects is exact; each request goes to a random
instance. Creates carry an idempotency key; a create whose answer was lost (a connection
error or timeout) is retried with the same key on the other instance, so a lost answer can
neither lose nor double the row. Prints a report and exits 1 if any check fails.
"""
import http.client
import json
import math
import random
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from datetime import date

DB_URL, SECONDS, THREADS, PER_THREAD = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), \
    int(sys.argv[4])
PORTS = [int(p) for p in sys.argv[5:]]
TODAY = date.today().isoformat()

SIGNUP = "mutation Signup($i: SignupInput!) { signup(input: $i) { accessToken } }"
PAGE = ("query Page { transactions(first: 20) { totalCount "
        "edges { node { id amount description } } } }")
ACCOUNTS = "query Accounts { accounts { id balance ledgerBalance isDefault } }"
ME = "query Me { me { id } }"
CREATE = ("mutation Create($i: CreateTransactionInput!) { createTransaction(input: $i) "
          "{ id amount } }")
UPDATE = ("mutation Update($id: UUID!, $i: UpdateTransactionInput!) "
          "{ updateTransaction(id: $id, input: $i) { id amount } }")
DELETE = "mutation Delete($id: UUID!) { deleteTransaction(id: $id) }"


class Client:
    """One keep-alive connection per instance, for one thread."""

    def __init__(self):
        self.conns = {}

    def post(self, port, body, token=None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        conn = self.conns.get(port)
        if conn is None:
            conn = self.conns[port] = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            conn.request("POST", "/graphql", json.dumps(body), headers)
            reply = conn.getresponse()
            return reply.status, json.loads(reply.read() or b"null")
        except (OSError, http.client.HTTPException, ValueError):
            conn.close()
            del self.conns[port]
            raise


def cents(text):
    """A decimal string with at most 2 places as integer cents, exactly."""
    sign = -1 if text.startswith("-") else 1
    whole, _, frac = text.lstrip("-").partition(".")
    return sign * (int(whole) * 100 + int((frac + "00")[:2]))


def money(minor):
    sign = "-" if minor < 0 else ""
    return f"{sign}{abs(minor) // 100}.{abs(minor) % 100:02d}"


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency = defaultdict(list)
        self.status = Counter()
        self.errors = Counter()
        self.retried = 0

    def add(self, kind, seconds, status, body):
        with self.lock:
            self.latency[kind].append(seconds * 1000)
            self.status[status] += 1
            for err in (body or {}).get("errors") or []:
                code = (err.get("extensions") or {}).get("code", "?")
                self.errors[f"{kind}:{code}"] += 1


STATS = Stats()


def call(client, kind, body, token):
    port = random.choice(PORTS)
    started = time.perf_counter()
    status, reply = client.post(port, body, token)
    STATS.add(kind, time.perf_counter() - started, status, reply)
    return status, reply


def sign_up(client, n):
    name = f"soak{n}_{uuid.uuid4().hex[:8]}"
    body = {"query": SIGNUP, "variables": {"i": {
        "username": name, "email": f"{name}@soak.example", "password": "soak test passphrase",
        "baseCurrency": "USD"}}}
    status, reply = client.post(PORTS[n % len(PORTS)], body)
    if status != 200 or not reply.get("data"):
        sys.exit(f"soak: sign-up failed: {status} {reply}")
    return {"token": reply["data"]["signup"]["accessToken"], "live": {}, "name": name}


def create(client, user):
    amount = random.randint(-50_000, 20_000) or 1
    key = uuid.uuid4().hex
    body = {"query": CREATE, "variables": {"i": {
        "date": TODAY, "amount": money(amount), "description": f"soak {key[:12]}",
        "idempotencyKey": key}}}
    for attempt in range(3):
        try:
            status, reply = call(client, "create", body, user["token"])
        except (OSError, http.client.HTTPException, ValueError):
            with STATS.lock:  # the answer was lost: the same key again, maybe elsewhere
                STATS.retried += 1
            continue
        data = (reply or {}).get("data") or {}
        if status == 200 and data.get("createTransaction"):
            row = data["createTransaction"]
            user["live"][row["id"]] = cents(row["amount"])
            return
        return
    user.setdefault("unknown", []).append(key)


def update(client, user):
    if not user["live"]:
        return create(client, user)
    tx = random.choice(list(user["live"]))
    amount = random.randint(-50_000, 20_000) or 1
    body = {"query": UPDATE, "variables": {"id": tx, "i": {"amount": money(amount)}}}
    status, reply = call(client, "update", body, user["token"])
    data = (reply or {}).get("data") or {}
    if status == 200 and data.get("updateTransaction"):
        user["live"][tx] = cents(data["updateTransaction"]["amount"])


def delete(client, user):
    if not user["live"]:
        return create(client, user)
    tx = random.choice(list(user["live"]))
    status, reply = call(client, "delete", {"query": DELETE, "variables": {"id": tx}},
                         user["token"])
    if status == 200 and ((reply or {}).get("data") or {}).get("deleteTransaction") == tx:
        del user["live"][tx]


def read(client, user, kind, query):
    call(client, kind, {"query": query}, user["token"])


MIX = [  # (weight, action)
    (40, lambda c, u: read(c, u, "page", PAGE)),
    (15, lambda c, u: read(c, u, "accounts", ACCOUNTS)),
    (5, lambda c, u: read(c, u, "me", ME)),
    (25, create),
    (8, update),
    (7, delete),
]


def worker(users, deadline):
    client = Client()
    actions = [action for weight, action in MIX for _ in range(weight)]
    while time.monotonic() < deadline:
        user = random.choice(users)
        try:
            random.choice(actions)(client, user)
        except (OSError, http.client.HTTPException, ValueError) as err:
            with STATS.lock:
                STATS.errors[f"transport:{type(err).__name__}"] += 1


def psql(sql):
    out = subprocess.run(["psql", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", DB_URL, "-c", sql],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def pct(samples, p):
    return samples[max(0, math.ceil(p / 100 * len(samples)) - 1)]


def main():
    setup = Client()
    teams = [[sign_up(setup, t * PER_THREAD + i) for i in range(PER_THREAD)]
             for t in range(THREADS)]
    deadline = time.monotonic() + SECONDS
    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(team, deadline)) for team in teams]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started

    users = {u["name"]: u for team in teams for u in team}
    failures = []
    # Rows as the database holds them, per user.
    rows = defaultdict(dict)
    for name, tx, amount in psql(
            "SELECT u.username, t.id, t.amount_minor FROM transactions t "
            "JOIN users u ON u.id = t.user_id WHERE u.email LIKE '%@soak.example'"):
        rows[name][tx] = int(amount)
    for name, user in users.items():
        expected, actual = user["live"], rows.get(name, {})
        lost = set(expected) - set(actual)
        extra = set(actual) - set(expected)
        changed = [tx for tx in set(expected) & set(actual) if expected[tx] != actual[tx]]
        if lost or changed or (extra and not user.get("unknown")):
            failures.append(f"{name}: {len(lost)} lost, {len(extra)} unexpected, "
                            f"{len(changed)} with another amount")
    doubled = psql("SELECT t.user_id, t.description, count(*) FROM transactions t "
                   "WHERE t.description LIKE 'soak %' GROUP BY 1, 2 HAVING count(*) > 1")
    if doubled:
        failures.append(f"{len(doubled)} descriptions written more than once: {doubled[:3]}")
    balances = psql("SELECT a.id, a.balance_minor, a.opening_balance_minor + "
                    "COALESCE((SELECT sum(t.amount_minor) FROM transactions t "
                    "WHERE t.account_id = a.id), 0) FROM accounts a "
                    "JOIN users u ON u.id = a.user_id WHERE u.email LIKE '%@soak.example'")
    wrong = [b for b in balances if int(b[1]) != int(b[2])]
    if wrong:
        failures.append(f"{len(wrong)} account balances differ from their rows: {wrong[:3]}")
    server_errors = sum(n for status, n in STATS.status.items() if status >= 500)
    if server_errors:
        failures.append(f"{server_errors} answers with HTTP 5xx")
    unexpected = {k: n for k, n in STATS.errors.items()
                  if not k.startswith(("update:NOT_FOUND", "delete:NOT_FOUND"))}
    if unexpected:
        failures.append(f"unexpected errors: {unexpected}")

    total = sum(len(v) for v in STATS.latency.values())
    print(f"soak: {len(PORTS)} instances, {THREADS} threads, {len(users)} users, "
          f"{elapsed:.0f} s, {total} requests ({total / elapsed:.0f}/s)")
    print(f"  statuses: {dict(sorted(STATS.status.items()))}; errors: {dict(STATS.errors)}; "
          f"create retries: {STATS.retried}")
    everything = sorted(s for v in STATS.latency.values() for s in v)
    for kind, samples in sorted(STATS.latency.items()) + [("all", everything)]:
        samples = sorted(samples)
        print(f"  {kind:8} {len(samples):7} × p50 {pct(samples, 50):6.1f} ms  "
              f"p90 {pct(samples, 90):6.1f} ms  p99 {pct(samples, 99):6.1f} ms  "
              f"max {samples[-1]:7.1f} ms")
    live = sum(len(u["live"]) for u in users.values())
    print(f"  rows: {live} expected, {sum(len(r) for r in rows.values())} in the database; "
          f"{len(balances)} account balances recomputed from the rows")
    if failures:
        print("soak: FAILED\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("soak: OK — no 5xx, no lost or doubled writes, balances match the rows")


if __name__ == "__main__":
    main()
