/**
 * Benchmarks for jcoro-pipe: pipelines of functional and coroutine stages against a plain {@code Consumer}
 * chain, {@code java.util.stream} and raw {@code jdk.internal.vm.Continuation}; Beazley's coroutine-vs-object
 * test; the cost of a thread hop. The figures and the commands that give them are in docs/performance-pipe.md.
 */
package io.jcoro.bench.pipe;
