#!/usr/bin/env bash
# The main job: run the Kalypso Aspire playground. Builds it, starts the AppHost with the 'http'
# launch profile (the dashboard over plain http on localhost, so no developer certificate is
# needed), and prints the dashboard's login URL. Every service in it runs over HTTPS with a
# Kalypso certificate. The CA lives in ~/.kalypso (or KALYPSO_DATA_DIR), created on first run.
# Ctrl+C stops everything. The CLI demo is 'bash playground/cli-demo.sh'.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== Building the playground"
dotnet build playground/Kalypso.Playground.AppHost -nologo -v quiet

echo "== Starting it: the dashboard login URL follows, then 'Playground ready' once every resource is Healthy"
exec dotnet run --no-build --project playground/Kalypso.Playground.AppHost --launch-profile http
