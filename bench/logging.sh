#!/usr/bin/env bash
# Prediction log overhead: single-row /api/models/{m}/predict with wrk at 32 connections on three models trained the same
# way in one local runtime: one that does not log, one that logs every request with the default settings (gzip
# .jsonl.gz, inputs and outputs) and one that logs every request as plain .jsonl ("compression": "none"). The three
# alternate in short runs, ROUNDS times, in a rotating order, so that the drift of a shared machine hits all three alike;
# each round's on/off ratio compares runs a few seconds apart.
# The log is flushed to the same Azurite the runtime uses. Prints requests/s and p99 per run, the median of the rounds'
# on/off ratios and the ratio of the median requests/s, and the CPU time per request of the runtime and of Azurite (from
# /proc): on this one machine Azurite shares the cores with the runtime and wrk, and it computes a CRC64 of every
# appended block in JavaScript, a cost real Blob Storage does not put on the serving instance; the CPU columns separate
# the runtime's own cost of logging from the emulator's.
# BENCH_DURATION (default 5) seconds per run, BENCH_ROUNDS (default 10).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DURATION=${BENCH_DURATION:-5}
ROUNDS=${BENCH_ROUNDS:-10}

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
declare -A SETTINGS=([off]='{"enabled":false}' [gzip]='{"enabled":true}' [plain]='{"enabled":true,"compression":"none"}')
SPECS=()
for mode in off gzip plain; do
  model="bench-log-$mode"
  version=$(bench_train "$PORT" "$model" bench/train.csv)
  echo "$model version $version: $(curl -fsS -X PUT -H "x-functions-key: $BENCH_KEY" -d "${SETTINGS[$mode]}" "http://127.0.0.1:$PORT/api/models/$model/logging")"
  SPECS+=("$mode=http://127.0.0.1:$PORT/api/models/$model/predict")
done
export BENCH_KEY BENCH_BODY="$WORK/body.json"

echo "Warming up (3 s each)..."
for spec in "${SPECS[@]}"; do
  wrk -t2 -c32 -d3s -s "$BENCH_DIR/post.lua" "${spec#*=}" >/dev/null
done
sleep 3
BENCH_CPU_PIDS="$RUNTIME_PID $AZURITE" bench_alternate "$ROUNDS" "$DURATION" "${SPECS[@]}"

RECORDS=$(curl -fsS -H "x-functions-key: $BENCH_KEY" "http://127.0.0.1:$PORT/api/models/bench-log-gzip/predictions?limit=1" | json_get records.0.id || true)
echo "A logged record's id: ${RECORDS:-none}"
"$PY" "$BENCH_DIR/report.py" logging "$WORK/alternate.tsv" "$(getconf CLK_TCK)"
grep -c "records dropped\|Prediction log dropped" "$WORK/runtime.log" | sed 's/^/drop warnings in the runtime log: /' || true
