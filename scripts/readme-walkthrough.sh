#!/usr/bin/env bash
# Runs the README's "Five minutes" walkthrough as written: the `threadhook serve` block in the
# background, every other shell block in order, each curl failing on an HTTP error. Only the
# port and the data directory are swapped for fresh ones, so it runs beside anything else.
set -euo pipefail
cd "$(dirname "$0")/.."

section=${1:-"## Five minutes with the Bot API"}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
data=$(mktemp -d)
log="$data/server.log"
export THREADHOOK_PORT=$port THREADHOOK_DATA_DIR=$data THREADHOOK_SERVER=http://localhost:$port

mkdir -p "$data/blocks"
sed -e "s/localhost:8080/localhost:$port/g" -e "s|data/demo.json|$data/demo.json|g" README.md \
  | awk -v section="$section" -v dir="$data/blocks" '
      $0 == section { inside = 1; next }
      inside && /^## / { inside = 0 }
      inside && /^```sh$/ { block = 1; n++; next }
      inside && block && /^```$/ { block = 0; next }
      inside && block { print > sprintf("%s/%03d.sh", dir, n) }
    '

server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$data"; }
trap cleanup EXIT

curl() { command curl --silent --show-error --fail-with-body "$@"; echo; }

count=0
for file in "$data"/blocks/*.sh; do
  [ -f "$file" ] || continue
  block=$(cat "$file")
  count=$((count + 1))
  if [[ "$block" == *"threadhook serve"* ]]; then
    echo "walkthrough: starting: $block"
    bash -c "$block" >"$log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 300); do
      command curl -sf "http://localhost:$port/healthz" >/dev/null 2>&1 && break
      kill -0 "$server_pid" 2>/dev/null || { cat "$log"; echo "walkthrough: server exited"; exit 1; }
      sleep 0.5
    done
    command curl -sf "http://localhost:$port/healthz" >/dev/null || { cat "$log"; exit 1; }
  else
    echo "walkthrough: running block $count"
    eval "$block"
  fi
done
[ "$count" -ge 2 ] || { echo "walkthrough: found no shell blocks under '$section'"; exit 1; }
echo "walkthrough: all $count blocks of '$section' ran"
