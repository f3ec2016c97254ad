#!/usr/bin/env bash
# Thumbnails per second: Lightbox in-process (libvips through FFM) against the vipsthumbnail command,
# on the same 50 generated 12 MP JPEGs, with 1 and 2 workers/processes, in one run.
# Usage (from the repo root): bench/media-bench.sh [files=50]
# Needs the Debian packages libvips42 and libvips-tools (apt-get install -y libvips42 libvips-tools).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-50}"
WORK="${BENCH_DIR:-target/media-bench}"
SRC="${LIGHTBOX_MEDIA_DIR:-../shared/media}/photo/iphone12_BELOW_SEA_LEVEL.jpg"
command -v vipsthumbnail >/dev/null || { echo "vipsthumbnail not found: apt-get install -y libvips-tools" >&2; exit 1; }
[ -f "$SRC" ] || { echo "source photo $SRC not found (set LIGHTBOX_MEDIA_DIR)" >&2; exit 1; }

rm -rf "$WORK" && mkdir -p "$WORK/in" "$WORK/vips1" "$WORK/vips2"
echo "generating $N 12 MP JPEGs (4000x3000, each a different crop and tint of a real photo) ..."
for i in $(seq 1 "$N"); do
  x=$(( (i * 7) % 32 )); y=$(( (i * 5) % 24 ))
  vips crop "$SRC" "$WORK/c.v" "$x" "$y" 4000 3000
  vips linear "$WORK/c.v" "$WORK/t.v" "1 $(( 90 + i % 20 ))e-2 1" "0 $(( i % 9 )) 0"
  vips cast "$WORK/t.v" "$WORK/in/img$(printf %03d "$i").jpg[Q=90]" uchar
done
rm -f "$WORK"/*.v

echo "building ..."
./mvnw -B -ntp -q -pl media -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null
JAVA="${JAVA_HOME:-}/bin/java"
[ -x "$JAVA" ] || JAVA="$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)/bin/java"
CP="media/target/test-classes:media/target/classes:$(cat "$WORK/cp.txt")"

lightbox() { "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CP" dev.lightbox.media.bench.ThumbnailBench \
  "$WORK/in" "$1" "$WORK/lb$1-$2" "$2" | awk '{print $5}'; }
vipsthumb() { # $1 = processes; files split evenly between them
  local n="$1" start end
  rm -rf "$WORK/vips$n" && mkdir -p "$WORK/vips$n"
  start=$(date +%s.%N)
  for k in $(seq 0 $((n - 1))); do
    ls "$WORK"/in/*.jpg | awk -v n="$n" -v k="$k" 'NR % n == k' \
      | xargs vipsthumbnail -s 250 -o "$PWD/$WORK/vips$n/%s.webp[Q=80,strip]" &
  done
  wait
  end=$(date +%s.%N)
  echo "$N $start $end" | awk '{printf "%.1f", $1 / ($3 - $2)}'
}

echo "measuring (thumbnails/s, 250 px WebP Q80) ..."
LB1=$(lightbox 1 libvips); V1=$(vipsthumb 1)
LB2=$(lightbox 2 libvips); V2=$(vipsthumb 2)
IO1=$(lightbox 1 imageio)
printf '\n%-10s %-28s %-22s %s\n' workers "Lightbox in-process (libvips)" "vipsthumbnail (CLI)" "Lightbox pure-Java"
printf '%-10s %-28s %-22s %s\n' 1 "$LB1/s" "$V1/s" "$IO1/s"
printf '%-10s %-28s %-22s %s\n' 2 "$LB2/s" "$V2/s" "-"
echo "($N files of 4000x3000, $(nproc) cores, $(vips --version))"
