#!/usr/bin/env bash
# Training side by side: AiMaas trainers (linear, the default; lightGbm; fastForest; and "auto" tuning) and
# scikit-learn (LogisticRegression/Ridge, HistGradientBoosting*, RandomForest*) on the same seeded files (20 feature
# columns in realistic magnitudes, ~2% missing; a binary and a regression label), scored on the same hold-out rows
# (AiMaas's seeded 20%, whose row numbers the AiMaas run writes out). Reports wall time (read the file to the hold-out
# metric), the process's peak RSS and the hold-out AUC / R^2; writes bench/results/train.md and the "train" section of
# bench/README.md. AiMaas trains in-process through the core (FileTrainingSource + ModelTrainer, as a dataset job does).
#
#   bench/train.sh                 100k and 1M rows
#   bench/train.sh 100000          only these row counts
#   TRAIN_1GB=1 bench/train.sh     adds the 1 GB file (7M rows): the default trainer's peak RSS against the 1.5 GB target
#   AUTO_BUDGET=600 AUTO_MAX_ROWS=1000000   the "auto" run's time budget (s), and the largest file it runs on
#   TASKS="regression"             only these tasks (default: binary regression)
#   TRAINERS="linear auto"         only these (default: linear lightGbm fastForest auto; linear also runs LogisticRegression/
#                                  Ridge, lightGbm and auto HistGradientBoosting*, fastForest RandomForest*)
#
# Each AiMaas run prints its seconds per stage (reading, featurizing, training or tuning, evaluating); an "auto" run
# also prints whether it ended within its budget, which counts from the start of training (the file is read before).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROWS=("$@")
((${#ROWS[@]} == 0)) && ROWS=(100000 1000000)
AUTO_BUDGET=${AUTO_BUDGET:-600}
AUTO_MAX_ROWS=${AUTO_MAX_ROWS:-1000000}
TRAINERS=" ${TRAINERS:-linear lightGbm fastForest auto} "
read -r -a TASK_LIST <<<"${TASKS:-binary regression}"
BENCH_DLL="$BENCH_DIR/AiMaas.Benchmarks/bin/Release/net10.0/AiMaas.Benchmarks.dll"

bench_apt python3-sklearn python3-pandas
bench_start train
MACHINE=$(bench_machine)
echo "$MACHINE"
echo "Building the benchmarks (Release)..."
dotnet build "$BENCH_DIR/AiMaas.Benchmarks" -c Release --nologo -v quiet >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
RESULTS="$WORK/results.jsonl"
: >"$RESULTS"

# record ROWS TASK JSON_FILE: one result line, tagged with the file it ran on.
record() {
  "$PY" -c 'import json,sys; r=json.load(open(sys.argv[3])); r.update(rows=int(sys.argv[1]), task=sys.argv[2]); print(json.dumps(r))' "$1" "$2" "$3" >>"$RESULTS"
}

aimaas() { # ROWS TASK TRAINER [extra args]
  local rows=$1 task=$2 trainer=$3
  shift 3
  echo "AiMaas $trainer, $task, $rows rows..."
  dotnet "$BENCH_DLL" train --data "$WORK/$task-$rows.csv" --label label --task "$task" --trainer "$trainer" --out "$WORK/r.json" "$@"
  record "$rows" "$task" "$WORK/r.json"
  if [[ $trainer == auto ]]; then
    "$PY" - "$WORK/r.json" "$rows" "$task" <<'EOF' | tee -a "$WORK/budget.md"
import json, sys
r = json.load(open(sys.argv[1]))
reading = r["stages"].get("reading", 0)
trained, budget = r["seconds"] - reading, r["budgetSeconds"]
verdict = "within" if trained <= budget else "OVER"
print(f"- {int(sys.argv[2]):,} {sys.argv[3]}: auto trained in {trained:.1f} s of its {budget} s budget ({verdict}); "
      f"{r['seconds']:.1f} s with reading the file ({reading:.1f} s) first")
t = r.get("tuning") or {}
if t:
    print(f"  - tuned on {t['TuningRows']:,} of {t['TrainingRows']:,} training rows, {t['Folds']} folds; "
          f"{len(t['Leaderboard'])} trials ran, {t['Skipped']} skipped by the budget; leaderboard ({t['Metric']}, best first):")
    for x in t["Leaderboard"]:
        opts = ", ".join(f"{k}={v:g}" for k, v in x["Options"].items()) or "defaults"
        score = f"{x['Mean']:.4f} ± {x['StandardDeviation']:.4f}" if x["Mean"] is not None else x.get("Error")
        print(f"    - {x['Trainer']} ({opts}): {score} on {x['Folds']} fold(s), {x['Seconds']:.1f} s")
EOF
  fi
}

runs() { [[ $TRAINERS == *" $1 "* ]]; }

sklearn() { # ROWS TASK MODEL
  echo "scikit-learn $3, $2, $1 rows..."
  "$PY" "$BENCH_DIR/sklearn_train.py" "$WORK/$2-$1.csv" "$2" "$3" "$WORK/$2-$1.split" "$WORK/r.json"
  record "$1" "$2" "$WORK/r.json"
}

for rows in "${ROWS[@]}"; do
  for task in "${TASK_LIST[@]}"; do
    "$PY" "$BENCH_DIR/train_data.py" "$task" "$rows" "$WORK/$task-$rows.csv"
    # The file's pages written back before anything is timed: otherwise the first run (always AiMaas's) reads while the
    # kernel flushes the freshly written file, and the runs after it do not.
    sync
    # The default trainer always runs first: it writes the hold-out rows scikit-learn is scored on.
    aimaas "$rows" "$task" linear --split "$WORK/$task-$rows.split"
    runs lightGbm && aimaas "$rows" "$task" lightGbm
    runs fastForest && aimaas "$rows" "$task" fastForest
    runs linear && sklearn "$rows" "$task" linear
    # auto is held to the best of scikit-learn's models, so it brings HistGradientBoosting along (the best on these files).
    { runs lightGbm || { runs auto && ((rows <= AUTO_MAX_ROWS)); }; } && sklearn "$rows" "$task" hgb
    runs fastForest && sklearn "$rows" "$task" forest
    if runs auto && ((rows <= AUTO_MAX_ROWS)); then
      aimaas "$rows" "$task" auto --budget "$AUTO_BUDGET"
    fi
    rm -f "$WORK/$task-$rows.csv"
  done
done

if [[ -n "${TRAIN_1GB:-}" ]]; then
  rows=7000000
  "$PY" "$BENCH_DIR/train_data.py" binary "$rows" "$WORK/binary-$rows.csv"
  sync
  echo "1 GB file: $(du -h "$WORK/binary-$rows.csv" | cut -f1)"
  aimaas "$rows" binary linear
fi

mkdir -p "$BENCH_DIR/results"
"$PY" "$BENCH_DIR/report.py" train "$MACHINE" "$BENCH_DIR/results/train.md" "$RESULTS"
if [[ -s $WORK/budget.md ]]; then
  { echo; echo "The auto time budget:"; echo; cat "$WORK/budget.md"; } | tee -a "$BENCH_DIR/results/train.md"
fi
bench_readme train "$BENCH_DIR/results/train.md"
echo "Wrote bench/results/train.md and the train section of bench/README.md."
