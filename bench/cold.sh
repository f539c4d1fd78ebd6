#!/usr/bin/env bash
# Cold path: time from a fresh process (or an empty model cache) to the first answered prediction of a freshly trained
# version. Each round trains a new version through the API and queue (runtime A, which stays up), then measures
#   - in A (warm process, the new version not yet loaded): first and second predict of that version (in-process path);
#   - per build — the local runtime as built (JIT) and as published ReadyToRun (R2R, what deployment packages are) —
#     a fresh process B: start to health, first predict once listening, second predict;
#   - per build, a fresh process C: start to first answered prediction (predict polled every 20 ms from the start), with
#     the process's own start-up phases (the runtime's "Started:" log line) and the model load (ModelLoader's log line);
#   - per build, C again with AiMaas__WarmUpOnStart=true (current versions loaded in the background at start-up);
#   - C for the R2R build with the start-up primer on (AIMAAS_STARTUP_PRIMER=true; off by default), and for the R2R
#     build hosting the HTTP functions only (AIMAAS_RUNTIME_TRIGGERS=http: a Flex Consumption HTTP instance);
#   - the floor: the bare Kestrel comparator (bench/BareKestrel: slim builder, source-generated JSON, one linear model
#     read from a file, no storage, no ML.NET), start to its first answered prediction, as built (JIT) and published
#     ReadyToRun like AiMaas;
#   - with BENCH_BASELINE_REF=<git ref> (e.g. the commit before a change), C for that commit's R2R publish too, so a run
#     shows before and after side by side (its source is exported with git archive; the publish adds a few minutes).
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
BASELINE_DLL=""
if [[ -n "${BENCH_BASELINE_REF:-}" ]]; then
  echo "Publishing the local runtime ReadyToRun at $BENCH_BASELINE_REF (baseline)..."
  mkdir -p "$WORK/baseline-src"
  git -C "$ROOT" archive "$BENCH_BASELINE_REF" | tar -x -C "$WORK/baseline-src"
  dotnet publish "$WORK/baseline-src/tools/AiMaas.LocalRuntime" -c Release --use-current-runtime --self-contained false \
    -p:PublishReadyToRun=true -o "$WORK/baseline" --nologo -v quiet >"$WORK/publish-baseline.log" 2>&1 || {
    cat "$WORK/publish-baseline.log" >&2
    exit 1
  }
  BASELINE_DLL="$WORK/baseline/AiMaas.LocalRuntime.dll"
fi
dotnet build "$BENCH_DIR/BareKestrel" -c Release --nologo -v quiet >"$WORK/build-kestrel.log" 2>&1 || { cat "$WORK/build-kestrel.log" >&2; exit 1; }
# The floor precompiled as AiMaas's deployed build is, so that both sides of the comparison skip the same JIT work.
dotnet publish "$BENCH_DIR/BareKestrel" -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
  -o "$WORK/kestrel-r2r" --nologo -v quiet >"$WORK/publish-kestrel.log" 2>&1 || { cat "$WORK/publish-kestrel.log" >&2; exit 1; }
"$PY" "$BENCH_DIR/data.py" csv "$WORK/train.csv" 10000
"$PY" "$BENCH_DIR/data.py" body "$WORK/body.json" 1
"$PY" "$BENCH_DIR/data.py" fit "$WORK/train.csv" "$WORK/weights.json"

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

