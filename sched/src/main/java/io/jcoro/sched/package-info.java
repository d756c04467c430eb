/**
 * Tasks on jcoro generators: Beazley's operating system grown into a small runtime, with a deterministic
 * simulation mode.
 *
 * <p>A task is a {@code Generator<Syscall, Object, R>}. It asks its scheduler for services by delegating to the
 * small generators that {@link io.jcoro.sched.Sys} and the I/O types return, each of which yields one
 * {@link io.jcoro.sched.Syscall} and returns the typed result:
 *
 * <pre>{@code
 * Generator<Syscall, Object, String> echo = Generator.returning(y -> {
 *     long me = y.yieldFrom(Sys.tid());
 *     String line = y.yieldFrom(lines.receive());
 *     y.yieldFrom(Sys.sleep(Duration.ofMillis(5)));
 *     return me + ": " + line;
 * });
 * }</pre>
 *
 * <p>Every {@code yieldFrom} of a request sits in the task body's own code, on its own yielder: that is the shape
 * jcoro can compile into a state machine, and it is why requests are generators rather than methods that suspend
 * the caller. A subroutine is another task-shaped generator the body {@code yieldFrom}s.
 *
 * <ul>
 *   <li>{@link io.jcoro.sched.Scheduler}: runs tasks on one thread, real time, real sockets and files.</li>
 *   <li>{@link io.jcoro.sched.Simulation}: the same scheduler with virtual time and a seeded choice of the next
 *       task.</li>
 *   <li>{@link io.jcoro.sched.Sys}: the requests; {@link io.jcoro.sched.Task}: a handle on a task;
 *       {@link io.jcoro.sched.TaskGroup}: structured concurrency; {@link io.jcoro.sched.Cancelled} and
 *       {@link io.jcoro.sched.TimedOut}: cancellation.</li>
 * </ul>
 *
 * <p>The implementations (the kernel, the requests, the selector loop) are package-private.
 */
package io.jcoro.sched;
