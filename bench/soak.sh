#!/usr/bin/env bash
# Soak: three instances of the local runtime (Release) against one Azurite, predict load at about half the measured
# maximum throughput for DURATION seconds (default 600), the `current` alias flipped every 10 s through a rotating
# instance, and trainings in the background. SOAK_TOPOLOGY=flex (the default) runs them as Flex Consumption does: the
# three instances host the HTTP functions only and a fourth process, the worker, the queue-triggered ones (trainings);
# SOAK_TOPOLOGY=shared has every instance host every function, so trainings land on the serving instances.
# Every process's memory is measured and checked, the worker's included. Checks, and exits non-zero unless all hold:
#   zero 5xx (and no 4xx or socket errors) · p99 of the last segment within SOAK_P99_TOLERANCE (0.20) above the first ·
#   each process's resident memory growing less than SOAK_MEMORY_TOLERANCE (0.10) after warm-up (the first segment) ·
#   every alias flip answered 200 · every background training succeeded.
# Segments are 60 s (DURATION/6 below 5 minutes). A run of 10 minutes or more writes bench/results/soak.md and the
# "soak" section of bench/README.md; shorter runs print their table only. SOAK_NO_BUILD=1 uses the existing build; SOAK_RUNTIME_DLL picks another one.
# SOAK_TRAINING_INTERVAL (15 s; 0: no background trainings, to tell what the trainings add to memory).
# Each segment also records where each instance's resident memory is (/proc/PID/status): anonymous (GC heap, native
# heaps, stacks), shared (the JIT's executable code, mapped twice for W^X) and file-backed (assemblies, native libraries).
#   bench/soak.sh          # 10 minutes
#   bench/soak.sh 60       # the variant the integration tests run
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DURATION=${1:-600}
INSTANCES=${SOAK_INSTANCES:-3}
P99_TOLERANCE=${SOAK_P99_TOLERANCE:-0.20}
MEMORY_TOLERANCE=${SOAK_MEMORY_TOLERANCE:-0.10}
RUNTIME_DLL=${SOAK_RUNTIME_DLL:-$RUNTIME_DLL}
CONNECTIONS=4
MODEL=soak
TRAINING_INTERVAL=${SOAK_TRAINING_INTERVAL:-15}
TOPOLOGY=${SOAK_TOPOLOGY:-flex}
[[ $TOPOLOGY == flex || $TOPOLOGY == shared ]] || { echo "error: SOAK_TOPOLOGY must be flex or shared, not '$TOPOLOGY'" >&2; exit 2; }
if ((DURATION >= 300)); then SEGMENT=60; else SEGMENT=$((DURATION / 6 < 5 ? 5 : DURATION / 6)); fi
SEGMENTS=$((DURATION / SEGMENT))
((SEGMENTS >= 2)) || { echo "error: a soak needs at least two segments; give at least $((2 * SEGMENT)) seconds" >&2; exit 2; }

command -v wrk >/dev/null || bench_apt wrk
bench_start soak
MACHINE=$(bench_machine)
echo "$MACHINE"
[[ -n "${SOAK_NO_BUILD:-}" ]] || bench_build_runtime
if [[ -n "${SOAK_STORAGE:-}" ]]; then
  # An existing storage account (the tests pass their Azurite); names of this run's own so that nothing collides.
  BENCH_STORAGE=$SOAK_STORAGE
  BENCH_KEY=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  MODEL=soak-$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
  printf '{"IsEncrypted": false, "Values": {"FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated"}}\n' >"$WORK/local.settings.json"
else
  bench_azurite
fi

PORTS=()
PIDS=()
LABELS=()
# flex: the serving instances host the HTTP functions only (the local runtime's AIMAAS_RUNTIME_TRIGGERS).
[[ $TOPOLOGY == flex ]] && export AIMAAS_RUNTIME_TRIGGERS=http
for ((i = 0; i < INSTANCES; i++)); do
  port=$(free_port)
  # SOAK_FIRST_INSTANCE_ENV="NAME=value ...": for the first instance only, an A/B under the same load within one run.
  if ((i == 0)) && [[ -n "${SOAK_FIRST_INSTANCE_ENV:-}" ]]; then
    (export ${SOAK_FIRST_INSTANCE_ENV?}; bench_runtime "$port" "$WORK/runtime-$i.log"; echo "$RUNTIME_PID" >"$WORK/first.pid")
    RUNTIME_PID=$(cat "$WORK/first.pid")
    bench_track "$RUNTIME_PID"
  else
    bench_runtime "$port" "$WORK/runtime-$i.log"
  fi
  PORTS+=("$port")
  PIDS+=("$RUNTIME_PID")
  LABELS+=("$((i + 1))")
