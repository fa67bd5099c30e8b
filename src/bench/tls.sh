#!/usr/bin/env bash
# src/bench/tls.sh [ROUNDS] -- W1 and W2 over TLS against plaintext, with framechat's own bench (the
# neutral harness has no TLS): per round, a fresh plaintext server then a fresh TLS server (a
# certificate made here with openssl), W1 (1 publisher, 100 subscribers, as fast as the window
# allows, 10 s) and W2 (50 clients publishing 5,000 then 20,000 msg/s in all, 10 s each). Medians
# and ratios at the end; a run with loss (slow consumers cut off) shows as such.
set -uo pipefail
cd "$(dirname "$0")/../.."
. src/bench/fresh-store.sh
ROUNDS=${1:-3}
JAR=target/framechat.jar
OUT=${OUTDIR:-target/bench/tls-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$OUT/key.pem" \
  -out "$OUT/cert.pem" -days 2 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null

start() {
  local tls=$1
  FRAMECHAT_TCP_HOST=127.0.0.1 FRAMECHAT_UDP_PORT=0 FRAMECHAT_HTTP_PORT=0 \
  FRAMECHAT_TCP_TLS_ENABLED=$tls FRAMECHAT_TCP_TLS_CERT_PATH="$OUT/cert.pem" FRAMECHAT_TCP_TLS_KEY_PATH="$OUT/key.pem" \
    java ${JAVA_OPTS:--XX:+UseParallelGC -Xmn16m} -jar "$JAR" --config conf/bench.json >>"$OUT/server.log" 2>&1 &
  SPID=$!
  for _ in $(seq 1 100); do
    grep -q "TCP listening" "$OUT/server.log" 2>/dev/null && grep -c "TCP listening" "$OUT/server.log" | grep -q "$2" && return 0
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

run=0
for round in $(seq 1 "$ROUNDS"); do
  for tls in false true; do
    run=$((run + 1))
    start "$tls" "$run"
    flags=()
    [ "$tls" = true ] && flags=(--tls --ca "$OUT/cert.pem")
    name=$([ "$tls" = true ] && echo tls || echo plain)
    timeout 120 java ${BENCH_JAVA_OPTS:-} -jar "$JAR" bench "${flags[@]}" --port 9001 --subscribers 100 --publishers 1 \
      --rate 0 --window 1000 --duration 10 --warmup 5 --json "$OUT/$name-W1-$round.json" >/dev/null
    for rate in 5000 20000; do
      timeout 120 java ${BENCH_JAVA_OPTS:-} -jar "$JAR" bench "${flags[@]}" --port 9001 --subscribers 0 --publishers 50 \
        --rate "$rate" --duration 10 --warmup 5 --json "$OUT/$name-W2@$rate-$round.json" >/dev/null
    done
    stop
  done
done

python3 src/bench/pair-table.py "$OUT" plain plaintext tls TLS
