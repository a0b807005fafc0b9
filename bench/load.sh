#!/usr/bin/env bash
# Load benchmark of harden-server on loopback, bounded in time (default 10 s per run):
#   bench/load.sh [seconds]
# Needs wrk, nginx and curl from Debian:
#   apt-get install -y wrk nginx-light curl
# Phases, each printing requests/s, latency percentiles and the server's memory (VmRSS now, VmHWM the peak):
#   1. GET /v1/resolve with 1,000 distinct references in rotation (after one warm-up pass), 64 connections; nginx
#      serving the same 1,000 answers as static files under the same rotation, without an access log and with one
#      like harden-server's (which logs every request).
#   2. 100,000 distinct references (the memo must stay bounded in bytes).
#   3. POST /v1/audit of a 1 MiB manifest at 16 connections (heavy work: the memory budget and 429s).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
port=18480
static_port=18481
logged_port=18482

# As the Dockerfile builds it: the Swift runtime linked statically, in a build directory of its own (objects of a
# static build break a later dynamic link in .build).
build=(swift build -c release --static-swift-stdlib --scratch-path .build-static)
"${build[@]}" --product harden >/dev/null
"${build[@]}" --product harden-server >/dev/null
bin=$("${build[@]}" --show-bin-path)
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

"$bin/harden" db build --output "$work/kb.sqlite" 2>/dev/null
"$bin/harden-server" --db "$work/kb.sqlite" --host 127.0.0.1 --port "$port" >"$work/access.log" 2>"$work/server.log" &
server=$!
pids+=("$server")
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
memory() { echo "harden-server memory: $(grep -E 'VmRSS|VmHWM' /proc/$server/status | tr -s ' \t' ' ' | tr '\n' ' ')"; }
summary() { grep -E "Requests/sec|Latency|50%|99%|requests in|Non-2xx"; }

# References: every entry's repository with version-like tags, so each one resolves to a real answer.
curl -sf "http://127.0.0.1:$port/v1/images" | python3 -c '
import json, sys
repos = [image["repository"] for image in json.load(sys.stdin)]
with open(sys.argv[1], "w") as rotation, open(sys.argv[2], "w") as distinct:
    for i in range(1000): print(f"{repos[i % len(repos)]}:1.{i // len(repos)}", file=rotation)
    for i in range(100000): print(f"{repos[i % len(repos)]}:2.{i // len(repos)}", file=distinct)
' "$work/rotation.txt" "$work/distinct.txt"

cat >"$work/rotate.lua" <<'LUA'
local refs = {}
for line in io.lines(os.getenv("REFS")) do refs[#refs + 1] = line end
local i = math.random(#refs)
request = function()
  i = i % #refs + 1
  if os.getenv("STATIC") then return wrk.format("GET", "/r/" .. i .. ".json") end
  return wrk.format("GET", "/v1/resolve?ref=" .. refs[i])
end
LUA

# One pass over the rotation first: it fills the memo as a running service's would be, and gives nginx its files.
mkdir -p "$work/www/r" "$work/nginx"
index=0
while read -r ref; do
  index=$((index + 1))
  curl -sf "http://127.0.0.1:$port/v1/resolve?ref=$ref" >"$work/www/r/$index.json"
done <"$work/rotation.txt"
echo "== harden-server GET /v1/resolve, 1,000 distinct references in rotation, 64 connections, ${seconds}s"
REFS="$work/rotation.txt" wrk -t2 -c64 -d"${seconds}s" --latency -s "$work/rotate.lua" "http://127.0.0.1:$port" | summary
memory

chmod -R a+rX "$work"  # nginx workers run as www-data
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy; fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;
  # Without an access log, nginx's fastest; with one written as harden-server writes its own (the same fields, in
  # batches flushed at least once a second), the like-for-like comparison.
  log_format harden '\$time_iso8601 info \$request_method \$request_uri \$status \$request_time';
  server { listen 127.0.0.1:$static_port; root $work/www; default_type application/json; }
  server {
    listen 127.0.0.1:$logged_port; root $work/www; default_type application/json;
    access_log $work/nginx/access.log harden buffer=64k flush=1s;
  }
}
CONF
nginx -c "$work/nginx/nginx.conf" -g "daemon off;" &
pids+=("$!")
sleep 0.5
curl -sf "http://127.0.0.1:$static_port/r/1.json" | cmp -s - "$work/www/r/1.json" || { echo "nginx does not serve the JSON"; exit 1; }
echo "== nginx, the same 1,000 answers as static files in rotation, 64 connections, ${seconds}s"
STATIC=1 REFS="$work/rotation.txt" wrk -t2 -c64 -d"${seconds}s" --latency -s "$work/rotate.lua" "http://127.0.0.1:$static_port" | summary
echo "== nginx as above, with an access log as harden-server's (buffered, flushed every second), ${seconds}s"
STATIC=1 REFS="$work/rotation.txt" wrk -t2 -c64 -d"${seconds}s" --latency -s "$work/rotate.lua" "http://127.0.0.1:$logged_port" | summary
[ -s "$work/nginx/access.log" ] || { echo "nginx wrote no access log"; exit 1; }

echo "== harden-server GET /v1/resolve, 100,000 distinct references, 64 connections, $((seconds * 2))s"
REFS="$work/distinct.txt" wrk -t2 -c64 -d"$((seconds * 2))s" --latency -s "$work/rotate.lua" "http://127.0.0.1:$port" | summary
memory

# A 1 MiB manifest: Deployments whose containers run images of the knowledge base, each with findings.
python3 - "$work/manifest.yaml" <<'PY'
import sys
with open(sys.argv[1], "w") as out:
    index = 0
    while out.tell() < (1 << 20) - 600:
        out.write(f"""---
apiVersion: apps/v1
kind: Deployment
metadata: {{name: app-{index}}}
spec:
  selector: {{matchLabels: {{app: a{index}}}}}
  template:
    metadata: {{labels: {{app: a{index}}}}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        securityContext: {{privileged: true}}
      - name: cache
        image: redis:7.{index % 4}
""")
        index += 1
PY
cat >"$work/audit.lua" <<'LUA'
local file = io.open(os.getenv("MANIFEST"), "rb")
wrk.method = "POST"
wrk.body = file:read("*a")
wrk.headers["Content-Type"] = "application/yaml"
file:close()
LUA
echo "== harden-server POST /v1/audit of $(stat -c %s "$work/manifest.yaml") bytes, 16 connections, ${seconds}s"
MANIFEST="$work/manifest.yaml" wrk -t2 -c16 -d"${seconds}s" --timeout 15s --latency -s "$work/audit.lua" "http://127.0.0.1:$port/v1/audit" | summary
memory