done
if [[ $TOPOLOGY == flex ]]; then
  # The worker: the queue-triggered functions (trainings, batch scoring) on a process of their own, no HTTP.
  AIMAAS_RUNTIME_TRIGGERS=queue bench_runtime "$(free_port)" "$WORK/worker.log"
  PIDS+=("$RUNTIME_PID")
  LABELS+=("worker")
  unset AIMAAS_RUNTIME_TRIGGERS
fi
for ((i = 0; i < INSTANCES; i++)); do bench_wait_runtime "${PORTS[i]}" "$WORK/runtime-$i.log"; done
if [[ $TOPOLOGY == flex ]]; then
  wait_for "the worker" 120 grep -q "Started:" "$WORK/worker.log" || { tail -50 "$WORK/worker.log" >&2; exit 1; }
fi
echo "Instances on ports ${PORTS[*]} (pids ${PIDS[*]}; topology $TOPOLOGY: ${LABELS[*]})."
base() { echo "http://127.0.0.1:${PORTS[$1]}/api"; }

# Two versions of one small model to flip between, trained through the API and the queue.
awk 'BEGIN { srand(5); print "a,b,y"; for (i = 0; i < 200; i++) { a = rand() * 10; b = rand() * 10; printf "%.3f,%.3f,%.3f\n", a, b, 2 * a + 3 * b + rand() } }' >"$WORK/train.csv"
bench_upload "${PORTS[0]}" "$MODEL/train.csv" "$WORK/train.csv"
V1=$(bench_train "${PORTS[0]}" "$MODEL" "$MODEL/train.csv")
V2=$(bench_train "${PORTS[1 % INSTANCES]}" "$MODEL" "$MODEL/train.csv")
echo "Versions $V1 and $V2 of '$MODEL'."
printf '{"instances":[{"a":1.5,"b":2.5}]}' >"$WORK/body.json"
export BENCH_KEY BENCH_BODY="$WORK/body.json"
# Each instance loads the model on its first prediction (seconds on a loaded machine): not inside the measured maximum.
for ((i = 0; i < INSTANCES; i++)); do
  wait_for "instance $((i + 1)) to serve '$MODEL'" 120 curl -fsS -X POST -H "x-functions-key: $BENCH_KEY" -H "Content-Type: application/json" \
    --data-binary "@$WORK/body.json" "$(base "$i")/models/$MODEL/predict"
done

# wrk_all SECONDS DELAY_MS PREFIX: one wrk per instance at once, outputs in PREFIX-<i>.txt.
wrk_all() {
  local seconds=$1 pause=$2 prefix=$3 pids=() i
  for ((i = 0; i < INSTANCES; i++)); do
    SOAK_DELAY_MS=$pause wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s -s "$BENCH_DIR/soak.lua" \
      "$(base "$i")/models/$MODEL/predict" >"$prefix-$i.txt" 2>&1 &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
}

echo "Measuring the maximum throughput (5 s, unpaced, $CONNECTIONS connections per instance)..."
wrk_all 3 0 "$WORK/warmup"
wrk_all 5 0 "$WORK/max"
MAX_RPS=$(cat "$WORK"/max-*.txt | sed -nE 's/^SOAK requests=([0-9]+).* duration_us=([0-9]+).*/\1 \2/p' | awk '{r += $1 / ($2 / 1e6)} END {printf "%.0f", r}')
((MAX_RPS > 0)) || { echo "error: no prediction answered while measuring the maximum throughput; see $WORK/max-*.txt" >&2; exit 1; }
TARGET_RPS=$((MAX_RPS / 2))
# Each connection waits DELAY between requests; CONNECTIONS * INSTANCES connections then make about TARGET_RPS.
DELAY_MS=$((CONNECTIONS * INSTANCES * 1000 / (TARGET_RPS > 0 ? TARGET_RPS : 1)))
echo "Maximum $MAX_RPS requests/s; soaking at about $TARGET_RPS (a ${DELAY_MS} ms pause per connection) for ${DURATION} s in ${SEGMENTS} segments of ${SEGMENT} s."

