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

mkdir -p "$WORK/in"
if [ "$(ls "$WORK"/in/*.jpg 2>/dev/null | wc -l)" != "$N" ]; then
rm -f "$WORK"/in/*.jpg
echo "generating $N 12 MP JPEGs (4000x3000, each a different crop and tint of a real photo) ..."
for i in $(seq 1 "$N"); do
  x=$(( (i * 7) % 32 )); y=$(( (i * 5) % 24 ))
  vips crop "$SRC" "$WORK/c.v" "$x" "$y" 4000 3000
  vips linear "$WORK/c.v" "$WORK/t.v" "1 $(( 90 + i % 20 ))e-2 1" "0 $(( i % 9 )) 0"
  vips cast "$WORK/t.v" "$WORK/in/img$(printf %03d "$i").jpg[Q=90]" uchar
done
rm -f "$WORK"/*.v
fi

echo "building ..."
./mvnw -B -ntp -q -pl media -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null
JAVA=""
for c in ${LIGHTBOX_JDK25-} ${JAVA_HOME-} /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/java-25-openjdk-* /usr/lib/jvm/jdk-25*; do
  if [ -x "$c/bin/java" ] && "$c/bin/java" -version 2>&1 | grep -q 'version "25'; then JAVA="$c/bin/java"; break; fi
done
[ -n "$JAVA" ] || { echo "no JDK 25 found (set LIGHTBOX_JDK25)" >&2; exit 1; }
CP="media/target/test-classes:media/target/classes:$(cat "$WORK/cp.txt")"

# Each measurement prints "thumbnails/s cpu-ms-per-thumbnail"; CPU time is steadier than wall time on a
# shared machine, so both are shown.
lightbox() { "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CP" dev.lightbox.media.bench.ThumbnailBench \
  "$WORK/in" "$1" "$WORK/lb$1-$2" "$2" | awk '{printf "%.1f %.1f", $5, 1000 * $6 / $3}'; }
vipsthumb() { # $1 = processes (files split evenly), $2 = extra vipsthumbnail options
  local n="$1" extra="$2" t
  rm -rf "$WORK/vips$n" && mkdir -p "$WORK/vips$n"
  TIMEFORMAT='%R %U %S'
  t=$( { time ( for k in $(seq 0 $((n - 1))); do
      ls "$WORK"/in/*.jpg | awk -v n="$n" -v k="$k" 'NR % n == k' \
        | xargs vipsthumbnail -s 250 $extra -o "$PWD/$WORK/vips$n/%s.webp[Q=80,strip]" &
    done; wait ) ; } 2>&1 )
  echo "$N $t" | awk '{printf "%.1f %.1f", $1 / $2, 1000 * ($3 + $4) / $1}'
}
best() { printf '%s\n' "$@" | sort -g -k1,1 | tail -1; }
ROUNDS="${BENCH_ROUNDS:-3}"
echo "measuring 250 px WebP Q80 thumbnails: thumbnails/s (best of $ROUNDS interleaved rounds) and CPU ms each"
declare -A R
for r in $(seq 1 "$ROUNDS"); do
  for w in 1 2; do
    R[lb$w,$r]="$(lightbox $w libvips)"
    R[vs$w,$r]="$(vipsthumb $w "-e srgb")"
    R[vp$w,$r]="$(vipsthumb $w "")"
  done
  echo "  round $r: lightbox ${R[lb1,$r]} / ${R[lb2,$r]}; vipsthumbnail -e srgb ${R[vs1,$r]} / ${R[vs2,$r]};" \
    "vipsthumbnail ${R[vp1,$r]} / ${R[vp2,$r]}"
done
col() { local k="$1" w="$2" vals=() r; for r in $(seq 1 "$ROUNDS"); do vals+=("${R[$k$w,$r]}"); done
  best "${vals[@]}" | awk '{printf "%5.1f/s %6.1f ms", $1, $2}'; }
IO1=$(lightbox 1 imageio)
printf '\n%-8s | %-26s | %-26s | %-26s\n' workers "Lightbox (libvips, FFM)" "vipsthumbnail -e srgb" "vipsthumbnail (no sRGB)"
for w in 1 2; do
  printf '%-8s | %-26s | %-26s | %-26s\n' "$w" "$(col lb $w)" "$(col vs $w)" "$(col vp $w)"
done
echo "pure-Java engine (ImageIO + lossless WebP), 1 worker: $(echo "$IO1" | awk '{printf "%.1f/s %.1f ms", $1, $2}')"
echo "($N files of 4000x3000, $(nproc) cores, $(vips --version))"
