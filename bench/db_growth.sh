#!/usr/bin/env bash
# Database size under sustained load (issue 11): `weft serve` with retention
# at its defaults (or WEFT_SERVE_ARGS), synchronous runs of bench/server_load.sh's
# 5-node pipeline at full rate with wrk for the whole duration, and every 10 s
# the sizes of weft.db and weft.db-wal, the executions kept and the runs
# finished so far. Ends with wrk's report, the plateau (the files over the
# second half of the load) and the files after an idle interval.
# Usage: bench/db_growth.sh [seconds=600] [connections=64]
# WEFT_BINARY picks the binary (default build/weft, a RelWithDebInfo build).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-600}"
CONNECTIONS="${2:-64}"
SAMPLE_EVERY=10
DATA=$(mktemp -d)
PORT=${WEFT_BENCH_PORT:-18766}
URL="http://127.0.0.1:$PORT"
METRICS_TOKEN=bench-metrics-token-0123456789
# shellcheck disable=SC2086 # WEFT_SERVE_ARGS is a list of flags
WEFT_METRICS_TOKEN=$METRICS_TOKEN "${WEFT_BINARY:-build/weft}" serve --port "$PORT" --data "$DATA" \
  --examples /nonexistent ${WEFT_SERVE_ARGS:-} >/dev/null 2>"$DATA/log" &
PID=$!
WRK_PID=
cleanup() {
  [[ -n $WRK_PID ]] && kill "$WRK_PID" 2>/dev/null
  kill "$PID" 2>/dev/null
  wait "$PID" 2>/dev/null
  rm -rf "$DATA"
}
trap cleanup EXIT
for _ in $(seq 100); do curl -sf "$URL/healthz" >/dev/null && break; sleep 0.05; done

TOKEN=$(curl -sf -X POST "$URL/api/auth/setup" \
  -d '{"email": "bench@example.com", "password": "bench-password-123"}' |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
curl -sf -X POST "$URL/api/pipelines" -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $TOKEN" --data @bench/load/five_node.json >/dev/null
KEY=$(curl -sf -X POST "$URL/api/api-keys" -H "Authorization: Bearer $TOKEN" \
  -d '{"name": "bench", "scope": "run"}' | python3 -c 'import json, sys; print(json.load(sys.stdin)["key"])')

size() { stat -c %s "$1" 2>/dev/null || echo 0; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
runs() {
  curl -sf "$URL/metrics" -H "Authorization: Bearer $METRICS_TOKEN" |
    awk '/^weft_runs_total/ { n += $2 } END { print n + 0 }'
}
kept() {
  python3 -c 'import sqlite3, sys
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True, timeout=5)
print(db.execute("SELECT count(*) FROM executions").fetchone()[0])' "$DATA/weft.db"
}

echo "weft serve ${WEFT_SERVE_ARGS:-(retention at its defaults)}; $CONNECTIONS connections for ${DURATION}s"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/load/run.lua \
  -H "Authorization: Bearer $KEY" "$URL/api/pipelines/five-node/run" >"$DATA/wrk.txt" &
WRK_PID=$!
START=$(date +%s)
printf '%6s %10s %10s %10s %12s %8s %9s\n' "t (s)" "db (MB)" "wal (MB)" "kept" "runs" "runs/s" "RSS (MB)"
LAST_RUNS=0
LAST_T=$START
SERIES=()
while kill -0 "$WRK_PID" 2>/dev/null; do
  sleep "$SAMPLE_EVERY"
  NOW=$(date +%s)
  DB=$(size "$DATA/weft.db")
  WAL=$(size "$DATA/weft.db-wal")
  RUNS=$(runs)
  RATE=$(((RUNS - LAST_RUNS) / (NOW - LAST_T)))
  RSS=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$PID/status")
  printf '%6d %10s %10s %10s %12d %8d %9s\n' $((NOW - START)) "$(mb "$DB")" "$(mb "$WAL")" \
    "$(kept)" "$RUNS" "$RATE" "$RSS"
  SERIES+=("$((NOW - START)) $DB $WAL")
  LAST_RUNS=$RUNS
  LAST_T=$NOW
done
wait "$WRK_PID" || true
WRK_PID=
echo "== wrk"
cat "$DATA/wrk.txt"
echo "== plateau over the second half of the load"
printf '%s\n' "${SERIES[@]}" | awk -v half=$((DURATION / 2)) '
  $1 >= half { n++; if (n == 1 || $2 < dmin) dmin = $2; if ($2 > dmax) dmax = $2;
               if (n == 1 || $3 < wmin) wmin = $3; if ($3 > wmax) wmax = $3 }
  END { if (n) printf "weft.db %.1f–%.1f MB, weft.db-wal %.1f–%.1f MB (%d samples)\n",
                      dmin / 1048576, dmax / 1048576, wmin / 1048576, wmax / 1048576, n }'
FINAL_RUNS=$(runs)
echo "runs finished: $FINAL_RUNS, executions kept: $(kept)"
sleep 12  # an idle interval: the pruner settles (free pages, the WAL)
echo "after 12 s idle: weft.db $(mb "$(size "$DATA/weft.db")") MB," \
  "weft.db-wal $(mb "$(size "$DATA/weft.db-wal")") MB"
echo "== the server's pruning reports"
grep '"pruned old executions"\|pruning old executions failed' "$DATA/log" | tail -5 || true
