"""The CPython side of scripts/bench-compiled.sh: the same loops as io.jcoro.bench.core.CompiledRatios.

Usage: python3 scripts/bench_python_compiled.py [ROUNDS]
Prints, per loop, the best round's nanoseconds per operation, as "python <name>: X ns".
"""
import sys
import time


def tally():
    score = 0
    while True:
        increment = yield score
        score += increment


def fib():
    a, b = 0, 1
    for _ in range(30):
        yield a
        a, b = b, a + b


def coroutine(func):
    def start(*args, **kwargs):
        cr = func(*args, **kwargs)
        next(cr)
        return cr
    return start


@coroutine
def grep(pattern, target):
    while True:
        line = (yield)
        if pattern in line:
            target.send(line)


@coroutine
def null():
    while True:
        item = (yield)


def small():
    yield 1


def best(fn, ops, rounds):
    times = []
    for _ in range(rounds):
        start = time.perf_counter_ns()
        fn()
        times.append((time.perf_counter_ns() - start) / ops)
    return min(times)


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    n = 1_000_000

    def run_tally():
        t = tally()
        next(t)
        send = t.send
        for _ in range(n):
            send(1)

    def run_fib():
        s = 0
        for _ in range(n // 30):
            for v in fib():
                s += v

    def run_small():
        for _ in range(n // 10):
            for v in small():
                pass

    def run_beazley():
        g = grep('python', null())
        for _ in range(n):
            g.send('python is nice')

    print("python tally send: %.1f ns" % best(run_tally, n, rounds))
    print("python fib for-each per value: %.1f ns" % best(run_fib, (n // 30) * 30, rounds))
    print("python create, run and finish a small generator: %.1f ns" % best(run_small, n // 10, rounds))
    print("python Beazley grep -> null send: %.1f ns" % best(run_beazley, n, rounds))
    print("# %s %s" % (sys.implementation.name, sys.version.split()[0]))


if __name__ == "__main__":
    main()
