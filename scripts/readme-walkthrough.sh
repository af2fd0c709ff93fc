#!/usr/bin/env bash
# Runs the README's walkthrough as written: its "Five minutes" and "Your first bot" shell
# blocks, in order. Blocks that start a server or a bot run in the background until they answer;
# every other block runs in the foreground, each curl failing on an HTTP error. Only the ports
# and the data directory are swapped for fresh ones, so it runs beside anything else.
set -euo pipefail
cd "$(dirname "$0")/.."

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
port=$(free_port)
bot_port=$(free_port)
data=$(mktemp -d)
export THREADHOOK_PORT=$port THREADHOOK_DATA_DIR=$data THREADHOOK_SERVER=http://localhost:$port
export THREADHOOK_URL=http://localhost:$port

mkdir -p "$data/blocks"
sed -e "s/localhost:8080/localhost:$port/g" -e "s|data/demo.json|$data/demo.json|g" \
    -e "s/\b9000\b/$bot_port/g" README.md \
  | awk -v dir="$data/blocks" '
      /^## / { inside = ($0 == "## Five minutes with the Bot API" || $0 == "## Your first bot") }
      inside && /^```sh$/ { block = 1; n++; next }
      inside && block && /^```$/ { block = 0; next }
      inside && block { print > sprintf("%s/%03d.sh", dir, n) }
    '

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

curl() { command curl --silent --show-error --fail-with-body "$@"; echo; }

# Starts a long-running block and waits until $2 answers HTTP.
start_in_background() {
  local block=$1 url=$2 log=$data/background-${#pids[@]}.log
  echo "walkthrough: starting: $block"
  bash -c "$block" >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do
    [ "$(command curl -s -o /dev/null -w '%{http_code}' "$url")" != 000 ] && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.5
  done
  cat "$log"
  echo "walkthrough: '$block' did not come up"
  exit 1
}

count=0
for file in "$data"/blocks/*.sh; do
  [ -f "$file" ] || continue
  block=$(cat "$file")
  count=$((count + 1))
  if [[ "$block" == *"threadhook serve"* ]]; then
    start_in_background "$block" "http://localhost:$port/healthz"
  elif [[ "$block" == *"run-bot"* ]]; then
    start_in_background "$block" "http://localhost:$bot_port/"
  else
    echo "walkthrough: running block $count"
    eval "$block"
  fi
done
[ "$count" -ge 4 ] || { echo "walkthrough: found only $count shell blocks in the README"; exit 1; }
echo "walkthrough: all $count blocks ran"
