#!/usr/bin/env bash
# src/bench/stores.sh [ROUNDS] -- the cost of keeping history, with the neutral load harness
# (../shared/bench): per round, the same jar with each store in turn (memory, sqlite and postgres,
# batch and sync), a fresh server for W1 (1 publisher, 100 subscribers, 64 B), W2 at 20,000 msg/s
# (50 clients) and a publish-only run (one publisher, no subscriber: what the store commits per
# second when fan-out costs nothing). While each runs, /health is read every second for the store's
# lag. PostgreSQL is a throwaway server in a temporary directory (initdb, pg_ctl; as the user
# postgres when run as root). Medians per store at the end, and each store against memory.
# STORES="memory sqlite ..." picks stores; every run is bounded.
set -u
ROUNDS=${1:-3}
cd "$(dirname "$0")/../.."
. src/bench/server.sh
JAR=${JAR:-target/framechat.jar}
BENCH_DIR=${BENCH_DIR:-$(cd ../shared/bench 2>/dev/null && pwd)}
HARNESS=${BENCH_BIN:-$HOME/.cache/framechat-bench}/harness
[ -x "$HARNESS" ] || "$BENCH_DIR/build.sh" >/dev/null || { echo "no harness: set BENCH_DIR" >&2; exit 1; }
OUT=${OUTDIR:-target/bench/stores-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
RES=$OUT/results.txt
PORT=9001
HTTP=8080
STORES=${STORES:-memory sqlite-batch sqlite-sync postgres-batch postgres-sync}
ulimit -n "$(ulimit -Hn)" 2>/dev/null

# --- a throwaway PostgreSQL -------------------------------------------------------------------
PG_BIN=$(dirname "$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -1)")
PG_DIR=$(mktemp -d /tmp/framechat-pg.XXXXXX)
PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_up() {
  [ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL's initdb not found: apt-get install postgresql" >&2; exit 1; }
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
  echo framechat >"$PG_DIR/pw" && chmod 644 "$PG_DIR/pw"
  as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U framechat --pwfile="$PG_DIR/pw" -A scram-sha-256 >/dev/null
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1" start >/dev/null
  PGPASSWORD=framechat as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U framechat framechat
}
pg_down() { [ -d "$PG_DIR/data" ] && as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1; rm -rf "$PG_DIR"; }
pg_reset() { PGPASSWORD=framechat as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U framechat -d framechat -q \
  -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;' >/dev/null; }

# --- the server -------------------------------------------------------------------------------
start() {
  local store=$1
  local kind=${store%-*} durability=${store#*-}
  [ "$kind" = memory ] && durability=batch
  rm -rf "$OUT/data"
  [ "$kind" = postgres ] && pg_reset
  FRAMECHAT_STORE_KIND=$kind FRAMECHAT_STORE_DURABILITY=$durability FRAMECHAT_STORE_PATH="$OUT/data/framechat.db" \
    FRAMECHAT_STORE_POSTGRES_URL="postgresql://127.0.0.1:$PG_PORT/framechat" FRAMECHAT_STORE_POSTGRES_PASSWORD=framechat \
    java ${JAVA_OPTS:-} -jar "$JAR" --config conf/bench.json >>"$OUT/server.log" 2>&1 &
  SPID=$!
  await_listening "$PORT" "the server with store $store"
}
trap 'stop; pg_down' EXIT

# watch TAG: the store's largest lag and queue while a run goes on, appended to $RES
watch_start() {
  ( max_lag=0; max_pending=0
    while kill -0 "$SPID" 2>/dev/null && [ ! -e "$OUT/stop-watch" ]; do
      read -r lag pending < <(curl -s -m 1 "http://127.0.0.1:$HTTP/health" | python3 -c \
        'import json,sys; s=json.load(sys.stdin).get("store",{}); print(s.get("lagMillis",0), s.get("pending",0))' 2>/dev/null || echo "0 0")
      [ "${lag:-0}" -gt "$max_lag" ] && max_lag=$lag
      [ "${pending:-0}" -gt "$max_pending" ] && max_pending=$pending
      sleep 1
    done
    echo "WATCH tag=$1 max_lag_ms=$max_lag max_pending=$max_pending" >>"$RES" ) &
  WPID=$!
}
watch_stop() { touch "$OUT/stop-watch"; wait "$WPID" 2>/dev/null; rm -f "$OUT/stop-watch"; }
written() { curl -s -m 2 "http://127.0.0.1:$HTTP/metrics" | awk '/^framechat_store_written_total/ { print int($2) }' | tail -1; }

# h TAG ARGS...: one harness run, its RESULT line appended to $RES and echoed
h() {
  local tag=$1
  shift
  local line
  watch_start "$tag"
  line=$(timeout 90 "$HARNESS" -q -x chat -p "$PORT" --tag "$tag" "$@" 2>>"$OUT/harness.err" | grep '^RESULT' | tail -1)
  watch_stop
  echo "${line:-RESULT tag=$tag error=no_result}" | tee -a "$RES"
}
kv() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

grep -q postgres <<<"$STORES" && pg_up
for round in $(seq 1 "$ROUNDS"); do
  for store in $STORES; do
    start "$store"
    warm=$(h "$store:W1:warmup" -s 100 -n 1 -m 1000000000 -d 10 -D 3)
    m=$(awk -v r="$(kv pub_s "$warm")" 'BEGIN { m = int(r * 10); print (m < 1000 ? 1000 : m) }')
    h "$store:W1:$round" -s 100 -n 1 -m "$m" -d 20 -D 3 -S "$SPID" >/dev/null
    h "$store:W2@20000:$round" -s 0 -n 50 -r 20000 -m 200000 -d 12 -D 3 -S "$SPID" >/dev/null
    before=$(written)
    t0=$(date +%s.%N)
    h "$store:PUB:$round" -s 0 -n 1 -m 1000000000 -d 10 -D 3 >/dev/null
    # what the store committed of it, once it caught up (at most 30 s more)
    for _ in $(seq 1 60); do
      pending=$(curl -s -m 1 "http://127.0.0.1:$HTTP/metrics" | awk '/^framechat_store_pending/ { print int($2) }' | tail -1)
      [ "${pending:-0}" -eq 0 ] && break
      sleep 0.5
    done
    t1=$(date +%s.%N)
    after=$(written)
    echo "STORE tag=$store:PUB:$round written=$(( ${after:-0} - ${before:-0} )) seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')" | tee -a "$RES"
    stop
  done
done

python3 - "$RES" "$STORES" <<'PY'
import re, statistics, sys
rows = [dict(re.findall(r'(\w+)=(\S+)', l)) | {'kind': l.split()[0]} for l in open(sys.argv[1])]
stores = sys.argv[2].split()
def vals(store, wl, key, kind='RESULT'):
    return [float(r[key]) for r in rows if r['kind'] == kind and r.get('tag', '').startswith(store + ':' + wl + ':')
            and not r['tag'].endswith('warmup') and key in r]
def med(v):
    return statistics.median(v) if v else float('nan')
base_w1 = med(vals('memory', 'W1', 'deliv_s'))
base_p99 = med(vals('memory', 'W2@20000', 'p99_us'))
print('| store | W1 deliveries/s | W1 / memory | W2@20000 p50 | W2@20000 p99 | p99 / memory | publish-only msg/s | committed/s | lag under W1 (max) |')
print('|---|---|---|---|---|---|---|---|---|')
for s in stores:
    w1 = vals(s, 'W1', 'deliv_s'); p50 = vals(s, 'W2@20000', 'p50_us'); p99 = vals(s, 'W2@20000', 'p99_us')
    pub = vals(s, 'PUB', 'pub_s')
    commits = [float(r['written']) / float(r['seconds']) for r in rows if r['kind'] == 'STORE'
               and r['tag'].startswith(s + ':PUB:') and float(r['seconds']) > 0]
    lag = vals(s, 'W1', 'max_lag_ms', 'WATCH')
    print('| %s | %.2f M (%s) | %.2f | %.2f ms | %.2f ms (%s) | %.2f | %.0f k | %s | %s ms |' % (
        s, med(w1) / 1e6, ', '.join('%.2f' % (x / 1e6) for x in w1), med(w1) / base_w1, med(p50) / 1e3,
        med(p99) / 1e3, ', '.join('%.1f' % (x / 1e3) for x in p99), med(p99) / base_p99, med(pub) / 1e3,
        '%.0f k' % (med(commits) / 1e3) if commits else '-', '%.0f' % max(lag) if lag else '-'))
lost = [r['tag'] for r in rows if r['kind'] == 'RESULT' and r.get('lost', '0') not in ('0', '')]
print('runs with loss: ' + (', '.join(lost) if lost else 'none'))
PY
