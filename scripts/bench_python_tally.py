"""The tally coroutine's loop in CPython (the Python original of the examples' Tally): N sends to one tally,
timed; the other half of bench-python-tally.sh.

Usage: python3 scripts/bench_python_tally.py [N] [ROUNDS]
Prints the best round's nanoseconds per send as "python ns/send: X".
"""
import sys
import time


def tally():  # the Python original of io.jcoro.examples.Tally
    score = 0
    while True:
        increment = yield score
        score += increment


def round_ns(n):
    t = tally()
    next(t)
    send = t.send  # as a Java caller holds the generator, Python's loop holds the bound method
    start = time.perf_counter_ns()
    for _ in range(n):
        score = send(1)
    elapsed = time.perf_counter_ns() - start
    t.close()
    assert score == n, (score, n)
    return elapsed


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000_000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    best = min(round_ns(n) for _ in range(rounds))
    print("python ns/send: %.1f (best of %d rounds of %s sends, %s %s)"
          % (best / n, rounds, format(n, ","), sys.implementation.name, sys.version.split()[0]))


if __name__ == "__main__":
    main()
