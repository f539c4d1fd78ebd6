#!/usr/bin/env bash
# In-process benchmarks (BenchmarkDotNet, short in-process job): single-row predict, a 1k-row batch, JSON parse plus
# predict through PredictionService, and model load from bytes, beside a pooled PredictionEngine and the bare arithmetic.
# Writes bench/results/inprocess.md and the "inprocess" section of bench/README.md; BenchmarkDotNet's own files go to
# bench/BenchmarkDotNet.Artifacts (git-ignored). Extra arguments go to BenchmarkDotNet (e.g. --filter '*SingleRow*').
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ARTIFACTS="$BENCH_DIR/BenchmarkDotNet.Artifacts"

bench_start inprocess
MACHINE=$(bench_machine)
echo "$MACHINE"
echo "Building the benchmarks (Release)..."
dotnet build "$BENCH_DIR/AiMaas.Benchmarks" -c Release --nologo -v quiet >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
rm -rf "$ARTIFACTS/results"
filter=("--filter" "*")
(($# > 0)) && filter=()
(cd "$WORK" && dotnet "$BENCH_DIR/AiMaas.Benchmarks/bin/Release/net10.0/AiMaas.Benchmarks.dll" "${filter[@]}" "$@" --artifacts "$ARTIFACTS")

report=$(ls "$ARTIFACTS"/results/*-report-github.md)
mkdir -p "$BENCH_DIR/results"
{
  echo "Run: $MACHINE. BenchmarkDotNet short in-process job (3 warm-up, 5 measured iterations), one process, benchmarks in sequence."
  echo
  sed -n '/^|/,$p' "$report" | sed "s/&#39;//g"
} >"$BENCH_DIR/results/inprocess.md"
cat "$BENCH_DIR/results/inprocess.md"
bench_readme inprocess "$BENCH_DIR/results/inprocess.md"
echo "Wrote bench/results/inprocess.md and the inprocess section of bench/README.md."
