#!/usr/bin/env bash
# Migration benchmark: `lightbox migrate --to s3` (copy, read back and check SHA-256, switch the catalog,
# journal) against `rclone copy --checksum` of the same disk tree to the same local S3Proxy, in one run.
#   bench/migrate-bench.sh [--small-files N] [--big-files M] [--concurrency C]
# Set (a): N files of 40 KB (default 2000). Set (b): M files of 4 MB (default 200).
# Rows: the command as a user runs it (fresh JVM, start-up included), the same migration in a warm JVM, and
# rclone. Prints seconds, files/s and MiB/s side by side, and the ratios to rclone.
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
source "$REPO/bench/lib.sh"
need_tools rclone python3
bench_build
echo "== building the lightbox command"
./mvnw -q -B -ntp -pl cli -am package -DskipTests
start_s3proxy "$WORK"
trap stop_s3proxy EXIT

echo "== generating $SMALL files of 40 KB and $BIG files of 4 MB"
python3 - "$WORK" "$SMALL" "$BIG" <<'PY'
import os, sys
work, small, big = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for name, n, size in (("small", small, 40 * 1024), ("big", big, 4 * 1024 * 1024)):
    d = os.path.join(work, "files-" + name)
    os.makedirs(d)
    for i in range(n):
        with open(os.path.join(d, f"img-{i:05d}.webp"), "wb") as f:
            f.write(os.urandom(size))
PY

RESULTS=$WORK/results.tsv
: > "$RESULTS"
record() { # tool set seconds bytes files
  printf '%s\t%s\t%s\t%s\t%s\n' "$@" >> "$RESULTS"
}
elapsed() { # runs the command, prints its wall-clock seconds; output goes to $WORK/last.log
  local start end
  start=$(date +%s.%N)
  "$@" > "$WORK/last.log" 2>&1 || { echo "FAILED: $*" >&2; tail -30 "$WORK/last.log" >&2; return 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
library_env() { # data-dir bucket command...
  local data=$1 bucket=$2
  shift 2
  sdk_env LIGHTBOX_DATA_DIR="$data" LIGHTBOX_S3_BUCKET="$bucket" "$@"
}

run_set() { # name files bytes
  local name=$1 files=$2 bytes=$3 t
  echo "== set $name: $files files, $bytes bytes"
  "$JAVA_BIN" -cp "$BENCH_CP" dev.lightbox.bench.MigrateBench library "$WORK/lib-$name" "$WORK/files-$name"
  "$JAVA_BIN" -cp "$BENCH_CP" dev.lightbox.bench.MigrateBench library "$WORK/warm-$name" "$WORK/files-$name"
  local tree="$WORK/lib-$name/storage"

  rclone mkdir "bench:$name-rclone"
  t=$(elapsed rclone copy "$tree" "bench:$name-rclone" "${RCLONE_FLAGS[@]}" --exclude '.lightbox*/**')
  record "rclone copy --checksum" "$name" "$t" "$bytes" "$files"

  rclone mkdir "bench:$name-lightbox"
  t=$(elapsed library_env "$WORK/lib-$name" "$name-lightbox" "$JAVA_BIN" -jar "$REPO/cli/target/lightbox.jar" \
    migrate --to s3 --concurrency "$CONCURRENCY")
  grep -E "^Batch .* (completed|stopped)" "$WORK/last.log" | sed 's/^/   /'
  record "lightbox migrate (fresh jvm)" "$name" "$t" "$bytes" "$files"
  echo "   independent check: rclone check of the disk tree against the migrated bucket"
  rclone check "$tree" "bench:$name-lightbox" --exclude '.lightbox*/**' 2>&1 | grep -E "differences|matching" \
    | sed 's/^/   /'

  rclone mkdir "bench:$name-warm"
  library_env "$WORK/warm-$name" "$name-warm" "$JAVA_BIN" -cp "$BENCH_CP" dev.lightbox.bench.MigrateBench warm \
    "$name" "$WORK/warm-$name" "$CONCURRENCY" >> "$RESULTS"
}

run_set small "$SMALL" $((SMALL * 40 * 1024))
run_set big "$BIG" $((BIG * 4 * 1024 * 1024))

echo
printf '%-30s %-6s %9s %10s %10s %12s %12s\n' tool set seconds "files/s" "MiB/s" "files/s x" "MiB/s x"
awk -F'\t' '
  { tool[NR] = $1; set[NR] = $2; secs[NR] = $3; fps[NR] = $5 / $3; mib[NR] = $4 / 1048576 / $3
    if ($1 ~ /^rclone/) { rfps[$2] = fps[NR]; rmib[$2] = mib[NR] } }
  END { for (i = 1; i <= NR; i++)
    printf "%-30s %-6s %9.2f %10.1f %10.1f %11.2fx %11.2fx\n", tool[i], set[i], secs[i], fps[i], mib[i],
      fps[i] / rfps[set[i]], mib[i] / rmib[set[i]] }' "$RESULTS"
echo
echo "(x = ratio to rclone on the same set; lightbox copies, reads back and checks SHA-256, and switches the catalog"
echo " for every object; rclone flags: ${RCLONE_FLAGS[*]}; lightbox --concurrency $CONCURRENCY)"
