"""Summarises a scripts/bench-sched.sh result file: the median of each figure over the repetitions, and the
ratios docs/performance-sched.md states. Usage: python3 scripts/bench_sched_summary.py RESULTS.txt"""
import re
import statistics
import sys
from collections import defaultdict

switch = defaultdict(list)   # (competitor, backend) -> ns per round trip
echo = defaultdict(list)     # (server, clients) -> (msg/s, p99 us, failed clients)
sim = []
for line in open(sys.argv[1]):
    m = re.match(r"(\S+) \[(.*?)\]\s*(\d+) ns/round-trip", line) or re.match(r"(\S+)\s+(\d+) ns/round-trip", line)
    if m and len(m.groups()) == 3:
        switch[(m.group(1), m.group(2))].append(int(m.group(3)))
        continue
    if m:
        switch[(m.group(1), "")].append(int(m.group(2)))
        continue
    m = re.match(r"echo (\S+) (\d+) clients: (\d+) msg/s, p50 (\d+) us, p99 (\d+) us, (\d+) clients failed,"
                 r" (\d+) messages in all, server cpu (\d+) us", line)
    if m:
        cpu_per_msg = int(m.group(8)) / max(1, int(m.group(7)))
        echo[(m.group(1), int(m.group(2)))].append((int(m.group(3)), int(m.group(5)), int(m.group(6)), cpu_per_msg))
        continue
    if line.startswith("sim "):
        sim.append(line[4:].rstrip())

med = statistics.median
if switch:
    print("## task switch: nanoseconds per round trip (two switches), median of the runs")
    for (name, backend), xs in sorted(switch.items()):
        print(f"{name:22} {backend:22} {med(xs):8.0f}   runs: {xs}")
    for mech in ["compiled", "continuation", "virtual-thread"]:
        base = switch.get(("sched-channel", mech))
        for other in [("asyncio-queue", None), ("vt-synchronousqueue", "")]:
            for (name, backend), xs in switch.items():
                if name == other[0] and (other[1] is None or backend == other[1]) and base:
                    print(f"ratio {name} [{backend or 'JDK'}] / sched-channel [{mech}]: {med(xs) / med(base):.1f}x")
if echo:
    print("## echo: messages per second, p99 round trip, server CPU per message; median of the runs")
    for (server, clients), xs in sorted(echo.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        print(f"{server:15} {clients:5} clients {med([x[0] for x in xs]):9.0f} msg/s  p99 {med([x[1] for x in xs]):7.0f} us"
              f"  cpu {med([x[3] for x in xs]):5.1f} us/msg  failed clients {sum(x[2] for x in xs)}"
              f"   runs: {[x[0] for x in xs]}")
    for clients in sorted({c for _, c in echo}):
        s = echo.get(("sched", clients))
        for other in ["asyncio", "vt", "sched-per-core", "sched-cont", "sched-vt"]:
            o = echo.get((other, clients))
            if s and o:
                print(f"ratio sched / {other} at {clients} clients: {med([x[0] for x in s]) / med([x[0] for x in o]):.2f}x"
                      f" msg/s; {other} / sched CPU per message: {med([x[3] for x in o]) / med([x[3] for x in s]):.2f}x")
for line in sim:
    print(line)
