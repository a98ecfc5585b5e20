#!/usr/bin/env bash
# Builds the container images the container tests run, on this machine, with no image registry:
#
#   localhost/nginx:kalypso-test          nginx laid out as the official nginx image lays it out
#                                         (/etc/nginx/conf.d/*.conf, /usr/share/nginx/html, user nginx)
#   localhost/kalypso-test-client:1       a TLS client: sh, curl, openssl, python3; no CA bundle at all,
#                                         so whatever it trusts was put there by the AppHost
#
# Each image is a root filesystem assembled from Debian's own binaries (nginx is fetched with
# apt-get download and unpacked, never installed or started on the host; the client tools are
# the host's) plus exactly the shared libraries `ldd` says they load, then `podman import`ed.
# The registry part `localhost` is ignored when Kalypso picks an image profile, so the nginx
# image gets the nginx profile just as the official nginx image does.
#
# Cache: each image carries the label kalypso.recipe, a hash of this script and of the Debian
# package versions it copies from. A build is skipped when the image exists with the same hash.
# --force rebuilds anyway. Prints how long each build took.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
force=0
[ "${1:-}" = "--force" ] && force=1

CONTAINERS_CONF=$(bash "$root/tests/tools/install-podman.sh")
export CONTAINERS_CONF

NGINX_IMAGE=localhost/nginx:kalypso-test
CLIENT_IMAGE=localhost/kalypso-test-client:1
work=$(mktemp -d "${TMPDIR:-/tmp}/kalypso-images.XXXXXX")
trap 'rm -rf "$work"' EXIT

# --- helpers -------------------------------------------------------------------------------

# Makes an empty root filesystem with Debian's merged-/usr layout, so /lib, /bin and /sbin
# paths that binaries and ldd name resolve the same way inside as on the host.
new_rootfs() {
  local rootfs=$1
  mkdir -p "$rootfs"/{usr/bin,usr/sbin,usr/lib,usr/lib64,etc,tmp,var/tmp,run,proc,sys,dev,root}
  ln -s usr/bin "$rootfs/bin"; ln -s usr/sbin "$rootfs/sbin"
  ln -s usr/lib "$rootfs/lib"; ln -s usr/lib64 "$rootfs/lib64"
  chmod 1777 "$rootfs/tmp" "$rootfs/var/tmp"
  ln -s ../run "$rootfs/var/run"
}

# Copies a file to the same path inside the rootfs (following symlinks in its folder, so
# /lib/x.so lands in /usr/lib/x.so as on the host).
put() {
  local rootfs=$1 src=$2 dest=${3:-}
  [ -n "$dest" ] || dest="$(readlink -f "$(dirname "$src")")/$(basename "$src")"
  mkdir -p "$rootfs$(dirname "$dest")"
  cp -L "$src" "$rootfs$dest"
}

# Copies a dynamically linked file's libraries (as `ldd` resolves them here) into the rootfs.
put_libraries() {
  local rootfs=$1 file=$2 lib
  local listing
  listing=$(ldd "$file" 2>&1) || { echo "ldd $file failed: $listing" >&2; return 1; }
  if grep -q 'not found' <<<"$listing"; then
    echo "$file needs libraries this machine lacks:" >&2
    grep 'not found' <<<"$listing" >&2
    return 1
  fi
  for lib in $(grep -o '/[^ ]*' <<<"$listing"); do
    [ -e "$rootfs$(readlink -f "$(dirname "$lib")")/$(basename "$lib")" ] || put "$rootfs" "$lib"
  done
}

# Copies a program and its libraries into the rootfs, at its own path or at <dest>.
put_program() {
  local rootfs=$1 src=$2 dest=${3:-}
  put "$rootfs" "$src" "$dest"
  put_libraries "$rootfs" "$src"
}

versions() { dpkg-query -W -f '${Package} ${Version}\n' "$@" 2>/dev/null | sort; }

