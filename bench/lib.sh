# Shared helpers for the benchmark scripts (sourced, not run).
JAVA_BIN=""
for candidate in ${JAVA_HOME:-} /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/java-25-openjdk-*; do
  if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && "$candidate/bin/java" -version 2>&1 | grep -q '"25'; then
    JAVA_BIN=$candidate/bin/java
    break
  fi
done
[ -n "$JAVA_BIN" ] || { echo "no JDK 25 found under /usr/lib/jvm; set JAVA_HOME" >&2; exit 1; }

S3_KEY=benchaccesskey
S3_SECRET=benchsecretkey0123456789
S3_PORT=${S3_PORT:-18555}
S3_ENDPOINT=http://127.0.0.1:$S3_PORT
S3PROXY_VERSION=4.1.0

need_tools() { # installs missing Debian packages for the named commands
  local missing=()
  for tool in "$@" bc; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      case "$tool" in
        aws) missing+=(awscli) ;;
        vips|vipsthumbnail) missing+=(libvips-tools) ;;
        *) missing+=("$tool") ;;
      esac
    fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]} (Debian packages)"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

bench_build() {
  echo "== building the SDK and the benchmark driver"
  # build-classpath runs in every reactor module and writes the same file; bench comes last, so it wins
  ./mvnw -q -B -ntp -pl bench -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile="$WORK/classpath.txt"
  BENCH_CP="$REPO/bench/target/lightbox-bench-0.1.0-SNAPSHOT.jar:$(cat "$WORK/classpath.txt")"
  ./mvnw -q -B -ntp dependency:copy -Dartifact=org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies \
    -DoutputDirectory="$WORK"
}

start_s3proxy() {
  local dir=$1
  # Another helper's server on this port would answer instead of ours and the figures would be its.
  if curl -s -o /dev/null "$S3_ENDPOINT/"; then
    echo "port $S3_PORT is already in use; run with S3_PORT=<free port>" >&2
    exit 1
  fi
  mkdir -p "$dir/s3data"
  cat > "$dir/s3proxy.conf" <<CONF
s3proxy.endpoint=$S3_ENDPOINT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_KEY
s3proxy.credential=$S3_SECRET
s3proxy.ignore-unknown-headers=true
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$dir/s3data
CONF
  "$JAVA_BIN" -jar "$dir/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar" --properties "$dir/s3proxy.conf" \
    > "$dir/s3proxy.log" 2>&1 &
  S3PROXY_PID=$!
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "$S3_ENDPOINT/" && break
    kill -0 "$S3PROXY_PID" 2>/dev/null || break
    sleep 0.2
  done
  if ! kill -0 "$S3PROXY_PID" 2>/dev/null || ! curl -s -o /dev/null "$S3_ENDPOINT/"; then
    echo "S3Proxy did not start on $S3_ENDPOINT; see $dir/s3proxy.log" >&2
    tail -5 "$dir/s3proxy.log" >&2
    exit 1
  fi
  echo "== S3Proxy $S3PROXY_VERSION (filesystem store) on $S3_ENDPOINT"
  export RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=Other RCLONE_CONFIG_BENCH_ENDPOINT=$S3_ENDPOINT
  export RCLONE_CONFIG_BENCH_ACCESS_KEY_ID=$S3_KEY RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY=$S3_SECRET
  export RCLONE_CONFIG_BENCH_REGION=us-east-1 RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE=true
}

stop_s3proxy() {
  if [ -n "${S3PROXY_PID:-}" ]; then
    kill "$S3PROXY_PID" 2>/dev/null || true
    wait "$S3PROXY_PID" 2>/dev/null || true
  fi
}

aws_cli() {
  AWS_ACCESS_KEY_ID=$S3_KEY AWS_SECRET_ACCESS_KEY=$S3_SECRET AWS_DEFAULT_REGION=us-east-1 \
    AWS_CONFIG_FILE=/dev/null aws --endpoint-url "$S3_ENDPOINT" "$@"
}

fresh_bucket() {
  aws_cli s3 mb "s3://$1" >/dev/null
}

sdk_env() {
  env LIGHTBOX_S3_ENDPOINT=$S3_ENDPOINT LIGHTBOX_S3_REGION=us-east-1 \
    LIGHTBOX_S3_ACCESS_KEY_ID=$S3_KEY LIGHTBOX_S3_SECRET_ACCESS_KEY=$S3_SECRET "$@"
}

sdk_fresh() { # upload|download dir bucket: a new JVM as a CLI user starts one, no tuning
  sdk_env "$JAVA_BIN" -cp "$BENCH_CP" dev.lightbox.bench.TransferBench "$@"
}

# JVM options for a CLI-style process: the AOT cache (JDK 25, JEP 483/514/515) holds the classes loaded,
# linked and profiled in a training run; C2 compiles only SHA-256 (bench/sha256-c2.json), which C1 hashes ten
# times slower, and C1 compiles the rest, cheaply enough for a run of a few seconds.
SDK_AOT_OPTS=(-XX:+UnlockDiagnosticVMOptions
  "-XX:CompilerDirectivesFile=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/sha256-c2.json")

sdk_train_aot() { # dir bucket: one training run (upload, list, download) that writes the AOT cache
  # Always from the jars just built: the JVM does not notice a cache made from older jars and would run
  # their classes.
  local down=$WORK/aot-train-down
  rm -rf "$down" "$WORK/sdk.aot"; mkdir -p "$down"
  sdk_env "$JAVA_BIN" -XX:AOTCacheOutput="$WORK/sdk.aot" "${SDK_AOT_OPTS[@]}" -Dbench.warmup=0 -Dbench.rounds=2 -cp "$BENCH_CP" \
    dev.lightbox.bench.TransferBench warm "$1" "$down" "$2" 1 1 > "$WORK/aot-train.log" 2>&1
  [ -f "$WORK/sdk.aot" ] || { echo "AOT training failed: see $WORK/aot-train.log" >&2; exit 1; }
}

sdk_fresh_aot() { # upload|download dir bucket: a new JVM started with the AOT cache
  sdk_env "$JAVA_BIN" -XX:AOTCache="$WORK/sdk.aot" "${SDK_AOT_OPTS[@]}" -cp "$BENCH_CP" \
    dev.lightbox.bench.TransferBench "$@"
}

sdk_warm() { # upload-dir download-dir bucket bytes files -> TSV rows for the warmed runs
  sdk_env "$JAVA_BIN" -cp "$BENCH_CP" dev.lightbox.bench.TransferBench warm "$@"
}

print_table() { # results.tsv -> one line per tool, set and direction: the median of its runs
  echo
  python3 - "$1" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    tool, kind, direction, seconds, size, files = line.rstrip("\n").split("\t")
    rows.setdefault((tool, kind, direction), []).append((float(seconds), int(size), int(files)))
print(f"{'tool':26} {'set':6} {'dir':5} {'seconds':>9} {'MiB/s':>10} {'files/s':>10} {'runs':>5}")
for (tool, kind, direction), runs in rows.items():
    seconds = statistics.median(r[0] for r in runs)
    size, files = runs[0][1], runs[0][2]
    print(f"{tool:26} {kind:6} {direction:5} {seconds:9.2f} {size / 1048576 / seconds:10.1f} {files / seconds:10.1f} {len(runs):5}")
PY
}

# rclone 1.60 refuses to start when AWS_CA_BUNDLE is set (its HTTP transport cannot take it); the local
# server is plain HTTP, so the bundle is not needed.
rclone() {
  env -u AWS_CA_BUNDLE rclone "$@"
}
