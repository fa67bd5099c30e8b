#!/usr/bin/env bash
# src/bench/ws.sh [ROUNDS] -- W1 and W2 over WebSocket beside framed TCP, with framechat's own bench
# (the neutral harness speaks no WebSocket): per round, a fresh server, then W1 (1 publisher,
# 100 subscribers, as fast as the window allows, 10 s) and W2 (50 clients publishing 5,000 then
# 20,000 msg/s in all, 10 s each) over TCP and over WebSocket, in alternating order. Medians and
# ratios at the end; a run with loss (slow consumers cut off) shows as such.
set -uo pipefail
cd "$(dirname "$0")/../.."
. src/bench/fresh-store.sh
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

python3 src/bench/pair-table.py "$OUT" tcp TCP ws WebSocket
