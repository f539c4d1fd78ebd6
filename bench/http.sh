#!/usr/bin/env bash
# HTTP benchmark: single-row predict over loopback with wrk at 1 and 32 connections, side by side in one run:
#   - AiMaas through the local runtime (Release) against its own Azurite, model trained through the real API and queue:
#     /api/models/{m}/predict, /api/models/{m}/versions/{v}/predict, KServe V1 /v1/models/{m}:predict and V2 /v2/models/{m}/infer;
#   - the same predict on a second model trained the same way that logs every request (its default logging settings,
#     samplingRate 1, inputs and outputs) to the same Azurite, measured right after the unlogged one;
#   - AiMaas V2 infer on an uploaded ONNX MLP (10 inputs, 200 hidden units, 3 classes; written by bench/AiMaas.Benchmarks);
#   - a bare Kestrel minimal API doing the same linear arithmetic (the ceiling);
#   - Flask + numpy and Flask + scikit-learn under gunicorn with 2 workers.
# Then the logging cost: the unlogged and the logged model's predict alternate in 5 s runs (BENCH_LOG_ROUNDS, default 6),
# and the target compares each round's pair, runs seconds apart, rather than two single runs minutes apart.
# Writes bench/results/http.md and the "http" section of bench/README.md. BENCH_DURATION (default 10) seconds per run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DURATION=${BENCH_DURATION:-10}
MODEL=bench-linear

bench_apt wrk gunicorn python3-flask python3-numpy python3-sklearn
bench_start http
MACHINE=$(bench_machine)
echo "$MACHINE"
bench_build_runtime
echo "Building the bare Kestrel comparator (Release)..."
dotnet build "$BENCH_DIR/BareKestrel" -c Release --nologo -v quiet >"$WORK/build-kestrel.log" 2>&1 || { cat "$WORK/build-kestrel.log" >&2; exit 1; }
echo "Building the in-process benchmarks (they write the ONNX MLP)..."
dotnet build "$BENCH_DIR/AiMaas.Benchmarks" -c Release --nologo -v quiet >"$WORK/build-benchmarks.log" 2>&1 || { cat "$WORK/build-benchmarks.log" >&2; exit 1; }
dotnet "$BENCH_DIR/AiMaas.Benchmarks/bin/Release/net10.0/AiMaas.Benchmarks.dll" onnx-model "$WORK/mlp.onnx"

echo "Generating data (10,000 rows, fixed seed) and least-squares weights for the comparators..."
"$PY" "$BENCH_DIR/data.py" csv "$WORK/train.csv" 10000
"$PY" "$BENCH_DIR/data.py" fit "$WORK/train.csv" "$WORK/weights.json"
"$PY" "$BENCH_DIR/data.py" body "$WORK/body.json" 1
"$PY" "$BENCH_DIR/data.py" body-v2 "$WORK/body-v2.json" 1
"$PY" "$BENCH_DIR/data.py" body-onnx "$WORK/body-onnx.json" 1

bench_azurite
AIMAAS_PORT=$(free_port)
bench_runtime "$AIMAAS_PORT" "$WORK/runtime.log"
bench_wait_runtime "$AIMAAS_PORT" "$WORK/runtime.log"
echo "Training '$MODEL' through PUT /api/datasets, POST /api/models/$MODEL/train and the queue..."
bench_upload "$AIMAAS_PORT" bench/train.csv "$WORK/train.csv"
VERSION=$(bench_train "$AIMAAS_PORT" "$MODEL" bench/train.csv)
echo "Version $VERSION is current."
LOGGED_MODEL=bench-linear-logged
bench_train "$AIMAAS_PORT" "$LOGGED_MODEL" bench/train.csv >/dev/null
curl -fsS -X PUT -H "x-functions-key: $BENCH_KEY" -d '{"enabled":true}' "http://127.0.0.1:$AIMAAS_PORT/api/models/$LOGGED_MODEL/logging"
echo
echo "'$LOGGED_MODEL' trained the same way logs every request with the settings above."
ONNX_MODEL=bench-mlp
curl -fsS -H "x-functions-key: $BENCH_KEY" -H "Content-Type: application/octet-stream" --data-binary "@$WORK/mlp.onnx" \
  "http://127.0.0.1:$AIMAAS_PORT/api/models/$ONNX_MODEL/versions?format=onnx" >/dev/null
echo "ONNX MLP uploaded as '$ONNX_MODEL' version 1."
# An upload promotes a model's first version, so the unversioned route answers too (the timed row uses the versioned one).
echo "  unversioned /v2/models/$ONNX_MODEL/infer: $(curl -fsS -X POST -H "Content-Type: application/json" -H "x-functions-key: $BENCH_KEY" \
  --data-binary "@$WORK/body-onnx.json" "http://127.0.0.1:$AIMAAS_PORT/v2/models/$ONNX_MODEL/infer" | head -c 160)"

