package io.jcoro.sched;

import io.jcoro.Generator;
import java.time.Duration;
import java.util.Random;

/**
 * The scheduler in simulation mode: the same tasks, run deterministically.
 * <ul>
 *   <li>Time is virtual: when every task waits, the clock jumps to the next timer, so sleeping an hour takes no
 *       real time.</li>
 *   <li>The next task to run is chosen by a random source seeded with {@link #seed()} (or first in, first out),
 *       so different seeds explore different interleavings and the same seed gives the same run: the
 *       {@linkplain #trace() trace} is identical, byte for byte.</li>
 * </ul>
 *
 * <p>Nothing in a simulation may depend on the world outside it: no real sockets, threads, wall clock or unseeded
 * randomness in the tasks (use {@link Sys#now()} and {@link Sys#random()}), and no iteration over identity hash
 * codes.
 */
public final class Simulation {
    private final long seed;
    private final Kernel kernel;
    private final SimWorld world;

    private Simulation(Builder b) {
        this.seed = b.seed;
        Random root = new Random(b.seed);
        this.world = new SimWorld(new Random(root.nextLong()));
        Random picker = b.fifo ? null : new Random(root.nextLong());
        Random forTasks = new Random(root.nextLong());
        Kernel.Hooks h = new Kernel.Hooks();
        h.onTaskEnd = b.onTaskEnd;
        h.onUncaught = b.onUncaught;
        h.onWarning = b.onWarning;
        this.kernel = new Kernel(h, picker, forTasks, world);
        if (b.trace) {
            kernel.recordTrace();
        }
    }

    /** A simulation driven by {@code seed}. */
    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    public long seed() {
        return seed;
    }

    /**
     * Runs {@code main} as a task on host {@code host} until it ends, then cancels the other tasks and runs until
     * they have ended, as {@link Scheduler#run(Generator)}.
     */
    public <R> R run(String host, Generator<Syscall, Object, R> main) {
        return kernel.runMain(kernel.spawn(main, "main", world.host(host), null));
    }

    /** Adds a task on {@code host}, to run when {@link #run} runs. */
    public <R> Task<R> spawn(String host, String name, Generator<Syscall, Object, R> body) {
        return kernel.spawn(body, name, world.host(host), null);
    }

    /** Virtual time since the start. */
    public Duration elapsed() {
        return Duration.ofNanos(kernel.now());
    }

    /** How many requests the tasks made. */
    public long steps() {
        return kernel.steps();
    }

    /**
     * The trace: one line per request, task start and end, and event of the simulated world, each with its virtual
     * time ("12.004500 task 3 (replica r1) sleep 5000us"). Recorded only when the builder asked for it.
     *
     * @throws IllegalStateException when the trace was not recorded
     */
    public String trace() {
        String t = kernel.traceText();
        if (t == null) {
            throw new IllegalStateException("the trace was not recorded: use Simulation.builder(seed).trace(true)");
        }
        return t;
    }

    /** A hash of everything the trace holds, kept even when the text is not recorded. */
    public long traceHash() {
        return kernel.traceHash();
    }

    /** How to make a {@link Simulation}. */
    public static final class Builder {
        private final long seed;
        private boolean fifo;
        private boolean trace;
        private java.util.function.Consumer<? super Task<?>> onTaskEnd;
        private java.util.function.BiConsumer<? super Task<?>, ? super Throwable> onUncaught;
        private java.util.function.Consumer<? super String> onWarning;

        private Builder(long seed) {
            this.seed = seed;
        }

        /** Runs ready tasks first in, first out instead of in a seeded random order. */
        public Builder fifo() {
            this.fifo = true;
            return this;
        }

        /** Records the trace text ({@link Simulation#trace()}). */
        public Builder trace(boolean record) {
            this.trace = record;
            return this;
        }

        public Builder onTaskEnd(java.util.function.Consumer<? super Task<?>> action) {
            this.onTaskEnd = action;
            return this;
        }

        public Builder onUncaught(java.util.function.BiConsumer<? super Task<?>, ? super Throwable> action) {
            this.onUncaught = action;
            return this;
        }

        public Builder onWarning(java.util.function.Consumer<? super String> action) {
            this.onWarning = action;
            return this;
        }

        public Simulation build() {
            return new Simulation(this);
        }
    }
}
