#!/usr/bin/env bash
# Weft against Node-RED 4 on the same work, the same machine, in one run.
# The work is bench/load/five_node.json: a JSON body in, its text upper-cased,
# a length check that picks the branch, a reshaped object out as JSON.
# Weft persists every execution and node run (SQLite) and checks an API key
# on each request; Node-RED persists nothing and checks nothing.
#
# Installs Node-RED from npm into $WEFT_PEERS_DIR/node-red (default
# /tmp/weft-peers/node-red) on first use, loads bench/peers/node_red_flow.json
# (change nodes with JSONata, a switch, as a Node-RED user builds it; set
# NODE_RED_FLOW=function for function nodes instead), then alternates the two
# servers for ROUNDS rounds: wrk with 64 connections for throughput and with
# 1 connection for latency. Prints each round and the medians.
# Usage: bench/peers/node_red.sh [seconds=10] [rounds=3]. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:-10}
ROUNDS=${2:-3}
PEERS=${WEFT_PEERS_DIR:-/tmp/weft-peers}
NR_HOME=$PEERS/node-red
NR_VERSION=${NODE_RED_VERSION:-4}
FLOW=bench/peers/node_red_flow.json
if [[ ${NODE_RED_FLOW:-change} == function ]]; then FLOW=bench/peers/node_red_flow_function.json; fi
BODY='{"text": "hello weft"}'

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

if [[ ! -f $NR_HOME/node_modules/node-red/red.js ]]; then
  echo "installing node-red@$NR_VERSION into $NR_HOME"
  mkdir -p "$NR_HOME"
  npm install --prefix "$NR_HOME" --no-audit --no-fund --loglevel=error "node-red@$NR_VERSION" >/dev/null
fi
NR_USER=$(mktemp -d)
cp "$FLOW" "$NR_USER/flows.json"
NR_PORT=$(free_port)
node "$NR_HOME/node_modules/node-red/red.js" --userDir "$NR_USER" --settings bench/peers/node_red_settings.js \
  --port "$NR_PORT" >"$NR_USER/log" 2>&1 &
NR_PID=$!

source bench/load/weft_up.sh
cleanup() {
  kill "$NR_PID" 2>/dev/null || true
  wait "$NR_PID" 2>/dev/null || true
  rm -rf "$NR_USER"
  weft_down
}
trap cleanup EXIT
WEFT_PORT=$(free_port)
weft_up "$WEFT_PORT"
WEFT_URL="http://127.0.0.1:$WEFT_PORT/api/pipelines/five-node/run"
NR_URL="http://127.0.0.1:$NR_PORT/five-node"

ask_node_red() { curl -sf -m 5 -X POST "$NR_URL" -H 'Content-Type: application/json' -d "$BODY"; }
for _ in $(seq 200); do ask_node_red >/dev/null 2>&1 && break; sleep 0.1; done
echo "node-red $(node -p "require('$NR_HOME/node_modules/node-red/package.json').version") answers: $(ask_node_red)"
echo "weft answers: $(curl -sf -X POST "$WEFT_URL" -H "$WEFT_AUTH" -H 'Content-Type: application/json' -d "$BODY")"
for _ in $(seq 1000); do ask_node_red >/dev/null; done  # the same warm-up as Weft's (JIT)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"

# One wrk load; prints "requests/s p50_ms p99_ms requests".
load() {
  local connections=$1 url=$2
  shift 2
  local threads=$((connections > 1 ? 2 : 1))
  wrk -t"$threads" -c"$connections" -d"${SECONDS_EACH}s" --latency -s bench/load/run.lua "$@" "$url" | wrk_figures
}

RESULTS=$(mktemp)
printf '%-6s %-9s %12s %12s %12s %12s\n' round server "64c req/s" "1c req/s" "1c p50 ms" "1c p99 ms"
for round in $(seq "$ROUNDS"); do
  read -r w64 _ < <(load 64 "$WEFT_URL" -H "$WEFT_AUTH")
  read -r n64 _ < <(load 64 "$NR_URL")
  read -r w1 w50 w99 _ < <(load 1 "$WEFT_URL" -H "$WEFT_AUTH")
  read -r n1 n50 n99 _ < <(load 1 "$NR_URL")
  printf '%-6s %-9s %12s %12s %12s %12s\n' "$round" weft "$w64" "$w1" "$w50" "$w99" \
    "$round" node-red "$n64" "$n1" "$n50" "$n99"
  echo "$w64 $w1 $w50 $w99 $n64 $n1 $n50 $n99" >>"$RESULTS"
done
echo "executions stored by weft: $(curl -sf "http://127.0.0.1:$WEFT_PORT/metrics" -H "Authorization: Bearer $WEFT_TOKEN" |
  grep 'weft_runs_total{status="succeeded"}' | awk '{print $2}')"
python3 - "$RESULTS" <<'PY'
import statistics, sys
rows = [list(map(float, line.split())) for line in open(sys.argv[1])]
w64, w1, w50, w99, n64, n1, n50, n99 = (statistics.median(column) for column in zip(*rows))
print(f"median over {len(rows)} rounds:")
for name, c64, c1, p50, p99 in (("weft", w64, w1, w50, w99), ("node-red", n64, n1, n50, n99)):
    print(f"  {name:<9} {c64:>6.0f} req/s at 64 connections; at 1: {c1:.0f} req/s, p50 {p50:.3f} ms, p99 {p99:.3f} ms")
print(f"  weft / node-red: {w64 / n64:.2f}x the throughput at 64 connections, {w1 / n1:.2f}x at 1; "
      f"latency at 1 connection p50 {w50 / n50:.2f}x, p99 {w99 / n99:.2f}x Node-RED's")
PY
rm -f "$RESULTS"
