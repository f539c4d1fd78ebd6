# Shared by run.sh and test.sh: installs what the README's commands need and manages Azurite.
# shellcheck shell=bash

repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

require_tools() {
  for tool in dotnet node npm curl; do
    command -v "$tool" >/dev/null 2>&1 || { echo "error: '$tool' is required but not on PATH" >&2; exit 1; }
  done
}

# npm packages from the lockfile, reinstalled only when the lockfile changed.
install_node_packages() {
  local root=$1 stamp="$1/node_modules/.package-lock.json"
  if [[ ! -f "$stamp" || "$root/package-lock.json" -nt "$stamp" ]]; then
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# The distribution's Chromium for the dashboard's browser tests (Playwright drives it; it downloads no browser).
install_chromium() {
  if [[ -n "${AIMAAS_CHROMIUM:-}" ]] || command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
    return
  fi
  echo "Installing the distribution's Chromium for the dashboard tests..."
  local sudo=""
  ((EUID == 0)) || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();});"
}

# start_azurite ROOT DATA_DIR BLOB_PORT QUEUE_PORT TABLE_PORT LOG: starts Azurite in the background, sets AZURITE_PID.
start_azurite() {
  local root=$1 data=$2 blob=$3 queue=$4 table=$5 log=$6
  mkdir -p "$data"
  # Without telemetry: its client cannot reach the internet here and keeps Azurite alive for minutes after SIGTERM.
  "$root/node_modules/.bin/azurite" --silent --skipApiVersionCheck --disableTelemetry --location "$data" \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" >"$log" 2>&1 &
  AZURITE_PID=$!
  wait_for "Azurite" 60 bash -c "exec 3<>/dev/tcp/127.0.0.1/$blob && exec 4<>/dev/tcp/127.0.0.1/$queue" || {
    cat "$log" >&2
    return 1
  }
}

stop_process() {
  local pid=${1:-}
  [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  return 0
}

# wait_for NAME SECONDS COMMAND...: polls COMMAND until it succeeds.
wait_for() {
  local name=$1 seconds=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      echo "error: $name did not become ready within ${seconds}s" >&2
      return 1
    fi
    sleep 0.2
  done
}

azurite_connection_string() {
  local blob=$1 queue=$2 table=$3
  # The well-known Azurite development account; not a secret.
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
}
