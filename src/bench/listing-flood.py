#!/usr/bin/env python3
"""Listing flood: CLIENTS TCP clients, spread over the loopback addresses 127.0.0.1 to 127.0.0.3, each
hold ROOMS rooms of their own, then ask for the list of rooms (`/rooms`) RATE times a second each for
SECONDS seconds, reading and discarding the replies. Meanwhile a bystander from 127.0.0.1, in a process
of its own, says a message in a room of its own every 50 ms and times its echo. Prints the bystander's
echo latency (p50, p99, max) and how many flooding clients are still connected at the end.

    listing-flood.py HOST PORT [CLIENTS] [ROOMS] [RATE] [SECONDS]
"""
import json, multiprocessing, selectors, socket, struct, sys, time

host, port = sys.argv[1], int(sys.argv[2])
clients = int(sys.argv[3]) if len(sys.argv) > 3 else 585
rooms_each = int(sys.argv[4]) if len(sys.argv) > 4 else 31
rate = float(sys.argv[5]) if len(sys.argv) > 5 else 11
seconds = float(sys.argv[6]) if len(sys.argv) > 6 else 20

def frame(obj):
    body = json.dumps(obj).encode()
    return struct.pack('>I', len(body)) + body

def connect(source):
    s = socket.socket()
    s.bind((source, 0))
    s.connect((host, port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s

sel = selectors.DefaultSelector()
socks = []
for i in range(clients):
    s = connect(f"127.0.0.{1 + i % 3}")
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ, i)
    socks.append(s)

def pump(timeout):
    for key, _ in sel.select(timeout=timeout):
        try:
            if not key.fileobj.recv(1 << 18):
                sel.unregister(key.fileobj)
                socks[key.data] = None
        except (BlockingIOError, InterruptedError):
            pass
        except OSError:
            sel.unregister(key.fileobj)
            socks[key.data] = None

def send(i, data):
    s = socks[i]
    if s is None:
        return
    try:
        s.send(data)
    except (BlockingIOError, InterruptedError):
        pass
    except OSError:
        sel.unregister(s)
        socks[i] = None

# every client joins its rooms, within the default flood limits (20 frames/s, bursts of 40)
joins = [[frame({"type": "join", "room": f"l{i}-{r}"}) for r in range(rooms_each)] for i in range(clients)]
for r in range(0, rooms_each, 10):
    for i in range(clients):
        send(i, b"".join(joins[i][r:r + 10]))
    end = time.monotonic() + 0.55
    while time.monotonic() < end:
        pump(0.01)

def bystander(seconds, results):
    """In a process of its own (so the flood's loop does not delay it): says a message every 50 ms, times its
    echo; a message not echoed 5 s after the flood ended counts as unanswered."""
    s = connect("127.0.0.1")
    s.sendall(frame({"type": "hello", "nick": "bystander"}) + frame({"type": "join", "room": "quiet"}))
    begin = time.monotonic()
    s.settimeout(seconds + 5)
    def read():
        (n,) = struct.unpack('>I', s.recv(4, socket.MSG_WAITALL))
        return json.loads(s.recv(n, socket.MSG_WAITALL))
    out, i, unanswered = [], 0, 0
    while time.monotonic() - begin < seconds:
        sent = time.monotonic()
        s.sendall(frame({"type": "say", "room": "quiet", "text": f"echo {i}"}))
        try:
            while True:
                f = read()
                if f.get("type") == "message" and f.get("text") == f"echo {i}":
                    break
        except (socket.timeout, struct.error):
            unanswered += 1
            break
        out.append((time.monotonic() - sent) * 1000)
        i += 1
        time.sleep(max(0, 0.05 - (time.monotonic() - sent)))
    results.put((out, unanswered))

results = multiprocessing.Queue()
measuring = multiprocessing.Process(target=bystander, args=(seconds, results))
measuring.start()
listing = frame({"type": "rooms"})
start = time.monotonic()
next_listing = [start + i / (clients * rate) for i in range(clients)]
while time.monotonic() - start < seconds:
    now = time.monotonic()
    for i in range(clients):
        if now >= next_listing[i]:
            send(i, listing)
            next_listing[i] += 1 / rate
    pump(0.002)
latencies, unanswered = results.get(timeout=seconds + 30)
latencies.sort()
measuring.join()
def pct(p):
    return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] if latencies else float('nan')
alive = sum(1 for s in socks if s is not None)
print(f"listing flood: {clients} clients x {rooms_each} rooms, /rooms {rate:g}/s each for {seconds:.0f} s; "
      f"{alive} still connected")
print(f"bystander echo: {len(latencies)} messages answered, {unanswered} not, p50 {pct(50):.1f} ms, p99 {pct(99):.1f} ms, "
      f"max {latencies[-1] if latencies else float('nan'):.1f} ms")