# Background: the alias flips every 10 s, and a training every 15 s, each through the next instance in turn.
(
  n=0
  while true; do
    sleep 10
    version=$V1
    ((n % 2 == 0)) && version=$V2
    code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "x-functions-key: $BENCH_KEY" -H "Content-Type: application/json" \
      -d "{\"version\":$version}" "$(base $((n % INSTANCES)))/models/$MODEL/aliases/current")
    echo "$(date -u +%T) $version $code" >>"$WORK/flips.txt"
    n=$((n + 1))
  done
) &
bench_track $!
(
  n=0
  while ((TRAINING_INTERVAL > 0)); do
    sleep "$TRAINING_INTERVAL"
    # One job id per line (the response has no final newline, which sed would keep).
    { curl -s -X POST -H "x-functions-key: $BENCH_KEY" -H "Content-Type: application/json" \
      -d "{\"dataset\":\"$MODEL/train.csv\",\"label\":\"y\",\"promote\":\"never\"}" "$(base $((n % INSTANCES)))/models/$MODEL-bg/train" |
      sed -nE 's/.*"jobId":"([^"]+)".*/\1/p'; echo; } >>"$WORK/jobs.txt"
    n=$((n + 1))
  done
) &
TRAINER_PID=$!
bench_track $TRAINER_PID

rss_kb() { ps -o rss= -p "$1" | tr -d ' '; }
# rss_parts_kb PID: "anonymous shared file" resident kB.
rss_parts_kb() { awk '/^RssAnon/ {a = $2} /^RssShmem/ {s = $2} /^RssFile/ {f = $2} END {print a, s, f}' "/proc/$1/status"; }
for ((s = 1; s <= SEGMENTS; s++)); do
  wrk_all "$SEGMENT" "$DELAY_MS" "$WORK/segment-$s"
  line=$(cat "$WORK"/segment-"$s"-*.txt | sed -nE 's/^SOAK //p' | awk '
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      r += v["requests"]; d = v["duration_us"]; if (v["p99_us"] > p99) p99 = v["p99_us"]; if (v["p50_us"] > p50) p50 = v["p50_us"]
      e5 += v["errors_5xx"]; e4 += v["errors_4xx"]; se += v["socket_errors"] }
    END { printf "%d %.0f %d %d %d %d %d", r, r / (d / 1e6), p50, p99, e5, e4, se }')
  memory=""
  for pid in "${PIDS[@]}"; do memory+="$(rss_kb "$pid") "; echo "$s $(rss_parts_kb "$pid")" >>"$WORK/memory-parts.txt"; done
  echo "$s $line $memory" >>"$WORK/segments.txt"
  echo "  segment $s/$SEGMENTS: $line (requests rps p50_us p99_us 5xx 4xx socket) rss_kb: $memory"
done

# No more trainings are submitted (else those submitted while the others are awaited would count as succeeded
# beyond the submitted total); the ones still running finish; then every one must have succeeded.
kill "$TRAINER_PID" 2>/dev/null || true
wait "$TRAINER_PID" 2>/dev/null || true
touch "$WORK/jobs.txt"
cp "$WORK/jobs.txt" "$WORK/jobs-submitted.txt"
SUBMITTED=$(grep -c . "$WORK/jobs-submitted.txt" 2>/dev/null) || SUBMITTED=0
SUCCEEDED=0
while read -r job; do
  [[ -z "$job" ]] && continue
  deadline=$((SECONDS + 120))
  until status=$(curl -fsS -H "x-functions-key: $BENCH_KEY" "$(base 0)/jobs/$job" | json_get status) && [[ $status == succeeded || $status == failed ]]; do
    ((SECONDS < deadline)) || break
    sleep 0.5
  done
  [[ ${status:-} == succeeded ]] && SUCCEEDED=$((SUCCEEDED + 1))
done <"$WORK/jobs-submitted.txt"
FLIPS=$(grep -c . "$WORK/flips.txt" 2>/dev/null) || FLIPS=0
FLIPS_OK=$(grep -c ' 200$' "$WORK/flips.txt" 2>/dev/null) || FLIPS_OK=0

