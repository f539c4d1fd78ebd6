#!/usr/bin/env bash
# Cold path: time from an empty model cache to the first answered prediction for a freshly trained version.
# Each round trains a new version through the API and queue (runtime A, which stays up), then measures
#   - in A (warm process, the new version not yet loaded): first and second predict of that version;
#   - in a fresh local runtime process B: start to health, first predict once ready (the target), second predict,
#     and start to first answered prediction.
# Writes bench/results/cold.md and the "cold" section of bench/README.md. BENCH_ROUNDS (default 3).
set -euo pipefail
[[ -n "${BENCH_TRACE:-}" ]] && { PS4='+ $(date +%s.%N) '; set -x; }
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROUNDS=${BENCH_ROUNDS:-3}
MODEL=bench-cold

bench_start cold
MACHINE=$(bench_machine)
echo "$MACHINE"
bench_build_runtime
"$PY" "$BENCH_DIR/data.py" csv "$WORK/train.csv" 10000
"$PY" "$BENCH_DIR/data.py" body "$WORK/body.json" 1

bench_azurite
PORT_A=$(free_port)
bench_runtime "$PORT_A" "$WORK/runtime-a.log"
bench_wait_runtime "$PORT_A" "$WORK/runtime-a.log"
bench_upload "$PORT_A" bench/cold.csv "$WORK/train.csv"

now_ms() { date +%s%3N; }
# predict_ms URL: one predict; prints curl's total time in ms, failing on a non-2xx answer.
predict_ms() {
  curl -fsS -o /dev/null -w '%{time_total}' -X POST -H "Content-Type: application/json" -H "x-functions-key: $BENCH_KEY" \
    --data-binary "@$WORK/body.json" "$1" | awk '{printf "%.1f", $1 * 1000}'
}

ROUND_JSON=()
for round in $(seq 1 "$ROUNDS"); do
  started=$(now_ms)
  version=$(bench_train "$PORT_A" "$MODEL" bench/cold.csv)
  train_s=$(awk -v ms=$(($(now_ms) - started)) 'BEGIN {printf "%.2f", ms / 1000}')
  base_a="http://127.0.0.1:$PORT_A/api/models/$MODEL/versions/$version/predict"
  warm_first=$(predict_ms "$base_a")
  warm_second=$(predict_ms "$base_a")

  port_b=$(free_port)
  started=$(now_ms)
  bench_runtime "$port_b" "$WORK/runtime-b-$round.log"
  bench_wait_runtime "$port_b" "$WORK/runtime-b-$round.log"
  ready=$(($(now_ms) - started))
  cold_first=$(predict_ms "http://127.0.0.1:$port_b/api/models/$MODEL/predict")
  cold_second=$(predict_ms "http://127.0.0.1:$port_b/api/models/$MODEL/predict")
  bench_stop "$RUNTIME_PID"

  # A second fresh process, asked for a prediction from its very start (no health check first).
  port_c=$(free_port)
  started=$(now_ms)
  bench_runtime "$port_c" "$WORK/runtime-c-$round.log"
  wait_for "a first prediction from a fresh process" 120 curl -fsS -o /dev/null -X POST -H "Content-Type: application/json" \
    -H "x-functions-key: $BENCH_KEY" --data-binary "@$WORK/body.json" "http://127.0.0.1:$port_c/api/models/$MODEL/predict"
  start_to_first=$(($(now_ms) - started))
  bench_stop "$RUNTIME_PID"

  echo "round $round: version $version trained in ${train_s}s; warm process first/second ${warm_first}/${warm_second} ms;" \
    "fresh process ready in ${ready} ms, first/second ${cold_first}/${cold_second} ms; start to first prediction ${start_to_first} ms"
  ROUND_JSON+=("{\"version\":$version,\"trainSeconds\":$train_s,\"warmFirstMs\":$warm_first,\"warmSecondMs\":$warm_second,\"startToReadyMs\":$ready,\"coldFirstMs\":$cold_first,\"coldSecondMs\":$cold_second,\"startToFirstPredictionMs\":$start_to_first}")
done

size=$(curl -fsS -H "x-functions-key: $BENCH_KEY" "http://127.0.0.1:$PORT_A/api/models/$MODEL/versions/1" | json_get artifact.sizeBytes)
(IFS=,; echo "{\"model\":\"$MODEL\",\"modelBytes\":$size,\"rounds\":[${ROUND_JSON[*]}]}") >"$WORK/cold.json"
mkdir -p "$BENCH_DIR/results"
"$PY" "$BENCH_DIR/report.py" cold "$MACHINE" "$BENCH_DIR/results/cold.md" "$WORK/cold.json"
bench_readme cold "$BENCH_DIR/results/cold.md"
echo "Wrote bench/results/cold.md and the cold section of bench/README.md."
