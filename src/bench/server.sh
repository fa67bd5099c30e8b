# Sourced by the bench scripts that start framechat themselves: the server's process in $SPID.

# await_listening PORT WHAT: waits (15 s at most) until the server takes connections on PORT, or exits
await_listening() {
  for _ in $(seq 1 150); do
    timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "$2 did not start" >&2
  exit 1
}

# stop: SIGTERM (the server drains), SIGKILL after 30 s; nothing to do when none runs
stop() {
  [ -n "${SPID:-}" ] || return 0
  kill "$SPID" 2>/dev/null
  for _ in $(seq 1 300); do kill -0 "$SPID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$SPID" 2>/dev/null
  wait "$SPID" 2>/dev/null
  SPID=
}
