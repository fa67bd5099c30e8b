#!/usr/bin/env bash
# src/bench/ws.sh [ROUNDS] -- W1 and W2 over WebSocket beside framed TCP, with framechat's own bench
# (the neutral harness speaks no WebSocket): per round, a fresh server, then W1 (1 publisher,
# 100 subscribers, as fast as the window allows, 10 s) and W2 (50 clients publishing 5,000 then
# 20,000 msg/s in all, 10 s each) over TCP and over WebSocket, in alternating order. Medians and
# ratios at the end; a run with loss (slow consumers cut off) shows as such.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-3}
JAR=target/framechat.jar
HTTP_PORT=${HTTP_PORT:-18080}
OUT=${OUTDIR:-target/bench/ws-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"

start() {
  FRAMECHAT_TCP_HOST=127.0.0.1 FRAMECHAT_UDP_PORT=0 FRAMECHAT_HTTP_HOST=127.0.0.1 FRAMECHAT_HTTP_PORT=$HTTP_PORT \
    java -XX:+UseParallelGC -Xmn16m -XX:+ExitOnOutOfMemoryError ${JAVA_OPTS:-} -jar "$JAR" --config conf/bench.json \
    >>"$OUT/server.log" 2>&1 &
  SPID=$!
  for _ in $(seq 1 100); do
    [ "$(grep -c "HTTP listening" "$OUT/server.log" 2>/dev/null)" = "$1" ] && return 0
    sleep 0.1
  done
  echo "server did not start" >&2
  exit 1
}
stop() {
  kill "$SPID" 2>/dev/null || true
  wait "$SPID" 2>/dev/null || true
}
trap stop EXIT

for round in $(seq 1 "$ROUNDS"); do
  start "$round"
  order=(tcp ws)
  [ $((round % 2)) = 0 ] && order=(ws tcp)
  for name in "${order[@]}"; do
    flags=(--port 9001 --http-port "$HTTP_PORT")
    [ "$name" = ws ] && flags+=(--ws)
    timeout 120 java ${BENCH_JAVA_OPTS:-} -jar "$JAR" bench "${flags[@]}" --subscribers 100 --publishers 1 \
      --rate 0 --window 1000 --duration 10 --warmup 5 --json "$OUT/$name-W1-$round.json" >/dev/null
    for rate in 5000 20000; do
      timeout 120 java ${BENCH_JAVA_OPTS:-} -jar "$JAR" bench "${flags[@]}" --subscribers 0 --publishers 50 \
        --rate "$rate" --duration 10 --warmup 5 --json "$OUT/$name-W2@$rate-$round.json" >/dev/null
    done
  done
  stop
done

python3 - "$OUT" <<'PY'
import json, glob, statistics, sys, os
out = sys.argv[1]
def runs(name, wl, key, sub=None):
    values = []
    for f in sorted(glob.glob(os.path.join(out, f"{name}-{wl}-*.json"))):
        j = json.load(open(f))
        if j.get("lost", 0) == 0 or key == "deliveredPerSecond":
            values.append(j[key][sub] if sub else j[key])
    return values
rows = [("W1 deliveries/s", "W1", "deliveredPerSecond", None, 1e6, " M")]
for rate in (5000, 20000):
    rows += [(f"W2 at {rate} msg/s, deliveries/s", f"W2@{rate}", "deliveredPerSecond", None, 1e6, " M"),
             (f"W2 at {rate} msg/s, p50 ms", f"W2@{rate}", "latencyMs", "p50", 1, ""),
             (f"W2 at {rate} msg/s, p99 ms", f"W2@{rate}", "latencyMs", "p99", 1, "")]
print("| figure | TCP | WebSocket | WebSocket / TCP |")
print("|---|---|---|---|")
for label, wl, key, sub, scale, unit in rows:
    p, t = runs("tcp", wl, key, sub), runs("ws", wl, key, sub)
    if p and t:
        mp, mt = statistics.median(p), statistics.median(t)
        print(f"| {label} | {mp/scale:.2f}{unit} ({', '.join(f'{v/scale:.2f}' for v in p)}) | {mt/scale:.2f}{unit} ({', '.join(f'{v/scale:.2f}' for v in t)}) | {mt/mp:.2f} |")
lost = [f"{os.path.basename(f)} ({json.load(open(f))['lostConnections']} cut off)" for f in sorted(glob.glob(os.path.join(out, "*.json")))
        if json.load(open(f)).get("lost", 0)]
print("runs with loss: " + (", ".join(lost) if lost else "none"))
PY
