#!/usr/bin/env bash
# Interleaved A/B of cold starts: trains one small linear model once, then for each round starts a fresh local runtime
# per variant (A, B, C, A, B, C, ...) and polls predict every 10 ms from the process start. Prints, per start, wall ms
# to the first answered prediction, the CPU ms the process had used by then, and the runtime's own phases; then medians.
# Usage: bench/cold_ab.sh 'NAME|DLL|ENV=VALUE ENV=VALUE' ...   (DLL empty: the JIT build; BENCH_ROUNDS, default 5)
# Example: bench/cold_ab.sh 'jit||' 'r2r|/tmp/r2r/AiMaas.LocalRuntime.dll|' 'r2r-wx0|/tmp/r2r/AiMaas.LocalRuntime.dll|DOTNET_EnableWriteXorExecute=0'
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROUNDS=${BENCH_ROUNDS:-5}
MODEL=bench-cold
(($# > 0)) || { sed -n '2,6p' "$0" >&2; exit 2; }

bench_start cold-ab
bench_machine
[[ -n "${BENCH_SKIP_BUILD:-}" ]] || bench_build_runtime
"$PY" "$BENCH_DIR/data.py" csv "$WORK/train.csv" 10000
"$PY" "$BENCH_DIR/data.py" body "$WORK/body.json" 1
bench_azurite
PORT_A=$(free_port)
bench_runtime "$PORT_A" "$WORK/runtime-a.log"
bench_wait_runtime "$PORT_A" "$WORK/runtime-a.log"
bench_upload "$PORT_A" bench/cold.csv "$WORK/train.csv"
version=$(bench_train "$PORT_A" "$MODEL" bench/cold.csv)
bench_stop "$RUNTIME_PID"
echo "trained $MODEL version $version"

now_ms() { date +%s%3N; }
declare -A WALL CPU
for round in $(seq 1 "$ROUNDS"); do
  for variant in "$@"; do
    IFS='|' read -r name dll envs <<<"$variant"
    port=$(free_port)
    log=$WORK/runtime-$name-$round.log
    url="http://127.0.0.1:$port/api/models/$MODEL/predict"
    started=$(now_ms)
    # shellcheck disable=SC2086 # envs is a list of NAME=VALUE words
    env $envs AzureWebJobsStorage="$BENCH_STORAGE" AIMAAS_TRAINING_QUEUE=bench-training AIMAAS_SCORING_QUEUE=bench-scoring \
      AIMAAS_HOST_KEY="$BENCH_KEY" dotnet "${dll:-$RUNTIME_DLL}" --settings "$WORK/local.settings.json" --port "$port" >"$log" 2>&1 &
    pid=$!
    bench_track "$pid"
    deadline=$((SECONDS + 120))
    until curl -fsS -o /dev/null -X POST -H "Content-Type: application/json" -H "x-functions-key: $BENCH_KEY" \
      --data-binary "@$WORK/body.json" "$url" 2>/dev/null; do
      ((SECONDS < deadline)) || { tail -30 "$log" >&2; exit 1; }
      sleep 0.01
    done
    wall=$(($(now_ms) - started))
    cpu=$(awk -v tick="$(getconf CLK_TCK)" '{printf "%.0f", ($14 + $15) * 1000 / tick}' "/proc/$pid/stat")
    bench_stop "$pid"
    phases=$(grep -m1 -oE 'Main entered [0-9]+ ms .* built at [0-9]+ ms, listening at [0-9]+ ms' "$log" | grep -oE '[0-9]+' | tr '\n' '/' || true)
    load=$(grep -m1 -oE "Loaded version [0-9]+ of model $MODEL \([0-9]+ bytes\) in [0-9.]+ ms" "$log" | grep -oE '[0-9.]+ ms$' || true)
    printf '%-14s round %d: first prediction at %5d ms, CPU %5d ms (Main/built/listening %s load %s; load avg %s)\n' \
      "$name" "$round" "$wall" "$cpu" "${phases%/}" "$load" "$(cut -d' ' -f1 /proc/loadavg)"
    WALL[$name]+="$wall "
    CPU[$name]+="$cpu "
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
echo "medians over $ROUNDS rounds (wall ms to first prediction / CPU ms):"
for variant in "$@"; do
  name=${variant%%|*}
  printf '  %-14s %6s / %6s\n' "$name" "$(median <<<"${WALL[$name]}")" "$(median <<<"${CPU[$name]}")"
done
