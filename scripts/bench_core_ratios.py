"""Reads a JMH JSON result of the core benchmarks and prints the figures docs/performance.md sets targets for.

Usage: python3 scripts/bench_core_ratios.py bench/target/bench-core-<time>.json
"""
import json
import sys


def main():
    with open(sys.argv[1]) as f:
        runs = json.load(f)
    score = {}
    for r in runs:
        name = r["benchmark"].rsplit(".", 2)
        key = name[-2] + "." + name[-1]
        params = r.get("params") or {}
        if params:
            key += "[" + ",".join("%s=%s" % kv for kv in sorted(params.items())) + "]"
        score[key] = (r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"])

    def ns(key):
        return score.get(key, (None, None))[0]

    def line(label, value, target, ok):
        mark = "" if ok is None else ("  met" if ok else "  MISSED")
        print("%-62s %14s   target %s%s" % (label, value, target, mark))

    def ratio(label, num, den, limit):
        a, b = ns(num), ns(den)
        if a is None or b is None:
            return
        line(label, "%.2fx" % (a / b), "<= %.1fx" % limit, a / b <= limit)

    def micros(label, key, limit):
        a = ns(key)
        if a is None:
            return
        line(label, "%.3f us" % (a / 1000), "<= %g us" % limit, a / 1000 <= limit)

    print()
    print("Targets (ratios from this one run):")
    ratio("continuation next() / raw Continuation round trip", "RoundTrip.continuationNext", "RoundTrip.rawContinuation", 1.2)
    ratio("continuation send() / raw Continuation round trip", "RoundTrip.continuationSend", "RoundTrip.rawContinuation", 1.2)
    ratio("continuation next() / raw, both in a virtual thread", "VirtualCaller.continuationNextInVirtualThread",
          "VirtualCaller.rawContinuationInVirtualThread", 1.2)
    micros("virtual-thread backend next(), virtual-thread caller", "VirtualCaller.virtualThreadNextInVirtualThread", 2)
    micros("virtual-thread backend send(), virtual-thread caller", "VirtualCaller.virtualThreadSendInVirtualThread", 2)
    ratio("yieldAll(list) per element / list iteration", "YieldAll.continuationYieldAll", "YieldAll.listIteration", 3)
    ratio("yieldAll(list) per element, virtual-thread backend / list", "YieldAll.virtualThreadYieldAll",
          "YieldAll.listIteration", 3)
    ratio("list iteration + CAS/release per element / list iteration", "Anatomy.listIterationPlusStateMachine",
          "YieldAll.listIteration", 3)
    print()
    print("All figures, ns/op:")
    for key in sorted(score):
        s, e = score[key]
        print("  %-66s %12.1f +- %.1f" % (key, s, e))


if __name__ == "__main__":
    main()