KESTREL_PORT=$(free_port)
BENCH_WEIGHTS="$WORK/weights.json" dotnet "$BENCH_DIR/BareKestrel/bin/Release/net10.0/BareKestrel.dll" \
  --urls "http://127.0.0.1:$KESTREL_PORT" >"$WORK/kestrel.log" 2>&1 &
bench_track $!
FLASK_PORT=$(free_port)
BENCH_WEIGHTS="$WORK/weights.json" "$PY" -m gunicorn --chdir "$BENCH_DIR" -w 2 -b "127.0.0.1:$FLASK_PORT" \
  --log-level warning flask_server:app >"$WORK/gunicorn.log" 2>&1 &
bench_track $!
wait_for "bare Kestrel" 60 curl -fsS "http://127.0.0.1:$KESTREL_PORT/health"
wait_for "gunicorn" 60 curl -fsS -X POST -H "Content-Type: application/json" --data-binary "@$WORK/body.json" "http://127.0.0.1:$FLASK_PORT/predict"

declare -A URLS=(
  [kestrel]="http://127.0.0.1:$KESTREL_PORT/predict"
  [aimaas]="http://127.0.0.1:$AIMAAS_PORT/api/models/$MODEL/predict"
  [aimaas-logged]="http://127.0.0.1:$AIMAAS_PORT/api/models/$LOGGED_MODEL/predict"
  [aimaas-version]="http://127.0.0.1:$AIMAAS_PORT/api/models/$MODEL/versions/$VERSION/predict"
  [aimaas-v1]="http://127.0.0.1:$AIMAAS_PORT/v1/models/$MODEL:predict"
  [aimaas-v2]="http://127.0.0.1:$AIMAAS_PORT/v2/models/$MODEL/infer"
  [aimaas-onnx-v2]="http://127.0.0.1:$AIMAAS_PORT/v2/models/$ONNX_MODEL/versions/1/infer"
  [flask-numpy]="http://127.0.0.1:$FLASK_PORT/predict"
  [flask-sklearn]="http://127.0.0.1:$FLASK_PORT/predict-sklearn"
)
ORDER=(kestrel aimaas aimaas-logged aimaas-version aimaas-v1 aimaas-v2 aimaas-onnx-v2 flask-numpy flask-sklearn)
# The same row for every server; V2 sends it as one FP32 tensor per feature, the ONNX MLP as one [1, 10] tensor.
body_for() {
  case $1 in
    aimaas-v2) echo "$WORK/body-v2.json" ;;
    aimaas-onnx-v2) echo "$WORK/body-onnx.json" ;;
    *) echo "$WORK/body.json" ;;
  esac
}

echo "One request each (the scores agree to the precision of SDCA against least squares):"
for name in "${ORDER[@]}"; do
  printf '  %-15s %s\n' "$name" "$(curl -fsS -X POST -H "Content-Type: application/json" -H "x-functions-key: $BENCH_KEY" \
    --data-binary "@$(body_for "$name")" "${URLS[$name]}")"
done

export BENCH_KEY
echo "Warming up each server (3 s at 32 connections)..."
for name in "${ORDER[@]}"; do
  BENCH_BODY=$(body_for "$name") wrk -t2 -c32 -d3s -s "$BENCH_DIR/post.lua" "${URLS[$name]}" >"$WORK/warmup-$name.txt"
done

SPECS=()
for connections in 1 32; do
  threads=$((connections < 2 ? 1 : 2))
  for name in "${ORDER[@]}"; do
    echo "wrk -t$threads -c$connections -d${DURATION}s --latency $name"
    out="$WORK/wrk-$name-$connections.txt"
    BENCH_BODY=$(body_for "$name") wrk -t"$threads" -c"$connections" -d"${DURATION}s" --latency -s "$BENCH_DIR/post.lua" "${URLS[$name]}" >"$out"
    grep -E "Requests/sec|^ +(50|99)%|Non-2xx|Socket errors" "$out" | sed 's/^/    /'
    SPECS+=("$name:$connections:$out")
  done
done

echo "Logging cost: $MODEL and $LOGGED_MODEL alternating, ${BENCH_LOG_ROUNDS:-6} rounds of 5 s at 32 connections..."
BENCH_BODY="$WORK/body.json" bench_alternate "${BENCH_LOG_ROUNDS:-6}" 5 "aimaas=${URLS[aimaas]}" "aimaas-logged=${URLS[aimaas-logged]}"

mkdir -p "$BENCH_DIR/results"
status=0
BENCH_ALTERNATE="$WORK/alternate.tsv" "$PY" "$BENCH_DIR/report.py" http "$MACHINE" "$BENCH_DIR/results/http.md" "${SPECS[@]}" || status=$?
bench_readme http "$BENCH_DIR/results/http.md"
echo "Wrote bench/results/http.md and the http section of bench/README.md."
exit "$status"
