#!/usr/bin/env bash
# Installs every tool the test suite uses, from Debian's packages: openssl and curl (real TLS
# clients), NSS certutil (browser trust stores), Chromium (a real browser), a JDK (keytool and a
# Java HTTPS client), python3 and node (more real clients), mkcert (a real mkcert root to import). Safe to run again: it installs only
# what is missing. Needs root (or sudo) the first time.
set -euo pipefail

need=()
command -v openssl  >/dev/null || need+=(openssl)
command -v curl     >/dev/null || need+=(curl)
command -v jq       >/dev/null || need+=(jq)
command -v certutil >/dev/null || need+=(libnss3-tools)
command -v chromium >/dev/null || need+=(chromium)
command -v keytool  >/dev/null || need+=(openjdk-17-jdk-headless)
command -v python3  >/dev/null || need+=(python3)
command -v node     >/dev/null || need+=(nodejs)
command -v update-ca-certificates >/dev/null || need+=(ca-certificates)
command -v mkcert   >/dev/null || need+=(mkcert)

if [ ${#need[@]} -eq 0 ]; then
  echo "test tools: all present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo="sudo"; else
    echo "test tools missing (${need[*]}) and not root: install them with apt-get install ${need[*]}" >&2
    exit 1
  fi
fi
echo "test tools: installing ${need[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "test tools: installed"
