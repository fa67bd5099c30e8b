#!/usr/bin/env bash
# Soak: 1,000 TCP clients chatting in one room for 10 minutes (each says something every 5 s on
# average: 200 messages/s in all, 200,000 deliveries/s), against a fresh local server. Prints the
# server's resident memory and the delivery p99 at the start and at the end. Not run in CI.
# With HISTORY_FLOOD=N, N more clients fill the history beside them all along (history-flood.py:
# 4 KB messages into fresh rooms, within the flood limits); the server's history bytes, heap and
# RSS are sampled every 10 s, and its heap after a full GC is read before and at the end.
#
#   [HISTORY_FLOOD=100] src/bench/soak.sh [SECONDS] [OUT_DIR]     (after: mvn -B package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
. src/bench/fresh-store.sh
SECONDS_TO_RUN=${1:-600}
OUT=${2:-target/soak}
JAR=target/framechat.jar
mkdir -p "$OUT"

FRAMECHAT_TCP_HOST=127.0.0.1 FRAMECHAT_TCP_PORT=0 FRAMECHAT_UDP_HOST=127.0.0.1 FRAMECHAT_UDP_PORT=0 \
FRAMECHAT_HTTP_HOST=127.0.0.1 FRAMECHAT_HTTP_PORT=0 FRAMECHAT_SERVER_EVENT_LOOP_THREADS=2 \
FRAMECHAT_LIMITS_MAX_CONNECTIONS_PER_IP=5000 \
  java ${SERVER_JAVA_OPTS:--XX:+UseParallelGC -Xmn16m -Xmx512m -XX:+ExitOnOutOfMemoryError} -jar "$JAR" > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null || true; kill $RSS_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q "HTTP listening" "$OUT/server.log" 2>/dev/null && break; sleep 0.1; done
TCP_PORT=$(sed -n 's/.*TCP listening on [^:]*:\([0-9]*\).*/\1/p' "$OUT/server.log")
HTTP_PORT=$(sed -n 's/.*HTTP listening on [^:]*:\([0-9]*\).*/\1/p' "$OUT/server.log")

heap_after_gc() {  # MiB of heap in use right after a full collection
  jcmd $SERVER_PID GC.run > /dev/null
  curl -s "127.0.0.1:$HTTP_PORT/metrics" | awk '/^jvm_memory_used_bytes/ && /area="heap"/ {s += $NF} END {printf "%.0f", s / 1048576}'
}
HEAP_BEFORE=$(heap_after_gc)

# server RSS (KiB), history bytes and heap in use every 10 s while the soak runs
( while kill -0 $SERVER_PID 2>/dev/null; do
    metrics=$(curl -s "127.0.0.1:$HTTP_PORT/metrics")
    echo "$(date +%s) $(awk '/VmRSS/ {print $2}' /proc/$SERVER_PID/status)" \
      "$(echo "$metrics" | awk '/^framechat_history_bytes / {printf "%.0f", $2}')" \
      "$(echo "$metrics" | awk '/^jvm_memory_used_bytes/ && /area="heap"/ {s += $NF} END {printf "%.0f", s}')"
    sleep 10
  done ) > "$OUT/rss.txt" &
RSS_PID=$!

FLOOD_PID=
if [ "${HISTORY_FLOOD:-0}" -gt 0 ]; then
  python3 src/bench/history-flood.py 127.0.0.1 "$TCP_PORT" "$HISTORY_FLOOD" "$((SECONDS_TO_RUN + 10))" \
    > "$OUT/flood.txt" 2>&1 &
  FLOOD_PID=$!
fi

java ${BENCH_JAVA_OPTS:--XX:+UseParallelGC -Xmn64m} -jar "$JAR" bench --port "$TCP_PORT" --http-port "$HTTP_PORT" \
  --publishers 1000 --subscribers 0 --rate 200 --size 64 --warmup 10 --duration "$SECONDS_TO_RUN" \
  --json "$OUT/soak.json" | tee "$OUT/bench.txt" | grep -v "^  t=" || true
[ -z "$FLOOD_PID" ] || { wait $FLOOD_PID || true; cat "$OUT/flood.txt"; }
if kill -0 $SERVER_PID 2>/dev/null; then
  HEAP_AFTER=$(heap_after_gc)
  EVICTED=$(curl -s "127.0.0.1:$HTTP_PORT/metrics" | awk '/^framechat_history_evicted_total / {printf "%.0f", $2}')
  echo "server heap after a full GC: ${HEAP_BEFORE} MiB before the clients, ${HEAP_AFTER} MiB at the end" \
    "(history evicted to stay under its bound: ${EVICTED} messages)"
else
  echo "the server is gone: $(tail -3 "$OUT/server.log")"
fi

python3 - "$OUT" <<'PY'
import re, sys
out = sys.argv[1]
lines = [l for l in open(f"{out}/bench.txt") if l.startswith("  t=")]
p99 = [float(re.search(r"p99 ([0-9.]+) ms", l).group(1)) for l in lines if "published" in l]
samples = [l.split() for l in open(f"{out}/rss.txt")]
rss = [int(s[1]) for s in samples if len(s) >= 2 and s[1].isdigit()]
history = [int(s[2]) for s in samples if len(s) >= 3 and s[2].isdigit()]
heap = [int(s[3]) for s in samples if len(s) >= 4 and s[3].isdigit()]
first, last = p99[1:61], p99[-61:-1]
med = lambda xs: sorted(xs)[len(xs) // 2] if xs else float("nan")
print(f"p99 of deliveries, median over the first minute: {med(first):.2f} ms; over the last minute: {med(last):.2f} ms")
if rss:
    print(f"server RSS: {rss[0] / 1024:.0f} MiB at the start (before the clients), "
          f"{rss[min(len(rss) - 1, 9)] / 1024:.0f} MiB after 90 s, {rss[-1] / 1024:.0f} MiB at the end, max {max(rss) / 1024:.0f} MiB")
if history:
    print(f"history: max {max(history) / 1048576:.0f} MiB, {history[-1] / 1048576:.0f} MiB at the end; "
          f"heap in use: max {max(heap) / 1048576:.0f} MiB")
PY
