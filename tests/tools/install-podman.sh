#!/usr/bin/env bash
# Installs podman from Debian and writes the containers.conf the container tests run with.
#
# Why a config file: in the sandboxes CI runs in, podman's defaults fail before any container
# starts (crun cannot raise RLIMIT_NOFILE/RLIMIT_NPROC and rejects the hybrid cgroup layout).
# runc with ulimits at or below the sandbox's hard limits works. The file is ours, not
# /etc/containers/containers.conf: the tests (and DCP, which they start) select it through
# CONTAINERS_CONF, so the machine's own podman setup is left alone.
#
# Prints the path of the file. Safe to run again: installs only what is missing and rewrites
# the file only when its content changes. Needs root (or sudo) the first time.
#
# Usage: install-podman.sh [--print-path]
#   --print-path  only print where the file is (no install, no write)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
conf_dir="$root/artifacts/podman"
conf="$conf_dir/containers.conf"

if [ "${1:-}" = "--print-path" ]; then
  echo "$conf"
  exit 0
fi

need=()
command -v podman >/dev/null || need+=(podman)
command -v runc   >/dev/null || need+=(runc)
# netavark + aardvark-dns give container networks their DNS: containers find each other by
# name and by {name}.dev.internal through it.
[ -x /usr/lib/podman/netavark ]     || need+=(netavark)
[ -x /usr/lib/podman/aardvark-dns ] || need+=(aardvark-dns)
command -v iptables >/dev/null || need+=(iptables)

if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else
      echo "podman: missing (${need[*]}) and not root: install them with apt-get install ${need[*]}" >&2
      exit 1
    fi
  fi
  echo "podman: installing ${need[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

mkdir -p "$conf_dir"
wanted=$(cat <<'EOF'
# Written by tests/tools/install-podman.sh; selected with CONTAINERS_CONF by the container tests.
[containers]
# At or below the sandbox's hard limits: podman's defaults ask for more and the runtime fails.
default_ulimits = ["nofile=20000:20000", "nproc=1024:1024"]

[engine]
# crun rejects the hybrid cgroup layout of these sandboxes; runc accepts it.
runtime = "runc"
EOF
)
if [ ! -f "$conf" ] || [ "$(cat "$conf")" != "$wanted" ]; then
  printf '%s\n' "$wanted" > "$conf.tmp"
  mv "$conf.tmp" "$conf"
fi
echo "$conf"
