#!/usr/bin/env bash
# The CLI demo: build the kalypso command, then in a throwaway
# store create a CA, issue a certificate for localhost and 127.0.0.1, check it with openssl, and
# show the store's status. Needs only the .NET SDK (global.json pins it); changes nothing outside
# a temporary folder, and trusts nothing (run 'kalypso trust' yourself for that).
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export KALYPSO_DATA_DIR="$work/store" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Building the kalypso command"
dotnet build src/Kalypso.Cli/Kalypso.Cli.csproj -c Release -nologo -v quiet -o "$work/bin"
kalypso() { dotnet "$work/bin/Kalypso.Cli.dll" "$@"; }

step "kalypso init   (a new CA in $KALYPSO_DATA_DIR)"
kalypso init

step "kalypso issue localhost 127.0.0.1 --out $work/certs"
kalypso issue localhost 127.0.0.1 --out "$work/certs"
ls -l "$work/certs"

step "openssl verify -CAfile ca-cert.pem cert.pem"
if command -v openssl >/dev/null; then
  openssl verify -purpose sslserver -CAfile "$KALYPSO_DATA_DIR/ca-cert.pem" "$work/certs/cert.pem"
  openssl x509 -in "$work/certs/cert.pem" -noout -subject -issuer -enddate -ext subjectAltName
else
  echo "openssl is not installed; checking the chain with .NET instead"
  kalypso load
fi

step "kalypso status"
kalypso status

printf '\nDone. Everything above lived in %s and is now deleted.\n' "$work"
