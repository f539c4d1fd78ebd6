#!/usr/bin/env bash
# Prediction log overhead: single-row /api/models/{m}/predict with wrk at 32 connections, with the model's logging off and
# on (every request recorded, inputs and outputs), alternating ROUNDS times so that a shared machine's noise hits both.
# The log is flushed to the same Azurite the runtime uses. Prints requests/s and p99 per run and the on/off ratio.
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
p99() { grep -E "^ +99%" "$1" | awk '{print $2}'; }

echo "Warming up (3 s)..."
wrk -t2 -c32 -d3s -s "$BENCH_DIR/post.lua" "$URL" >/dev/null
declare -a OFF ON
for round in $(seq 1 "$ROUNDS"); do
  for mode in false true; do
    logging "$mode"
    out="$WORK/wrk-$mode-$round.txt"
    wrk -t2 -c32 -d"${DURATION}s" --latency -s "$BENCH_DIR/post.lua" "$URL" >"$out"
    if grep -q "Non-2xx" "$out"; then
      grep "Non-2xx" "$out" >&2
    fi
    printf 'round %d logging %-5s %10s req/s  p99 %s\n' "$round" "$mode" "$(rps "$out")" "$(p99 "$out")"
    if [[ $mode == false ]]; then OFF+=("$(rps "$out")"); else ON+=("$(rps "$out")"); fi
  done
done

RECORDS=$(curl -fsS -H "x-functions-key: $BENCH_KEY" "http://127.0.0.1:$PORT/api/models/$MODEL/predictions?limit=1" | json_get records.0.id || true)
echo "A logged record's id: ${RECORDS:-none}"
"$PY" - "${OFF[@]}" -- "${ON[@]}" <<'PY'
import statistics, sys
args = sys.argv[1:]
split = args.index("--")
off = [float(v) for v in args[:split]]
on = [float(v) for v in args[split + 1:]]
print(f"median off {statistics.median(off):.0f} req/s, median on {statistics.median(on):.0f} req/s, "
      f"on/off {statistics.median(on) / statistics.median(off):.3f}")
PY
grep -c "records dropped\|Prediction log dropped" "$WORK/runtime.log" | sed 's/^/drop warnings in the runtime log: /' || true
