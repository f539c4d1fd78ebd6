#!/usr/bin/env bash
# Memory after trainings, A/B/..., interleaved in one run: one local-runtime instance per variant against one Azurite,
# each with its own training queue (so each runs exactly the trainings submitted through it, unlike a shared queue,
# which hands jobs out unevenly), the same small training (the soak's: 200 rows, the default trainer) submitted ROUNDS
# times through each instance in turn, one at a time, and each instance's resident memory (/proc/PID/status: anonymous,
# shared = JIT code, file-backed) read after every round. Prints growth from round WARMUP (default 2) to the last.
#   bench/trainmem.sh [ROUNDS]     # default 30
# TRAINMEM_VARIANTS: space-separated NAME=ENV entries, ENV a comma-separated list of NAME=value for that instance
#   (default: "off=AiMaas__TrimNativeHeapAfterJobs=false trim=AiMaas__TrimNativeHeapAfterJobs=true").
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROUNDS=${1:-30}
WARMUP=${TRAINMEM_WARMUP:-2}
read -r -a VARIANTS <<<"${TRAINMEM_VARIANTS:-off=AiMaas__TrimNativeHeapAfterJobs=false trim=AiMaas__TrimNativeHeapAfterJobs=true}"
((ROUNDS > WARMUP)) || { echo "error: ROUNDS must exceed the warm-up ($WARMUP)" >&2; exit 2; }

bench_start trainmem
echo "$(bench_machine)"
[[ -n "${TRAINMEM_NO_BUILD:-}" ]] || bench_build_runtime
bench_azurite

NAMES=() PORTS=() PIDS=()
for ((i = 0; i < ${#VARIANTS[@]}; i++)); do
  name=${VARIANTS[i]%%=*} env=${VARIANTS[i]#*=} port=$(free_port)
  (
    IFS=, read -r -a assignments <<<"$env"
    export "${assignments[@]}"
    BENCH_TRAINING_QUEUE="trainmem-$i" bench_runtime "$port" "$WORK/runtime-$i.log"
    echo "$RUNTIME_PID" >"$WORK/pid-$i"
  )
  NAMES+=("$name") PORTS+=("$port") PIDS+=("$(cat "$WORK/pid-$i")")
  bench_track "${PIDS[i]}"
done
for ((i = 0; i < ${#PORTS[@]}; i++)); do bench_wait_runtime "${PORTS[i]}" "$WORK/runtime-$i.log"; done
echo "Variants ${NAMES[*]} on ports ${PORTS[*]} (pids ${PIDS[*]})."

awk 'BEGIN { srand(5); print "a,b,y"; for (i = 0; i < 200; i++) { a = rand() * 10; b = rand() * 10; printf "%.3f,%.3f,%.3f\n", a, b, 2 * a + 3 * b + rand() } }' >"$WORK/train.csv"
bench_upload "${PORTS[0]}" trainmem/train.csv "$WORK/train.csv"

# parts PID: "anonymous shared file" resident kB.
parts() { awk '/^RssAnon/ {a = $2} /^RssShmem/ {s = $2} /^RssFile/ {f = $2} END {print a, s, f}' "/proc/$1/status"; }
for ((r = 1; r <= ROUNDS; r++)); do
  # Rotate who goes first, so that no variant always trains right after the same neighbour.
  for ((k = 0; k < ${#PORTS[@]}; k++)); do
    i=$(((r + k) % ${#PORTS[@]}))
    bench_train "${PORTS[i]}" "trainmem-$i" trainmem/train.csv >/dev/null
  done
  line="$r"
  for ((i = 0; i < ${#PIDS[@]}; i++)); do line+=" $(parts "${PIDS[i]}")"; done
  echo "$line" >>"$WORK/rounds.txt"
  echo "  round $r/$ROUNDS (anon shared file kB per instance): ${line#* }"
done

"$PY" - "$WORK/rounds.txt" "$WARMUP" "${NAMES[@]}" <<'PYEOF'
import sys
rows = [list(map(int, l.split())) for l in open(sys.argv[1])]
warmup, names = int(sys.argv[2]), sys.argv[3:]
first, last = rows[warmup - 1], rows[-1]
print(f"\n{len(rows)} trainings per variant; growth from after training {warmup} to after training {len(rows)} (MiB):\n")
print("| Variant | RSS | anonymous | shared (JIT code) | file-backed |")
print("|---|---|---|---|---|")
for i, name in enumerate(names):
    a, b = first[1 + 3 * i: 4 + 3 * i], last[1 + 3 * i: 4 + 3 * i]
    cell = lambda x, y: f"{x / 1024:.0f} -> {y / 1024:.0f} ({(y - x) / 1024:+.1f})"
    print(f"| {name} | {cell(sum(a), sum(b))} ({100 * (sum(b) - sum(a)) / sum(a):+.1f}%) | " + " | ".join(cell(a[k], b[k]) for k in range(3)) + " |")
PYEOF
