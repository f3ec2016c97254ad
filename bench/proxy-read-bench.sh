#!/usr/bin/env bash
# Proxy-mode read path in isolation: S3BlobStore.get (lean signed GET) vs presigned GETs over Jetty's
# HttpClient (the former PresignedReader), against S3Proxy in its own process, in alternating rounds.
# Prints req/s and the reading JVM's CPU time per request for each side.
#   bench/proxy-read-bench.sh [-Dbench.threads=64] [-Dbench.requests=20000] [-Dbench.rounds=5] ...
# Any -D option goes to the driver (see ProxyReadBench). INPROCESS=1 runs S3Proxy inside the driver's JVM.
# PROFILE=lean|jetty measures that side alone and records bench-work/proxy-read/<side>.jfr
# (read it with: jfr print --events jdk.ExecutionSample FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
WORK=${BENCH_WORK:-$REPO/bench-work/proxy-read}
S3_PORT=${S3_PORT:-18755}
rm -rf "$WORK/s3data"; mkdir -p "$WORK"
source "$REPO/bench/lib.sh"
bench_build >/dev/null
ENV=()
ARGS=()
if [ -z "${INPROCESS:-}" ]; then
  trap stop_s3proxy EXIT
  start_s3proxy "$WORK" >/dev/null
  mkdir -p "$WORK/s3data/bench" # the filesystem store's bucket is a directory
  ARGS+=(-Dbench.storePid="$S3PROXY_PID")
  ENV=(LIGHTBOX_S3_ENDPOINT=$S3_ENDPOINT LIGHTBOX_S3_ACCESS_KEY_ID=$S3_KEY LIGHTBOX_S3_SECRET_ACCESS_KEY=$S3_SECRET)
fi
if [ -n "${PROFILE:-}" ]; then
  ARGS+=(-Dbench.only="$PROFILE" "-XX:StartFlightRecording=filename=$WORK/$PROFILE.jfr,settings=profile")
fi
env "${ENV[@]}" "$JAVA_BIN" -Xmx1g -Dlogback.configurationFile="$REPO/bench/logback-quiet.xml" \
  "${ARGS[@]}" "$@" -cp "$BENCH_CP" dev.lightbox.bench.ProxyReadBench
