#!/usr/bin/env bash
# A smaller, quicker run of bench/run.sh (the benchmark; see docs/PERFORMANCE.md):
# 100 users × 1,000 rows, 5 s per measurement. Every variable of run.sh still applies.
set -euo pipefail
export USERS="${USERS:-100}" DURATION="${DURATION:-5}" PAGE_DURATION="${PAGE_DURATION:-3}"
export BIG_ROWS="${BIG_ROWS:-100000}"
exec "$(dirname "$0")/run.sh" "$@"
