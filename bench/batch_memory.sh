#!/usr/bin/env bash
# Batch scoring memory and throughput: the same linear model scores a ~10 MB CSV and a ~1 GB CSV (the small file's rows
# repeated) as batch jobs in one local runtime process, whose resident memory is sampled every 0.2 s while each job
# runs; then pandas read_csv + scikit-learn predict + to_csv on the same 1 GB file, end to end. AiMaas reads its input
# from and writes its output to Azurite on the same cores; pandas reads and writes local files.
# BENCH_REPEAT (default 100) copies of the 10 MB file's rows make the large one. Writes bench/results/batch_memory.md
# and the "batch-memory" section of bench/README.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
REPEAT=${BENCH_REPEAT:-100}
MODEL=bench-linear

bench_apt python3-numpy python3-pandas python3-sklearn
bench_start batch-memory
MACHINE=$(bench_machine)
echo "$MACHINE"
bench_build_runtime
echo "Generating data: 10,000 training rows, 100,000 rows to score (~10 MB), and those rows $REPEAT times over..."
"$PY" "$BENCH_DIR/data.py" csv "$WORK/train.csv" 10000
"$PY" "$BENCH_DIR/data.py" csv "$WORK/small.csv" 100000 99
{
  head -1 "$WORK/small.csv"
  for _ in $(seq 1 "$REPEAT"); do tail -n +2 "$WORK/small.csv"; done
} >"$WORK/large.csv"
SMALL_BYTES=$(stat -c %s "$WORK/small.csv")
LARGE_BYTES=$(stat -c %s "$WORK/large.csv")

bench_azurite
PORT=$(free_port)
bench_runtime "$PORT" "$WORK/runtime.log"
bench_wait_runtime "$PORT" "$WORK/runtime.log"
BASE="http://127.0.0.1:$PORT/api"
bench_upload "$PORT" bench/train.csv "$WORK/train.csv"
VERSION=$(bench_train "$PORT" "$MODEL" bench/train.csv)
echo "Version $VERSION is current."
for name in small large; do
  # -T streams the file; --data-binary would read 1 GB into curl's memory first.
  curl -fsS -X PUT -H "x-functions-key: $BENCH_KEY" -H "Content-Type: text/csv" -T "$WORK/$name.csv" "$BASE/datasets/bench/$name.csv" >/dev/null
done

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$RUNTIME_PID/status"; }

# score NAME: runs a batch job over bench/NAME.csv, sampling the runtime's RSS; prints "rows seconds rows/s peakKiB".
score() {
  local name=$1 job_id job status peak=0 rss
  job_id=$(curl -fsS -X POST -H "x-functions-key: $BENCH_KEY" -H "Content-Type: application/json" \
    -d "{\"input\":\"bench/$name.csv\",\"errorThreshold\":-1}" "$BASE/models/$MODEL/batch" | json_get jobId)
  while true; do
    rss=$(rss_kib)
    ((rss > peak)) && peak=$rss
    job=$(curl -fsS -H "x-functions-key: $BENCH_KEY" "$BASE/jobs/$job_id")
    status=$(json_get status <<<"$job")
    [[ $status == succeeded || $status == failed ]] && break
    sleep 0.2
  done
  [[ $status == succeeded ]] || { echo "error: batch job over $name failed: $job" >&2; return 1; }
  echo "$(json_get rowsScored <<<"$job") $(json_get durationSeconds <<<"$job") $(json_get rowsPerSecond <<<"$job") $peak"
}

BEFORE=$(rss_kib)
echo "Runtime RSS before any batch job: $((BEFORE / 1024)) MiB"
read -r S_ROWS S_SECONDS S_RATE S_PEAK < <(score small)
echo "small: $S_ROWS rows in $S_SECONDS s ($S_RATE rows/s), peak RSS $((S_PEAK / 1024)) MiB"
read -r L_ROWS L_SECONDS L_RATE L_PEAK < <(score large)
echo "large: $L_ROWS rows in $L_SECONDS s ($L_RATE rows/s), peak RSS $((L_PEAK / 1024)) MiB"
read -r S2_ROWS S2_SECONDS S2_RATE S2_PEAK < <(score small)
echo "small again: $S2_ROWS rows in $S2_SECONDS s ($S2_RATE rows/s), peak RSS $((S2_PEAK / 1024)) MiB"

echo "pandas read_csv + scikit-learn predict + to_csv on the large file..."
"$PY" "$BENCH_DIR/pandas_batch.py" "$WORK/train.csv" "$WORK/large.csv" "$WORK/pandas-out.csv" "$WORK/pandas.json" >/dev/null
P_ROWS=$(json_get rows <"$WORK/pandas.json")
P_SECONDS=$(json_get seconds <"$WORK/pandas.json")
P_RATE=$(json_get rowsPerSecond <"$WORK/pandas.json")
P_PEAK=$(json_get peakRssMiB <"$WORK/pandas.json")
P_READ=$(json_get readSeconds <"$WORK/pandas.json")
P_PREDICT=$(json_get predictSeconds <"$WORK/pandas.json")
P_WRITE=$(json_get writeSeconds <"$WORK/pandas.json")

mkdir -p "$BENCH_DIR/results"
"$PY" - "$WORK/summary.md" <<PY
import sys
mib = lambda kib: int(kib) / 1024
lines = [
    "Run: $MACHINE.",
    "",
    "| Input | Rows | AiMaas batch job | rows/s | runtime RSS peak during the job |",
    "|---|---|---|---|---|",
    f"| small.csv, {$SMALL_BYTES / 1e6:.1f} MB | {int('$S_ROWS'):,} | {float('$S_SECONDS'):.2f} s | {float('$S_RATE'):,.0f} | {mib('$S_PEAK'):.0f} MiB |",
    f"| large.csv, {$LARGE_BYTES / 1e9:.2f} GB | {int('$L_ROWS'):,} | {float('$L_SECONDS'):.2f} s | {float('$L_RATE'):,.0f} | {mib('$L_PEAK'):.0f} MiB |",
    f"| small.csv again | {int('$S2_ROWS'):,} | {float('$S2_SECONDS'):.2f} s | {float('$S2_RATE'):,.0f} | {mib('$S2_PEAK'):.0f} MiB |",
    "",
    f"Runtime RSS before the first job: {mib('$BEFORE'):.0f} MiB. The large input's peak is "
    f"{mib('$L_PEAK') - mib('$S_PEAK'):+.0f} MiB against the small one's.",
    "",
    f"pandas read_csv + LinearRegression.predict + to_csv on large.csv: {int('$P_ROWS'):,} rows in {float('$P_SECONDS'):.2f} s "
    f"({float('$P_RATE'):,.0f} rows/s; read {float('$P_READ'):.2f} s, predict {float('$P_PREDICT'):.2f} s, write {float('$P_WRITE'):.2f} s), "
    f"peak RSS {float('$P_PEAK'):.0f} MiB. AiMaas / pandas throughput: **{float('$L_RATE') / float('$P_RATE'):.2f} x**.",
]
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
cp "$WORK/summary.md" "$BENCH_DIR/results/batch_memory.md"
bench_readme batch-memory "$BENCH_DIR/results/batch_memory.md"
echo "Wrote bench/results/batch_memory.md and the batch-memory section of bench/README.md."
