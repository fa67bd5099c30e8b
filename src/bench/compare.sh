#!/usr/bin/env bash
# src/bench/compare.sh JAR_A JAR_B [ROUNDS] -- two builds measured in turn, with the neutral load
# harness (../shared/bench, built if needed): per round and build, a fresh server for W1 (1 publisher,
# 100 subscribers, 64 B, as fast as a window of 1,000 allows), W2 at 20,000 and at 1,000 msg/s
# (50 clients), then another for W3 (10,000 idle connections). Medians per build at the end.
# The servers run with conf/bench.json (flood limits lifted) and JAVA_OPTS (JAVA_OPTS_A and
# JAVA_OPTS_B, when set, for each build: the same jar twice compares two sets of JVM flags); every
# run is bounded. WORKLOADS="W1 W2 W3" picks workloads.
set -u
if [ $# -lt 2 ]; then
  sed -n '2,8p' "$0"
  exit 2
fi
A=$1
B=$2
ROUNDS=${3:-3}
cd "$(dirname "$0")/../.."
. src/bench/fresh-store.sh
BENCH_DIR=${BENCH_DIR:-$(cd ../shared/bench 2>/dev/null && pwd)}
HARNESS=${BENCH_BIN:-$HOME/.cache/framechat-bench}/harness
[ -x "$HARNESS" ] || "$BENCH_DIR/build.sh" >/dev/null || { echo "no harness: set BENCH_DIR" >&2; exit 1; }
OUT=${OUTDIR:-target/bench/compare-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
RES=$OUT/results.txt
PORT=9001
ulimit -n "$(ulimit -Hn)" 2>/dev/null

# start JAR OPTS
start() {
  # shellcheck disable=SC2086
  java $2 -jar "$1" --config conf/bench.json >>"$OUT/server.log" 2>&1 &
  SPID=$!
  for _ in $(seq 1 100); do
    timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "server $1 did not start" >&2
  exit 1
}

stop() {
  kill "$SPID" 2>/dev/null
  for _ in $(seq 1 150); do kill -0 "$SPID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$SPID" 2>/dev/null
  wait "$SPID" 2>/dev/null
}
trap 'stop' EXIT

# h TAG ARGS...: one harness run, its RESULT line appended to $RES and echoed
h() {
  local tag=$1
  shift
  local line
  line=$(timeout 90 "$HARNESS" -q -x chat -p "$PORT" --tag "$tag" "$@" 2>>"$OUT/harness.err" | grep '^RESULT' | tail -1)
  echo "${line:-RESULT tag=$tag error=no_result}" | tee -a "$RES"
}

kv() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

for round in $(seq 1 "$ROUNDS"); do
  for build in A B; do
    jar=$A
    opts=${JAVA_OPTS_A:-${JAVA_OPTS:-}}
    if [ "$build" = B ]; then
      jar=$B
      opts=${JAVA_OPTS_B:-${JAVA_OPTS:-}}
    fi
    start "$jar" "$opts"
    warm=$(h "$build:W1:warmup" -s 100 -n 1 -m 1000000000 -d 10 -D 3)
    if [[ " ${WORKLOADS:-W1 W2 W3} " == *" W1 "* ]]; then
      m=$(awk -v r="$(kv pub_s "$warm")" 'BEGIN { m = int(r * 10); print (m < 1000 ? 1000 : m) }')
      h "$build:W1:$round" -s 100 -n 1 -m "$m" -d 20 -D 3 -S "$SPID" >/dev/null
    fi
    if [[ " ${WORKLOADS:-W1 W2 W3} " == *" W2 "* ]]; then
      h "$build:W2@20000:$round" -s 0 -n 50 -r 20000 -m 200000 -d 12 -D 3 -S "$SPID" >/dev/null
      h "$build:W2@1000:$round" -s 0 -n 50 -r 1000 -m 10000 -d 12 -D 3 -S "$SPID" >/dev/null
    fi
    stop
    if [[ " ${WORKLOADS:-W1 W2 W3} " == *" W3 "* ]]; then
      start "$jar" "$opts"
      h "$build:W3:$round" -i 10000 -T 10 --connect-timeout 15 -S "$SPID" >/dev/null
      stop
    fi
  done
done

python3 - "$RES" "$A" "$B" <<'PY'
import re, statistics, sys
rows = [dict(re.findall(r'(\w+)=(\S+)', l)) for l in open(sys.argv[1]) if l.startswith('RESULT')]
def runs(build, wl, key):
    return [float(r[key]) for r in rows if r.get('tag', '').startswith(build + ':' + wl + ':')
            and not r['tag'].endswith('warmup') and key in r]
def fmt(v, scale, unit):
    return '%.2f%s' % (v / scale, unit)
print('| workload | A: %s | B: %s | B / A |' % (sys.argv[2], sys.argv[3]))
print('|---|---|---|---|')
for wl, key, scale, unit in [('W1', 'deliv_s', 1e6, ' M/s'), ('W2@20000', 'p50_us', 1e3, ' ms'),
                             ('W2@20000', 'p99_us', 1e3, ' ms'), ('W2@1000', 'p50_us', 1e3, ' ms'),
                             ('W2@1000', 'p99_us', 1e3, ' ms'), ('W3', 'bytes_per_conn', 1024, ' KiB')]:
    a, b = runs('A', wl, key), runs('B', wl, key)
    if not a or not b:
        continue
    ma, mb = statistics.median(a), statistics.median(b)
    print('| %s %s | %s (%s) | %s (%s) | %.2f |' % (wl, key, fmt(ma, scale, unit), ', '.join(fmt(x, scale, '') for x in a),
          fmt(mb, scale, unit), ', '.join(fmt(x, scale, '') for x in b), mb / ma if ma else float('nan')))
lost = [r['tag'] for r in rows if r.get('lost', '0') not in ('0', '') and 'W3' not in r.get('tag', '')]
print('runs with loss: ' + (', '.join(lost) if lost else 'none'))
PY
