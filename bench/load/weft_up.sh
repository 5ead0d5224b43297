# Sourced by the load scripts: starts `weft serve` on a new data directory,
# sets up an owner, loads the five-node pipeline, makes a run-scoped API key
# and warms the server up with 1,000 runs, as a client would.
# `weft_up PORT` is `weft_start PORT` then `weft_prepare PORT`.
# After them: WEFT_PID, WEFT_DATA_DIR, WEFT_TOKEN (the owner's
# access token) and WEFT_AUTH (the API key's Authorization header).
# WEFT_BINARY picks the binary (default build/weft); the server's stderr goes
# to $WEFT_DATA_DIR/log. Also `wrk_figures`, which reads a wrk report.

weft_up() {
  weft_start "$1"
  weft_prepare "$1"
}

# Starts the server and waits for its first answer.
weft_start() {
  local port=$1
  WEFT_DATA_DIR=$(mktemp -d)
  "${WEFT_BINARY:-build/weft}" serve --port "$port" --data "$WEFT_DATA_DIR" --examples /nonexistent \
    >/dev/null 2>"$WEFT_DATA_DIR/log" &
  WEFT_PID=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.05; done
}

# The owner, the pipeline, the API key and the warm-up.
weft_prepare() {
  local port=$1
  WEFT_TOKEN=$(curl -sf -X POST "http://127.0.0.1:$port/api/auth/setup" \
    -d '{"email": "bench@example.com", "password": "bench-password-123"}' |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
  curl -sf -X POST "http://127.0.0.1:$port/api/pipelines" -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $WEFT_TOKEN" --data @bench/load/five_node.json >/dev/null
  local key
  key=$(curl -sf -X POST "http://127.0.0.1:$port/api/api-keys" -H "Authorization: Bearer $WEFT_TOKEN" \
    -d '{"name": "bench", "scope": "run"}' | python3 -c 'import json, sys; print(json.load(sys.stdin)["key"])')
  WEFT_AUTH="Authorization: Bearer $key"
  for _ in $(seq 1000); do
    curl -sf -X POST "http://127.0.0.1:$port/api/pipelines/five-node/run" -H "$WEFT_AUTH" \
      -d '{"text":"warm up"}' >/dev/null
  done
}

# Stops the server started by weft_up and removes its data directory.
weft_down() {
  if [[ -n "${WEFT_PID:-}" ]]; then
    kill "$WEFT_PID" 2>/dev/null || true
    wait "$WEFT_PID" 2>/dev/null || true
    WEFT_PID=
  fi
  if [[ -n "${WEFT_DATA_DIR:-}" ]]; then
    rm -rf "$WEFT_DATA_DIR"
    WEFT_DATA_DIR=
  fi
}

# Reads `wrk --latency` output; prints "requests/s p50_ms p99_ms requests" and
# says on stderr when some answers were not 2xx/3xx.
wrk_figures() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    / requests in / { n = $1 }
    /Non-2xx/ { print "non-2xx answers: " $NF > "/dev/stderr" }
    END { printf "%.0f %.3f %.3f %d\n", rps, p50, p99, n }'
}
