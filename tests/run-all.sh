#!/usr/bin/env bash
# Runs every test in the solution on a fresh machine: installs the tools the tests use, builds,
# runs all test projects, and prints one closing line 'N passed, N failed[, N skipped]'.
# Exits non-zero if any test failed or none ran.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash tests/tools/install-test-tools.sh || exit 1
bash tests/tools/build-test-images.sh || exit 1

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

# Tests make their own stores; this is only a safety net so nothing touches the real ~/.kalypso.
export KALYPSO_DATA_DIR="${KALYPSO_DATA_DIR:-$(mktemp -d)/kalypso-safety-net}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build Kalypso.sln -c Release -nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }
dotnet test Kalypso.sln -c Release --no-build --logger "trx" --results-directory "$results" \
  --blame-hang-timeout 15m
status=$?

passed=0; failed=0; skipped=0; total=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  t=$(get total); p=$(get passed); f=$(get failed); e=$(get error); x=$(get timeout); a=$(get aborted)
  passed=$((passed + p)); failed=$((failed + f + e + x + a)); total=$((total + t))
  skipped=$((skipped + t - p - f - e - x - a))
done
# A project that crashed before writing results counts as a failure.
if [ $status -ne 0 ] && [ $failed -eq 0 ]; then failed=1; fi

line="$passed passed, $failed failed"
[ $skipped -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ $failed -eq 0 ] && [ $passed -gt 0 ]
