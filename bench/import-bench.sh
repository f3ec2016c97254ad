#!/usr/bin/env bash
# Import benchmark: `lightbox import` of a tree of N photos (0.5-4 MP JPEG, PNG and WebP) into a local server
# (disk storage, SQLite catalog), in one run against the reference tools on the same files:
#  1. first import (upload, SHA-256, original stored, thumbnail and preview made) against vipsthumbnail making
#     the same two renditions (250 px WebP Q80 and 1440 px JPEG Q85, sRGB, stripped) with the same parallelism;
#  2. the re-run over the imported tree (a no-op) against `rclone copy` of the same tree to an S3Proxy bucket
#     that already holds it (also a no-op); fresh processes, the import with and without its state file.
#   bench/import-bench.sh [--files 2000] [--rounds 3] [--jobs 4]
# The tree is generated once from ../shared/media with vips and kept in bench-work/import-tree-N (--rounds 0
# only generates it). Each round starts a fresh server; the table shows each row's median round and the
# same-round ratios. PROFILE=1 records JFR files of the server and the client during the first import of
# round 1 (bench-work/import/*.jfr).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
FILES=2000
ROUNDS=3
JOBS=4 # `lightbox import --jobs` default: the server renders that many files at once
while [ $# -gt 0 ]; do
  case "$1" in
    --files) FILES=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;; # 0: only generate the tree
    --jobs) JOBS=$2; shift 2 ;;
    -h|--help) sed -n 2,12p "$0"; exit 0 ;;
    *) echo "unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

WORK=${BENCH_WORK:-$REPO/bench-work/import}
TREE=$REPO/bench-work/import-tree-$FILES
MEDIA=${LIGHTBOX_MEDIA_DIR:-$REPO/../shared/media}
rm -rf "$WORK"; mkdir -p "$WORK"
# A free port of our own: another benchmark may be running S3Proxy on lib.sh's default port.
S3_PORT=${S3_PORT:-$(shuf -i 20000-59999 -n 1)}
LB_PORT=${LB_PORT:-$(shuf -i 20000-59999 -n 1)}
source "$REPO/bench/lib.sh"
need_tools vips vipsthumbnail rclone curl python3
if [ ! -x /usr/bin/time ]; then # 'time' is also a shell keyword, so need_tools would not notice it is missing
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi
[ -d "$MEDIA/photo" ] || { echo "no shared media at $MEDIA (set LIGHTBOX_MEDIA_DIR)" >&2; exit 1; }

SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  stop_s3proxy
  rm -rf "$WORK"/data-* "$WORK/s3data" "$WORK"/vips-out-* # large; the results and logs stay
}
trap cleanup EXIT

echo "== building cli/target/lightbox.jar and fetching S3Proxy"
./mvnw -q -B -ntp -pl cli -am package -DskipTests
./mvnw -q -B -ntp dependency:copy -Dartifact=org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies \
  -DoutputDirectory="$WORK" >/dev/null

# The tree: each file a crop of one of a few real photos, scaled to 0.5-4 MP, with a 2x2 square whose colour
# encodes its number (so every file's SHA-256 differs), saved as JPEG (65 %), PNG (15 %) or WebP (20 %) in
# nested folders. Deterministic: the same N gives the same tree. Kept between runs (it takes minutes).
if [ ! -f "$TREE.done" ]; then
  echo "== generating $FILES images in $TREE (once; kept for later runs)"
  rm -rf "$TREE" "$TREE.tmp"; mkdir -p "$TREE" "$TREE.tmp"
  python3 - "$TREE" "$FILES" "$MEDIA" "$TREE.tmp" <<'PY'
import hashlib, os, random, subprocess, sys
from concurrent.futures import ThreadPoolExecutor
tree, n, media, tmp = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
SOURCES = ["photo/iphone12_BELOW_SEA_LEVEL.jpg", "photo/immich_motog9_4640x3472.jpg",
           "photo/orient_Landscape_0_notag.jpg", "photo/orient_Portrait_2.jpg", "ai/comfyui_sdxl.png",
           "ai/chatgpt_c2pa.png", "ai/invokeai_itxt.png", "photo/orient_Landscape_6.jpg"]
