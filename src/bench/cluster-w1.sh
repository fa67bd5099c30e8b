#!/usr/bin/env bash
# W1 (1 publisher, 100 subscribers, 64-byte text, as fast as possible) through two clustered nodes
# with the load generator connected to both, then against one node, in turn, RUNS times; keeps
# every run's JSON figures and prints the medians, with the CPU time of all server processes per
# million deliveries (over the 10 measured seconds; it does not depend on the two nodes sharing the
# cores with the load generator).
#
#   src/bench/cluster-w1.sh [RUNS] [OUT_DIR]        (after: mvn -B package -DskipTests)
#
# The nodes form a cluster on 127.0.0.1 (Hazelcast ports 5911 and 5912; TCP 9611 and 9621) and
# each run starts fresh nodes, each with LOOPS event loops (2 by default) and TCP_INSTANCES listener
# instances (1 by default: fewer than the loops, so each node's chat has a loop of its own; the server
# warns when it has not; figures measured before this setting had it share a listener's). The clustered nodes keep
# history in memory (a cluster's default); the single node in SQLite (the default alone), on an
# empty file each run (target/bench-store/), unless FRAMECHAT_STORE_PATH names one. WINDOW sets the publisher's
# unanswered messages (bench --window).
# RATE sets the publisher's messages per second for both (0 by default: as fast as the window allows),
# to compare the CPU per delivery of two nodes and one at the same delivery rate.
# WARMUP sets the seconds of load before the 10 measured ones (10 by default, as the figures so far).
# JAR names the build to measure (target/framechat.jar by default), to set two builds side by side.
# The output says how much of the servers' CPU time the JIT compiler took in the measured seconds:
# two clustered nodes run more distinct code than one and compile it for longer (with WARMUP=10 it
# takes a quarter of their CPU time, at 20 still a fifth); WARMUP=50 measures the steady state.
set -euo pipefail
cd "$(dirname "$0")/../.."
own_store=${FRAMECHAT_STORE_PATH:-}
. src/bench/fresh-store.sh
RUNS=${1:-3}
OUT=${2:-target/bench-cluster}
JAR=${JAR:-target/framechat.jar}
JAVA_OPTS=${JAVA_OPTS:--XX:+UseParallelGC -Xmn16m -XX:+ExitOnOutOfMemoryError}
WINDOW=${WINDOW:-200}
WARMUP=${WARMUP:-10}
RATE=${RATE:-0}
mkdir -p "$OUT"
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true' EXIT

