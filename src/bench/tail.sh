#!/usr/bin/env bash
# src/bench/tail.sh [ROUNDS] -- W2's tail beside redis's, alternating in one run: per round, a fresh
# framechat (the README's run command, conf/bench.json) and a fresh redis-server, each warmed up for
# 10 s and then measured by the neutral harness (../shared/bench) for 10 s at 20,000 msg/s with
# 50 clients publishing and receiving (1 M deliveries/s); the order alternates. Medians of p50, p99
# and p99.9 and framechat / redis at the end. RECORD=1 also keeps a Java Flight Recording of each
# framechat server (target/bench/tail-*/framechat-N.jfr) with its collection pauses printed. JAVA_OPTS
# replaces the README's JVM flags. RATE sets the rate of both the warm-up and the measured run
# (20000 by default; RATE=1000 shows the tail at a twentieth of the load).
set -uo pipefail
cd "$(dirname "$0")/../.."
. src/bench/fresh-store.sh
ROUNDS=${1:-3}
JAR=${JAR:-target/framechat.jar}
RATE=${RATE:-20000}
OUT=${OUTDIR:-target/bench/tail-$(date +%Y%m%d-%H%M%S)}
HARNESS=${BENCH_BIN:-$HOME/.cache/framechat-bench}/harness
mkdir -p "$OUT"
[ -x "$HARNESS" ] || ../shared/bench/build.sh >/dev/null
command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install -y redis-server" >&2; exit 1; }
. src/bench/server.sh
trap stop EXIT

measure() {  # measure NAME PROTO PORT ROUND
  "$HARNESS" -q -x "$2" -p "$3" -s 0 -n 50 -r "$RATE" -m $((RATE * 10)) -d 10 -D 3 -S "$SPID" >/dev/null 2>&1
  "$HARNESS" -q -x "$2" -p "$3" --tag "$1:$4" -s 0 -n 50 -r "$RATE" -m $((RATE * 10)) -d 12 -D 3 -S "$SPID" \
    2>>"$OUT/harness.err" | grep RESULT >> "$OUT/results.txt"
}

for round in $(seq 1 "$ROUNDS"); do
  order=(framechat redis)
  [ $((round % 2)) = 0 ] && order=(redis framechat)
  for name in "${order[@]}"; do
    if [ "$name" = framechat ]; then
      record=()
      [ "${RECORD:-0}" = 1 ] && record=("-XX:StartFlightRecording=filename=$OUT/framechat-$round.jfr,settings=profile")
      java ${JAVA_OPTS:--XX:+UseParallelGC -Xmn16m -XX:+ExitOnOutOfMemoryError} "${record[@]}" -jar "$JAR" --config conf/bench.json \
        >>"$OUT/server.log" 2>&1 &
      SPID=$!
      await_listening 9001 framechat
      measure framechat chat 9001 "$round"
    else
      redis-server --bind 127.0.0.1 --port 6390 --save "" --appendonly no --maxclients 20000 >>"$OUT/redis.log" 2>&1 &
      SPID=$!
      await_listening 6390 redis
      measure redis redis 6390 "$round"
    fi
    stop
  done
done

python3 - "$OUT" <<'PY'
import re, statistics, sys
out = sys.argv[1]
runs = {"framechat": [], "redis": []}
for line in open(f"{out}/results.txt"):
    kv = dict(re.findall(r"(\w+)=(\S+)", line))
    runs[kv["tag"].split(":")[0]].append(kv)
print("| figure | framechat | redis | framechat / redis |")
print("|---|---|---|---|")
for key in ("p50_us", "p99_us", "p999_us"):
    f = [float(r[key]) / 1000 for r in runs["framechat"] if key in r]
    r_ = [float(r[key]) / 1000 for r in runs["redis"] if key in r]
    if f and r_:
        print(f"| {key[:-3]} ms | {statistics.median(f):.2f} ({', '.join(f'{v:.2f}' for v in f)}) "
              f"| {statistics.median(r_):.2f} ({', '.join(f'{v:.2f}' for v in r_)}) | {statistics.median(f) / statistics.median(r_):.2f} |")
print("lost: " + ", ".join(f"{n} {[r.get('lost') for r in rs]}" for n, rs in runs.items()))
PY
if [ "${RECORD:-0}" = 1 ]; then
  for f in "$OUT"/framechat-*.jfr; do
    echo "== $f: collection pauses (ms)"
    jfr print --events jdk.GarbageCollection "$f" | awk '/longestPause/ {print $3}' | sort -n | awk '{a[NR]=$1} END {if (NR) print "  count " NR ", median " a[int((NR+1)/2)] ", longest " a[NR]}'
  done
fi