# floor_run PORT DLL: the bare Kestrel comparator from its process start to its first answered prediction; prints "ms cpu_ms".
floor_run() {
  local port=$1 dll=$2 url started pid deadline=$((SECONDS + 60)) ms cpu
  url="http://127.0.0.1:$port/predict"
  started=$(now_ms)
  BENCH_WEIGHTS="$WORK/weights.json" dotnet "$dll" \
    --urls "http://127.0.0.1:$port" >"$WORK/kestrel-$port.log" 2>&1 &
  pid=$!
  bench_track "$pid"
  until curl -fsS -o /dev/null -X POST -H "Content-Type: application/json" --data-binary "@$WORK/body.json" "$url" 2>/dev/null; do
    ((SECONDS < deadline)) || { tail -30 "$WORK/kestrel-$port.log" >&2; return 1; }
    sleep 0.02
  done
  ms=$(($(now_ms) - started))
  cpu=$(awk -v tick="$(getconf CLK_TCK)" '{printf "%.0f", ($14 + $15) * 1000 / tick}' "/proc/$pid/stat")
  bench_stop "$pid" >&2
  echo "$ms $cpu"
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
    dll=$RUNTIME_DLL
    [[ $build == r2r ]] && dll=$R2R_DLL
    read -r ready cold_first cold_second _ _ _ _ _ _ < <(BENCH_RUNTIME_DLL=$dll fresh_run "$build-b-$round" "$(free_port)" health)
    read -r _ _ _ start_to_first main built listening load cpu < <(BENCH_RUNTIME_DLL=$dll fresh_run "$build-c-$round" "$(free_port)")
    read -r _ _ _ w_start_to_first _ _ _ _ w_cpu < <(BENCH_RUNTIME_DLL=$dll AiMaas__WarmUpOnStart=true fresh_run "$build-w-$round" "$(free_port)")
    json+=",\"$build\":{\"startToReadyMs\":$ready,\"coldFirstMs\":$cold_first,\"coldSecondMs\":$cold_second,\"startToFirstPredictionMs\":$start_to_first"
    json+=",\"mainEnteredMs\":$main,\"hostBuiltMs\":$built,\"listeningMs\":$listening,\"modelLoadMs\":$load,\"warmUpStartToFirstPredictionMs\":$w_start_to_first,\"cpuToFirstPredictionMs\":$cpu,\"warmUpCpuToFirstPredictionMs\":$w_cpu}"
    line+="; $build: ready ${ready} ms, first/second ${cold_first}/${cold_second} ms, start to first ${start_to_first} ms"
    line+=" (Main ${main}, built ${built}, listening ${listening}, load ${load} ms; CPU ${cpu} ms), with warm-up ${w_start_to_first} ms (CPU ${w_cpu} ms)"
  done
  # Start to first answer only: the R2R build with the primer, the baseline commit, and the bare Kestrel floor.
  # r2rhttp: an HTTP-only instance, as Flex Consumption's per-function scaling runs the HTTP functions (no queue
  # listeners start beside the first request).
  variants=("r2rprimer:$R2R_DLL:true:" "r2rhttp:$R2R_DLL::http")
  [[ -n "$BASELINE_DLL" ]] && variants+=("baseline:$BASELINE_DLL:")
  for variant in "${variants[@]}"; do
    IFS=: read -r build dll primer triggers <<<"$variant"
    read -r _ _ _ start_to_first main built listening load cpu < <(AIMAAS_STARTUP_PRIMER=$primer AIMAAS_RUNTIME_TRIGGERS=$triggers \
      BENCH_RUNTIME_DLL=$dll fresh_run "$build-c-$round" "$(free_port)")
    json+=",\"$build\":{\"startToFirstPredictionMs\":$start_to_first,\"mainEnteredMs\":$main,\"hostBuiltMs\":$built,\"listeningMs\":$listening,\"modelLoadMs\":$load,\"cpuToFirstPredictionMs\":$cpu}"
    line+="; $build: start to first ${start_to_first} ms (Main ${main}, built ${built}, listening ${listening}, load ${load} ms; CPU ${cpu} ms)"
  done
  read -r floor_ms floor_cpu < <(floor_run "$(free_port)" "$BENCH_DIR/BareKestrel/bin/Release/net10.0/BareKestrel.dll")
  read -r floor_r2r_ms floor_r2r_cpu < <(floor_run "$(free_port)" "$WORK/kestrel-r2r/BareKestrel.dll")
  json+=",\"floor\":{\"startToFirstPredictionMs\":$floor_ms,\"cpuToFirstPredictionMs\":$floor_cpu}"
  json+=",\"floorr2r\":{\"startToFirstPredictionMs\":$floor_r2r_ms,\"cpuToFirstPredictionMs\":$floor_r2r_cpu}"
  line+="; floor (bare Kestrel): ${floor_ms} ms (CPU ${floor_cpu} ms), ReadyToRun ${floor_r2r_ms} ms (CPU ${floor_r2r_cpu} ms)"
  echo "$line"
  ROUND_JSON+=("$json}")
done

size=$(curl -fsS -H "x-functions-key: $BENCH_KEY" "http://127.0.0.1:$PORT_A/api/models/$MODEL/versions/1" | json_get artifact.sizeBytes)
(IFS=,; echo "{\"model\":\"$MODEL\",\"modelBytes\":$size,\"rounds\":[${ROUND_JSON[*]}]}") >"$WORK/cold.json"
mkdir -p "$BENCH_DIR/results"
"$PY" "$BENCH_DIR/report.py" cold "$MACHINE" "$BENCH_DIR/results/cold.md" "$WORK/cold.json"
bench_readme cold "$BENCH_DIR/results/cold.md"
echo "Wrote bench/results/cold.md and the cold section of bench/README.md."