env = dict(os.environ, VIPS_CONCURRENCY="1")
def run(*args):
    r = subprocess.run(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {r.stderr.strip()}")
    return r.stdout.strip()
srcs = []
for k, rel in enumerate(SOURCES):
    v = os.path.join(tmp, f"src-{k}.v")
    run("vips", "copy", os.path.join(media, rel), v)
    srcs.append((v, int(run("vipsheader", "-f", "width", v)), int(run("vipsheader", "-f", "height", v)),
                 int(run("vipsheader", "-f", "bands", v))))
def make(i):
    rnd = random.Random(i * 7919 + 13)
    v, W, H, bands = srcs[i % len(srcs)]
    pixels = rnd.uniform(0.5e6, 4.0e6)
    aspect = W / H * rnd.uniform(0.85, 1.15)
    w = max(8, round((pixels * aspect) ** 0.5)); h = max(8, round(pixels / w))
    s = max(w / W, h / H) * rnd.uniform(1.01, 1.3) # the scaled photo covers the crop
    w, h = min(w, int(W * s) - 2), min(h, int(H * s) - 2)
    x, y = rnd.randint(0, int(W * s) - 2 - w), rnd.randint(0, int(H * s) - 2 - h)
    scaled = os.path.join(tmp, f"scaled-{i}.v")
    run("vips", "resize", v, scaled, f"{s:.6f}")
    ink = [i % 256, i // 256 % 256, i // 65536 % 256 + 1, 255][:bands] if bands in (3, 4) else [i % 256] * bands
    run("vips", "draw_rect", scaled, " ".join(map(str, ink)), str(x + rnd.randint(0, w - 2)),
        str(y + rnd.randint(0, h - 2)), "2", "2", "--fill")
    f = rnd.random()
    ext, opts = ("jpg", f"[Q={rnd.randint(75, 95)}]") if f < 0.65 else ("png", "") if f < 0.8 else \
        ("webp", f"[Q={rnd.randint(70, 90)}]")
    folder = os.path.join(tree, str(2015 + i % 8), f"album-{i % 23:02d}")
    os.makedirs(folder, exist_ok=True)
    out = os.path.join(folder, f"img-{i:05d}.{ext}")
    run("vips", "crop", scaled, out + opts, str(x), str(y), str(w), str(h))
    os.remove(scaled)
    return out
with ThreadPoolExecutor(os.cpu_count() or 2) as pool:
    paths = list(pool.map(make, range(n)))
seen = {}
for p in paths:
    with open(p, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    if sha in seen:
        raise SystemExit(f"{p} and {seen[sha]} have the same SHA-256")
    seen[sha] = p
PY
  rm -rf "$TREE.tmp"
  touch "$TREE.done"
  echo "   generated in $SECONDS s since the start of the script"
fi
BYTES=$(find "$TREE" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
COUNT=$(find "$TREE" -type f | wc -l)
[ "$COUNT" = "$FILES" ] || { echo "$TREE holds $COUNT files, not $FILES: delete it and $TREE.done" >&2; exit 1; }
[ "$ROUNDS" = 0 ] && { echo "== the tree is ready in $TREE (--rounds 0: nothing measured)"; exit 0; }
echo "== tree: $FILES files, $((BYTES / 1048576)) MiB ($(find "$TREE" -name '*.jpg' | wc -l) JPEG," \
  "$(find "$TREE" -name '*.png' | wc -l) PNG, $(find "$TREE" -name '*.webp' | wc -l) WebP)"

RESULTS=$WORK/results.tsv
: > "$RESULTS"
record() { # round row seconds tool-cpu server-cpu
  printf '%s\t%s\t%s\t%s\t%s\n' "$@" >> "$RESULTS"
}
proc_cpu() { # CPU seconds the process has used so far
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"
}
measured() { # server-pid command...: prints "wall-seconds tool-cpu-seconds server-cpu-seconds"; output in last.log
  local pid=$1 start end c0 c1
  shift
  c0=$(proc_cpu "$pid")
  start=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$WORK/cpu.txt" "$@" > "$WORK/last.log" 2>&1 \
    || { echo "FAILED: $*" >&2; tail -30 "$WORK/last.log" >&2; return 1; }
  end=$(date +%s.%N)
  c1=$(proc_cpu "$pid")
  echo "$(echo "$end - $start" | bc -l) $(awk '{ print $1 + $2 }' "$WORK/cpu.txt") $(echo "$c1 - $c0" | bc -l)"
}

start_server() { # data-dir [extra JVM options]
  local data=$1
  shift
  env -i PATH="$PATH" HOME="$HOME" LIGHTBOX_DATA_DIR="$data" LIGHTBOX_PORT="$LB_PORT" LIGHTBOX_HOST=127.0.0.1 \
    LIGHTBOX_ADMIN_EMAIL=bench@example.com LIGHTBOX_ADMIN_PASSWORD=bench-password LIGHTBOX_STORAGE_BACKEND=disk \
    "$JAVA_BIN" --enable-native-access=ALL-UNNAMED -Xmx1g "$@" -jar "$REPO/cli/target/lightbox.jar" serve \
    > "$data.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    curl -sf -o /dev/null "http://127.0.0.1:$LB_PORT/health" && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.2
  done
  curl -sf -o /dev/null "http://127.0.0.1:$LB_PORT/health" \
    || { echo "lightbox did not start on port $LB_PORT; see $data.log" >&2; tail -5 "$data.log" >&2; exit 1; }
  curl -sf -c "$WORK/cookies" -H 'Content-Type: application/json' \
    -d '{"email":"bench@example.com","password":"bench-password"}' "http://127.0.0.1:$LB_PORT/api/auth/login" >/dev/null
  export LIGHTBOX_SERVER=http://127.0.0.1:$LB_PORT
  LIGHTBOX_API_KEY=$(curl -sf -b "$WORK/cookies" -H 'Content-Type: application/json' -d '{"name":"bench"}' \
    "http://127.0.0.1:$LB_PORT/api/keys" | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
  export LIGHTBOX_API_KEY
}
stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# vipsthumbnail with the server's rendition settings (media: RenditionSpec, VipsJob): fit within the box, never
# enlarge, export sRGB, strip metadata; --jobs processes at once, 20 files per process, like --jobs uploads.
cat > "$WORK/vips-run.sh" <<'SH'
#!/usr/bin/env bash
set -euo pipefail
tree=$1 jobs=$2 out=$3 what=$4
rm -rf "$out"; mkdir -p "$out"
export out # an -o without a folder would write next to each input, into the tree
thumb() { vipsthumbnail -s '250x250>' -e srgb -o "$out/%s-thumbnail.webp[Q=80,strip]" "$@"; }
preview() { vipsthumbnail -s '1440x1440>' -e srgb -o "$out/%s-preview.jpg[Q=85,strip,optimize_coding]" "$@"; }
export -f thumb preview
if [ "$what" = both ]; then
  find "$tree" -type f -print0 | sort -z | xargs -0 -P "$jobs" -n 20 bash -c 'thumb "$@" && preview "$@"' run
else
  find "$tree" -type f -print0 | sort -z | xargs -0 -P "$jobs" -n 20 bash -c 'thumb "$@"' run
fi
SH
chmod +x "$WORK/vips-run.sh"

IMPORT_JVM=("$JAVA_BIN" --enable-native-access=ALL-UNNAMED -jar "$REPO/cli/target/lightbox.jar" import)
# The launcher keeps its start-up caches here (not in cli/target/aot, which a user's own runs fill).
export LIGHTBOX_AOT_DIR=$WORK/aot

echo "== S3Proxy bucket holding the tree (rclone copy, not timed)"
start_s3proxy "$WORK"
rclone mkdir -q bench:tree
rclone copy -q "$TREE" bench:tree --transfers 8
S3_FILES=$(rclone size -q bench:tree --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
[ "$S3_FILES" = "$FILES" ] || { echo "the bucket holds $S3_FILES objects, not $FILES" >&2; exit 1; }

for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round of $ROUNDS: a fresh server (disk, SQLite) in $WORK/data-$round"
  PROFILE_OPTS=()
  CLIENT_OPTS=()
  if [ -n "${PROFILE:-}" ] && [ "$round" = 1 ]; then
    PROFILE_OPTS=("-XX:StartFlightRecording=filename=$WORK/server.jfr,settings=profile")
    CLIENT_OPTS=("-XX:StartFlightRecording=filename=$WORK/client.jfr,settings=profile")
  fi
  start_server "$WORK/data-$round" "${PROFILE_OPTS[@]}"
  [ "$round" = 1 ] && echo "   server media engine: $(curl -s "$LIGHTBOX_SERVER/health")"
  state=$WORK/state-$round.tsv

  # 1. first import against vipsthumbnail; which of the two goes first alternates between rounds.
  first_import() {
    read -r t cpu srv < <(measured "$SERVER_PID" "$JAVA_BIN" --enable-native-access=ALL-UNNAMED "${CLIENT_OPTS[@]}" \
      -jar "$REPO/cli/target/lightbox.jar" import --jobs "$JOBS" --state "$state" "$TREE")
    grep -E "^(Found|The server|Uploaded)" "$WORK/last.log" | sed 's/^/   /'
    [ "$(sed -n 's/^Uploaded \([0-9,]*\) files.*/\1/p' "$WORK/last.log" | tr -d ,)" = "$FILES" ] \
      || { echo "the first import did not upload all $FILES files; see $WORK/last.log" >&2; exit 1; }
    record "$round" "lightbox import, first run" "$t" "$cpu" "$srv"
  }
  vips_both() {
    read -r t cpu srv < <(measured "$SERVER_PID" "$WORK/vips-run.sh" "$TREE" "$JOBS" "$WORK/vips-out-both" both)
    record "$round" "vipsthumbnail, both renditions" "$t" "$cpu" "-"
  }
  if [ $((round % 2)) = 1 ]; then vips_both; first_import; else first_import; vips_both; fi
  thumbs=$(find "$WORK/data-$round" -name 'thumbnail.webp' | wc -l)
  previews=$(find "$WORK/data-$round" -name 'preview.jpg' | wc -l)
  echo "   the server holds $thumbs thumbnails and $previews previews; vipsthumbnail made" \
    "$(find "$WORK/vips-out-both" -type f | wc -l) files"
  [ "$thumbs" = "$FILES" ] && [ "$previews" = "$FILES" ] \
    || { echo "expected $FILES thumbnails and previews on the server" >&2; exit 1; }
  read -r t cpu srv < <(measured "$SERVER_PID" "$WORK/vips-run.sh" "$TREE" "$JOBS" "$WORK/vips-out-thumb" thumbnail)
  record "$round" "vipsthumbnail, thumbnail only" "$t" "$cpu" "-"
  rm -rf "$WORK"/vips-out-*

  # 2. the no-op re-runs, fresh processes each
  if [ "$round" = 1 ]; then # the launcher's first import run records its AOT cache (not timed)
    "$REPO/lightbox" import --jobs "$JOBS" --state "$WORK/state-train.tsv" "$TREE" > "$WORK/aot-train.log" 2>&1
    for _ in $(seq 1 300); do
      ls "$WORK"/aot/*-import.aot >/dev/null 2>&1 && ! ls "$WORK"/aot/*-import.aot.*.tmp* >/dev/null 2>&1 && break
      sleep 0.5
    done
    ls "$WORK"/aot/*-import.aot >/dev/null 2>&1 || echo "   (the launcher wrote no AOT cache; its rows run without)"
  fi
  rerun() { # row command...
    local row=$1
    shift
    read -r t cpu srv < <(measured "$@")
    record "$round" "$row" "$t" "$cpu" "$srv"
  }
  rerun "./lightbox import, state file" "$SERVER_PID" "$REPO/lightbox" import --jobs "$JOBS" --state "$state" "$TREE"
  grep -q "0 to upload" "$WORK/last.log" || { echo "the re-run was not a no-op; see $WORK/last.log" >&2; exit 1; }
  rerun "java -jar lightbox.jar import, state" "$SERVER_PID" "${IMPORT_JVM[@]}" --jobs "$JOBS" --state "$state" "$TREE"
  rerun "./lightbox import, no state file" "$SERVER_PID" "$REPO/lightbox" import --jobs "$JOBS" \
    --state "$WORK/nostate-$round.tsv" "$TREE"
  rm -f "$WORK/nostate-$round.tsv"
  rerun "rclone copy" "$S3PROXY_PID" env -u AWS_CA_BUNDLE rclone copy -v "$TREE" bench:tree
  grep -q "nothing to transfer" "$WORK/last.log" || { echo "rclone copied something; see $WORK/last.log" >&2; exit 1; }
  rerun "rclone copy --checksum" "$S3PROXY_PID" env -u AWS_CA_BUNDLE rclone copy --checksum "$TREE" bench:tree
  stop_server
  rm -rf "$WORK/data-$round"
done

echo
echo "median of $ROUNDS rounds, $FILES files ($((BYTES / 1048576)) MiB):"
python3 - "$RESULTS" "$FILES" "$BYTES" <<'PY' | tee "$WORK/table.txt"
import statistics, sys
rows, order = {}, []
for line in open(sys.argv[1]):
    rnd, row, secs, cpu, srv = line.rstrip("\n").split("\t")
    if row not in rows:
        order.append(row)
    rows.setdefault(row, {})[int(rnd)] = (float(secs), float(cpu), None if srv == "-" else float(srv))
files, size = int(sys.argv[2]), int(sys.argv[3])
REF = {"lightbox import, first run": ["vipsthumbnail, both renditions", "vipsthumbnail, thumbnail only"],
       "./lightbox import, state file": ["rclone copy"], "java -jar lightbox.jar import, state": ["rclone copy"],
       "./lightbox import, no state file": ["rclone copy", "rclone copy --checksum"]}
def med(row, i):
    return statistics.median(v[i] for v in rows[row].values() if v[i] is not None) \
        if any(v[i] is not None for v in rows[row].values()) else None
print(f"{'row':38} {'seconds':>8} {'files/s':>8} {'MiB/s':>7} {'tool cpu':>9} {'server cpu':>10}  ratio (per round)")
for row in order:
    secs, cpu, srv = med(row, 0), med(row, 1), med(row, 2)
    ratios = []
    for ref in REF.get(row, []):
        both = [r for r in sorted(rows[row]) if r in rows[ref]]
        per = [rows[ref][r][0] / rows[row][r][0] for r in both]
        total = lambda v: v[1] + (v[2] or 0.0) # CPU of the tool and of the server behind it
        per_cpu = [total(rows[ref][r]) / max(total(rows[row][r]), 0.01) for r in both]
        ratios.append(f"{statistics.median(per):.2f}x ({statistics.median(per_cpu):.2f}x by cpu) {ref}"
                      + (f" [rounds {' / '.join(f'{p:.2f}' for p in per)}]" if len(per) > 1 else ""))
    print(f"{row:38} {secs:8.2f} {files / secs:8.1f} {size / 1048576 / secs:7.1f} {cpu:8.1f}s "
          f"{'-' if srv is None else f'{srv:.1f}s':>10}  {'; '.join(ratios)}")
PY
echo "targets: first import >= 0.7x vipsthumbnail (both renditions); re-run with its state file >= 1.0x rclone copy."
echo "x = reference seconds / row seconds in the same round; by cpu = the same with CPU seconds of the tool plus"
echo "its server (Lightbox server or S3Proxy), steadier than wall time when the machine is busy."
echo "(server: disk + SQLite, $("$JAVA_BIN" -version 2>&1 | head -1); client and vipsthumbnail --jobs $JOBS;"
echo " $(vips --version); $(rclone version 2>/dev/null | head -1); tool cpu = user+sys of the command and its"
echo " children; server cpu = the server's (import rows) or S3Proxy's (rclone rows) during the row."
echo " Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores.)"
