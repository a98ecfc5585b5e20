#!/usr/bin/env bash
# HTTP load test of the issuing service on loopback, with the raw in-process issuance rate
# measured in the same run for comparison, and the service's idle memory.
#
#   bash tests/benchmarks/http-load.sh            # 16 connections for 30 s, 1 connection for 10 s
#   LONG=5 SHORT=3 bash tests/benchmarks/http-load.sh   # a quick run
#
# Needs wrk (apt-get install wrk). Builds Release. Uses a throwaway store; touches nothing else.
set -euo pipefail
cd "$(dirname "$0")/../.."
LONG=${LONG:-30}
SHORT=${SHORT:-10}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

dotnet build src/Kalypso.Server/Kalypso.Server.csproj -c Release -nologo -v quiet >/dev/null
dotnet build tests/Kalypso.Benchmarks/Kalypso.Benchmarks.csproj -c Release -nologo -v quiet >/dev/null

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

dotnet src/Kalypso.Server/bin/Release/net10.0/Kalypso.Server.dll --port 0 --data-dir "$work/store" >"$work/server.log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 1 200); do
  url=$(grep -o 'listening on http://[0-9.:]*' "$work/server.log" | head -1 | sed 's/listening on //') || true
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { cat "$work/server.log"; echo "server did not start" >&2; exit 1; }
curl -sf "$url/health" >/dev/null

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the run"
sleep 3
echo "idle RSS after start: $(grep VmRSS /proc/$server_pid/status | awk '{print $2/1024 " MB"}')"

echo "--- warm-up (5 s, 16 connections)"
wrk -t1 -c16 -d5s -s tests/benchmarks/issue.lua "$url/certificates" | tail -1

echo "--- 16 connections, ${LONG} s"
wrk -t2 -c16 -d"${LONG}s" --latency -s tests/benchmarks/issue.lua "$url/certificates" | tee "$work/c16.txt"
echo "--- 1 connection, ${SHORT} s"
wrk -t1 -c1 -d"${SHORT}s" --latency -s tests/benchmarks/issue.lua "$url/certificates" | tee "$work/c1.txt"

sleep 3
echo "RSS after load, idle again: $(grep VmRSS /proc/$server_pid/status | awk '{print $2/1024 " MB"}')"
issued=$(curl -sf "$url/health")
echo "health after the run: $issued"
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""

echo "--- raw in-process issuance (CertificateIssuer + key pool + PEM exports, no HTTP), $(nproc) threads, ${LONG} s"
dotnet tests/Kalypso.Benchmarks/bin/Release/net10.0/Kalypso.Benchmarks.dll rate "$(nproc)" "$LONG" 64 | tee "$work/raw.txt"

http_rps=$(grep -o 'rps=[0-9.]*' "$work/c16.txt" | cut -d= -f2)
raw_rps=$(grep -o '= [0-9]*/s' "$work/raw.txt" | grep -o '[0-9]*')
echo "--- summary"
echo "16 connections: $(grep -o 'p50_ms=.*' "$work/c16.txt")"
echo " 1 connection:  $(grep -o 'p50_ms=.*' "$work/c1.txt")"
echo "raw in-process: ${raw_rps}/s"
awk -v h="$http_rps" -v r="$raw_rps" 'BEGIN { printf "HTTP/raw ratio at 16 connections: %.2f\n", h / r }'
echo "machine load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
