#!/usr/bin/env bash
# Server benchmark: GET of thumbnail-sized objects by asset id, through the Lightbox server in disk mode,
# S3 proxy mode and S3 redirect mode, against nginx serving the same files from disk and S3Proxy serving
# the same objects directly (presigned GETs), all in one run on this machine. Disk and proxy mode run
# twice: with the object cache (LIGHTBOX_CACHE_SIZE, default) and without it (0).
#   bench/server-bench.sh [--files N] [--duration 15s] [--connections 64] [--rounds 3]
# All targets run at once and are measured in turn, round after round; the table shows each target's
# median round, so a burst of load from elsewhere on the machine does not favour one target.
# Needs wrk and nginx (Debian packages; installed when missing) and a JDK 25.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
FILES=500
DURATION=15s
CONNECTIONS=64
ROUNDS=3
while [ $# -gt 0 ]; do
  case "$1" in
    --files) FILES=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    -h|--help) sed -n 2,7p "$0"; exit 0 ;;
    *) echo "unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

WORK=${BENCH_WORK:-$REPO/bench-work/server}
rm -rf "$WORK"; mkdir -p "$WORK"
S3_PORT=${S3_PORT:-18655}
source "$REPO/bench/lib.sh"
need_tools wrk nginx curl python3
S3_BUCKET=bench
DISK_PORT=${DISK_PORT:-18600}
S3_PORT_LB=${LIGHTBOX_S3_PORT:-18601}
NGINX_PORT=${NGINX_PORT:-18602}
REDIRECT_PORT=${REDIRECT_PORT:-18603}
S3_NOCACHE_PORT=${S3_NOCACHE_PORT:-18604}
DISK_NOCACHE_PORT=${DISK_NOCACHE_PORT:-18605}
API_KEY_FILE="$WORK/api-key"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  stop_s3proxy
}
trap cleanup EXIT

echo "== building cli/target/lightbox.jar and fetching S3Proxy"
./mvnw -q -B -ntp -pl cli -am package -DskipTests
./mvnw -q -B -ntp dependency:copy -Dartifact=org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies \
  -DoutputDirectory="$WORK" >/dev/null

# Real photos make real thumbnails: one photo from the shared media with a different random tail per copy
# (bytes after the JPEG end marker, so each copy is a new asset). Without the shared media, 40 KB of
# JPEG-tagged random bytes stand in (no thumbnails then: the originals are served).
SOURCE_PHOTO=${SOURCE_PHOTO:-$REPO/../shared/media/photo/immich_prairie_falcon_canonR5_gps.jpg}
echo "== generating $FILES files"
mkdir -p "$WORK/files"
python3 - "$WORK/files" "$FILES" "$SOURCE_PHOTO" <<'PY'
import os, sys
d, n, photo = sys.argv[1], int(sys.argv[2]), sys.argv[3]
base = open(photo, "rb").read() if os.path.isfile(photo) else None
for i in range(n):
    with open(os.path.join(d, f"img-{i:05d}.jpg"), "wb") as f:
        f.write(base + os.urandom(16) if base else b"\xff\xd8\xff\xe0" + os.urandom(40 * 1024 - 4))
PY

start_s3proxy "$WORK"
sleep 1
kill -0 "$S3PROXY_PID" 2>/dev/null || { echo "S3Proxy did not start (port $S3_PORT busy?); see $WORK/s3proxy.log" >&2; exit 1; }
mkdir -p "$WORK/s3data/$S3_BUCKET"   # a bucket of the filesystem store is a directory

start_lightbox() { # name port backend serve-mode [cache-size]
  local name=$1 port=$2 backend=$3 mode=$4 cache=${5:-}
  env -i PATH="$PATH" HOME="$HOME" LIGHTBOX_DATA_DIR="$WORK/$name" LIGHTBOX_PORT="$port" LIGHTBOX_HOST=127.0.0.1 \
    ${cache:+LIGHTBOX_CACHE_SIZE=$cache} \
    LIGHTBOX_ADMIN_EMAIL=bench@example.com LIGHTBOX_ADMIN_PASSWORD=bench-password \
    LIGHTBOX_STORAGE_BACKEND="$backend" LIGHTBOX_S3_SERVE_MODE="$mode" LIGHTBOX_S3_BUCKET=$S3_BUCKET \
    LIGHTBOX_S3_ENDPOINT="$S3_ENDPOINT" LIGHTBOX_S3_ACCESS_KEY_ID=$S3_KEY LIGHTBOX_S3_SECRET_ACCESS_KEY=$S3_SECRET \
    "$JAVA_BIN" -Xmx512m -jar "$REPO/cli/target/lightbox.jar" serve > "$WORK/$name-$port.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 150); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/health" && return 0
    sleep 0.2
  done
  echo "lightbox ($name) did not start; see $WORK/$name-$port.log" >&2
  exit 1
}

