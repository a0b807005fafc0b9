#!/usr/bin/env bash
# Load benchmark of harden-server on loopback, bounded in time (default 10 s per run):
#   bench/load.sh [seconds]
# Needs wrk (and nginx for the comparison) from Debian: apt-get install -y wrk nginx-light.
# Prints requests/s and latency percentiles for GET /v1/resolve at 64 connections, the server's memory, and the
# same load against nginx serving the identical JSON as a static file.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
port=18480
static_port=18481
ref="nginx:1.27-alpine"

swift build -c release --product harden >/dev/null
swift build -c release --product harden-server >/dev/null
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

.build/release/harden db build --output "$work/kb.sqlite" 2>/dev/null
.build/release/harden-server --db "$work/kb.sqlite" --host 127.0.0.1 --port "$port" >"$work/access.log" 2>"$work/server.log" &
server=$!
pids+=("$server")
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$port/v1/resolve?ref=$ref" >"$work/resolve.json"

echo "== harden-server GET /v1/resolve?ref=$ref, 64 connections, ${seconds}s"
wrk -t2 -c64 -d"${seconds}s" --latency "http://127.0.0.1:$port/v1/resolve?ref=$ref" | grep -E "Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx"
echo "harden-server memory: $(grep -E 'VmRSS|VmHWM' /proc/$server/status | tr -s ' \t' ' ' | tr '\n' ' ')"

if command -v nginx >/dev/null; then
  mkdir -p "$work/www" "$work/nginx"
  cp "$work/resolve.json" "$work/www/resolve.json"
  chmod 755 "$work" "$work/www" && chmod 644 "$work/www/resolve.json"  # nginx workers run as www-data
  cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy; fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;
  server { listen 127.0.0.1:$static_port; root $work/www; default_type application/json; }
}
CONF
  nginx -c "$work/nginx/nginx.conf" -g "daemon off;" &
  pids+=("$!")
  sleep 0.5
  echo "== nginx, the same JSON as a static file, 64 connections, ${seconds}s"
  curl -sf "http://127.0.0.1:$static_port/resolve.json" | cmp -s - "$work/resolve.json" || { echo "nginx does not serve the JSON"; exit 1; }
  wrk -t2 -c64 -d"${seconds}s" --latency "http://127.0.0.1:$static_port/resolve.json" | grep -E "Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx"
fi
