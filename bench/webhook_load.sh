#!/usr/bin/env bash
# Webhook deliveries against the run endpoint (issue 12), in one server:
#  1. POST /api/pipelines/five-node/run (wait=true), the reference;
#  2. a webhook answering when the run finishes, on the same five blocks
#     ending in output_response (issue target: within 10 % of 1);
#  3. a webhook answering 202 once the execution row is committed
#     (issue target: ≥ 15,000/s at 64 connections).
# Usage: bench/webhook_load.sh [seconds=10] [connections=64]; WEFT_BINARY picks the build.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-10}"
CONNECTIONS="${2:-64}"
PORT=${WEFT_BENCH_PORT:-18766}
source bench/load/weft_up.sh
trap weft_down EXIT
weft_up "$PORT"
api() {
  curl -sf -X "$1" "http://127.0.0.1:$PORT$2" -H "Authorization: Bearer $WEFT_TOKEN" \
    -H 'Content-Type: application/json' --data "$3"
}
api POST /api/pipelines @bench/load/five_node_response.json >/dev/null
hook_url() {
  api POST /api/triggers "{\"pipeline_id\": \"$1\", \"kind\": \"webhook\", \"config\": {\"respond\": \"$2\"}}" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["url"])'
}
waits=$(hook_url five-node-response when_finished)
at_once=$(hook_url five-node immediately)
load() {
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency -s bench/load/run.lua "$@" | wrk_figures
}
echo "case runs/s p50_ms p99_ms requests"
echo "run_endpoint $(load -H "$WEFT_AUTH" "http://127.0.0.1:$PORT/api/pipelines/five-node/run")"
echo "webhook_when_finished $(load "http://127.0.0.1:$PORT$waits")"
echo "webhook_202 $(load "http://127.0.0.1:$PORT$at_once")"