api_key() { # port -> prints a new API key of the bench admin
  local port=$1
  curl -sf -c "$WORK/cookies" -H 'Content-Type: application/json' \
    -d '{"email":"bench@example.com","password":"bench-password"}' "http://127.0.0.1:$port/api/auth/login" >/dev/null
  curl -sf -b "$WORK/cookies" -H 'Content-Type: application/json' -d '{"name":"bench"}' \
    "http://127.0.0.1:$port/api/keys" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])'
}

upload_all() { # port key out-file: uploads every file, writes one path per line (the thumbnail if made)
  python3 - "$1" "$2" "$3" "$WORK/files" <<'PY'
import json, os, sys, urllib.request
port, key, out, folder = sys.argv[1:5]
with open(out, "w") as o:
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), "rb") as f:
            body = f.read()
        req = urllib.request.Request(f"http://127.0.0.1:{port}/api/assets?filename={name}", data=body,
                                     headers={"x-api-key": key, "Content-Type": "application/octet-stream"})
        links = json.load(urllib.request.urlopen(req))["links"]
        o.write((links["thumbnail"] or links["original"]) + "\n")
PY
}

cat > "$WORK/pick.lua" <<'LUA'
local paths = {}
local key = os.getenv("BENCH_API_KEY")
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
math.randomseed(os.time())
request = function()
  local headers = {}
  if key and key ~= "" then headers["x-api-key"] = key end
  return wrk.format("GET", paths[math.random(#paths)], headers)
end
LUA

RESULTS="$WORK/results.tsv"
: > "$RESULTS"
run_wrk() { # label base-url paths-file api-key
  local label=$1 base=$2 paths=$3 key=$4
  # Every target must answer 200 (302 for redirect mode) to the first path, or the run is meaningless.
  local probe
  probe=$(curl -s -o /dev/null -w '%{http_code}' ${key:+-H "x-api-key: $key"} "$base$(head -1 "$paths")")
  case "$probe" in 200|302) ;; *) echo "$label answers $probe to $(head -1 "$paths"); stopping" >&2; exit 1 ;; esac
  # A short warm-up (JIT, caches), then the measured run.
  BENCH_PATHS=$paths BENCH_API_KEY=$key wrk -t2 -c"$CONNECTIONS" -d3s -s "$WORK/pick.lua" "$base" >/dev/null
  BENCH_PATHS=$paths BENCH_API_KEY=$key wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/pick.lua" \
    "$base" > "$WORK/wrk-$label.txt"
  local rps p99 non2xx
  rps=$(awk '/^Requests\/sec/ {print $2}' "$WORK/wrk-$label.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk-$label.txt")
  non2xx=$(awk '/Non-2xx or 3xx responses/ {print $5}' "$WORK/wrk-$label.txt")
  printf '%s\t%s\t%s\t%s\n' "$label" "$rps" "$p99" "${non2xx:-0}" >> "$RESULTS"
  echo "   $label: $rps req/s, p99 $p99"
}

echo "== lightbox, disk mode"
start_lightbox disk $DISK_PORT disk proxy
DISK_KEY=$(api_key $DISK_PORT)
upload_all $DISK_PORT "$DISK_KEY" "$WORK/disk-paths.txt"
echo "== lightbox, S3 mode (uploads to S3Proxy)"
start_lightbox s3 $S3_PORT_LB s3 proxy
S3_API_KEY=$(api_key $S3_PORT_LB)
upload_all $S3_PORT_LB "$S3_API_KEY" "$WORK/s3-paths.txt"

echo "== nginx serving the disk store's files"
if head -1 "$WORK/disk-paths.txt" | grep -q thumbnail; then served='thumbnail.webp'; else served='*.jpg'; fi
find "$WORK/disk/storage" -type f -name "$served" | sed "s|^$WORK/disk/storage||" > "$WORK/nginx-paths.txt"
cat > "$WORK/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
user root;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  types { image/jpeg jpg; image/webp webp; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/disk/storage;
  }
}
CONF
nginx -c "$WORK/nginx.conf" -p "$WORK"

