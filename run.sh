#!/usr/bin/env bash
# Runs AiMaas locally: Azurite plus the function app on http://127.0.0.1:7071 (AIMAAS_PORT to change),
# trains the sample model through the real queue path if none exists, and runs until Ctrl-C.
# ./run.sh --instances N runs N instances (separate processes) on ports 7071, 7072, ... against the one Azurite,
# sharing its containers and training queue, as Flex Consumption scales out.
# ./run.sh --instances N --flex splits them as Flex Consumption's per-function scaling does: the N instances host the
# HTTP functions only, and one more process on the next port, the worker, hosts the queue-triggered ones (trainings and
# batch scoring), so serving instances never run a training (the local runtime's AIMAAS_RUNTIME_TRIGGERS).
# Ctrl-C or SIGTERM stops every instance and Azurite.
# Environment (defaults in brackets), so that a test can run it on throw-away ports and data:
#   AIMAAS_PORT [7071]  AIMAAS_SETTINGS [functions/AiMaas.Functions/local.settings.json, created from the sample]
#   AIMAAS_AZURITE_DIR [.azurite]  AIMAAS_AZURITE_PORTS ["10000 10001 10002": blob, queue, table; others override the
#   settings' AzureWebJobsStorage]  AIMAAS_NO_BUILD=1 (use the existing build)  AIMAAS_RUNTIME_DLL [the Release build]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/scripts/common.sh"
ROOT=$(repo_root)
cd "$ROOT"
PORT=${AIMAAS_PORT:-7071}
INSTANCES=1
FLEX=""
while (($# > 0)); do
  case "$1" in
    --instances)
      INSTANCES=${2:-}
      shift 2 || { echo "error: --instances needs a number" >&2; exit 2; }
      ;;
    --instances=*)
      INSTANCES=${1#*=}
      shift
      ;;
    --flex)
      FLEX=1
      shift
      ;;
    *)
      echo "usage: ./run.sh [--instances N] [--flex]" >&2
      exit 2
      ;;
  esac
done
[[ "$INSTANCES" =~ ^[1-9][0-9]?$ ]] || { echo "error: --instances must be a number from 1 to 99, not '$INSTANCES'" >&2; exit 2; }
SETTINGS=${AIMAAS_SETTINGS:-functions/AiMaas.Functions/local.settings.json}
AZURITE_DIR=${AIMAAS_AZURITE_DIR:-.azurite}
read -r BLOB_PORT QUEUE_PORT TABLE_PORT <<<"${AIMAAS_AZURITE_PORTS:-10000 10001 10002}"
[[ -n "$TABLE_PORT" ]] || { echo "error: AIMAAS_AZURITE_PORTS needs three ports (blob queue table)" >&2; exit 2; }
if [[ "$BLOB_PORT $QUEUE_PORT $TABLE_PORT" != "10000 10001 10002" ]]; then
  # Environment variables win over local.settings.json in the runtime.
  export AzureWebJobsStorage
  AzureWebJobsStorage=$(azurite_connection_string "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT")
fi
RUNTIME_DLL=${AIMAAS_RUNTIME_DLL:-tools/AiMaas.LocalRuntime/bin/Release/net10.0/AiMaas.LocalRuntime.dll}
BASE="http://127.0.0.1:$PORT/api"

require_tools
install_node_packages "$ROOT"
if [[ -z "${AIMAAS_NO_BUILD:-}" ]]; then
  echo "Building (Release)..."
  dotnet build tools/AiMaas.LocalRuntime -c Release --nologo -v quiet
  dotnet build tools/AiMaas.Cli -c Release --nologo -v quiet
fi

if [[ ! -f "$SETTINGS" ]]; then
  key=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
  mkdir -p "$(dirname "$SETTINGS")"
  sed "s/replaced-by-run.sh-on-first-run/$key/" local.settings.sample.json >"$SETTINGS"
  echo "Created $SETTINGS with a new local host key."
