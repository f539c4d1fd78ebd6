#!/usr/bin/env bash
# Batch throughput: ML.NET (AiMaas's own trained model, in process) against scikit-learn's predict on the same
# 10k and 100k rows, one after the other in one run. Writes bench/results/batch.md and the "batch" section of bench/README.md.
# BENCH_SECONDS (default 3) seconds of timed passes per scorer and size.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SECONDS_PER=${BENCH_SECONDS:-3}

bench_apt python3-numpy python3-sklearn
bench_start batch
MACHINE=$(bench_machine)
echo "$MACHINE"
echo "Building the benchmarks (Release)..."
dotnet build "$BENCH_DIR/AiMaas.Benchmarks" -c Release --nologo -v quiet >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }

echo "Generating data: 10,000 training rows and 100,000 rows to score (fixed seeds)..."
"$PY" "$BENCH_DIR/data.py" csv "$WORK/train.csv" 10000
"$PY" "$BENCH_DIR/data.py" csv "$WORK/rows.csv" 100000 99

# Two alternating rounds: on a shared machine a neighbour's burst then hurts one round of one side, not the comparison.
for round in 1 2; do
  echo "Round $round: ML.NET side (trains with ModelTrainer, then scores)..."
  dotnet "$BENCH_DIR/AiMaas.Benchmarks/bin/Release/net10.0/AiMaas.Benchmarks.dll" batch \
    --train "$WORK/train.csv" --data "$WORK/rows.csv" --sizes 10000,100000 --seconds "$SECONDS_PER" --out "$WORK/mlnet-$round.json" >/dev/null
  echo "Round $round: Python side (fits LinearRegression on the same rows, then scores)..."
  "$PY" "$BENCH_DIR/sklearn_batch.py" "$WORK/train.csv" "$WORK/rows.csv" 10000,100000 "$SECONDS_PER" "$WORK/python-$round.json" >/dev/null
done

mkdir -p "$BENCH_DIR/results"
"$PY" "$BENCH_DIR/report.py" batch "$MACHINE" "$BENCH_DIR/results/batch.md" "$WORK/mlnet-1.json,$WORK/mlnet-2.json" "$WORK/python-1.json,$WORK/python-2.json"
bench_readme batch "$BENCH_DIR/results/batch.md"
echo "Wrote bench/results/batch.md and the batch section of bench/README.md."
