#!/usr/bin/env python3
"""History flood: CLIENTS TCP clients each join a fresh room, say a SIZE-byte message in it and leave,
every PERIOD seconds (3 frames: within the default 20 frames/s), for SECONDS seconds, reading and
discarding whatever the server sends. Prints how many messages it sent.

    history-flood.py HOST PORT [CLIENTS] [SECONDS] [SIZE] [PERIOD]
"""
import json, selectors, socket, struct, sys, time

host, port = sys.argv[1], int(sys.argv[2])
clients = int(sys.argv[3]) if len(sys.argv) > 3 else 100
seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 60
size = int(sys.argv[5]) if len(sys.argv) > 5 else 4000
period = float(sys.argv[6]) if len(sys.argv) > 6 else 0.17

def frame(obj):
    body = json.dumps(obj).encode()
    return struct.pack('>I', len(body)) + body

sel = selectors.DefaultSelector()
socks = []
for i in range(clients):
    s = socket.create_connection((host, port))
    sel.register(s, selectors.EVENT_READ)
    socks.append(s)

text = 'h' * size
sent, start = 0, time.monotonic()
due = [start + period * i / clients for i in range(clients)]
rooms = [0] * clients
while time.monotonic() - start < seconds:
    now = time.monotonic()
    for i, s in enumerate(socks):
        if s is not None and now >= due[i]:
            room = f"flood-{i}-{rooms[i]}"
            rooms[i] += 1
            try:
                s.sendall(frame({"type": "join", "room": room}) + frame({"type": "say", "room": room, "text": text})
                          + frame({"type": "leave", "room": room}))
                sent += 1
            except OSError:
                sel.unregister(s)
                socks[i] = None
            due[i] += period
    for key, _ in sel.select(timeout=0.005):
        try:
            if not key.fileobj.recv(1 << 16, socket.MSG_DONTWAIT):
                sel.unregister(key.fileobj)
                socks = [None if s is key.fileobj else s for s in socks]
        except (BlockingIOError, OSError):
            pass
print(f"history flood: {clients} clients sent {sent} messages of {size} bytes into fresh rooms in {seconds:.0f} s")
