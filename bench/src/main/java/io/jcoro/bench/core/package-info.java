/**
 * The core's costs, side by side in one JMH run ({@code scripts/bench-core.sh}; figures and analysis in
 * {@code docs/performance.md}).
 *
 * <p>The backend is fixed per JVM, so every benchmark names its backend in its {@code @Fork} arguments
 * ({@link io.jcoro.bench.core.Jvm}) and its state checks, at setup, that the fork really runs on it: a
 * mislabelled figure is worse than none. Benchmarks whose name ends in {@code InVirtualThread} run their measured
 * loop inside a virtual thread, {@link io.jcoro.bench.core.VirtualCaller#BATCH} operations per invocation, and
 * report the time per operation.
 */
package io.jcoro.bench.core;