echo "== lightbox, S3 redirect mode (same catalog and bucket as the S3 server)"
start_lightbox s3 $REDIRECT_PORT s3 redirect
echo "== lightbox, S3 proxy mode and disk mode with the object cache off (same catalogs and stores)"
start_lightbox s3 $S3_NOCACHE_PORT s3 proxy 0
start_lightbox disk $DISK_NOCACHE_PORT disk proxy 0
echo "== presigned URLs for S3Proxy direct GETs (from the redirect answers)"
while read -r path; do
  curl -s -o /dev/null -w '%{redirect_url}\n' -H "x-api-key: $S3_API_KEY" "http://127.0.0.1:$REDIRECT_PORT$path"
done < "$WORK/s3-paths.txt" | sed "s|^$S3_ENDPOINT||" > "$WORK/presigned-paths.txt"

echo "== measuring: wrk -t2 -c$CONNECTIONS -d$DURATION, random object per request, $ROUNDS rounds"
for round in $(seq 1 "$ROUNDS"); do
  echo " round $round"
  run_wrk nginx "http://127.0.0.1:$NGINX_PORT" "$WORK/nginx-paths.txt" ""
  run_wrk lightbox-disk "http://127.0.0.1:$DISK_PORT" "$WORK/disk-paths.txt" "$DISK_KEY"
  run_wrk lightbox-disk-nocache "http://127.0.0.1:$DISK_NOCACHE_PORT" "$WORK/disk-paths.txt" "$DISK_KEY"
  run_wrk s3proxy-direct "$S3_ENDPOINT" "$WORK/presigned-paths.txt" ""
  run_wrk lightbox-s3-proxy "http://127.0.0.1:$S3_PORT_LB" "$WORK/s3-paths.txt" "$S3_API_KEY"
  run_wrk lightbox-s3-proxy-nocache "http://127.0.0.1:$S3_NOCACHE_PORT" "$WORK/s3-paths.txt" "$S3_API_KEY"
  run_wrk lightbox-s3-redirect "http://127.0.0.1:$REDIRECT_PORT" "$WORK/s3-paths.txt" "$S3_API_KEY"
  saved=$CONNECTIONS; CONNECTIONS=4
  run_wrk lightbox-s3-redirect-c4 "http://127.0.0.1:$REDIRECT_PORT" "$WORK/s3-paths.txt" "$S3_API_KEY"
  CONNECTIONS=$saved
done

echo
echo "median of $ROUNDS rounds (requests/s; p99 of the same round):"
printf '%-27s %12s %10s %8s\n' target "requests/s" "p99" "non-2xx"
sort -t$'\t' -k1,1 -k2,2n "$RESULTS" | awk -F'\t' -v n="$ROUNDS" '
  { count[$1]++ }
  count[$1] == int((n + 1) / 2) { median[$1] = $0 }
  END { for (t in median) { split(median[t], f, "\t"); printf "%-27s %12s %10s %8s\n", f[1], f[2], f[3], f[4] } }'
echo "same-round ratios (targets: disk >= 0.5x nginx, proxy >= 0.8x S3Proxy direct):"
awk -F'\t' '{ round[$1]++; rps[$1, round[$1]] = $2 }
  END { for (r = 1; r <= round["nginx"]; r++)
    printf " round %d: disk %.2fx (cache off %.2fx) nginx; proxy %.2fx (cache off %.2fx) direct\n", r,
      rps["lightbox-disk", r] / rps["nginx", r], rps["lightbox-disk-nocache", r] / rps["nginx", r],
      rps["lightbox-s3-proxy", r] / rps["s3proxy-direct", r],
      rps["lightbox-s3-proxy-nocache", r] / rps["s3proxy-direct", r] }' "$RESULTS"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "(objects: $(head -1 "$WORK/disk-paths.txt" | grep -q thumbnail && echo "thumbnails, $(find "$WORK/disk/storage" -name thumbnail.webp -printf '%s\n' | sort -n | awk '{a[NR]=$1} END {print a[int(NR/2)+1]}') bytes (median)" || echo '40 KB originals; no thumbnails were made'))"
