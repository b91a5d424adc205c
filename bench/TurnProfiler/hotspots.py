#!/usr/bin/env python3
"""Inclusive and exclusive time per method from a dotnet-trace speedscope file (the busiest thread only).

Usage: hotspots.py FILE.speedscope.json [--under SUBSTRING] [--top N] [--callers SUBSTRING]
--under keeps only time spent below a frame whose name contains SUBSTRING (default: ProcessActivityAsync),
so start-up and warm-up outside turns do not count. The driving thread of bench/TurnProfiler does all the
work of a turn (the in-memory store completes synchronously), so its samples are the turn's CPU.
"""
import json, sys, collections

args = sys.argv[1:]
path = args[0]
under = "ProcessActivityAsync"
top = 60
callers = None
for i, a in enumerate(args):
    if a == "--under": under = args[i + 1]
    if a == "--top": top = int(args[i + 1])
    if a == "--callers": callers = args[i + 1]

d = json.load(open(path))
frames = [f["name"] for f in d["shared"]["frames"]]
prof = max(d["profiles"], key=lambda p: len(p["events"]))

incl = collections.Counter()
excl = collections.Counter()
caller_of = collections.Counter()
stack = []
last = None
total = 0.0
for ev in prof["events"]:
    t = ev["at"]
    if last is not None and stack:
        dt = t - last
        names = [frames[f] for f in stack]
        hit = [i for i, n in enumerate(names) if under in n]
        if hit:
            total += dt
            below = names[hit[0]:]
            for n in set(below):
                incl[n] += dt
            # CPU_TIME / UNMANAGED_CODE_TIME are pseudo-frames the exporter puts at the leaf: charge the method above.
            leaf = [n for n in names if n not in ("CPU_TIME", "UNMANAGED_CODE_TIME")]
            excl[leaf[-1] if leaf else names[-1]] += dt
            if callers:
                for i, n in enumerate(below):
                    if callers in n and i > 0:
                        caller_of[below[i - 1]] += dt
                        break
    last = t
    if ev["type"] == "O":
        stack.append(ev["frame"])
    else:
        stack.pop()

def short(n):
    return n if len(n) < 150 else n[:147] + "..."

print(f"time under '{under}': {total:.0f} ms")
print("\n== inclusive ==")
for n, v in incl.most_common(top):
    print(f"{v / total * 100:6.1f}%  {short(n)}")
print("\n== exclusive ==")
for n, v in excl.most_common(top):
    print(f"{v / total * 100:6.1f}%  {short(n)}")
if callers:
    print(f"\n== callers of '{callers}' ==")
    for n, v in caller_of.most_common(top):
        print(f"{v / total * 100:6.1f}%  {short(n)}")