# Only a full-length run replaces the committed result; shorter ones (the tests' 60 s) report into the work folder.
RESULT="$WORK/soak.md"
((DURATION >= 600)) && mkdir -p "$BENCH_DIR/results" && RESULT="$BENCH_DIR/results/soak.md"
status=0
"$PY" - "$WORK/segments.txt" "$RESULT" <<PYEOF || status=$?
import sys
rows = [line.split() for line in open(sys.argv[1])]
parts = [line.split() for line in open("$WORK/memory-parts.txt")]
segment, instances = $SEGMENT, $INSTANCES
labels = "${LABELS[*]}".split()
p99_tol, mem_tol = $P99_TOLERANCE, $MEMORY_TOLERANCE
out = [f"$MACHINE", "",
       f"\`bench/soak.sh $DURATION\`: {instances} instances, one Azurite; maximum measured {$MAX_RPS} requests/s, soaked at about {$TARGET_RPS}; "
       f"alias \`current\` flipped every 10 s, " + ("a training every $TRAINING_INTERVAL s" if $TRAINING_INTERVAL > 0 else "no background trainings") +
       (" on the worker (topology flex: the instances host the HTTP functions, the worker the queue-triggered ones, as Flex Consumption scales them)." if "$TOPOLOGY" == "flex" else " (topology shared: every instance hosts every function)."), "",
       "| Segment | Requests/s | p50 (ms) | p99 (ms) | 5xx | 4xx | Socket errors | RSS per process (MiB): " + " / ".join(labels) + " |",
       "|---|---|---|---|---|---|---|---|"]
for r in rows:
    s, req, rps, p50, p99, e5, e4, se = r[:8]
    rss = " / ".join(f"{int(k) / 1024:.0f}" for k in r[8:])
    out.append(f"| {int(s) * segment - segment}-{int(s) * segment} s | {rps} | {int(p50) / 1000:.2f} | {int(p99) / 1000:.2f} | {e5} | {e4} | {se} | {rss} |")
first, last = rows[0], rows[-1]
# Where the growth is, per instance: first segment -> last, MiB.
def part(seg, i, k): return int([p for p in parts if p[0] == seg][i][1 + k]) / 1024
out += ["", "| Process | anonymous: GC heap, native heaps, stacks (MiB) | shared: JIT-compiled code (MiB) | file-backed: assemblies, libraries (MiB) |", "|---|---|---|---|"]
for i in range(len(labels)):
    out.append(f"| {labels[i]} | " + " | ".join(f"{part(first[0], i, k):.0f} -> {part(last[0], i, k):.0f} ({part(last[0], i, k) - part(first[0], i, k):+.1f})" for k in range(3)) + " |")
p99_first, p99_last = int(first[4]), int(last[4])
errors = sum(int(r[5]) + int(r[6]) + int(r[7]) for r in rows)
e5 = sum(int(r[5]) for r in rows)
growth = [(int(b) - int(a)) / int(a) for a, b in zip(first[8:], last[8:])]
checks = [
    (f"zero 5xx ({e5}), no 4xx or socket errors ({errors - e5})", errors == 0),
    (f"p99 last segment {p99_last / 1000:.2f} ms vs first {p99_first / 1000:.2f} ms: {100 * (p99_last - p99_first) / p99_first:+.0f}% (limit +{100 * p99_tol:.0f}%)", p99_last <= p99_first * (1 + p99_tol)),
    ("memory growth after warm-up per process (" + " / ".join(labels) + "): " + ", ".join(f"{100 * g:+.1f}%" for g in growth) + f" (limit {100 * mem_tol:.0f}%)", all(g < mem_tol for g in growth)),
    (f"alias flips answered 200: $FLIPS_OK of $FLIPS", $FLIPS_OK == $FLIPS and $FLIPS > 0),
    (f"background trainings succeeded: $SUCCEEDED of $SUBMITTED", $SUCCEEDED == $SUBMITTED and ($SUBMITTED > 0 or $TRAINING_INTERVAL == 0)),
]
out.append("")
out += [f"- {'pass' if ok else 'FAIL'}: {text}" for text, ok in checks]
text = "\n".join(out) + "\n"
open(sys.argv[2], "w").write(text)
print(text)
sys.exit(0 if all(ok for _, ok in checks) else 1)
PYEOF
if ((DURATION >= 600)); then
  bench_readme soak "$RESULT" && echo "Wrote bench/results/soak.md and the soak section of bench/README.md."
fi
echo "SOAK RESULT: $([[ $status == 0 ]] && echo pass || echo fail)"
exit "$status"