# A hash of what makes one image: the functions that assemble it (so editing the nginx recipe
# leaves the client image alone) and the Debian package versions it copies from.
recipe_hash() {
  local builder=$1; shift
  { declare -f "$builder" new_rootfs put put_libraries put_program import_rootfs; printf '%s\n' "$@"; } | sha256sum | cut -c1-16
}

up_to_date() {
  local image=$1 hash=$2
  [ $force -eq 0 ] || return 1
  podman image exists "$image" || return 1
  [ "$(podman image inspect --format '{{ index .Labels "kalypso.recipe" }}' "$image")" = "$hash" ]
}

import_rootfs() {
  local rootfs=$1 image=$2 hash=$3; shift 3
  local old=""
  podman image exists "$image" && old=$(podman image inspect --format '{{.Id}}' "$image")
  tar --numeric-owner -C "$rootfs" -c . | podman import --quiet \
    --change "LABEL kalypso.recipe=$hash" "$@" - "$image" >/dev/null
  # The image the tag moved away from is no use to anyone: drop it unless a container holds it.
  [ -z "$old" ] || podman rmi "$old" >/dev/null 2>&1 || true
}

# --- nginx -------------------------------------------------------------------------------

build_nginx() {
  local deb="$work/deb" rootfs="$work/nginx"
  mkdir -p "$deb"
  local candidate
  candidate=$(apt-cache policy nginx | awk '/Candidate:/ {print $2}')
  local hash
  hash=$(recipe_hash build_nginx "nginx $candidate" "$(versions libc6 libssl3 libpcre2-8-0 zlib1g libcrypt1)")
  if up_to_date "$NGINX_IMAGE" "$hash"; then echo "images: $NGINX_IMAGE is up to date ($hash)"; return; fi

  local started=$SECONDS
  # apt-get download writes to the current folder; _apt cannot write to a root-owned temp dir.
  chmod 0777 "$deb"
  (cd "$deb" && apt-get download -qq nginx nginx-common >/dev/null 2>&1) || {
    apt-get update -qq && (cd "$deb" && apt-get download -qq nginx nginx-common >/dev/null)
  }
  mkdir -p "$work/unpacked"
  for f in "$deb"/*.deb; do dpkg-deb -x "$f" "$work/unpacked"; done

  new_rootfs "$rootfs"
  put_program "$rootfs" "$work/unpacked/usr/sbin/nginx" /usr/sbin/nginx
  put_program "$rootfs" "$(readlink -f /bin/sh)" /bin/sh
  # stat lets the tests check, from outside, who owns the key inside the running container.
  put_program "$rootfs" "$(type -P stat)" /usr/bin/stat
  mkdir -p "$rootfs/etc/nginx/conf.d" "$rootfs/usr/share/nginx/html" "$rootfs/var/cache/nginx" \
           "$rootfs/var/lib/nginx" "$rootfs/var/log/nginx" "$rootfs/usr/lib/nginx/modules"
  cp "$work/unpacked/etc/nginx/mime.types" "$rootfs/etc/nginx/mime.types"
  # Logs go to the container's output, as in the official image.
  ln -s /dev/stdout "$rootfs/var/log/nginx/access.log"
  ln -s /dev/stderr "$rootfs/var/log/nginx/error.log"
  # uid/gid 101 as in the official image.
  printf 'root:x:0:0:root:/root:/bin/sh\nnginx:x:101:101:nginx user:/nonexistent:/bin/false\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$rootfs/etc/passwd"
  printf 'root:x:0:\nnginx:x:101:\nnogroup:x:65534:\n' > "$rootfs/etc/group"
  chown 101:101 "$rootfs/var/cache/nginx" "$rootfs/var/lib/nginx"
  cat > "$rootfs/etc/nginx/nginx.conf" <<'EOF'
user  nginx;
worker_processes  1;
error_log  /var/log/nginx/error.log notice;
pid        /var/run/nginx.pid;

events {
    worker_connections  1024;
}

http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;
    access_log  /var/log/nginx/access.log;
    sendfile        on;
    keepalive_timeout  65;
    include /etc/nginx/conf.d/*.conf;
}
EOF
  cat > "$rootfs/etc/nginx/conf.d/default.conf" <<'EOF'
server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;
    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }
}
EOF
  echo 'Welcome to nginx, served by the Kalypso test image.' > "$rootfs/usr/share/nginx/html/index.html"

  import_rootfs "$rootfs" "$NGINX_IMAGE" "$hash" \
    --change 'CMD ["nginx", "-g", "daemon off;"]' --change 'EXPOSE 80' --change 'STOPSIGNAL SIGQUIT'
  echo "images: built $NGINX_IMAGE ($hash) in $((SECONDS - started)) s"
}

# --- client ------------------------------------------------------------------------------

build_client() {
  local rootfs="$work/client"
  local python
  # Debian's own python3, not whatever a version manager puts first on PATH.
  python=$(readlink -f /usr/bin/python3)
  local hash
  hash=$(recipe_hash build_client "$(versions libc6 dash coreutils curl libcurl4 openssl libssl3 python3 "$(basename "$python")" "lib$(basename "$python")-stdlib")")
  if up_to_date "$CLIENT_IMAGE" "$hash"; then echo "images: $CLIENT_IMAGE is up to date ($hash)"; return; fi

  local started=$SECONDS
  new_rootfs "$rootfs"
  put_program "$rootfs" "$(readlink -f /bin/sh)" /bin/sh
  local tool
  for tool in cat echo env id ls sleep sha256sum head tr; do
    put_program "$rootfs" "$(type -P "$tool")" "/usr/bin/$tool"
  done
  put_program "$rootfs" "$(command -v curl)" /usr/bin/curl
  put_program "$rootfs" "$(command -v openssl)" /usr/bin/openssl
  put "$rootfs" /etc/ssl/openssl.cnf
  # OpenSSL's own folder, laid out as Debian's: links into /etc/ssl.
  mkdir -p "$rootfs/usr/lib/ssl"
  ln -s /etc/ssl/openssl.cnf "$rootfs/usr/lib/ssl/openssl.cnf"
  ln -s /etc/ssl/certs "$rootfs/usr/lib/ssl/certs"
  # python3 and its standard library, without tests and caches; its extension modules' libraries too.
  put_program "$rootfs" "$python" "/usr/bin/$(basename "$python")"
  ln -s "$(basename "$python")" "$rootfs/usr/bin/python3"
  local stdlib="/usr/lib/$(basename "$python")"
  mkdir -p "$rootfs$stdlib"
  tar -C "$stdlib" --exclude=test --exclude=__pycache__ --exclude=idlelib --exclude=tkinter \
      --exclude=site-packages --exclude=dist-packages -c . | tar -C "$rootfs$stdlib" -x
  local module
  for module in "$rootfs$stdlib"/lib-dynload/*.so; do put_libraries "$rootfs" "$module"; done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$rootfs/etc/group"
  # The CA bundle curl and OpenSSL look for holds one throwaway root whose key is discarded at
  # once (a bundle must exist: curl refuses to start without its file). So the client trusts no
  # real root: whatever it trusts, the AppHost put there.
  mkdir -p "$rootfs/etc/ssl/certs"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout /dev/null -days 1 \
    -subj "/CN=kalypso-test-client placeholder root, key discarded" -out "$rootfs/etc/ssl/certs/ca-certificates.crt" 2>/dev/null
  ln -s /etc/ssl/certs/ca-certificates.crt "$rootfs/usr/lib/ssl/cert.pem"

  import_rootfs "$rootfs" "$CLIENT_IMAGE" "$hash" --change 'CMD ["/bin/sh"]'
  echo "images: built $CLIENT_IMAGE ($hash) in $((SECONDS - started)) s"
}

total=$SECONDS
build_nginx
build_client
echo "images: ready in $((SECONDS - total)) s (CONTAINERS_CONF=$CONTAINERS_CONF)"
