#!/usr/bin/env bash
# src/bench/tail.sh [ROUNDS] -- W2's tail beside redis's, alternating in one run: per round, a fresh
# framechat (the README's run command, conf/bench.json) and a fresh redis-server, each warmed up for
# 10 s and then measured by the neutral harness (../shared/bench) for 10 s at 20,000 msg/s with
# 50 clients publishing and receiving (1 M deliveries/s); the order alternates. WARMUP sets the
# warm-up's seconds (10 by default; the JIT compiler is still at work after 10 s: BENCHMARKS.md).
# Medians of p50, p99 and p99.9 and framechat / redis at the end. Each framechat server starts on an empty store file
# (unless FRAMECHAT_STORE_PATH is set). RECORD=1 also keeps a Java Flight Recording of each framechat
# server (target/bench/tail-*/NAME-ROUND.jfr) with its collection pauses printed. JAVA_OPTS replaces
# the README's JVM flags. RATE sets the rate of both the warm-up and the measured run (20000 by
# default; RATE=1000 shows the tail at a twentieth of the load); RATES="1000 20000" measures each
# server at each rate in turn, a warm-up before each. VARIANTS runs several framechat servers in each
# round, each a word NAME or NAME:VAR=VALUE,VAR=VALUE (that server's environment variables; a last
# JAVA_OPTS=FLAG,FLAG,... sets its JVM flags instead of JAVA_OPTS's):
#   VARIANTS="framechat one-loop:FRAMECHAT_SERVER_EVENT_LOOP_THREADS=1" src/bench/tail.sh 3
#   VARIANTS="framechat serial:JAVA_OPTS=-XX:+UseSerialGC,-Xmn16m" src/bench/tail.sh 3
set -uo pipefail
cd "$(dirname "$0")/../.."
own_store=${FRAMECHAT_STORE_PATH:-}
. src/bench/fresh-store.sh
ROUNDS=${1:-3}
JAR=${JAR:-target/framechat.jar}
RATES=${RATES:-${RATE:-20000}}
WARMUP=${WARMUP:-10}
VARIANTS=${VARIANTS:-framechat}
OUT=${OUTDIR:-target/bench/tail-$(date +%Y%m%d-%H%M%S)}
HARNESS=${BENCH_BIN:-$HOME/.cache/framechat-bench}/harness
mkdir -p "$OUT"
[ -x "$HARNESS" ] || ../shared/bench/build.sh >/dev/null
command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install -y redis-server" >&2; exit 1; }
. src/bench/server.sh
trap stop EXIT

measure() {  # measure NAME PROTO PORT ROUND: each rate, a warm-up run and a measured one
  for rate in $RATES; do
    "$HARNESS" -q -x "$2" -p "$3" -s 0 -n 50 -r "$rate" -m $((rate * WARMUP)) -d "$WARMUP" -D 3 -S "$SPID" >/dev/null 2>&1
    "$HARNESS" -q -x "$2" -p "$3" --tag "$1@$rate:$4" -s 0 -n 50 -r "$rate" -m $((rate * 10)) -d 12 -D 3 -S "$SPID" \
      2>>"$OUT/harness.err" | grep RESULT >> "$OUT/results.txt"
  done
}

read -r -a variants <<< "$VARIANTS"
for round in $(seq 1 "$ROUNDS"); do
  order=("${variants[@]}" redis)
  if [ $((round % 2)) = 0 ]; then
    order=(redis)
    for ((i = ${#variants[@]} - 1; i >= 0; i--)); do order+=("${variants[i]}"); done
  fi
  for variant in "${order[@]}"; do
    if [ "$variant" = redis ]; then
      redis-server --bind 127.0.0.1 --port 6390 --save "" --appendonly no --maxclients 20000 >>"$OUT/redis.log" 2>&1 &
      SPID=$!
      await_listening 6390 redis
      measure redis redis 6390 "$round"
    else
      name=${variant%%:*}
      settings=()
      [[ "$variant" == *:* ]] && IFS=, read -r -a settings <<< "${variant#*:}"
      read -r -a flags <<< "${JAVA_OPTS:--XX:+UseParallelGC -Xmn16m -XX:+ExitOnOutOfMemoryError}"
      for i in "${!settings[@]}"; do  # JAVA_OPTS=A,B,...: this server's JVM flags, to the end of the word
        if [[ "${settings[i]}" == JAVA_OPTS=* ]]; then
          flags=("${settings[i]#JAVA_OPTS=}" "${settings[@]:i+1}")
          settings=("${settings[@]:0:i}")
          break
        fi
      done
      [ -z "$own_store" ] && rm -f "$FRAMECHAT_STORE_PATH" "$FRAMECHAT_STORE_PATH-wal" "$FRAMECHAT_STORE_PATH-shm"
      record=()
      [ "${RECORD:-0}" = 1 ] && record=("-XX:StartFlightRecording=filename=$OUT/$name-$round.jfr,settings=profile")
      env "${settings[@]}" java "${flags[@]}" "${record[@]}" \
        -jar "$JAR" --config conf/bench.json >>"$OUT/server.log" 2>&1 &
      SPID=$!
      await_listening 9001 "$name"
      measure "$name" chat 9001 "$round"
    fi
    stop
  done
done

python3 - "$OUT" <<'PY'
import collections, re, statistics, sys
out = sys.argv[1]
runs = collections.defaultdict(list)  # (name, rate) -> results
for line in open(f"{out}/results.txt"):
    kv = dict(re.findall(r"(\w+)=(\S+)", line))
    name_rate = kv["tag"].split(":")[0]
    runs[tuple(name_rate.split("@"))].append(kv)
names = sorted({n for n, _ in runs if n != "redis"})
for rate in sorted({r for _, r in runs}, key=int):
    print(f"\nat {rate} msg/s")
    print("| figure | " + " | ".join(names) + " | redis | " + " | ".join(f"{n} / redis" for n in names) + " |")
    print("|---" * (2 * len(names) + 2) + "|")
    for key in ("p50_us", "p99_us", "p999_us"):
        cells, medians = [], {}
        for n in names + ["redis"]:
            v = [float(r[key]) / 1000 for r in runs.get((n, rate), []) if key in r]
            medians[n] = statistics.median(v) if v else None
            cells.append(f"{medians[n]:.2f} ({', '.join(f'{x:.2f}' for x in v)})" if v else "-")
        ratios = [f"{medians[n] / medians['redis']:.2f}" if medians[n] and medians["redis"] else "-" for n in names]
        print(f"| {key[:-3]} ms | " + " | ".join(cells) + " | " + " | ".join(ratios) + " |")
    print("lost: " + ", ".join(f"{n} {[r.get('lost') for r in runs.get((n, rate), [])]}" for n in names + ["redis"]))
PY
if [ "${RECORD:-0}" = 1 ]; then
  for f in "$OUT"/*.jfr; do
    echo "== $f: collection pauses (ms)"
    jfr print --events jdk.GarbageCollection "$f" | awk '/longestPause/ {print $3}' | sort -n | awk '{a[NR]=$1} END {if (NR) print "  count " NR ", median " a[int((NR+1)/2)] ", longest " a[NR]}'
  done
fi
