"""The task switch in CPython's asyncio: two tasks pass a number back and forth through two asyncio.Queue(1),
n round trips (two switches each). Prints the median nanoseconds per round trip over the rounds, in the format of
io.jcoro.bench.sched.PingPong. Usage: python3 scripts/bench_sched_pingpong.py [rounds=15] [n=50000]"""
import asyncio
import statistics
import sys
import time


async def exchange(n):
    ping, pong = asyncio.Queue(1), asyncio.Queue(1)

    async def other():
        for _ in range(n):
            v = await ping.get()
            await pong.put(v)

    task = asyncio.create_task(other())
    t0 = time.perf_counter_ns()
    for i in range(n):
        await ping.put(i)
        await pong.get()
    await task
    return time.perf_counter_ns() - t0


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 50000
    asyncio.run(exchange(n))  # warm-up
    per = sorted(asyncio.run(exchange(n)) // n for _ in range(rounds))
    print(f"asyncio-queue [CPython {sys.version.split()[0]}] {int(statistics.median(per))} ns/round-trip "
          f"(min {per[0]}, max {per[-1]}; {rounds} rounds of {n})")


main()
