#!/usr/bin/env bash
# src/bench/udp.sh [ROUNDS] -- UDP fan-out beside TCP fan-out, with framechat's own bench (the neutral
# harness has no UDP): per round, a fresh server, then 1 publisher and 100 subscribers in one room,
# 64-byte messages as fast as a window of 200 allows, 10 s after a 5 s warm-up, over UDP and over
# framed TCP in alternating order. Medians, the ratio UDP / TCP and UDP's loss at the end.
# JAR=... measures another build. conf/bench.json sets udp.packBytes 8192 (loopback carries it unfragmented).
# The server's UDP socket: SO_RCVBUF udp.socketReceiveBytes (4 MiB),
# SO_SNDBUF the kernel's default; each bench client's UDP socket: SO_RCVBUF 1 MiB (the kernel doubles both).
set -uo pipefail
cd "$(dirname "$0")/../.."
. src/bench/fresh-store.sh
ROUNDS=${1:-3}
JAR=${JAR:-target/framechat.jar}
OUT=${OUTDIR:-target/bench/udp-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
. src/bench/server.sh

for round in $(seq 1 "$ROUNDS"); do
  FRAMECHAT_TCP_HOST=127.0.0.1 FRAMECHAT_UDP_HOST=127.0.0.1 FRAMECHAT_HTTP_PORT=0 \
    java -XX:+UseParallelGC -Xmn16m -XX:+ExitOnOutOfMemoryError ${JAVA_OPTS:-} -jar "$JAR" --config conf/bench.json \
    >>"$OUT/server.log" 2>&1 &
  SPID=$!
  trap stop EXIT
  await_listening 9001 "framechat"
  order=(tcp udp)
  [ $((round % 2)) = 0 ] && order=(udp tcp)
  for name in "${order[@]}"; do
    flags=(--port 9001 --udp-port 9000)
    [ "$name" = udp ] && flags+=(--udp)
    timeout 120 java ${BENCH_JAVA_OPTS:-} -jar "$JAR" bench "${flags[@]}" --subscribers 100 --publishers 1 \
      --size 64 --rate 0 --window 200 --duration 10 --warmup 5 --json "$OUT/$name-W1-$round.json" >/dev/null
  done
  stop
done

python3 - "$OUT" <<'PY'
import glob, json, os, statistics, sys
out = sys.argv[1]
def runs(name):
    return [json.load(open(f)) for f in sorted(glob.glob(os.path.join(out, f"{name}-W1-*.json")))]
tcp, udp = runs("tcp"), runs("udp")
def fig(rs, key):
    return [r[key] / 1e6 for r in rs]
t, u = fig(tcp, "deliveredPerSecond"), fig(udp, "deliveredPerSecond")
print("| figure | TCP | UDP | UDP / TCP |")
print("|---|---|---|---|")
print(f"| fan-out deliveries/s | {statistics.median(t):.2f} M ({', '.join(f'{v:.2f}' for v in t)}) "
      f"| {statistics.median(u):.2f} M ({', '.join(f'{v:.2f}' for v in u)}) | {statistics.median(u) / statistics.median(t):.2f} |")
loss = [100.0 * r["lost"] / max(1, r["expected"]) for r in udp]
print(f"| UDP loss | | {statistics.median(loss):.3f} % ({', '.join(f'{v:.3f}' for v in loss)}) | |")
for name, rs in (("TCP", tcp), ("UDP", udp)):
    p = [r["latencyMs"]["p50"] for r in rs]
    p99 = [r["latencyMs"]["p99"] for r in rs]
    print(f"| {name} p50 / p99 ms | {statistics.median(p):.1f} / {statistics.median(p99):.1f} | | |")
PY
