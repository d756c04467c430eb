package io.jcoro.sched;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Runs a simulation scenario for seed after seed and stops at the first seed that fails (FoundationDB's and
 * TigerBeetle's simulation testing). A scenario builds a {@link Simulation} from the seed, runs the system under
 * test with its faults, and throws when something is wrong (an {@link AssertionError} from a checker, a deadlock,
 * any exception). Because a simulation is deterministic, the failing seed replays the failure exactly:
 *
 * <pre>{@code
 * Explorer.Result r = Explorer.explore(0, 10_000, seed -> KvSimulation.run(seed, Bug.MISSING_FSYNC));
 * if (r.failed()) System.out.println(r.report(seed -> "scripts/kv-sim.sh --seed " + seed));
 * }</pre>
 *
 * <p>Seeds may be run on several threads; the result is the same as on one: the lowest failing seed, found
 * after every lower seed ran and passed.
 */
public final class Explorer {
    private Explorer() {
    }

    /** One run of the system under test, from a seed; throws when the run is wrong. */
    @FunctionalInterface
    public interface Scenario {
        void run(long seed) throws Exception;
    }

    /** Explores {@code count} seeds from {@code first} on one thread. */
    public static Result explore(long first, long count, Scenario scenario) {
        return explore(first, count, 1, scenario);
    }

    /** Explores {@code count} seeds from {@code first} on {@code threads} threads. */
    public static Result explore(long first, long count, int threads, Scenario scenario) {
        Objects.requireNonNull(scenario, "scenario");
        if (count < 0 || threads < 1) {
            throw new IllegalArgumentException("need count >= 0 and threads >= 1: " + count + ", " + threads);
        }
        long t0 = System.nanoTime();
        AtomicLong next = new AtomicLong(first);
        long end = first + count;
        Object lock = new Object();
        long[] failedSeed = {Long.MAX_VALUE};
        Throwable[] failure = new Throwable[1];
        AtomicLong ran = new AtomicLong();
        Runnable worker = () -> {
            while (true) {
                long seed = next.getAndIncrement();
                synchronized (lock) {
                    if (seed >= end || seed > failedSeed[0]) {
                        return;
                    }
                }
                try {
                    scenario.run(seed);
                    ran.incrementAndGet();
                } catch (Throwable t) {
                    ran.incrementAndGet();
                    synchronized (lock) {
                        if (seed < failedSeed[0]) {
                            failedSeed[0] = seed;
                            failure[0] = t;
                        }
                    }
                }
            }
        };
        if (threads == 1) {
            worker.run();
        } else {
            List<Thread> all = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                all.add(Thread.ofPlatform().name("explorer-" + i).start(worker));
            }
            for (Thread t : all) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while exploring", e);
                }
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        return new Result(first, ran.get(), failure[0] == null ? null : failedSeed[0], failure[0], took);
    }

    /** What an exploration found. */
    public static final class Result {
        private final long first;
        private final long seedsRun;
        private final Long failedSeed;
        private final Throwable failure;
        private final Duration took;

        Result(long first, long seedsRun, Long failedSeed, Throwable failure, Duration took) {
            this.first = first;
            this.seedsRun = seedsRun;
            this.failedSeed = failedSeed;
            this.failure = failure;
            this.took = took;
        }

        public boolean failed() {
            return failure != null;
        }

        /**
         * The lowest failing seed.
         *
         * @throws IllegalStateException when every seed passed
         */
        public long failedSeed() {
            if (failedSeed == null) {
                throw new IllegalStateException("no seed failed");
            }
            return failedSeed;
        }

        /** What the failing seed threw, or null. */
        public Throwable failure() {
            return failure;
        }

        /** How many seeds ran (on several threads, some above the failing one may have run too). */
        public long seedsRun() {
            return seedsRun;
        }

        public Duration took() {
            return took;
        }

        /**
         * A report for people: how many seeds passed, and for a failure the seed, what it threw, and the command
         * that replays it ({@code replay} makes it from the seed).
         */
        public String report(LongFunction<String> replay) {
            String rate = String.format("%.0f seeds/s", seedsRun / Math.max(1e-9, took.toNanos() / 1e9));
            if (failure == null) {
                return "all " + seedsRun + " seeds passed (" + first + " to " + (first + seedsRun - 1) + ") in "
                        + seconds(took) + " s, " + rate;
            }
            return "seed " + failedSeed + " failed (" + (failedSeed - first) + " seeds passed before it, "
                    + seconds(took) + " s, " + rate + "): " + failure + "\nreplay: " + replay.apply(failedSeed);
        }

        private static String seconds(Duration d) {
            return String.format("%.1f", d.toNanos() / 1e9);
        }

        @Override
        public String toString() {
            return report(seed -> "seed " + seed);
        }
    }
}
