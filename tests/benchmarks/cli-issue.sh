#!/usr/bin/env bash
# Per-process time of issuing one certificate for localhost, measured in one run beside the
# tools developers reach for instead:
#   kalypso issue localhost                      (the CLI as 'dotnet tool install' runs it)
#   openssl req -x509 -newkey ec (P-384)         (a self-signed cert: no CA, no chain, less work)
#   mkcert -ecdsa localhost                      (a P-256 leaf from mkcert's own root)
# Uses hyperfine when installed (apt-get install hyperfine), else a timed loop. mkcert comes from
# Debian's package (apt-get install mkcert); it is skipped when missing. Nothing outside a
# throwaway folder is touched: mkcert gets its own CAROOT and installs nothing.
#
# Usage: bash tests/benchmarks/cli-issue.sh [runs]     (default 30 runs after 3 warm-ups)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-30}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export KALYPSO_DATA_DIR="$work/kalypso" CAROOT="$work/mkcert" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build src/Kalypso.Cli/Kalypso.Cli.csproj -c Release -nologo -v quiet -o "$work/bin" >/dev/null
kalypso="$work/bin/Kalypso.Cli"
"$kalypso" init >/dev/null
mkdir -p "$work/k" "$work/o" "$work/m" "$CAROOT"

names=(kalypso openssl)
commands=(
  "$kalypso issue localhost --out $work/k"
  "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-384 -nodes -keyout $work/o/key.pem -out $work/o/cert.pem -days 1 -subj /CN=localhost -addext subjectAltName=DNS:localhost"
)
if command -v mkcert >/dev/null; then
  mkcert -ecdsa -cert-file "$work/m/cert.pem" -key-file "$work/m/key.pem" localhost >/dev/null 2>&1  # creates its root once
  names+=(mkcert)
  commands+=("mkcert -ecdsa -cert-file $work/m/cert.pem -key-file $work/m/key.pem localhost")
else
  echo "mkcert not installed (apt-get install mkcert): measuring without it" >&2
fi

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(dotnet --version) SDK; $(openssl version | cut -d' ' -f1-2)"
if command -v hyperfine >/dev/null; then
  args=(-N --warmup 3 --runs "$runs" --style basic)
  for i in "${!commands[@]}"; do args+=(-n "${names[$i]}" "${commands[$i]}"); done
  hyperfine "${args[@]}" 2>&1 | grep -v '^$'
else
  echo "hyperfine not installed (apt-get install hyperfine): timed loop of $runs runs each"
  for i in "${!commands[@]}"; do
    for _ in 1 2 3; do ${commands[$i]} >/dev/null 2>&1; done
    start=$(date +%s%N)
    for _ in $(seq "$runs"); do ${commands[$i]} >/dev/null 2>&1; done
    end=$(date +%s%N)
    printf '%-8s %6.1f ms per run\n' "${names[$i]}" "$(echo "($end - $start) / $runs / 1000000" | bc -l)"
  done
fi
