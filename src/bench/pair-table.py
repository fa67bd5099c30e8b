#!/usr/bin/env python3
"""pair-table.py DIR A "Label A" B "Label B": the medians (with every run) of W1 and W2 from the bench's
--json files DIR/A-W1-N.json, DIR/A-W2@RATE-N.json (and B's) as a Markdown table with the ratio B / A.
Latencies leave out runs with loss (clients cut off); runs with loss are listed at the end."""
import glob
import json
import os
import statistics
import sys

out, a, label_a, b, label_b = sys.argv[1:6]


def runs(name, wl, key, sub=None):
    values = []
    for f in sorted(glob.glob(os.path.join(out, f"{name}-{wl}-*.json"))):
        j = json.load(open(f))
        if j.get("lost", 0) == 0 or key == "deliveredPerSecond":
            values.append(j[key][sub] if sub else j[key])
    return values


rows = [("W1 deliveries/s", "W1", "deliveredPerSecond", None, 1e6, " M")]
for rate in (5000, 20000):
    rows += [(f"W2 at {rate} msg/s, deliveries/s", f"W2@{rate}", "deliveredPerSecond", None, 1e6, " M"),
             (f"W2 at {rate} msg/s, p50 ms", f"W2@{rate}", "latencyMs", "p50", 1, ""),
             (f"W2 at {rate} msg/s, p99 ms", f"W2@{rate}", "latencyMs", "p99", 1, "")]
print(f"| figure | {label_a} | {label_b} | {label_b} / {label_a} |")
print("|---|---|---|---|")
for label, wl, key, sub, scale, unit in rows:
    p, t = runs(a, wl, key, sub), runs(b, wl, key, sub)
    if p and t:
        mp, mt = statistics.median(p), statistics.median(t)
        print(f"| {label} | {mp/scale:.2f}{unit} ({', '.join(f'{v/scale:.2f}' for v in p)}) "
              f"| {mt/scale:.2f}{unit} ({', '.join(f'{v/scale:.2f}' for v in t)}) | {mt/mp:.2f} |")
lost = [f"{os.path.basename(f)} ({json.load(open(f))['lostConnections']} cut off)"
        for f in sorted(glob.glob(os.path.join(out, "*.json"))) if json.load(open(f)).get("lost", 0)]
print("runs with loss: " + (", ".join(lost) if lost else "none"))
