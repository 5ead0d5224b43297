#!/usr/bin/env bash
# Load test of `weft serve`: synchronous runs of a 5-node pipeline through
# POST /api/pipelines/{id}/run (every execution and node run persisted), and
# the same load on /healthz for the server's own ceiling. Prints wrk's report
# and RSS figures. Usage: bench/server_load.sh [seconds=10] [connections=64]
# WEFT_BINARY picks the binary (default build/weft), to compare two builds;
# the server's own settings come from its environment (WEFT_ACCESS_LOG=all…).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-10}"
CONNECTIONS="${2:-64}"
PORT=${WEFT_BENCH_PORT:-18765}
source bench/load/weft_up.sh
trap weft_down EXIT
rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$WEFT_PID/status"; }
weft_start "$PORT"
echo "idle RSS: $(rss)"
weft_prepare "$PORT"
echo "RSS after 1,000 runs: $(rss)"
echo "== runs: POST /api/pipelines/five-node/run"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency -s bench/load/run.lua -H "$WEFT_AUTH" \
  "http://127.0.0.1:$PORT/api/pipelines/five-node/run"
echo "RSS after the run load: $(rss)"
echo "== ceiling: GET /healthz"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency "http://127.0.0.1:$PORT/healthz"
echo "executions stored: $(curl -sf "http://127.0.0.1:$PORT/metrics" -H "Authorization: Bearer $WEFT_TOKEN" |
  grep 'weft_runs_total{status="succeeded"}')"
echo "stderr written: $(du -b "$WEFT_DATA_DIR/log" | cut -f1) bytes"