fi
# Settings added to the sample since the file was made (new queues) are copied in; existing values are kept.
node -e "const fs=require('fs');const f='$SETTINGS';const s=JSON.parse(fs.readFileSync(f));const d=JSON.parse(fs.readFileSync('local.settings.sample.json'));
let n=0;for(const [k,v] of Object.entries(d.Values)){if(!(k in s.Values)){s.Values[k]=v;n++;}}if(n)fs.writeFileSync(f,JSON.stringify(s,null,2)+'\\n');"
KEY=$(node -e "process.stdout.write(process.env.AIMAAS_HOST_KEY || JSON.parse(require('fs').readFileSync('$SETTINGS')).Values.AIMAAS_HOST_KEY)")

RUNTIME_PID=""
EXTRA_PIDS=()
AZURITE_PID=""
cleanup() {
  # A second Ctrl-C (or one that reaches the shell twice) must not end the shell half-way through the clean-up.
  trap - EXIT
  trap '' INT TERM
  # Every instance is asked to stop at once (each drains for a moment), then Azurite once they have gone.
  local pid
  # (|| true: a process that has already gone, or that exits on the signal, must not end the clean-up under errexit.)
  for pid in "${EXTRA_PIDS[@]}" "$RUNTIME_PID"; do [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true; done
  for pid in "${EXTRA_PIDS[@]}" "$RUNTIME_PID"; do [[ -n "$pid" ]] && wait "$pid" 2>/dev/null || true; done
  stop_process "$AZURITE_PID"
  echo "Stopped AiMaas and Azurite."
}
# Ctrl-C or SIGTERM at any point (also while waiting for instances or the training) stops everything and exits.
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

echo "Starting Azurite (data in $AZURITE_DIR/)..."
start_azurite "$ROOT" "$AZURITE_DIR" "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT" "$AZURITE_DIR/azurite.log"
# --flex: the worker (queue functions) first, so that the sample training below has somewhere to run.
if [[ -n "$FLEX" ]]; then
  WORKER_PORT=$((PORT + INSTANCES))
  echo "Starting the worker (queue-triggered functions only) on port $WORKER_PORT ..."
  AIMAAS_RUNTIME_TRIGGERS=queue dotnet "$RUNTIME_DLL" --settings "$SETTINGS" --port "$WORKER_PORT" &
  EXTRA_PIDS+=($!)
  WORKER_PID=$!
  # It serves no route; a 404 from its port means it is listening.
  wait_for "the worker" 120 curl -s -o /dev/null "http://127.0.0.1:$WORKER_PORT/"
  export AIMAAS_RUNTIME_TRIGGERS=http
fi
echo "Starting the function app on http://127.0.0.1:$PORT ..."
dotnet "$RUNTIME_DLL" --settings "$SETTINGS" --port "$PORT" &
RUNTIME_PID=$!
wait_for "the function app" 120 curl -fsS "$BASE/health"
# More instances: the same app and settings on the next ports, each its own process polling the same queue.
for ((i = 1; i < INSTANCES; i++)); do
  extra_port=$((PORT + i))
  echo "Starting instance $((i + 1)) on http://127.0.0.1:$extra_port ..."
  dotnet "$RUNTIME_DLL" --settings "$SETTINGS" --port "$extra_port" &
  EXTRA_PIDS+=($!)
  wait_for "instance $((i + 1))" 120 curl -fsS "http://127.0.0.1:$extra_port/api/health"
done

if [[ "$(curl -s -o /dev/null -w '%{http_code}' -H "x-functions-key: $KEY" "$BASE/models/iris")" == "404" ]]; then
  echo "Training the sample model 'iris' from samples/iris.csv through the training queue..."
  curl -fsS -X PUT -H "x-functions-key: $KEY" -H "Content-Type: text/csv" --data-binary @samples/iris.csv "$BASE/datasets/iris.csv" >/dev/null
  job=$(curl -fsS -X POST -H "x-functions-key: $KEY" -H "Content-Type: application/json" \
    -d '{"dataset":"iris.csv","label":"species"}' "$BASE/models/iris/train")
  job_id=$(node -e "process.stdout.write(JSON.parse(process.argv[1]).jobId)" "$job")
  job_finished() { curl -fsS -H "x-functions-key: $KEY" "$BASE/jobs/$job_id" | grep -qE '"status":"(succeeded|failed)"'; }
  wait_for "training job $job_id" 300 job_finished
  curl -fsS -H "x-functions-key: $KEY" "$BASE/jobs/$job_id"
  echo
fi

# Every instance answers a prediction of the sample model before the ports are printed (each loads it on its first call).
IRIS_ROW='{"instances":[{"sepal_length":5.1,"sepal_width":3.5,"petal_length":1.4,"petal_width":0.2}]}'
for ((i = 0; i < INSTANCES; i++)); do
  wait_for "instance $((i + 1)) to serve 'iris'" 60 curl -fsS -X POST -H "x-functions-key: $KEY" -H "Content-Type: application/json" \
    -d "$IRIS_ROW" "http://127.0.0.1:$((PORT + i))/api/models/iris/predict"
done

cat <<EOM

AiMaas is running. Local function key: $KEY

  curl -s $BASE/health
  curl -s -H "x-functions-key: $KEY" $BASE/models/iris
  curl -s -X POST -H "x-functions-key: $KEY" -H "Content-Type: application/json" \\
    -d '{"instances":[{"sepal_length":5.1,"sepal_width":3.5,"petal_length":1.4,"petal_width":0.2}]}' \\
    $BASE/models/iris/predict
  curl -s -X PUT -H "x-functions-key: $KEY" -H "Content-Type: text/csv" --data-binary @samples/houses.csv $BASE/datasets/houses.csv
  curl -s -X POST -H "x-functions-key: $KEY" -H "Content-Type: application/json" \\
    -d '{"dataset":"houses.csv","label":"price"}' $BASE/models/houses/train

The same with the aimaas CLI (or install it: dotnet pack tools/AiMaas.Cli && dotnet tool install -g AiMaas.Cli --add-source tools/AiMaas.Cli/bin/Release):

  alias aimaas="dotnet $PWD/tools/AiMaas.Cli/bin/Release/net10.0/aimaas.dll"
  aimaas config set --url http://127.0.0.1:$PORT --key $KEY
  aimaas health
  aimaas models show iris
  aimaas predict iris --input samples/iris.csv --output /tmp/iris-predictions.csv
  aimaas explain iris --input samples/iris.csv --top 3
  aimaas datasets push samples/houses.csv houses.csv
  aimaas train houses --dataset houses.csv --label price --wait

Dashboard: http://127.0.0.1:$PORT/ui/   (paste the key above once per browser session)
API reference: http://127.0.0.1:$PORT/api/docs/   OpenAPI: $BASE/openapi.json

Press Ctrl-C to stop.
EOM
if ((INSTANCES > 1)); then
  echo
  echo "$INSTANCES instances, one storage account (Azurite), one training queue:"
  for ((i = 0; i < INSTANCES; i++)); do
    echo "  instance $((i + 1)): http://127.0.0.1:$((PORT + i))/api   (pid $([[ $i == 0 ]] && echo "$RUNTIME_PID" || echo "${EXTRA_PIDS[i - 1 + ${FLEX:-0}]}"))"
  done
  echo "  Azurite: blob port $BLOB_PORT, queue port $QUEUE_PORT (pid $AZURITE_PID)"
  echo "An alias moved through one instance is served by all within AiMaas:AliasCacheDuration (5 s) plus the load."
fi
if [[ -n "$FLEX" ]]; then
  echo "Flex topology: the instances above host the HTTP functions; the worker (port $WORKER_PORT, pid $WORKER_PID) runs trainings and batch scoring."
fi
wait "$RUNTIME_PID"
