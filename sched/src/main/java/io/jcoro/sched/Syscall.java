package io.jcoro.sched;

/**
 * What a task yields to its scheduler: a request for a service (Beazley's {@code SystemCall}). A task never makes
 * one itself; it gets them from {@link Sys}, {@link Channel}, {@link Connection}, {@link DataFile} and
 * {@link Simulation}, each as a small generator that yields its request once and returns the typed result:
 *
 * <pre>{@code
 * long me = y.yieldFrom(Sys.tid());
 * }</pre>
 *
 * <p>A task is therefore a {@code Generator<Syscall, Object, R>}: it yields {@code Syscall}s, is sent the results
 * ({@code Object}, typed again by the {@code yieldFrom} that asked), and returns an {@code R}. The interface is
 * sealed: the scheduler knows how to carry out every request there is.
 */
public sealed interface Syscall permits Request {
}
