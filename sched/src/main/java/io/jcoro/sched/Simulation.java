package io.jcoro.sched;

import io.jcoro.Generator;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

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
        world.net.minLatency = b.minLatency;
        world.net.maxLatency = b.maxLatency;
        world.net.loss = b.loss;
        world.diskErrors = b.diskErrors;
        world.tornWrites = b.tornWrites;
        world.writeback = b.writeback;
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

    /**
     * Adds a host that runs {@code boot} as its first task when the simulation starts, and again each time it is
     * {@linkplain #restart restarted}. The host's tasks, listeners, connections and files belong to it.
     */
    public Simulation host(String name, Supplier<? extends Generator<Syscall, Object, ?>> boot) {
        SimHost h = world.host(java.util.Objects.requireNonNull(name, "name"));
        if (h.boot != null) {
            throw new IllegalArgumentException("host " + name + " has a boot task already");
        }
        h.boot = java.util.Objects.requireNonNull(boot, "boot");
        kernel.spawn(boot.get(), name, h, null);
        return this;
    }

    /** The hosts, in the order they were first named. */
    public List<String> hosts() {
        return List.copyOf(world.hosts.keySet());
    }

    /**
     * Crashes a host: its tasks are killed (their {@code finally} blocks run, but can no longer reach its disk or
     * the network), its connections are reset at both ends, its listeners close, and its disk loses what was not
     * synced. Returns false if it was down already. A request: a fault-injecting task yields it.
     */
    public Generator<Syscall, Object, Boolean> crash(String host) {
        return new Fault<>("crash " + host) {
            @Override
            Boolean apply(Kernel k, TaskImpl<?> t) {
                SimHost h = known(host);
                if (!h.up) {
                    return false;
                }
                h.up = false;
                h.incarnation++;
                k.traceEvent("crash " + h);
                for (TaskImpl<?> victim : k.live()) {
                    if (victim.host == h) {
                        k.kill(victim);
                    }
                }
                world.net.crashed(k, h);
                h.disk.crash(k.now());
                return true;
            }
        };
    }

    /** Restarts a crashed host: it boots again (its boot task, with its disk as the crash left it). */
    public Generator<Syscall, Object, Boolean> restart(String host) {
        return new Fault<>("restart " + host) {
            @Override
            Boolean apply(Kernel k, TaskImpl<?> t) {
                SimHost h = known(host);
                if (h.up) {
                    return false;
                }
                h.up = true;
                k.traceEvent("restart " + h);
                if (h.boot != null) {
                    k.spawn(h.boot.get(), h.name, h, null);
                }
                return true;
            }
        };
    }

    /**
     * Partitions the network: the hosts in {@code side} can talk among themselves, the others among themselves,
     * and nothing crosses. Replaces any earlier partition.
     */
    public Generator<Syscall, Object, Void> partition(Collection<String> side) {
        List<String> hosts = List.copyOf(side);
        return new Fault<>("partition") {
            @Override
            Void apply(Kernel k, TaskImpl<?> t) {
                hosts.forEach(Simulation.this::known);
                world.net.partition(k, hosts);
                return null;
            }
        };
    }

    /** Heals the partition: what waited to cross is delivered, in order, with fresh delays. */
    public Generator<Syscall, Object, Void> heal() {
        return new Fault<>("heal") {
            @Override
            Void apply(Kernel k, TaskImpl<?> t) {
                world.net.heal(k);
                return null;
            }
        };
    }

    /**
     * What a task on {@code host} would read from file {@code name} now (after a crash: what survived it), or
     * null when there is no such file. For checking a simulated system's disks from a test.
     */
    public byte[] fileContents(String host, String name) {
        return known(host).disk.contents(Files.checkName(name));
    }

    private SimHost known(String host) {
        SimHost h = world.hosts.get(host);
        if (h == null) {
            throw new IllegalArgumentException("no simulated host " + host + "; the hosts are " + hosts());
        }
        return h;
    }

    /** A request that changes the simulated world; only a task of this simulation may make it. */
    private abstract class Fault<T> extends Request<T> {
        private final String what;

        Fault(String what) {
            this.what = what;
        }

        abstract T apply(Kernel k, TaskImpl<?> t);

        @Override
        void handle(Kernel k, TaskImpl<?> t) {
            if (k != kernel) {
                k.readyError(t, new IllegalStateException(what + ": the request belongs to another simulation"));
                return;
            }
            T result;
            try {
                result = apply(k, t);
            } catch (RuntimeException e) {
                if (!t.isDone()) {
                    k.readyError(t, e);
                }
                return;
            }
            if (!t.isDone()) {
                k.ready(t, result);
            }
        }

        @Override
        String describe() {
            return what;
        }
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

    /**
     * A hash of the run, kept whether or not the text is recorded: the time, task and kind of every request, and
     * every task start and end and world event. Equal hashes: the runs took the same steps.
     */
    public long traceHash() {
        return kernel.traceHash();
    }

    /** How to make a {@link Simulation}. */
    public static final class Builder {
        private final long seed;
        private boolean fifo;
        private boolean trace;
        private long minLatency = 100_000;
        private long maxLatency = 2_000_000;
        private double loss;
        private double diskErrors;
        private boolean tornWrites;
        private long writeback = 30_000_000_000L;
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

        /** The network's delay for each segment: drawn between {@code min} and {@code max} (0.1 to 2 ms). */
        public Builder latency(Duration min, Duration max) {
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("latency: need 0 <= min <= max, got " + min + " and " + max);
            }
            this.minLatency = min.toNanos();
            this.maxLatency = max.toNanos();
            return this;
        }

        /** The chance that a segment is lost and must be sent again (after 200 ms, doubling); 0 by default. */
        public Builder packetLoss(double chance) {
            this.loss = chance(chance, "packetLoss");
            return this;
        }

        /** The chance that a disk write fails with an IOException; 0 by default. */
        public Builder diskErrors(double chance) {
            this.diskErrors = chance(chance, "diskErrors");
            return this;
        }

        /** Whether a crash may keep part of the first unsynced write it loses (a torn write); off by default. */
        public Builder tornWrites(boolean torn) {
            this.tornWrites = torn;
            return this;
        }

        /**
         * How long an unsynced write stays in the simulated page cache: a crash loses only younger writes (30 s
         * by default, Linux's {@code dirty_expire_centisecs}).
         */
        public Builder writeback(Duration delay) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("writeback: negative delay " + delay);
            }
            this.writeback = TaskRequests.saturatedNanos(delay);
            return this;
        }

        private static double chance(double p, String what) {
            if (!(p >= 0 && p < 1)) {
                throw new IllegalArgumentException(what + ": a chance in [0, 1), got " + p);
            }
            return p;
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
