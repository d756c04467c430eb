/**
 * Benchmarks of jcoro-sched against CPython's asyncio and Java's virtual threads: the task switch (two tasks
 * ping-ponging through a channel), an echo server under a load generator, and the speed of deterministic
 * simulation. {@code scripts/bench-sched.sh} runs them side by side; docs/performance-sched.md has the figures.
 */
package io.jcoro.bench.sched;
