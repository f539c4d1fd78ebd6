#!/usr/bin/env bash
# Cold path: time from a fresh process (or an empty model cache) to the first answered prediction of a freshly trained
# version, for the local runtime as built (JIT, "before") and as published ReadyToRun (R2R, "after"; what deployment
# packages now are) with the start-up primer (AIMAAS_STARTUP_PRIMER). Each round trains a new version through the API and queue (runtime A, which stays up), then measures
#   - in A (warm process, the new version not yet loaded): first and second predict of that version (in-process path);
#   - per build (JIT, R2R), a fresh process B: start to health, first predict once listening, second predict;
#   - per build, a fresh process C: start to first answered prediction (predict polled every 20 ms from the start), with
#     the process's own start-up phases (the runtime's "Started:" log line) and the model load (ModelLoader's log line);
#   - per build, C again with AiMaas__WarmUpOnStart=true (current versions loaded in the background at start-up).
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
bench_publish_runtime
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

# fresh_run NAME PORT [health]: starts a fresh local runtime (BENCH_RUNTIME_DLL and extra settings from the caller's
# environment). With "health", waits for /api/health, then times the first and second predict; otherwise polls predict
# every 20 ms from the process start. Prints "ready_ms first_ms second_ms start_to_first_ms main_ms built_ms
# listening_ms load_ms cpu_ms" (-1 where not measured; main to load from the process's log; cpu_ms the CPU time the
# process had used when its first prediction was answered), then stops it.
fresh_run() {
  local name=$1 port=$2 mode=${3:-} url started ready=-1 first=-1 second=-1 start_to_first=-1 cpu
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
  # CPU time (user + system, all threads) the process had used by its first answer: unlike wall time, it does not
  # grow with the other work on a shared machine, so it is what compares builds fairly there.
  cpu=$(awk -v tick="$(getconf CLK_TCK)" '{printf "%.0f", ($14 + $15) * 1000 / tick}' "/proc/$RUNTIME_PID/stat")
  bench_stop "$RUNTIME_PID" >&2
  # "Started: Main entered 61 ms after the process started, host built at 402 ms, listening at 655 ms"; "... in 45.2 ms".
  local log=$WORK/runtime-$name.log phases load
  phases=$(grep -m1 -oE 'Main entered [0-9]+ ms .* built at [0-9]+ ms, listening at [0-9]+ ms' "$log" | grep -oE '[0-9]+' | tr '\n' ' ')
  load=$(grep -m1 -oE "Loaded version [0-9]+ of model $MODEL \([0-9]+ bytes\) in [0-9.]+ ms" "$log" | grep -oE '[0-9.]+ ms' | grep -oE '[0-9.]+')
  echo "$ready $first $second $start_to_first ${phases:--1 -1 -1 }${load:--1} $cpu"
}

ROUND_JSON=()
for round in $(seq 1 "$ROUNDS"); do
  started=$(now_ms)
  version=$(bench_train "$PORT_A" "$MODEL" bench/cold.csv)
  train_s=$(awk -v ms=$(($(now_ms) - started)) 'BEGIN {printf "%.2f", ms / 1000}')
  base_a="http://127.0.0.1:$PORT_A/api/models/$MODEL/versions/$version/predict"
  warm_first=$(predict_ms "$base_a")
  warm_second=$(predict_ms "$base_a")

  # Per build: B, a fresh process asked once listening; C, asked from its very start; W, C with AiMaas:WarmUpOnStart.
  json="{\"version\":$version,\"trainSeconds\":$train_s,\"warmFirstMs\":$warm_first,\"warmSecondMs\":$warm_second"
  line="round $round: version $version trained in ${train_s}s; warm process first/second ${warm_first}/${warm_second} ms"
  for build in jit r2r; do
    # Before: the JIT build without the start-up primer (as the runtime started until issue 15); after: ReadyToRun with it.
    dll=$RUNTIME_DLL primer=false
    [[ $build == r2r ]] && dll=$R2R_DLL primer=true
    read -r ready cold_first cold_second _ _ _ _ _ _ < <(AIMAAS_STARTUP_PRIMER=$primer BENCH_RUNTIME_DLL=$dll fresh_run "$build-b-$round" "$(free_port)" health)
    read -r _ _ _ start_to_first main built listening load cpu < <(AIMAAS_STARTUP_PRIMER=$primer BENCH_RUNTIME_DLL=$dll fresh_run "$build-c-$round" "$(free_port)")
    read -r _ _ _ w_start_to_first _ _ _ _ w_cpu < <(AIMAAS_STARTUP_PRIMER=$primer BENCH_RUNTIME_DLL=$dll AiMaas__WarmUpOnStart=true fresh_run "$build-w-$round" "$(free_port)")
    json+=",\"$build\":{\"startToReadyMs\":$ready,\"coldFirstMs\":$cold_first,\"coldSecondMs\":$cold_second,\"startToFirstPredictionMs\":$start_to_first"
    json+=",\"mainEnteredMs\":$main,\"hostBuiltMs\":$built,\"listeningMs\":$listening,\"modelLoadMs\":$load,\"warmUpStartToFirstPredictionMs\":$w_start_to_first,\"cpuToFirstPredictionMs\":$cpu,\"warmUpCpuToFirstPredictionMs\":$w_cpu}"
    line+="; $build: ready ${ready} ms, first/second ${cold_first}/${cold_second} ms, start to first ${start_to_first} ms"
    line+=" (Main ${main}, built ${built}, listening ${listening}, load ${load} ms; CPU ${cpu} ms), with warm-up ${w_start_to_first} ms (CPU ${w_cpu} ms)"
  done
  echo "$line"
  ROUND_JSON+=("$json}")
done

size=$(curl -fsS -H "x-functions-key: $BENCH_KEY" "http://127.0.0.1:$PORT_A/api/models/$MODEL/versions/1" | json_get artifact.sizeBytes)
(IFS=,; echo "{\"model\":\"$MODEL\",\"modelBytes\":$size,\"rounds\":[${ROUND_JSON[*]}]}") >"$WORK/cold.json"
mkdir -p "$BENCH_DIR/results"
"$PY" "$BENCH_DIR/report.py" cold "$MACHINE" "$BENCH_DIR/results/cold.md" "$WORK/cold.json"
bench_readme cold "$BENCH_DIR/results/cold.md"
echo "Wrote bench/results/cold.md and the cold section of bench/README.md."
