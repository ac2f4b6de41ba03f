#!/usr/bin/env python3
"""Driver of bench/login-storm.sh: `{ me { id } }` over one keep-alive connection, one request
at a time with a short pause between, and the latency of each; prints p50/p90/p99/max.

usage: login_storm_me.py PORT TOKEN REQUESTS PAUSE_MS LABEL
"""
import http.client
import json
import math
import statistics
import sys
import time

port, token, count, pause_ms, label = sys.argv[1], sys.argv[2], int(sys.argv[3]), \
    float(sys.argv[4]), sys.argv[5]
body = json.dumps({"query": "{ me { id } }"})
headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
samples = []
for _ in range(count):
    started = time.perf_counter()
    conn.request("POST", "/graphql", body, headers)
    reply = conn.getresponse()
    data = reply.read()
    elapsed = (time.perf_counter() - started) * 1000
    if reply.status != 200 or b'"me":{"id"' not in data:
        sys.exit(f"{label}: unexpected answer {reply.status}: {data[:200]!r}")
    samples.append(elapsed)
    time.sleep(pause_ms / 1000)
samples.sort()


def pct(p):
    return samples[max(0, math.ceil(p / 100 * len(samples)) - 1)]  # nearest rank


print(f"{label}: {len(samples)} × me: p50 {pct(50):.1f} ms, p90 {pct(90):.1f} ms, "
      f"p99 {pct(99):.1f} ms, max {samples[-1]:.1f} ms, mean {statistics.fmean(samples):.1f} ms")
