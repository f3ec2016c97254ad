#!/usr/bin/env bash
# Storage SDK benchmark: Lightbox SDK vs rclone vs AWS CLI against one local S3Proxy, in one run.
#   bench/storage-bench.sh [--small-files N] [--big-mib M] [--repeat R]
# Set (a): N files of 40 KB (default 2000). Set (b): one file of M MiB (default 1024). With --repeat, every
# tool runs R times, interleaved, and the table shows each one's median (default 1).
# Each tool uploads then downloads each set; the SDK runs both as a fresh process (what a CLI user feels)
# (plain, and with a JDK 25 AOT cache from a training run) and in a warmed JVM (what the server feels:
# the median of 5 rounds after 2 warm-up rounds for set (a), of 2 after 1 for set (b)).
# Every SDK download checks each file against the SHA-256 stored at upload.
# Prints MB/s and files/s side by side.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
SMALL=2000
BIG_MIB=1024
REPEAT=1
while [ $# -gt 0 ]; do
  case "$1" in
    --small-files) SMALL=$2; shift 2 ;;
    --big-mib) BIG_MIB=$2; shift 2 ;;
    --repeat) REPEAT=$2; shift 2 ;;
    -h|--help) sed -n 2,10p "$0"; exit 0 ;;
    *) echo "unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

WORK=${BENCH_WORK:-$REPO/bench-work/storage}
rm -rf "$WORK"; mkdir -p "$WORK"
source "$REPO/bench/lib.sh"
need_tools rclone aws
bench_build
start_s3proxy "$WORK"
cleanup() { # the figures stay in $WORK/results.tsv; the data (several GiB) goes
  stop_s3proxy
  rm -rf "$WORK/s3data" "$WORK/small" "$WORK/big" "$WORK/train" "$WORK/down" "$WORK/aot-train-down"
}
trap cleanup EXIT

# ---- data -------------------------------------------------------------------------------------
echo "== generating $SMALL x 40 KB files and one $BIG_MIB MiB file"
mkdir -p "$WORK/small" "$WORK/big"
python3 - "$WORK/small" "$SMALL" <<'PY'
import os, sys
d, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    with open(os.path.join(d, f"img-{i:05d}.webp"), "wb") as f:
        f.write(os.urandom(40 * 1024))
PY
head -c $((BIG_MIB * 1024 * 1024)) /dev/urandom > "$WORK/big/model.safetensors"
SMALL_BYTES=$((SMALL * 40 * 1024))
BIG_BYTES=$((BIG_MIB * 1024 * 1024))

RESULTS=$WORK/results.tsv
: > "$RESULTS"
record() { # tool set direction seconds bytes files
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$RESULTS"
}
timed() { # prints elapsed seconds of the command
  local start end
  start=$(date +%s.%N)
  "$@" > "$WORK/last.log" 2>&1 || { echo "FAILED: $*" >&2; tail -20 "$WORK/last.log" >&2; return 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

run_set() { # set-name dir bytes files
  local name=$1 dir=$2 bytes=$3 files=$4 t
  fresh_bucket "$name$run-rclone"
  t=$(timed rclone copy "$dir" "bench:$name$run-rclone/" --transfers 16 --checkers 16 --s3-upload-concurrency 8)
  record rclone "$name" up "$t" "$bytes" "$files"
  rm -rf "$WORK/down"; mkdir -p "$WORK/down"
  t=$(timed rclone copy "bench:$name$run-rclone/" "$WORK/down" --transfers 16 --checkers 16 --multi-thread-streams 8)
  record rclone "$name" down "$t" "$bytes" "$files"

  fresh_bucket "$name$run-aws"
  t=$(timed aws_cli s3 cp --recursive --quiet "$dir" "s3://$name$run-aws/")
  record "aws cli" "$name" up "$t" "$bytes" "$files"
  rm -rf "$WORK/down"; mkdir -p "$WORK/down"
  t=$(timed aws_cli s3 cp --recursive --quiet "s3://$name$run-aws/" "$WORK/down")
  record "aws cli" "$name" down "$t" "$bytes" "$files"

  fresh_bucket "$name$run-sdk"
  t=$(timed sdk_fresh upload "$dir" "$name$run-sdk")
  record "lightbox sdk (fresh jvm)" "$name" up "$t" "$bytes" "$files"
  rm -rf "$WORK/down"; mkdir -p "$WORK/down"
  t=$(timed sdk_fresh download "$WORK/down" "$name$run-sdk")
  record "lightbox sdk (fresh jvm)" "$name" down "$t" "$bytes" "$files"

  fresh_bucket "$name$run-aot"
  t=$(timed sdk_fresh_aot upload "$dir" "$name$run-aot")
  record "lightbox sdk (fresh, aot)" "$name" up "$t" "$bytes" "$files"
  rm -rf "$WORK/down"; mkdir -p "$WORK/down"
  t=$(timed sdk_fresh_aot download "$WORK/down" "$name$run-aot")
  record "lightbox sdk (fresh, aot)" "$name" down "$t" "$bytes" "$files"

  fresh_bucket "$name$run-warm"
  rm -rf "$WORK/down"; mkdir -p "$WORK/down"
  sdk_warm "$dir" "$WORK/down" "$name$run-warm" "$bytes" "$files" >> "$RESULTS"
  rm -rf "$WORK/down" "$WORK/s3data/$name$run-"*  # S3Proxy keeps buckets as plain directories
}

echo "== training the SDK's AOT cache (a separate bucket, not timed)"
mkdir -p "$WORK/train"
cp "$WORK/small/"img-00[0-4]*.webp "$WORK/train/" 2>/dev/null || cp "$WORK/small/"* "$WORK/train/"
head -c $((20 * 1024 * 1024)) /dev/urandom > "$WORK/train/multipart.bin"  # the multipart path too
fresh_bucket aot-train
sdk_train_aot "$WORK/train" aot-train

for run in $(seq 1 "$REPEAT"); do
  echo "== run $run of $REPEAT, set (a): $SMALL files of 40 KB"
  run_set small "$WORK/small" "$SMALL_BYTES" "$SMALL"
  echo "== run $run of $REPEAT, set (b): one file of $BIG_MIB MiB"
  run_set big "$WORK/big" "$BIG_BYTES" 1
done

print_table "$RESULTS"
