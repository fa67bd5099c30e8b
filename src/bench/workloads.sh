#!/usr/bin/env bash
# Runs the benchmark workloads W1 (fan-out), W2 (latency) and W3 (idle connections) against a
# fresh local server for each run, and keeps every run's JSON figures.
#
#   src/bench/workloads.sh [RUNS] [OUT_DIR]        (after: mvn -B package -DskipTests)
#
# Server and load generator share this machine; SERVER_JAVA_OPTS and BENCH_JAVA_OPTS set their
# JVM flags (defaults below: a small young generation keeps GC pauses near 1 ms). All clients come
# from one address and the publishers send far above a chat user's rate, so the server runs with
# the flood and per-address limits raised out of the way. SERVER_LOOPS event loops (2 by default) and
# one TCP listener instance, so that the chat has a loop of its own (the server warns when it has not).
set -euo pipefail
cd "$(dirname "$0")/../.."
. src/bench/fresh-store.sh
RUNS=${1:-3}
OUT=${2:-target/bench}
JAR=target/framechat.jar
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:--XX:+UseParallelGC -Xmn16m -XX:+ExitOnOutOfMemoryError}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--XX:+UseParallelGC -Xmn64m}
mkdir -p "$OUT"

start_server() {
  local log=$1
  FRAMECHAT_TCP_HOST=127.0.0.1 FRAMECHAT_TCP_PORT=0 FRAMECHAT_UDP_HOST=127.0.0.1 FRAMECHAT_UDP_PORT=0 \
  FRAMECHAT_HTTP_HOST=127.0.0.1 FRAMECHAT_HTTP_PORT=0 FRAMECHAT_SERVER_EVENT_LOOP_THREADS=${SERVER_LOOPS:-2} FRAMECHAT_TCP_INSTANCES=1 \
  FRAMECHAT_LIMITS_MESSAGES_PER_SECOND=1000000 FRAMECHAT_LIMITS_BURST=1000000 \
  FRAMECHAT_LIMITS_MAX_CONNECTIONS=100000 FRAMECHAT_LIMITS_MAX_CONNECTIONS_PER_IP=100000 \
    java $SERVER_JAVA_OPTS -jar "$JAR" > "$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    grep -q "HTTP listening" "$log" 2>/dev/null && break
    sleep 0.1
  done
  TCP_PORT=$(sed -n 's/.*TCP listening on [^:]*:\([0-9]*\).*/\1/p' "$log")
  HTTP_PORT=$(sed -n 's/.*HTTP listening on [^:]*:\([0-9]*\).*/\1/p' "$log")
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
}

bench() {
  java $BENCH_JAVA_OPTS -jar "$JAR" bench --port "$TCP_PORT" --http-port "$HTTP_PORT" "$@"
}

for run in $(seq 1 "$RUNS"); do
  start_server "$OUT/server-w1-$run.log"
  echo "== W1 fan-out, run $run"
  bench --publishers 1 --subscribers 100 --size 64 --rate 0 --duration 10 --warmup 10 \
    --json "$OUT/w1-$run.json" | tail -6 || true
  stop_server

  start_server "$OUT/server-w2-$run.log"
  echo "== W2 latency, run $run"
  bench --publishers 50 --subscribers 0 --size 64 --rate 20000 --duration 10 --warmup 15 \
    --json "$OUT/w2-$run.json" | tail -6 || true
  stop_server

  start_server "$OUT/server-w3-$run.log"
  echo "== W3 idle connections, run $run"
  bench --idle 10000 --duration 10 --server-pid "$SERVER_PID" --json "$OUT/w3-$run.json" || true
  stop_server
done

python3 - "$OUT" "$RUNS" <<'PY'
import json, sys, statistics
out, runs = sys.argv[1], int(sys.argv[2])
def load(w):
    figures = []
    for r in range(1, runs + 1):
        try:
            figures.append(json.load(open(f"{out}/{w}-{r}.json")))
        except (OSError, ValueError):
            pass
    return figures
w1, w2, w3 = load("w1"), load("w2"), load("w3")
med = lambda xs: statistics.median(xs) if xs else float("nan")
print(f"\nmedians of {runs} runs")
print(f"W1 deliveries/s   {med([f['deliveredPerSecond'] for f in w1]):,.0f}   (runs: {[round(f['deliveredPerSecond']) for f in w1]}; loss {[f['lost'] for f in w1]})")
print(f"W2 p99 ms         {med([f['latencyMs']['p99'] for f in w2]):.2f}   (runs: {[f['latencyMs']['p99'] for f in w2]}; p50 {[f['latencyMs']['p50'] for f in w2]}; loss {[f['lost'] for f in w2]})")
print(f"W3 bytes/conn     {med([f['bytesPerConnection'] for f in w3]):,.0f}   (runs: {[f['bytesPerConnection'] for f in w3]})")
PY
