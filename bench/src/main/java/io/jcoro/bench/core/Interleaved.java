package io.jcoro.bench.core;

import io.jcoro.Backend;
import io.jcoro.Generator;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;
import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;

/**
 * The continuation backend's cost over a bare continuation, measured so that a busy machine cancels out: the raw
 * round trip, jcoro's {@code next()} and {@code send()}, and models of jcoro's ingredients run in turns of
 * {@link #SLICE} calls each, in one JVM, for many rounds, and each is divided by the raw round trip of the same
 * round, which saw the same load. Prints the median per-call time, the best slice (what the machine gives when
 * nothing else runs), and the median and quartiles of the per-round ratio.
 *
 * <p>It complements {@link RoundTrip}, whose benchmarks run one after another, each in its own fork: on a shared
 * two-core machine, load that comes and goes lands on one and not the other, and single JMH ratios of two
 * ~200 ns figures moved by ±40% from run to run.
 *
 * <p>The models (not jcoro code; each adds one ingredient of what jcoro does per call to the raw round trip):
 * <ul>
 *   <li>{@code +state CAS/release}: a CAS of a state field from SUSPENDED to RUNNING before {@code run()} and a
 *       release store back after it, as {@code GeneratorCore.send} does.</li>
 *   <li>{@code +2 current-continuation look-ups}: {@code Continuation.getCurrentContinuation} on the caller's side
 *       (jcoro asks whether it is inside a body, to trampoline) and in the body before yielding (jcoro checks the
 *       yielder's body is the one running).</li>
 *   <li>{@code +3 frames under the body}: the body loop entered through three more frames, as jcoro's body runs
 *       under {@code GeneratorCore.runBody} and the {@code Generator.of} adapter.</li>
 * </ul>
 *
 * <p>Run: {@code java --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -Djcoro.backend=continuation -Djcoro.compile=false
 * -cp bench/target/benchmarks.jar io.jcoro.bench.core.Interleaved [rounds]}. For a profiler,
 * {@code Interleaved only <subject number> <rounds>} runs one subject alone (0 raw, 1 next, 2 send, ...).
 */
public final class Interleaved {
    private Interleaved() {
    }

    static final int SLICE = 2_000;
    static final int SUSPENDED = 2, RUNNING = 1;
    private static final ContinuationScope SCOPE = new ContinuationScope("interleaved");
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findStaticVarHandle(Interleaved.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static volatile int state = SUSPENDED;
    private static int value;
    private static long sink;

    public static void main(String[] args) {
        boolean only = args.length > 0 && args[0].equals("only");
        int subject = only ? Integer.parseInt(args[1]) : -1;
        int rounds = only ? Integer.parseInt(args[2]) : args.length > 0 ? Integer.parseInt(args[0]) : 4_000;
        if (Generator.backend() != Backend.CONTINUATION) {
            throw new IllegalStateException("expected the continuation backend; run java with"
                    + " --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -Djcoro.backend=continuation"
                    + " -Djcoro.compile=false");
        }
        Continuation raw = started(() -> {
            while (true) {
                value++;
                Continuation.yield(SCOPE);
            }
        });
        Continuation looking = started(() -> {
            while (true) {
                value++;
                if (Continuation.getCurrentContinuation(SCOPE) == null) {
                    throw new AssertionError();
                }
                Continuation.yield(SCOPE);
            }
        });
        Continuation deeper = started(Interleaved::first);
        Generator<Integer, Void, Void> counter = Gens.counter();
        Generator<Integer, Integer, Void> tally = Gens.tally();
        counter.next();
        tally.next();

        Map<String, DoubleSupplier> subjects = new LinkedHashMap<>();
        subjects.put("raw Continuation round trip", () -> rawSlice(raw));
        subjects.put("jcoro next()", () -> nextSlice(counter));
        subjects.put("jcoro send(1)", () -> sendSlice(tally));
        subjects.put("raw +state CAS/release", () -> stateSlice(raw));
        subjects.put("raw +2 current-continuation look-ups", () -> lookupSlice(looking));
        subjects.put("raw +3 frames under the body", () -> rawSlice(deeper));
        DoubleSupplier[] slices = subjects.values().toArray(DoubleSupplier[]::new);
        String[] names = subjects.keySet().toArray(String[]::new);
        int n = slices.length;
        if (only) {
            double best = Double.MAX_VALUE;
            for (int r = 0; r < rounds; r++) {
                best = Math.min(best, slices[subject].getAsDouble());
            }
            System.out.printf("%s alone, %d slices of %,d calls: best %.1f ns%n", names[subject], rounds, SLICE, best);
            return;
        }

        for (int r = 0; r < rounds / 4; r++) { // warm-up
            for (DoubleSupplier s : slices) {
                s.getAsDouble();
            }
        }
        double[][] ns = new double[n][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < n; k++) {
                int j = (r + k) % n; // rotate, so that no subject always runs first after a pause
                ns[j][r] = slices[j].getAsDouble();
            }
        }
        System.out.printf("interleaved, %d rounds of %,d calls per subject (%s)%n", rounds, SLICE,
                Runtime.version());
        System.out.printf("  %-38s %9s %9s   %s%n", "", "median", "best", "per-round ratio to raw: median (quartiles)");
        for (int j = 0; j < n; j++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = ns[j][r] / ns[0][r];
            }
            System.out.printf("  %-38s %6.1f ns %6.1f ns   %.2f (%.2f-%.2f)%n", names[j], quantile(ns[j], 0.5),
                    quantile(ns[j], 0), quantile(ratio, 0.5), quantile(ratio, 0.25), quantile(ratio, 0.75));
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    private static Continuation started(Runnable body) {
        Continuation c = new Continuation(SCOPE, body);
        c.run();
        return c;
    }

    private static void first() {
        second();
    }

    private static void second() {
        third();
    }

    private static void third() {
        while (true) {
            value++;
            Continuation.yield(SCOPE);
        }
    }

    private static double rawSlice(Continuation c) {
        long start = System.nanoTime();
        for (int i = 0; i < SLICE; i++) {
            c.run();
        }
        long t = System.nanoTime() - start;
        sink += value;
        return (double) t / SLICE;
    }

    private static double stateSlice(Continuation c) {
        long start = System.nanoTime();
        for (int i = 0; i < SLICE; i++) {
            if (!STATE.compareAndSet(SUSPENDED, RUNNING)) {
                throw new IllegalStateException("already executing");
            }
            c.run();
            STATE.setRelease(SUSPENDED);
        }
        long t = System.nanoTime() - start;
        sink += value;
        return (double) t / SLICE;
    }

    private static double lookupSlice(Continuation c) {
        long start = System.nanoTime();
        for (int i = 0; i < SLICE; i++) {
            if (Continuation.getCurrentContinuation(SCOPE) != null) {
                throw new AssertionError();
            }
            c.run();
        }
        long t = System.nanoTime() - start;
        sink += value;
        return (double) t / SLICE;
    }

    private static double nextSlice(Generator<Integer, Void, Void> g) {
        long s = 0;
        long start = System.nanoTime();
        for (int i = 0; i < SLICE; i++) {
            s += g.next();
        }
        long t = System.nanoTime() - start;
        sink += s;
        return (double) t / SLICE;
    }

    private static double sendSlice(Generator<Integer, Integer, Void> g) {
        long s = 0;
        long start = System.nanoTime();
        for (int i = 0; i < SLICE; i++) {
            s += g.send(1);
        }
        long t = System.nanoTime() - start;
        sink += s;
        return (double) t / SLICE;
    }

    private static double quantile(double[] xs, double q) {
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }
}
