#!/usr/bin/env bash
# What the access log costs under load: one `weft serve` per setting
# (--access-log all, errors, off; and WEFT_BASELINE_BINARY, when set, an older
# build as it is), all started and warmed up first, then the five-node run
# load of bench/server_load.sh (64 connections) against each in turn, ROUNDS
# times, so the machine's noise falls on every setting alike. Prints each
# measurement, the medians, the server's CPU time per run (user + system, the
# figure least moved by other work on a shared machine) and the bytes of
# stderr each server wrote.
# WEFT_BENCH_TARGET=healthz loads GET /healthz instead, where the log's
# share of each request is about ten times larger.
# Usage: bench/access_log_cost.sh [seconds=10] [rounds=5]. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-10}
ROUNDS=${2:-5}
source bench/load/weft_up.sh

NAMES=(all errors off)
if [[ -n "${WEFT_BASELINE_BINARY:-}" ]]; then NAMES+=(baseline); fi
declare -A PID DIR AUTH PORT
cleanup() {
  for name in "${!PID[@]}"; do
    WEFT_PID=${PID[$name]} WEFT_DATA_DIR=${DIR[$name]} weft_down
  done
}
trap cleanup EXIT
next_port=${WEFT_BENCH_PORT:-18770}
for name in "${NAMES[@]}"; do
  binary=${WEFT_BINARY:-build/weft}
  setting=$name
  if [[ $name == baseline ]]; then binary=$WEFT_BASELINE_BINARY setting=all; fi
  PORT[$name]=$next_port
  WEFT_BINARY=$binary WEFT_ACCESS_LOG=$setting weft_up "$next_port"
  PID[$name]=$WEFT_PID DIR[$name]=$WEFT_DATA_DIR AUTH[$name]=$WEFT_AUTH
  WEFT_PID= WEFT_DATA_DIR=
  next_port=$((next_port + 1))
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"

# The server's user + system CPU time so far, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICK_US=$((1000000 / $(getconf CLK_TCK)))

RESULTS=$(mktemp)
for round in $(seq "$ROUNDS"); do
  for name in "${NAMES[@]}"; do
    before=$(stat -c %s "${DIR[$name]}/log")
    ticks=$(cpu_ticks "${PID[$name]}")
    load=(-s bench/load/run.lua -H "${AUTH[$name]}" "http://127.0.0.1:${PORT[$name]}/api/pipelines/five-node/run")
    if [[ ${WEFT_BENCH_TARGET:-runs} == healthz ]]; then load=("http://127.0.0.1:${PORT[$name]}/healthz"); fi
    read -r rps _ p99 requests < <(wrk -t2 -c64 -d"${SECONDS_EACH}s" --latency "${load[@]}" | wrk_figures)
    sleep 0.3  # the last batch of lines
    cpu_us=$((($(cpu_ticks "${PID[$name]}") - ticks) * TICK_US / requests))
    bytes=$(($(stat -c %s "${DIR[$name]}/log") - before))
    printf 'round %s  %-8s %7s req/s  p99 %6s ms  cpu %4s us/req  stderr %10s bytes\n' \
      "$round" "$name" "$rps" "$p99" "$cpu_us" "$bytes"
    echo "$name $rps $p99 $cpu_us $bytes" >>"$RESULTS"
  done
done
python3 - "$RESULTS" "$SECONDS_EACH" <<'PY'
import collections, statistics, sys
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, *figures = line.split()
    rows[name].append(list(map(float, figures)))
print("medians:")
for name, runs in rows.items():
    rps, p99, cpu, size = (statistics.median(column) for column in zip(*runs))
    per_request = size / (rps * float(sys.argv[2]))
    print(f"  {name:<8} {rps:>7.0f} req/s  p99 {p99:6.2f} ms  cpu {cpu:4.0f} us/req  "
          f"stderr {size / 1e6:7.2f} MB a load ({per_request:.0f} bytes a request)")
PY
rm -f "$RESULTS"
