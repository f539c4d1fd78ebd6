#!/usr/bin/env bash
# Prediction log overhead: single-row /api/models/{m}/predict with wrk at 32 connections, with the model's logging off and
# on (every request recorded, inputs and outputs), alternating ROUNDS times so that a shared machine's noise hits both.
# The log is flushed to the same Azurite the runtime uses. Prints requests/s and p99 per run and the on/off ratio, and the
# CPU time per request of the runtime and of Azurite in each run (from /proc): on this one machine Azurite shares the cores
# with the runtime and wrk, and it computes a CRC64 of every appended block in JavaScript, a cost real Blob Storage does
# not put on the serving instance; the CPU columns separate the runtime's own cost of logging from the emulator's.
# BENCH_DURATION (default 10) seconds per run, BENCH_ROUNDS (default 3).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DURATION=${BENCH_DURATION:-10}
ROUNDS=${BENCH_ROUNDS:-3}
MODEL=bench-linear

bench_apt wrk python3-numpy
bench_start logging
MACHINE=$(bench_machine)
echo "$MACHINE"
bench_build_runtime
"$PY" "$BENCH_DIR/data.py" csv "$WORK/train.csv" 10000
"$PY" "$BENCH_DIR/data.py" body "$WORK/body.json" 1

bench_azurite
AZURITE=$AZURITE_PID
PORT=$(free_port)
bench_runtime "$PORT" "$WORK/runtime.log"
bench_wait_runtime "$PORT" "$WORK/runtime.log"
bench_upload "$PORT" bench/train.csv "$WORK/train.csv"
VERSION=$(bench_train "$PORT" "$MODEL" bench/train.csv)
echo "Version $VERSION is current."
URL="http://127.0.0.1:$PORT/api/models/$MODEL/predict"
export BENCH_KEY BENCH_BODY="$WORK/body.json"

logging() {
  curl -fsS -X PUT -H "x-functions-key: $BENCH_KEY" -d "{\"enabled\":$1,\"samplingRate\":1}" "http://127.0.0.1:$PORT/api/models/$MODEL/logging" >/dev/null
  sleep 6 # past AiMaas:PredictionLog:SettingsCacheDuration, though this instance takes its own write at once
}

rps() { grep -E "Requests/sec" "$1" | awk '{print $2}'; }
requests() { grep -E "requests in" "$1" | awk '{print $1}'; }
# cpu_ticks PID: user + system clock ticks the process has used so far.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICK=$(getconf CLK_TCK)
p99() { grep -E "^ +99%" "$1" | awk '{print $2}'; }

echo "Warming up (3 s)..."
wrk -t2 -c32 -d3s -s "$BENCH_DIR/post.lua" "$URL" >/dev/null
declare -a OFF ON OFF_CPU ON_CPU OFF_AZ ON_AZ
for round in $(seq 1 "$ROUNDS"); do
  for mode in false true; do
    logging "$mode"
    out="$WORK/wrk-$mode-$round.txt"
    runtime0=$(cpu_ticks "$RUNTIME_PID")
    azurite0=$(cpu_ticks "$AZURITE")
    wrk -t2 -c32 -d"${DURATION}s" --latency -s "$BENCH_DIR/post.lua" "$URL" >"$out"
    runtime1=$(cpu_ticks "$RUNTIME_PID")
    azurite1=$(cpu_ticks "$AZURITE")
    if grep -q "Non-2xx" "$out"; then
      grep "Non-2xx" "$out" >&2
    fi
    # CPU microseconds per request served, of the runtime and of Azurite, over the wrk run.
    cpu=$(awk -v a="$runtime0" -v b="$runtime1" -v n="$(requests "$out")" -v t="$TICK" 'BEGIN { printf "%.1f", (b - a) * 1e6 / t / n }')
    az=$(awk -v a="$azurite0" -v b="$azurite1" -v n="$(requests "$out")" -v t="$TICK" 'BEGIN { printf "%.1f", (b - a) * 1e6 / t / n }')
    printf 'round %d logging %-5s %10s req/s  p99 %-8s runtime %5s us CPU/request, Azurite %5s us  (load %s)\n' \
      "$round" "$mode" "$(rps "$out")" "$(p99 "$out")" "$cpu" "$az" "$(cut -d' ' -f1 /proc/loadavg)"
    if [[ $mode == false ]]; then
      OFF+=("$(rps "$out")") OFF_CPU+=("$cpu") OFF_AZ+=("$az")
    else
      ON+=("$(rps "$out")") ON_CPU+=("$cpu") ON_AZ+=("$az")
    fi
  done
done

RECORDS=$(curl -fsS -H "x-functions-key: $BENCH_KEY" "http://127.0.0.1:$PORT/api/models/$MODEL/predictions?limit=1" | json_get records.0.id || true)
echo "A logged record's id: ${RECORDS:-none}"
"$PY" - "${OFF[*]}" "${ON[*]}" "${OFF_CPU[*]}" "${ON_CPU[*]}" "${OFF_AZ[*]}" "${ON_AZ[*]}" <<'PY'
import statistics, sys
off, on, off_cpu, on_cpu, off_az, on_az = ([float(v) for v in a.split()] for a in sys.argv[1:7])
m = statistics.median
print(f"median off {m(off):.0f} req/s, median on {m(on):.0f} req/s, on/off {m(on) / m(off):.3f}")
print(f"runtime CPU per request: off {m(off_cpu):.1f} us, on {m(on_cpu):.1f} us (on/off {m(on_cpu) / m(off_cpu):.3f}); "
      f"Azurite CPU per request: off {m(off_az):.1f} us, on {m(on_az):.1f} us")
PY
grep -c "records dropped\|Prediction log dropped" "$WORK/runtime.log" | sed 's/^/drop warnings in the runtime log: /' || true
