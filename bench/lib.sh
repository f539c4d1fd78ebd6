# Shared by the bench/*.sh scripts: prerequisites, machine description, Azurite, the local runtime, training,
# and process clean-up. Builds on scripts/common.sh (free_port, start_azurite, wait_for, stop_process).
# shellcheck shell=bash

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../scripts/common.sh
source "$BENCH_DIR/../scripts/common.sh"
ROOT=$(repo_root)
# Debian's python3, where python3-numpy, python3-sklearn and python3-flask install (not a pyenv or venv python on PATH).
PY=/usr/bin/python3
RUNTIME_DLL="$ROOT/tools/AiMaas.LocalRuntime/bin/Release/net10.0/AiMaas.LocalRuntime.dll"
BENCH_PIDS=()
WORK=""

# bench_apt PACKAGE...: installs the Debian packages that are missing (apt-get update only when something is).
bench_apt() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  ((${#missing[@]} == 0)) && return 0
  echo "Installing Debian packages: ${missing[*]}"
  local sudo=""
  ((EUID != 0)) && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# bench_start WORK_NAME: a temporary work folder and a trap that stops every started process and removes it.
bench_start() {
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/aimaas-$1.XXXXXX")
  trap bench_cleanup EXIT INT TERM
}

bench_cleanup() {
  trap - EXIT INT TERM
  # Newest first, so the runtime stops before the Azurite it talks to.
  local i
  for ((i = ${#BENCH_PIDS[@]} - 1; i >= 0; i--)); do
    bench_stop "${BENCH_PIDS[i]}"
  done
  [[ -n "$WORK" && -z "${BENCH_KEEP_WORK:-}" ]] && rm -rf "$WORK"
  return 0
}

bench_track() { BENCH_PIDS+=("$1"); }

# bench_stop PID: SIGTERM, then SIGKILL after 10 s; names the process when it has to kill it. (The slow exits once
# blamed on the local runtime were Azurite's telemetry; see bench_azurite.)
bench_stop() {
  local pid=${1:-} waited=0 name
  [[ -z "$pid" ]] && return 0
  # A process that has already exited is done; ps fails for it, which under errexit and pipefail would end the
  # clean-up before it stops the processes after it (and leave them holding the caller's output open).
  kill -0 "$pid" 2>/dev/null || return 0
  name=$(ps -o args= -p "$pid" 2>/dev/null | cut -c1-60) || name="pid $pid"
  kill "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null && ((waited < 100)); do
    sleep 0.1
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "note: process $pid ($name) did not exit within 10 s of SIGTERM; killing it." >&2
    kill -9 "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  return 0
}

bench_machine() {
  local cpu
  cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores ($cpu); load average at start $(cut -d' ' -f1-3 /proc/loadavg); shared machine"
}

bench_build_runtime() {
  install_node_packages "$ROOT"
  echo "Building the local runtime (Release)..."
  dotnet build "$ROOT/tools/AiMaas.LocalRuntime" -c Release --nologo -v quiet >"$WORK/build-runtime.log" 2>&1 || {
    cat "$WORK/build-runtime.log" >&2
    return 1
  }
}

# bench_publish_runtime: the local runtime published ReadyToRun (framework-dependent, for this machine's runtime
# identifier) into $WORK/r2r, the way a deployment package is built; sets R2R_DLL.
bench_publish_runtime() {
  echo "Publishing the local runtime ReadyToRun (Release)..."
  dotnet publish "$ROOT/tools/AiMaas.LocalRuntime" -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
    -o "$WORK/r2r" --nologo -v quiet >"$WORK/publish-runtime.log" 2>&1 || {
    cat "$WORK/publish-runtime.log" >&2
    return 1
  }
  R2R_DLL="$WORK/r2r/AiMaas.LocalRuntime.dll"
}

# bench_azurite: Azurite on free ports with throw-away data; sets BENCH_STORAGE (a connection string).
bench_azurite() {
  local blob queue table
  blob=$(free_port)
  queue=$(free_port)
  table=$(free_port)
  start_azurite "$ROOT" "$WORK/azurite" "$blob" "$queue" "$table" "$WORK/azurite.log" || return 1
  bench_track "$AZURITE_PID"
  BENCH_STORAGE=$(azurite_connection_string "$blob" "$queue" "$table")
  BENCH_KEY=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  printf '{"IsEncrypted": false, "Values": {"FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated"}}\n' >"$WORK/local.settings.json"
}

# bench_runtime PORT LOG: starts the AiMaas local runtime (Release; BENCH_RUNTIME_DLL, else the JIT build) against
# BENCH_STORAGE (training queue BENCH_TRAINING_QUEUE, by default the shared bench-training); sets RUNTIME_PID. Settings come from environment variables, which override local.settings.json as with Core Tools.
bench_runtime() {
  local port=$1 log=$2
  AzureWebJobsStorage="$BENCH_STORAGE" AIMAAS_TRAINING_QUEUE="${BENCH_TRAINING_QUEUE:-bench-training}" AIMAAS_SCORING_QUEUE=bench-scoring AIMAAS_HOST_KEY="$BENCH_KEY" \
    dotnet "${BENCH_RUNTIME_DLL:-$RUNTIME_DLL}" --settings "$WORK/local.settings.json" --port "$port" >"$log" 2>&1 &
  RUNTIME_PID=$!
  bench_track "$RUNTIME_PID"
}

bench_wait_runtime() {
  local port=$1 log=$2
  wait_for "the local runtime on port $port" 120 curl -fsS "http://127.0.0.1:$port/api/health" || {
    tail -50 "$log" >&2
    return 1
  }
}

# json_get FIELD.PATH: reads a value from the JSON document on stdin.
json_get() { "$PY" -c 'import json,sys; v=json.load(sys.stdin)
for k in sys.argv[1].split("."): v=v[int(k)] if isinstance(v,list) else v[k]
print(v)' "$1"; }

# bench_upload PORT DATASET CSV: stores a dataset through PUT /api/datasets.
bench_upload() {
  curl -fsS -X PUT -H "x-functions-key: $BENCH_KEY" -H "Content-Type: text/csv" --data-binary "@$3" \
    "http://127.0.0.1:$1/api/datasets/$2" >/dev/null
}

# bench_train PORT MODEL DATASET: trains through POST /api/models/{m}/train and the queue; prints the new version.
bench_train() {
  local port=$1 model=$2 dataset=$3 base="http://127.0.0.1:$1/api" job_id status job
  job_id=$(curl -fsS -X POST -H "x-functions-key: $BENCH_KEY" -H "Content-Type: application/json" \
    -d "{\"dataset\":\"$dataset\",\"label\":\"y\",\"trainer\":\"linear\"}" "$base/models/$model/train" | json_get jobId)
  local deadline=$((SECONDS + 300))
  while ((SECONDS < deadline)); do
    job=$(curl -fsS -H "x-functions-key: $BENCH_KEY" "$base/jobs/$job_id")
    status=$(json_get status <<<"$job")
    case "$status" in
      succeeded)
        json_get version <<<"$job"
        return 0
        ;;
      failed)
        echo "error: training job $job_id failed: $job" >&2
        return 1
        ;;
    esac
    sleep 0.2
  done
  echo "error: training job $job_id did not finish within 300 s" >&2
  return 1
}

# bench_alternate ROUNDS SECONDS NAME=URL...: wrk -t2 -c32 for SECONDS on each URL in turn, ROUNDS times, the order
# rotated every round so that no name always runs after the same one; after each run it waits 3 s, past the prediction
# log's 2 s flush interval, so that a run's last flush lands in its own pause, not in the next run. Appends a line per
# run to $WORK/alternate.tsv: round, name, requests/s, p99, requests, then the CPU clock ticks each process of
# BENCH_CPU_PIDS (space-separated) used from the run's start to the end of its pause. The body is $BENCH_BODY.
bench_alternate() {
  local rounds=$1 seconds=$2 names=() urls=() spec round i j k n out before after pid
  shift 2
  for spec in "$@"; do
    names+=("${spec%%=*}")
    urls+=("${spec#*=}")
  done
  n=${#names[@]}
  for ((round = 1; round <= rounds; round++)); do
    for ((i = 0; i < n; i++)); do
      j=$(((i + round - 1) % n))
      out="$WORK/alternate-${names[j]}-$round.txt"
      before=()
      for pid in ${BENCH_CPU_PIDS:-}; do before+=("$(awk '{print $14 + $15}' "/proc/$pid/stat")"); done
      wrk -t2 -c32 -d"${seconds}s" --latency -s "$BENCH_DIR/post.lua" "${urls[j]}" >"$out"
      sleep 3
      after=()
      for pid in ${BENCH_CPU_PIDS:-}; do after+=("$(awk '{print $14 + $15}' "/proc/$pid/stat")"); done
      grep -q "Non-2xx\|Socket errors" "$out" && grep "Non-2xx\|Socket errors" "$out" >&2
      printf '%s\t%s\t%s\t%s\t%s' "$round" "${names[j]}" "$(awk '/Requests\/sec/ {print $2}' "$out")" \
        "$(awk '$1 == "99%" {print $2}' "$out")" "$(awk '/requests in/ {print $1}' "$out")" >>"$WORK/alternate.tsv"
      for ((k = 0; k < ${#before[@]}; k++)); do printf '\t%s' "$((after[k] - before[k]))" >>"$WORK/alternate.tsv"; done
      printf '\n' >>"$WORK/alternate.tsv"
      printf '  round %d %-14s %10s req/s  p99 %s\n' "$round" "${names[j]}" "$(awk '/Requests\/sec/ {print $2}' "$out")" "$(awk '$1 == "99%" {print $2}' "$out")"
    done
  done
}

# bench_readme SECTION FILE: replaces the text between <!-- SECTION:begin --> and <!-- SECTION:end --> in bench/README.md.
bench_readme() {
  "$PY" "$BENCH_DIR/report.py" readme "$BENCH_DIR/README.md" "$1" "$2"
}