# node LOG TCP_PORT HTTP_PORT [CLUSTER_PORT OTHER_CLUSTER_PORT]
node() {
  local log=$1 tcp=$2 http=$3
  local cluster=()
  if [ $# -ge 5 ]; then
    cluster=(FRAMECHAT_CLUSTER_ENABLED=true FRAMECHAT_CLUSTER_NAME="bench-$$" FRAMECHAT_CLUSTER_HOST=127.0.0.1
      FRAMECHAT_CLUSTER_PORT="$4" FRAMECHAT_CLUSTER_MEMBERS="127.0.0.1:$5")
  fi
  env "${cluster[@]}" FRAMECHAT_TCP_HOST=127.0.0.1 FRAMECHAT_TCP_PORT="$tcp" FRAMECHAT_UDP_HOST=127.0.0.1 \
    FRAMECHAT_UDP_PORT=0 FRAMECHAT_HTTP_HOST=127.0.0.1 FRAMECHAT_HTTP_PORT="$http" \
    FRAMECHAT_SERVER_EVENT_LOOP_THREADS="${LOOPS:-2}" FRAMECHAT_TCP_INSTANCES="${TCP_INSTANCES:-1}" \
    FRAMECHAT_LIMITS_MESSAGES_PER_SECOND=1000000 \
    FRAMECHAT_LIMITS_BURST=1000000 FRAMECHAT_LIMITS_MAX_CONNECTIONS=100000 \
    FRAMECHAT_LIMITS_MAX_CONNECTIONS_PER_IP=100000 \
    java $JAVA_OPTS -jar "$JAR" > "$log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 300); do
    grep -q "HTTP listening" "$log" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "node did not start: $log" >&2
  return 1
}

stop_nodes() {
  kill "${PIDS[@]}" 2>/dev/null || true
  wait "${PIDS[@]}" 2>/dev/null || true
  PIDS=()
}

w1() {
  java $JAVA_OPTS -jar "$JAR" bench "$@" --window "$WINDOW" --publishers 1 --subscribers 100 --size 64 \
    --rate "$RATE" --duration 10 --warmup "$WARMUP"
}

# CPU ticks (user + system) of every server process so far
ticks() {
  local sum=0 pid
  for pid in "${PIDS[@]}"; do
    sum=$((sum + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$sum"
}

# CPU ticks of the server processes' JIT compiler threads so far (what warm-up still costs)
jit_ticks() {
  local sum=0 pid comm
  for pid in "${PIDS[@]}"; do
    for comm in $(grep -l "^C[12] Compiler" /proc/"$pid"/task/*/comm 2>/dev/null); do
      sum=$((sum + $(sed 's/.*) //' "${comm%comm}stat" | awk '{print $12 + $13}')))
    done
  done
  echo "$sum"
}

# measured NAME BENCH-ARGS...: W1, with the servers' CPU time over its 10 measured seconds kept in NAME-cpu-RUN
measured() {
  local name=$1
  shift
  w1 "$@" --json "$OUT/$name-$run.json" > "$OUT/$name-$run.txt" &
  local bench=$!
  sleep "$WARMUP"
  local before jit
  jit=$(jit_ticks)
  before=$(ticks)
  sleep 10
  echo $(( $(ticks) - before )) > "$OUT/$name-cpu-$run"
  echo $(( $(jit_ticks) - jit )) > "$OUT/$name-jit-$run"
  wait "$bench"
  tail -5 "$OUT/$name-$run.txt"
}

for run in $(seq 1 "$RUNS"); do
  node "$OUT/node-a-$run.log" 9611 8611 5911 5912
  node "$OUT/node-b-$run.log" 9621 8621 5912 5911
  echo "== W1 through two nodes, run $run"
  measured cluster --server 127.0.0.1:9611 --server 127.0.0.1:9621 --http-port 8611 || true
  stop_nodes

  # the single node keeps its history in SQLite (the defaults), on a file of this run's own
  store=${own_store:-$PWD/target/bench-store/single-$run.db}
  FRAMECHAT_STORE_PATH=$store node "$OUT/node-single-$run.log" 9631 8631
  echo "== W1 against one node, run $run"
  measured single --port 9631 --http-port 8631 || true
  stop_nodes
done

python3 - "$OUT" "$RUNS" <<'PY'
import json, sys, statistics
out, runs = sys.argv[1], int(sys.argv[2])
def load(name):
    figures = []
    for r in range(1, runs + 1):
        try:
            figures.append(json.load(open(f"{out}/{name}-{r}.json")))
        except (OSError, ValueError):
            pass
    return figures
print(f"\nmedians of {runs} runs")
for name in ("cluster", "single"):
    runs_ = load(name)
    rates = [f["deliveredPerSecond"] for f in runs_]
    median = statistics.median(rates) if rates else float("nan")
    print(f"W1 {name:8} deliveries/s {median:,.0f}   (runs: {[round(r) for r in rates]}; "
          f"p50 ms {[f['latencyMs']['p50'] for f in runs_]}; loss {[f['lost'] for f in runs_]})")
    # the servers' CPU seconds over the 10 measured seconds, per million deliveries
    cpu, jit = [], []
    for r in range(1, runs + 1):
        try:
            ticks = int(open(f"{out}/{name}-cpu-{r}").read())
            rate = json.load(open(f"{out}/{name}-{r}.json"))["deliveredPerSecond"]
            cpu.append(ticks / 100 / (rate * 10 / 1e6))
            jit.append(int(open(f"{out}/{name}-jit-{r}").read()) / 100)
        except (OSError, ValueError, KeyError, ZeroDivisionError):
            pass
    if cpu:
        print(f"   {name:8} server CPU s per million deliveries {statistics.median(cpu):.3f}   (runs: "
              f"{[round(c, 3) for c in cpu]}); of the servers' CPU s, the JIT compiler's: {jit}")
PY
