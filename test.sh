#!/usr/bin/env bash
# Runs every test: builds the solution (Release), starts its own Azurite on free ports with throw-away data,
# runs all test projects against it, stops Azurite, and prints "N passed, N failed" from the test results, after the wall time.
set -euo pipefail
STARTED=$SECONDS
source "$(dirname "${BASH_SOURCE[0]}")/scripts/common.sh"
ROOT=$(repo_root)
cd "$ROOT"
RESULTS="$ROOT/TestResults"

require_tools
install_node_packages "$ROOT"
install_chromium
dotnet build AiMaas.sln -c Release --nologo -v quiet

AZURITE_PID=""
DATA=$(mktemp -d)
cleanup() {
  stop_process "$AZURITE_PID"
  rm -rf "$DATA"
}
trap cleanup EXIT INT TERM

blob=$(free_port)
queue=$(free_port)
table=$(free_port)
start_azurite "$ROOT" "$DATA" "$blob" "$queue" "$table" "$DATA/azurite.log"
export AIMAAS_TEST_STORAGE
AIMAAS_TEST_STORAGE=$(azurite_connection_string "$blob" "$queue" "$table")

rm -rf "$RESULTS"
set +e
dotnet test --solution AiMaas.sln -c Release --no-build --results-directory "$RESULTS" --report-trx
status=$?
set -e

# The plain closing line CI reads, summed over every test project's TRX file.
read -r passed failed total < <(
  cat "$RESULTS"/*.trx 2>/dev/null | grep -o '<Counters [^>]*' |
    sed -E 's/.* total="([0-9]+)".* passed="([0-9]+)" failed="([0-9]+)".*/\2 \3 \1/' |
    awk '{p+=$1; f+=$2; t+=$3} END {print p+0, f+0, t+0}'
)
# The wall time (build, Azurite, every test project) before the closing line, which CI reads last.
echo "Wall time: $(((SECONDS - STARTED) / 60)) min $(((SECONDS - STARTED) % 60)) s"
echo "$passed passed, $failed failed"
if ((total == 0)); then
  echo "error: no test ran" >&2
  exit 1
fi
exit "$status"
