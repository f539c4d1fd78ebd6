#!/usr/bin/env bash
# Cold path: time from an empty model cache to the first answered prediction for a freshly trained version.
# Each round trains a new version through the API and queue (runtime A, which stays up), then measures
#   - in A (warm process, the new version not yet loaded): first and second predict of that version (in-process path);
#   - in a fresh local runtime process B: start to health, first predict once ready, second predict;
#   - in a fresh process C: start to first answered prediction (predict polled every 20 ms from the start);
#   - D and E: B and C again with AiMaas__WarmUpOnStart=true (current versions loaded in the background at start-up).
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

# fresh_run NAME PORT [health]: starts a fresh local runtime (extra settings from the caller's environment). With
# "health", waits for /api/health, then times the first and second predict; otherwise polls predict every 20 ms from
# the process start. Prints "ready_ms first_ms second_ms start_to_first_ms" (-1 where not measured), then stops it.
fresh_run() {
  local name=$1 port=$2 mode=${3:-} url started ready=-1 first=-1 second=-1 start_to_first=-1
  url="http://127.0.0.1:$port/api/models/$MODEL/predict"
  started=$(now_ms)
  bench_runtime "$port" "$WORK/runtime-$name.log"
  if [[ $mode == health ]]; then
    bench_wait_runtime "$port" "$WORK/runtime-$name.log" >&2
    ready=$(($(now_ms) - started))
    first=$(predict_ms "$url")
    start_to_first=$(($(now_ms) - started))
    second=$(predict_ms "$url")
  else
    local deadline=$((SECONDS + 120))
    until curl -fsS -o /dev/null -X POST -H "Content-Type: application/json" -H "x-functions-key: $BENCH_KEY" \
      --data-binary "@$WORK/body.json" "$url" 2>/dev/null; do
      ((SECONDS < deadline)) || { tail -30 "$WORK/runtime-$name.log" >&2; return 1; }
      sleep 0.02
    done
    start_to_first=$(($(now_ms) - started))
  fi
  bench_stop "$RUNTIME_PID" >&2
  echo "$ready $first $second $start_to_first"
}

ROUND_JSON=()
for round in $(seq 1 "$ROUNDS"); do
  started=$(now_ms)
  version=$(bench_train "$PORT_A" "$MODEL" bench/cold.csv)
  train_s=$(awk -v ms=$(($(now_ms) - started)) 'BEGIN {printf "%.2f", ms / 1000}')
  base_a="http://127.0.0.1:$PORT_A/api/models/$MODEL/versions/$version/predict"
  warm_first=$(predict_ms "$base_a")
  warm_second=$(predict_ms "$base_a")

  # B: fresh process, on-demand load; C: the same, asked from its very start; D, E: the same with AiMaas:WarmUpOnStart.
  read -r ready cold_first cold_second b_start_to_first < <(fresh_run "b-$round" "$(free_port)" health)
  read -r _ _ _ start_to_first < <(fresh_run "c-$round" "$(free_port)")
  read -r w_ready w_first w_second w_b_start_to_first < <(AiMaas__WarmUpOnStart=true fresh_run "d-$round" "$(free_port)" health)
  read -r _ _ _ w_start_to_first < <(AiMaas__WarmUpOnStart=true fresh_run "e-$round" "$(free_port)")

  echo "round $round: version $version trained in ${train_s}s; warm process first/second ${warm_first}/${warm_second} ms;" \
    "fresh: ready ${ready} ms, first/second ${cold_first}/${cold_second} ms, start to first ${start_to_first} ms;" \
    "fresh + warm-up: ready ${w_ready} ms, first/second ${w_first}/${w_second} ms, start to first ${w_start_to_first} ms"
  ROUND_JSON+=("{\"version\":$version,\"trainSeconds\":$train_s,\"warmFirstMs\":$warm_first,\"warmSecondMs\":$warm_second,\"startToReadyMs\":$ready,\"coldFirstMs\":$cold_first,\"coldSecondMs\":$cold_second,\"startToFirstPredictionMs\":$start_to_first,\"warmUpStartToReadyMs\":$w_ready,\"warmUpFirstMs\":$w_first,\"warmUpSecondMs\":$w_second,\"warmUpStartToFirstPredictionMs\":$w_start_to_first}")
done

size=$(curl -fsS -H "x-functions-key: $BENCH_KEY" "http://127.0.0.1:$PORT_A/api/models/$MODEL/versions/1" | json_get artifact.sizeBytes)
(IFS=,; echo "{\"model\":\"$MODEL\",\"modelBytes\":$size,\"rounds\":[${ROUND_JSON[*]}]}") >"$WORK/cold.json"
mkdir -p "$BENCH_DIR/results"
"$PY" "$BENCH_DIR/report.py" cold "$MACHINE" "$BENCH_DIR/results/cold.md" "$WORK/cold.json"
bench_readme cold "$BENCH_DIR/results/cold.md"
echo "Wrote bench/results/cold.md and the cold section of bench/README.md."
