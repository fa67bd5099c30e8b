#!/usr/bin/env bash
# src/bench/neutral.sh [PEER...] -- framechat and its peers measured the same way, in one sitting.
#
# 1. framechat through the neutral harness of ../shared/bench (run-chat.sh: W1 fan-out, W2 latency
#    and the rate sweep, W3 idle connections), a fresh server per workload, started with the
#    README's run command and conf/bench.json (flood limits lifted);
# 2. the peers through the same harness (run-anchors.sh; default: redis nats relay1; none: "-");
# 3. what the harness cannot do, with framechat's own bench: UDP fan-out (1 UDP publisher, 100 UDP
#    subscribers) beside the same over TCP, and W1 and W2 at 20,000 msg/s as the own bench sees
#    them, to set beside the harness's figures.
#
#   src/bench/neutral.sh                  (after: mvn -B package -DskipTests)
#   REPS=3 WORKLOADS="W1 W2 W3" OUTDIR=target/bench/neutral-TIME   (the defaults)
#
# The peers are Debian packages (apt-get install -y redis-server nats-server); the harness and the
# C relay are built by ../shared/bench/build.sh. Every run is bounded; servers are stopped by PID.
set -u
cd "$(dirname "$0")/../.."
. src/bench/fresh-store.sh
BENCH_DIR=${BENCH_DIR:-$(cd ../shared/bench 2>/dev/null && pwd)}
[ -n "$BENCH_DIR" ] || { echo "no ../shared/bench: set BENCH_DIR" >&2; exit 1; }
PEERS=${*:-redis nats relay1}
[ "$PEERS" = "-" ] && PEERS=""
export REPS=${REPS:-3}
OUT=${OUTDIR:-target/bench/neutral-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
JAR=target/framechat.jar
[ -f "$JAR" ] || mvn -B -q package -DskipTests || exit 1
ulimit -n "$(ulimit -Hn)" 2>/dev/null

# the README's run command, as a user runs it: "java [flags] -jar target/framechat.jar"
RUN=$(sed -n 's/.*&& \(java .*-jar target\/framechat\.jar\)$/\1/p' README.md | head -1)
[ -n "$RUN" ] || { echo "no run command found in README.md" >&2; exit 1; }
echo "framechat runs as: $RUN --config conf/bench.json" | tee "$OUT/command.txt"

CHAT_NAME=framechat CHAT_CMD="$RUN --config conf/bench.json" OUTDIR="$OUT/framechat" \
  "$BENCH_DIR/run-chat.sh" 127.0.0.1 9001 | tee "$OUT/framechat.txt"

if [ -n "$PEERS" ]; then
  # shellcheck disable=SC2086
  OUTDIR="$OUT/peers" "$BENCH_DIR/run-anchors.sh" $PEERS | tee "$OUT/peers.txt"
fi

# framechat's own bench: UDP fan-out beside TCP, and W1/W2 as it measures them
SPID=
trap '[ -n "$SPID" ] && kill "$SPID" 2>/dev/null' EXIT
own() {  # own NAME BENCH-ARGS...: a fresh server, one bench run, its JSON kept
  local name=$1
  shift
  bash -c "exec $RUN --config conf/bench.json" >>"$OUT/own-server.log" 2>&1 &
  SPID=$!
  for _ in $(seq 1 100); do
    timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/9001" 2>/dev/null && break
    sleep 0.1
  done
  timeout 120 java -XX:+UseParallelGC -Xmn64m -jar "$JAR" bench --port 9001 --udp-port 9000 --http-port 8080 \
    --size 64 --duration 10 --warmup 5 --json "$OUT/own-$name.json" "$@" | grep -v "^  t=" | tail -4
  kill "$SPID" 2>/dev/null
  wait "$SPID" 2>/dev/null
  SPID=
}
for rep in $(seq 1 "$REPS"); do
  echo "== own bench, round $rep"
  own "udp-fanout-$rep" --udp --publishers 1 --subscribers 100 --rate 0 --window 200
  own "tcp-fanout-$rep" --publishers 1 --subscribers 100 --rate 0 --window 200
  own "w1-$rep" --publishers 1 --subscribers 100 --rate 0 --window 1000
  own "w2-$rep" --publishers 50 --subscribers 0 --rate 20000
done | tee "$OUT/own.txt"

python3 - "$OUT" "$REPS" <<'PY'
import json, statistics, sys
out, reps = sys.argv[1], int(sys.argv[2])
print("\nframechat's own bench, medians of", reps, "runs")
for name, what in (("udp-fanout", "UDP fan-out, 1 publisher, 100 subscribers, window 200"),
                   ("tcp-fanout", "TCP fan-out, the same"),
                   ("w1", "W1 (TCP, window 1,000)"),
                   ("w2", "W2 at 20,000 msg/s, 50 clients")):
    runs = []
    for r in range(1, reps + 1):
        try:
            runs.append(json.load(open(f"{out}/own-{name}-{r}.json")))
        except (OSError, ValueError):
            pass
    if not runs:
        print(f"  {what}: no result")
        continue
    med = lambda key: statistics.median(f[key] for f in runs)
    lat = lambda q: statistics.median(f["latencyMs"][q] for f in runs)
    lost = [f["lost"] for f in runs]
    print(f"  {what}: {med('deliveredPerSecond'):,.0f} deliveries/s, p50 {lat('p50'):.2f} ms,"
          f" p99 {lat('p99'):.2f} ms, lost {lost}")
PY
echo "results in $OUT"
