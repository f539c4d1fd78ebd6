#!/usr/bin/env bash
# Prediction log overhead: single-row /api/models/{m}/predict with wrk at 32 connections, with the model's logging off, on
# as plain .jsonl ("compression": "none") and on as gzip .jsonl.gz (the default) (every request recorded, inputs and outputs), alternating ROUNDS times so that
# a shared machine's noise hits all three.
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

# logging off|plain|gzip
logging() {
  local body='{"enabled":false}'
  [[ $1 == plain ]] && body='{"enabled":true,"samplingRate":1,"compression":"none"}'
  [[ $1 == gzip ]] && body='{"enabled":true,"samplingRate":1,"compression":"gzip"}'
  curl -fsS -X PUT -H "x-functions-key: $BENCH_KEY" -d "$body" "http://127.0.0.1:$PORT/api/models/$MODEL/logging" >/dev/null
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
declare -a OFF ON GZ OFF_CPU ON_CPU GZ_CPU OFF_AZ ON_AZ GZ_AZ
for round in $(seq 1 "$ROUNDS"); do
  for mode in off plain gzip; do
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
    case $mode in
      off) OFF+=("$(rps "$out")") OFF_CPU+=("$cpu") OFF_AZ+=("$az") ;;
      plain) ON+=("$(rps "$out")") ON_CPU+=("$cpu") ON_AZ+=("$az") ;;
      gzip) GZ+=("$(rps "$out")") GZ_CPU+=("$cpu") GZ_AZ+=("$az") ;;
    esac
  done
done

RECORDS=$(curl -fsS -H "x-functions-key: $BENCH_KEY" "http://127.0.0.1:$PORT/api/models/$MODEL/predictions?limit=1" | json_get records.0.id || true)
echo "A logged record's id: ${RECORDS:-none}"
"$PY" - "${OFF[*]}" "${ON[*]}" "${GZ[*]}" "${OFF_CPU[*]}" "${ON_CPU[*]}" "${GZ_CPU[*]}" "${OFF_AZ[*]}" "${ON_AZ[*]}" "${GZ_AZ[*]}" <<'PY'
import statistics, sys
off, on, gz, off_cpu, on_cpu, gz_cpu, off_az, on_az, gz_az = ([float(v) for v in a.split()] for a in sys.argv[1:10])
m = statistics.median
for name, rps, cpu, az in (("plain .jsonl (\"compression\": \"none\")", on, on_cpu, on_az), ("gzip .jsonl.gz (the default)", gz, gz_cpu, gz_az)):
    ratio = m(rps) / m(off)
    verdict = "met" if ratio >= 0.9 else "missed"
    print(f"logging on, {name}: median {m(rps):.0f} req/s against {m(off):.0f} off, on/off {ratio:.3f} "
          f"(target >= 0.90: {verdict}); runtime CPU per request {m(cpu):.1f} us against {m(off_cpu):.1f} off; "
          f"Azurite CPU per request {m(az):.1f} us against {m(off_az):.1f} off")
PY
grep -c "records dropped\|Prediction log dropped" "$WORK/runtime.log" | sed 's/^/drop warnings in the runtime log: /' || true
