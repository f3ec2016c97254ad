#!/usr/bin/env bash
# Migration benchmark: `lightbox migrate --to s3` (copy, read back and check SHA-256, switch the catalog,
# journal) against `rclone copy --checksum` of the same disk tree to the same local S3Proxy, in one run.
#   bench/migrate-bench.sh [--small-files N] [--big-files M] [--concurrency C]
# Set (a): N files of 40 KB (default 2000). Set (b): M files of 4 MB (default 200).
# Rows: the command as a user runs it (fresh JVM, start-up included), the same through the ./lightbox launcher
# with the AOT start-up cache it made on its first run (trained on a small library, untimed), the migration
# in a warm JVM, and rclone. Needs about 2.5 GB of free disk with the defaults. Prints seconds, files/s and MiB/s side by side, the ratios to rclone, and the CPU seconds the tool
# and S3Proxy used (the machine is shared: CPU time says more than wall time when it is busy).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
SMALL=2000
BIG=200
CONCURRENCY=32
RCLONE_FLAGS=(--checksum --transfers 16 --checkers 16 --s3-upload-concurrency 8)
while [ $# -gt 0 ]; do
  case "$1" in
    --small-files) SMALL=$2; shift 2 ;;
    --big-files) BIG=$2; shift 2 ;;
    --concurrency) CONCURRENCY=$2; shift 2 ;;
    -h|--help) sed -n 2,7p "$0"; exit 0 ;;
    *) echo "unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

WORK=${BENCH_WORK:-$REPO/bench-work/migrate}
rm -rf "$WORK"; mkdir -p "$WORK"
# A free port of our own: another benchmark may be running S3Proxy on lib.sh's default port.
S3_PORT=${S3_PORT:-$(shuf -i 20000-59999 -n 1)}
source "$REPO/bench/lib.sh"
need_tools rclone python3
if [ ! -x /usr/bin/time ]; then # 'time' is also a shell keyword, so need_tools would not notice it is missing
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi
bench_build
echo "== building the lightbox command"
./mvnw -q -B -ntp -pl cli -am package -DskipTests
start_s3proxy "$WORK"
cleanup() { # the data is large (up to about 2.5 GB at a time with the defaults): keep only results and logs
  stop_s3proxy
  rm -rf "$WORK"/files-* "$WORK"/lib-* "$WORK/s3data" "$WORK/aot"
}
trap cleanup EXIT
kill -0 "$S3PROXY_PID" 2>/dev/null || { echo "S3Proxy did not start; see $WORK/s3proxy.log" >&2; exit 1; }

RESULTS=$WORK/results.tsv
: > "$RESULTS"
record() { # tool set seconds bytes files tool-cpu server-cpu
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$RESULTS"
}
s3proxy_cpu() { # CPU seconds S3Proxy has used so far
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$S3PROXY_PID/stat"
}
measured() { # runs the command; prints "wall-seconds tool-cpu-seconds server-cpu-seconds"; output in last.log
  local start end c0 c1
  c0=$(s3proxy_cpu)
  start=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$WORK/cpu.txt" "$@" > "$WORK/last.log" 2>&1 \
    || { echo "FAILED: $*" >&2; tail -30 "$WORK/last.log" >&2; return 1; }
  end=$(date +%s.%N)
  c1=$(s3proxy_cpu)
  echo "$(echo "$end - $start" | bc -l) $(awk '{ print $1 + $2 }' "$WORK/cpu.txt") $(echo "$c1 - $c0" | bc -l)"
}
library_env() { # data-dir bucket command... (an env command line, so that /usr/bin/time can run it)
  local data=$1 bucket=$2
  shift 2
  env LIGHTBOX_DATA_DIR="$data" LIGHTBOX_S3_BUCKET="$bucket" LIGHTBOX_S3_ENDPOINT="$S3_ENDPOINT" \
    LIGHTBOX_S3_REGION=us-east-1 LIGHTBOX_S3_ACCESS_KEY_ID="$S3_KEY" LIGHTBOX_S3_SECRET_ACCESS_KEY="$S3_SECRET" "$@"
}
library_env_args() { # the same as words for measured: env NAME=value ...
  echo env LIGHTBOX_DATA_DIR="$1" LIGHTBOX_S3_BUCKET="$2" LIGHTBOX_S3_ENDPOINT="$S3_ENDPOINT" \
    LIGHTBOX_S3_REGION=us-east-1 LIGHTBOX_S3_ACCESS_KEY_ID="$S3_KEY" LIGHTBOX_S3_SECRET_ACCESS_KEY="$S3_SECRET"
}

generate() { # dir count size: random files (incompressible, like media)
  python3 - "$@" <<'PY'
import os, sys
d, n, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(d)
for i in range(n):
    with open(os.path.join(d, f"img-{i:05d}.webp"), "wb") as f:
        f.write(os.urandom(size))
PY
}

# The launcher keeps its start-up caches here (not in cli/target/aot, which a user's own runs fill).
export LIGHTBOX_AOT_DIR=$WORK/aot

