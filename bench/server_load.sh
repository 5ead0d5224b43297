#!/usr/bin/env bash
# Load test of `weft serve`: synchronous runs of a 5-node pipeline through
# POST /api/pipelines/{id}/run (every execution and node run persisted), and
# the same load on /healthz for the server's own ceiling. Prints wrk's report
# and RSS figures. Usage: bench/server_load.sh [seconds=10] [connections=64]
# WEFT_BINARY picks the binary (default build/weft), to compare two builds.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-10}"
CONNECTIONS="${2:-64}"
DATA=$(mktemp -d)
PORT=${WEFT_BENCH_PORT:-18765}
"${WEFT_BINARY:-build/weft}" serve --port "$PORT" --data "$DATA" --examples /nonexistent >/dev/null 2>"$DATA/log" &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.05; done
rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$PID/status"; }
echo "idle RSS: $(rss)"
# Every route needs a caller: set up the owner, then run with an API key as a client would.
TOKEN=$(curl -sf -X POST "http://127.0.0.1:$PORT/api/auth/setup" \
  -d '{"email": "bench@example.com", "password": "bench-password-123"}' |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
curl -sf -X POST "http://127.0.0.1:$PORT/api/pipelines" -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $TOKEN" --data @bench/load/five_node.json >/dev/null
KEY=$(curl -sf -X POST "http://127.0.0.1:$PORT/api/api-keys" -H "Authorization: Bearer $TOKEN" \
  -d '{"name": "bench", "scope": "run"}' | python3 -c 'import json, sys; print(json.load(sys.stdin)["key"])')
AUTH="Authorization: Bearer $KEY"
for _ in $(seq 1000); do
  curl -sf -X POST "http://127.0.0.1:$PORT/api/pipelines/five-node/run" -H "$AUTH" \
    -d '{"text":"warm up"}' >/dev/null
done
echo "RSS after 1,000 runs: $(rss)"
echo "== runs: POST /api/pipelines/five-node/run"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency -s bench/load/run.lua -H "$AUTH" \
  "http://127.0.0.1:$PORT/api/pipelines/five-node/run"
echo "RSS after the run load: $(rss)"
echo "== ceiling: GET /healthz"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency "http://127.0.0.1:$PORT/healthz"
echo "executions stored: $(curl -sf "http://127.0.0.1:$PORT/metrics" -H "Authorization: Bearer $TOKEN" |
  grep 'weft_runs_total{status="succeeded"}')"
