package io.jcoro.sched;

import io.jcoro.Generator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Runs tasks on the calling thread: Beazley's {@code Scheduler}, with real time, real sockets (a
 * {@link java.nio.channels.Selector}) and real files. A task is a {@code Generator<Syscall, Object, R>}; it runs
 * until it yields a request, and the scheduler carries the request out and resumes it with the result.
 *
 * <pre>{@code
 * Scheduler s = Scheduler.create();
 * int answer = s.run(Generator.returning(y -> {
 *     Task<Integer> child = y.yieldFrom(Sys.spawn(Generator.returning(cy -> 6 * 7)));
 *     return y.yieldFrom(Sys.join(child));
 * }));
 * }</pre>
 *
 * <p>{@link #run(Generator)} returns when the main task ends: its result, or its exception raised again. Tasks
 * still running then are cancelled and run until they have ended, so nothing is left suspended. {@link #run()}
 * runs until every task has ended (Beazley's {@code mainloop}). When every task waits and nothing can wake any of
 * them, the run fails with {@link IllegalStateException} "deadlock: ..." naming each task and what it waits for.
 *
 * <p>One thread at a time runs a scheduler; its tasks run on that thread (or, on jcoro's virtual-thread backend, in
 * lockstep with it). Other threads hand it work with {@link #submit}. {@link Simulation} is the same scheduler with
 * virtual time, a seeded choice of the next task, and a simulated network and disks.
 */
public final class Scheduler {
    private final Kernel kernel;

    private Scheduler(Kernel kernel) {
        this.kernel = kernel;
    }

    /** A scheduler with the defaults: failures nobody joins and watchdog reports go to {@link System.Logger}. */
    public static Scheduler create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds a task, to run when {@link #run} runs (or at once, if called by a task of this scheduler). Call it from
     * the thread that runs the scheduler; other threads use {@link #submit}.
     */
    public <R> Task<R> spawn(Generator<Syscall, Object, R> body) {
        return spawn(null, body);
    }

    /** As {@link #spawn(Generator)}, with a name for messages and traces. */
    public <R> Task<R> spawn(String name, Generator<Syscall, Object, R> body) {
        if (!kernel.onLoopThread()) {
            throw new IllegalStateException("spawn called from " + Thread.currentThread()
                    + " while the scheduler runs on another thread: use submit");
        }
        return kernel.spawn(body, name, null, null);
    }

    /**
     * Runs {@code main} as a task, with every task spawned before, until {@code main} ends; then cancels the tasks
     * still running and runs until they have ended.
     *
     * @return the main task's result
     * @throws RuntimeException the main task's exception, as is (checked ones too, unwrapped); a
     *         {@link java.util.concurrent.CancellationException} if it was cancelled or killed
     * @throws IllegalStateException "deadlock: ..." when every task waits and nothing can wake them (every task
     *         is then killed, so its {@code finally} blocks run)
     */
    public <R> R run(Generator<Syscall, Object, R> main) {
        return run("main", main);
    }

    /** As {@link #run(Generator)}, naming the main task. */
    public <R> R run(String name, Generator<Syscall, Object, R> main) {
        if (!kernel.onLoopThread()) {
            throw new IllegalStateException("the scheduler is already running on another thread");
        }
        return kernel.runMain(kernel.spawn(main, name, null, null));
    }

    /** Runs until every task has ended (Beazley's {@code mainloop}). */
    public void run() {
        kernel.runAll();
    }

    /**
     * Hands {@code body} to the scheduler from any thread: it is spawned at the loop's next turn (of this run, or
     * of the next one), and the future completes with its result or exception. The way for ordinary threads,
     * virtual or not, to give work to a scheduler running elsewhere.
     */
    public <R> CompletableFuture<R> submit(Generator<Syscall, Object, R> body) {
        Objects.requireNonNull(body, "body");
        CompletableFuture<R> done = new CompletableFuture<>();
        kernel.externalWaitStarted();
        kernel.post(() -> {
            kernel.externalWaitEnded();
            TaskImpl<R> t = kernel.spawn(body, null, null, null);
            t.observed = true;
            t.onEnd(() -> {
                switch (t.state()) {
                    case RETURNED -> done.complete(t.result());
                    case FAILED -> done.completeExceptionally(t.failure());
                    default -> done.cancel(false);
                }
            });
        });
        return done;
    }

    /** Closes the selector the scheduler opened for sockets, if any. The scheduler can still run afterwards. */
    public void close() {
        kernel.shutdown();
    }

    /** How to make a {@link Scheduler}. */
    public static final class Builder {
        private final Kernel.Hooks hooks = new Kernel.Hooks();

        private Builder() {
        }

        /** Called on the scheduler thread each time a task ends (Beazley prints "Task 2 terminated" here). */
        public Builder onTaskEnd(Consumer<? super Task<?>> action) {
            hooks.onTaskEnd = action;
            return this;
        }

        /**
         * Where the exception of a task goes when it failed and nothing takes its outcome (no joiner at the time,
         * no group); by default {@link System.Logger} at WARNING.
         */
        public Builder onUncaught(BiConsumer<? super Task<?>, ? super Throwable> action) {
            hooks.onUncaught = action;
            return this;
        }

        /** Where warnings go (the watchdog, a task that ignored Cancelled); by default {@link System.Logger}. */
        public Builder onWarning(Consumer<? super String> action) {
            hooks.onWarning = action;
            return this;
        }

        /**
         * Reports a task that ran longer than {@code limit} between two requests, holding up every other task (a
         * blocking call, a long computation without {@link Sys#checkpoint()}). Costs two clock reads per step.
         */
        public Builder watchdog(Duration limit) {
            long n = TaskRequests.saturatedNanos(limit);
            if (n <= 0) {
                throw new IllegalArgumentException("watchdog limit must be positive: " + limit);
            }
            hooks.watchdogNanos = n;
            return this;
        }

        /** The directory {@link Sys#open(String)} opens files in. Without it, opening a file fails. */
        public Builder files(Path directory) {
            hooks.files = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Where {@link Sys#blocking} runs its work; by default a new virtual thread per call. */
        public Builder blockingExecutor(Executor executor) {
            hooks.blocking = Objects.requireNonNull(executor, "executor");
            return this;
        }

        public Scheduler build() {
            Kernel.Hooks h = new Kernel.Hooks();
            h.onTaskEnd = hooks.onTaskEnd;
            h.onUncaught = hooks.onUncaught;
            h.onWarning = hooks.onWarning;
            h.watchdogNanos = hooks.watchdogNanos;
            h.files = hooks.files;
            h.blocking = hooks.blocking;
            return new Scheduler(new Kernel(h, null, new Random(), null));
        }
    }
}
