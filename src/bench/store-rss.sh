#!/usr/bin/env bash
# src/bench/store-rss.sh [MESSAGES] -- whether memory grows with what the store holds: the server's
# resident memory on an empty SQLite store and on one holding MESSAGES (10,000,000 by default: 100
# rooms of 100,000, the default retention), each after start and after a client has joined every
# room (each join takes its room up and reads its latest chat.historySize messages). Needs sqlite3.
# The history is written a row per message, as a release before blocks kept it; the server moves it
# into blocks the first time it opens the file (a start of its own, timed).
set -u
MESSAGES=${1:-10000000}
ROOMS=100
cd "$(dirname "$0")/../.."
. src/bench/server.sh
JAR=target/framechat.jar
OUT=${OUTDIR:-target/bench/store-rss-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
PORT=9001
command -v sqlite3 >/dev/null || { echo "needs sqlite3 (apt-get install sqlite3)" >&2; exit 1; }

start() {
  FRAMECHAT_STORE_KIND=sqlite FRAMECHAT_STORE_PATH="$1" java ${JAVA_OPTS:-} -jar "$JAR" --config conf/bench.json \
    >>"$OUT/server.log" 2>&1 &
  SPID=$!
  await_listening "$PORT" "the server"
}
trap stop EXIT
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$SPID/status"; }

# joins every room over one TCP connection (framed JSON), and waits until each has answered
join_all() {
  python3 - "$PORT" "$ROOMS" <<'PY'
import json, socket, struct, sys
port, rooms = int(sys.argv[1]), int(sys.argv[2])
s = socket.create_connection(('127.0.0.1', port))
def send(o):
    b = json.dumps(o).encode(); s.sendall(struct.pack('>I', len(b)) + b)
def recv():
    (n,) = struct.unpack('>I', s.recv(4, socket.MSG_WAITALL)); return json.loads(s.recv(n, socket.MSG_WAITALL))
send({'type': 'hello', 'nick': 'reader'})
for i in range(rooms):
    send({'type': 'join', 'room': 'r%d' % i})
    if i % 30 == 29:  # at most chat.maxRoomsPerClient at once: leave what was looked at
        for j in range(i - 29, i + 1):
            send({'type': 'leave', 'room': 'r%d' % j})
joined = 0
while joined < rooms:
    if recv().get('type') == 'joined':
        joined += 1
s.close()
PY
}

measure() {
  local name=$1 file=$2
  start "$file"
  sleep 3
  local at_start
  at_start=$(rss)
  join_all
  sleep 2
  echo "RSS store=$name blocks=$(sqlite3 "$file" 'SELECT COUNT(*) FROM message_blocks') file_mb=$(( $(stat -c %s "$file") / 1048576 )) start_kb=$at_start after_joins_kb=$(rss)" | tee -a "$OUT/results.txt"
  stop
}

# the schema, made by the server itself (Flyway), on two files
for name in empty full; do
  start "$OUT/$name.db"
  stop
done
echo "filling $OUT/full.db with $MESSAGES messages in $ROOMS rooms..."
sqlite3 "$OUT/full.db" <<SQL
PRAGMA journal_mode=WAL;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $MESSAGES - 1)
INSERT INTO messages (room, epoch, seq, id, sender, text, ts)
  SELECT 'r' || (i % $ROOMS), 'e0000000', i / $ROOMS + 1, 'm' || i, 'ann',
         'message number ' || i || ' of the stored history, about sixty-four bytes', 1700000000000 + i FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $ROOMS - 1)
INSERT INTO rooms (name, epoch, reserved) SELECT 'r' || i, 'e0000000', $MESSAGES / $ROOMS FROM n;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
began=$(date +%s)
FRAMECHAT_STORE_KIND=sqlite FRAMECHAT_STORE_PATH="$OUT/full.db" java ${JAVA_OPTS:-} -jar "$JAR" --config conf/bench.json \
  >>"$OUT/server.log" 2>&1 &
SPID=$!
for _ in $(seq 1 6000); do
  timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" 2>/dev/null && break
  kill -0 "$SPID" 2>/dev/null || { echo "the server stopped while moving the history" >&2; exit 1; }
  sleep 0.1
done
echo "moved into blocks and listening after $(( $(date +%s) - began )) s" | tee -a "$OUT/results.txt"
stop
measure empty "$OUT/empty.db"
measure full "$OUT/full.db"