train_aot() { # the launcher's first migrate, on a small library: it records, then writes the cache in the background
  echo "== the launcher's first run writes its AOT start-up cache (a separate library and bucket, not timed)"
  generate "$WORK/files-train" 100 $((40 * 1024))
  head -c $((4 * 1024 * 1024)) /dev/urandom > "$WORK/files-train/big-1.webp"
  "$JAVA_BIN" --enable-native-access=ALL-UNNAMED -cp "$BENCH_CP" dev.lightbox.bench.MigrateBench library \
    "$WORK/lib-train" "$WORK/files-train" 2>/dev/null
  rclone mkdir bench:aot-train
  library_env "$WORK/lib-train" aot-train "$REPO/lightbox" migrate --to s3 > "$WORK/aot-train.log" 2>&1
  for _ in $(seq 1 300); do # the background writer holds the lock until the cache is in place
    ls "$WORK"/aot/*-migrate.aot >/dev/null 2>&1 && ! ls "$WORK"/aot/*-migrate.aot.*.tmp* >/dev/null 2>&1 && break
    sleep 0.5
  done
  ls "$WORK"/aot/*-migrate.aot >/dev/null 2>&1 || { echo "the launcher wrote no AOT cache: see $WORK/aot" >&2; exit 1; }
  rm -rf "$WORK/files-train" "$WORK/lib-train" "$WORK/s3data/aot-train"
}

run_set() { # name files bytes-per-file
  local name=$1 files=$2 size=$3 t cpu srv
  local bytes=$((files * size))
  echo "== set $name: $files files of $size bytes"
  generate "$WORK/files-$name" "$files" "$size"
  "$JAVA_BIN" --enable-native-access=ALL-UNNAMED -cp "$BENCH_CP" dev.lightbox.bench.MigrateBench library \
    "$WORK/lib-$name" "$WORK/files-$name" 2>/dev/null
  rm -rf "$WORK/files-$name" # the library's disk store holds the same files now
  local tree="$WORK/lib-$name/storage"

  rclone mkdir "bench:$name-rclone"
  read -r t cpu srv < <(measured env -u AWS_CA_BUNDLE rclone copy "$tree" "bench:$name-rclone" "${RCLONE_FLAGS[@]}" \
    --exclude '.lightbox*/**')
  record "rclone copy --checksum" "$name" "$t" "$bytes" "$files" "$cpu" "$srv"
  rm -rf "$WORK/s3data/$name-rclone" # space: the sets are large

  rclone mkdir "bench:$name-lightbox"
  read -r t cpu srv < <(measured $(library_env_args "$WORK/lib-$name" "$name-lightbox") "$JAVA_BIN" \
    --enable-native-access=ALL-UNNAMED -jar "$REPO/cli/target/lightbox.jar" migrate --to s3 \
    --concurrency "$CONCURRENCY")
  grep -E "^Batch .* (completed|stopped)|^Rate" "$WORK/last.log" | sed 's/^/   /'
  record "lightbox migrate (fresh jvm)" "$name" "$t" "$bytes" "$files" "$cpu" "$srv"
  echo "   independent check: rclone check of the disk tree against the migrated bucket"
  rclone check "$tree" "bench:$name-lightbox" --exclude '.lightbox*/**' 2>&1 | grep -E "differences|matching" \
    | sed 's/^/   /'

  local batch
  batch=$(sed -n 's/^Batch \([0-9a-f-]*\) completed.*/\1/p' "$WORK/last.log")
  library_env "$WORK/lib-$name" "$name-lightbox" "$JAVA_BIN" --enable-native-access=ALL-UNNAMED \
    -jar "$REPO/cli/target/lightbox.jar" migrate rollback "$batch" --source-grace 0 > "$WORK/rollback.log" 2>&1
  read -r t cpu srv < <(measured $(library_env_args "$WORK/lib-$name" "$name-lightbox") "$REPO/lightbox" \
    migrate --to s3 --concurrency "$CONCURRENCY")
  grep -E "^Batch .* (completed|stopped)|^Rate" "$WORK/last.log" | sed 's/^/   /'
  record "./lightbox migrate (aot cache)" "$name" "$t" "$bytes" "$files" "$cpu" "$srv"

  library_env "$WORK/lib-$name" "$name-lightbox" "$JAVA_BIN" --enable-native-access=ALL-UNNAMED -cp "$BENCH_CP" \
    dev.lightbox.bench.MigrateBench warm "$name" "$WORK/lib-$name" "$CONCURRENCY" >> "$RESULTS" 2> "$WORK/warm.log"
  grep -E "^warm" "$WORK/warm.log" | sed 's/^/   /'
  rm -rf "$WORK/lib-$name" "$WORK/s3data/$name-lightbox"
}

train_aot
run_set small "$SMALL" $((40 * 1024))
run_set big "$BIG" $((4 * 1024 * 1024))

echo
printf '%-30s %-6s %8s %9s %8s %10s %8s %9s %9s\n' tool set seconds "files/s" "MiB/s" "files/s x" "MiB/s x" \
  "tool cpu" "s3 cpu"
awk -F'\t' '
  { tool[NR] = $1; set[NR] = $2; secs[NR] = $3; fps[NR] = $5 / $3; mib[NR] = $4 / 1048576 / $3
    cpu[NR] = $6 == "" ? "-" : sprintf("%.2f s", $6); srv[NR] = $7 == "" ? "-" : sprintf("%.2f s", $7)
    if ($1 ~ /^rclone/) { rfps[$2] = fps[NR]; rmib[$2] = mib[NR] } }
  END { for (i = 1; i <= NR; i++)
    printf "%-30s %-6s %8.2f %9.1f %8.1f %9.2fx %7.2fx %9s %9s\n", tool[i], set[i], secs[i], fps[i], mib[i],
      fps[i] / rfps[set[i]], mib[i] / rmib[set[i]], cpu[i], srv[i] }' "$RESULTS"
echo
echo "(x = ratio to rclone on the same set. lightbox copies, reads back and checks SHA-256, and switches the"
echo " catalog for every object; rclone uploads once. rclone flags: ${RCLONE_FLAGS[*]}; lightbox --concurrency"
echo " $CONCURRENCY. The warm row is the last of 3 migrations in one JVM, timed over its copying, with its own"
echo " CPU time. Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); the machine has $(nproc) cores.)"
