package io.jcoro.sched;

import io.jcoro.Generator;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The requests a task makes: Beazley's system calls, and what asyncio and trio added since. Each method returns a
 * small generator that yields one request to the scheduler and returns the typed result, so a task body asks with
 * {@code yieldFrom}, in its own code:
 *
 * <pre>{@code
 * Generator<Syscall, Object, Integer> worker = Generator.returning(y -> {
 *     long me = y.yieldFrom(Sys.tid());
 *     y.yieldFrom(Sys.sleep(Duration.ofMillis(5)));
 *     return (int) me;
 * });
 * }</pre>
 *
 * <p>Nothing happens when a request is made, only when a task yields it to its scheduler; a request used outside
 * a scheduler fails with {@link IllegalStateException} at that {@code yieldFrom}. A subroutine that makes
 * requests is just another {@code Generator<Syscall, Object, T>} the task {@code yieldFrom}s (Python's
 * {@code yield from}): no trampoline is needed.
 *
 * <p>Every request is a switch point: after it, the task goes to the back of the ready queue. Requests that wait
 * (sleep, join, a full channel, a socket, {@link #checkpoint}) raise {@link Cancelled} if the task is cancelled.
 */
public final class Sys {
    private Sys() {
    }

    /** The calling task's id (Beazley's {@code GetTid}). */
    public static Generator<Syscall, Object, Long> tid() {
        return new TaskRequests.Immediate<>("tid", (k, t) -> t.id);
    }

    /** The calling task's handle. */
    public static Generator<Syscall, Object, Task<?>> current() {
        return new TaskRequests.Immediate<>("current", (k, t) -> t);
    }

    /** Starts {@code body} as a new task (Beazley's {@code NewTask}); the new task runs before the caller goes on. */
    public static <R> Generator<Syscall, Object, Task<R>> spawn(Generator<Syscall, Object, R> body) {
        return new TaskRequests.Spawn<>(body, null, null);
    }

    /** Starts {@code body} as a new task named {@code name}. */
    public static <R> Generator<Syscall, Object, Task<R>> spawn(String name, Generator<Syscall, Object, R> body) {
        return new TaskRequests.Spawn<>(body, java.util.Objects.requireNonNull(name, "name"), null);
    }

    /**
     * Kills a task at once (Beazley's {@code KillTask}): closes its generator at its wait, so its {@code finally}
     * blocks run before this returns; it ends {@link Task.State#KILLED}. Its {@code finally} blocks cannot make
     * requests (that is Python's "generator ignored GeneratorExit"); to let a task clean up with requests, use
     * {@link #cancel}. Returns false when the task had already ended.
     */
    public static Generator<Syscall, Object, Boolean> kill(Task<?> task) {
        return new TaskRequests.Kill(task);
    }

    /**
     * Cancels a task: {@link Cancelled} is raised at its current wait, or at its next one if it is ready to run. It
     * ends {@link Task.State#CANCELLED} when it lets the exception out. Returns at once (it does not wait for the
     * task to end; {@link #join} does); false when the task had already ended.
     */
    public static Generator<Syscall, Object, Boolean> cancel(Task<?> task) {
        return new TaskRequests.Cancel(task);
    }

    /**
     * Waits for a task to end (Beazley's {@code WaitTask}) and returns its result. If it failed, its exception is
     * raised here, the same object; if it was cancelled or killed, a
     * {@link java.util.concurrent.CancellationException} (as {@code Future.get} does).
     */
    public static <R> Generator<Syscall, Object, R> join(Task<R> task) {
        return new TaskRequests.Join<>(task);
    }

    /** Waits for {@code duration} of the scheduler's clock (virtual time in a simulation). */
    public static Generator<Syscall, Object, Void> sleep(Duration duration) {
        return new TaskRequests.Sleep(duration);
    }

    /**
     * Lets every other ready task run once, then goes on (Beazley's bare {@code yield}); raises {@link Cancelled}
     * if the task is cancelled (trio's checkpoint). A loop that computes for long should call it now and then.
     */
    public static Generator<Syscall, Object, Void> checkpoint() {
        return new TaskRequests.Checkpoint();
    }

    /** The scheduler's clock: the wall clock, or in a simulation virtual time starting at 2000-01-01T00:00Z. */
    public static Generator<Syscall, Object, Instant> now() {
        return new TaskRequests.Immediate<>("now", (k, t) -> k.instant());
    }

    /**
     * The scheduler's random source for tasks: seeded from the simulation's seed in a simulation, so that a run is
     * repeatable; unseeded otherwise. Use it only from tasks of that scheduler.
     */
    public static Generator<Syscall, Object, Random> random() {
        return new TaskRequests.Immediate<>("random", (k, t) -> k.taskRandom);
    }

    /**
     * Runs {@code body} in the calling task with a deadline: if it has not finished after {@code limit}, it is
     * cancelled ({@link Cancelled} at its wait; its {@code finally} blocks run) and this raises {@link TimedOut}.
     * Timeouts nest: the one whose deadline passed is the one that raises; an inner body that catches
     * {@link TimedOut} of its own timeout does not stop an outer one.
     */
    public static <T> Generator<Syscall, Object, T> timeout(Duration limit, Generator<Syscall, Object, T> body) {
        return new Deadline<>(limit, body, true);
    }

    /** As {@link #timeout}, but when the deadline passes the result is {@code null} instead of an exception. */
    public static <T> Generator<Syscall, Object, T> moveOnAfter(Duration limit, Generator<Syscall, Object, T> body) {
        return new Deadline<>(limit, body, false);
    }

    /**
     * Runs a task group: {@code body} gets the group, spawns tasks into it and may do anything else; the group
     * returns the body's result once every task in it has ended. See {@link TaskGroup} for failures:
     *
     * <pre>{@code
     * int sum = y.yieldFrom(Sys.group(g -> Generator.returning(gy -> {
     *     Task<Integer> a = gy.yieldFrom(g.spawn(count("a")));
     *     Task<Integer> b = gy.yieldFrom(g.spawn(count("b")));
     *     return gy.yieldFrom(Sys.join(a)) + gy.yieldFrom(Sys.join(b));
     * })));
     * }</pre>
     * The body is a generator of its own, with its own yielder ({@code gy}); using the outer one inside it fails.
     */
    public static <R> Generator<Syscall, Object, R> group(
            Function<? super TaskGroup, ? extends Generator<Syscall, Object, R>> body) {
        return new GroupRun<>(body);
    }

    /**
     * Runs every body as a task of one group and returns their results in order; the first failure cancels the
     * others and is raised (asyncio's {@code gather}, with a group's guarantees).
     */
    public static <R> Generator<Syscall, Object, List<R>> gather(List<? extends Generator<Syscall, Object, R>> bodies) {
        List<Generator<Syscall, Object, R>> all = List.copyOf(bodies);
        return Generator.returning(y -> {
            List<Task<R>> tasks = y.yieldFrom(group(g -> Generator.returning(gy -> {
                List<Task<R>> started = new ArrayList<>(all.size());
                for (Generator<Syscall, Object, R> b : all) {
                    started.add(gy.yieldFrom(g.spawn(b)));
                }
                return started;
            })));
            List<R> results = new ArrayList<>(tasks.size());
            for (Task<R> t : tasks) {
                results.add(t.result());
            }
            return results;
        });
    }

    // ------------------------------------------------------------------ sockets and files, both modes

    /**
     * Listens on {@code port} (0: any free port) on every interface, or on the calling task's host in a
     * simulation. Then {@link Listener#accept()} waits for connections.
     */
    public static Generator<Syscall, Object, Listener> listen(int port) {
        return new Nio.Listen(new InetSocketAddress(Nio.checkPort(port)), port);
    }

    /** Listens on one address (a simulation uses only its port). */
    public static Generator<Syscall, Object, Listener> listen(InetSocketAddress address) {
        return new Nio.Listen(address, address.getPort());
    }

    /**
     * Connects to {@code host:port}: a real TCP connection under a {@link Scheduler}, a simulated one to a
     * simulated host in a {@link Simulation}. Raises {@link java.io.UncheckedIOException} around a
     * {@link java.net.ConnectException} when refused.
     */
    public static Generator<Syscall, Object, Connection> connect(String host, int port) {
        return new Nio.Connect(host, port);
    }

    /**
     * Opens (creating it if needed) the file {@code name}: in the scheduler's {@linkplain Scheduler.Builder#files
     * directory}, or on the calling task's host's disk in a simulation. A plain name, no directories.
     */
    public static Generator<Syscall, Object, DataFile> open(String name) {
        return new Files.Open(name);
    }

    // ------------------------------------------------------------------ NIO channels, real mode only

    /**
     * Waits until {@code channel} is readable (for a server socket: has a connection to accept); Beazley's
     * {@code ReadWait}. It only waits: the task then reads (or accepts) itself, without blocking. The channel is
     * switched to non-blocking mode. One task at a time may wait to read a channel, and one to write it.
     */
    public static Generator<Syscall, Object, Void> readable(SelectableChannel channel) {
        return new Nio.Readiness(channel, true);
    }

    /** Waits until {@code channel} is writable (Beazley's {@code WriteWait}); see {@link #readable}. */
    public static Generator<Syscall, Object, Void> writable(SelectableChannel channel) {
        return new Nio.Readiness(channel, false);
    }

    /** Accepts a connection, waiting for one as needed; the socket comes back in non-blocking mode. */
    public static Generator<Syscall, Object, SocketChannel> accept(ServerSocketChannel server) {
        return new Nio.Accept<>(server, (k, c) -> c, "accept");
    }

    /** Reads into {@code dst}, waiting until some bytes are there; the count, or -1 at the end of the stream. */
    public static <C extends SelectableChannel & ReadableByteChannel> Generator<Syscall, Object, Integer> read(
            C channel, ByteBuffer dst) {
        return new Nio.Read<>(channel, dst, null);
    }

    /** Writes all of {@code src}, waiting while the channel cannot take more. */
    public static <C extends SelectableChannel & WritableByteChannel> Generator<Syscall, Object, Void> write(
            C channel, ByteBuffer src) {
        return new Nio.Write<>(channel, src);
    }

    // ------------------------------------------------------------------ bridges to threads and futures

    /**
     * Runs blocking {@code work} (a JDBC call, a file API without channels) on another thread and waits for its
     * result, which is returned here; its exception is raised here. The scheduler's thread keeps running other
     * tasks meanwhile. By default each call gets a new virtual thread ({@link Scheduler.Builder#blockingExecutor}
     * sets another executor). Cancelling the waiting task interrupts the work's thread. In a simulation the work
     * runs at once on the scheduler's thread and takes no simulated time, so that the run stays repeatable.
     */
    public static <T> Generator<Syscall, Object, T> blocking(java.util.concurrent.Callable<? extends T> work) {
        return new Bridges.Blocking<>(work);
    }

    /**
     * Waits for {@code future} (a {@link java.util.concurrent.CompletableFuture}, any
     * {@link java.util.concurrent.CompletionStage}) and returns its value, or raises its exception (unwrapped from
     * {@link java.util.concurrent.CompletionException}). Cancelling the waiting task does not cancel the future.
     * A simulation accepts only a future that is already complete.
     */
    public static <T> Generator<Syscall, Object, T> await(java.util.concurrent.CompletionStage<? extends T> future) {
        return new Bridges.Await<>(future);
    }
}
