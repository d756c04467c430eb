package io.jcoro.stress;

import io.jcoro.Generator;
import java.util.List;

/**
 * The shapes that crash JDK 25 when continuations are run nested under monitors (docs/backends.md has the
 * reproducer without jcoro), written with jcoro. Run in a child JVM by
 * {@link NestedMonitorCrashTest}: a crash kills only the child. Prints one line per shape and "all shapes ok".
 */
public final class NestedMonitorShapes {
    private NestedMonitorShapes() {
    }

    /** Three generators; each one's next() is called while holding a monitor, inside the next one's body. */
    static long threeLevelsUnderMonitors(int rounds) {
        return threeLevels(rounds, true);
    }

    /** The same with the top-level caller holding no monitor: only the bodies take monitors. */
    static long threeLevelsBodiesLocked(int rounds) {
        return threeLevels(rounds, false);
    }

    private static long threeLevels(int rounds, boolean lockCaller) {
        Generator<Integer, Void, Void> g0 = Generator.of(y -> {
            int i = 0;
            while (true) y.yield(i++);
        });
        Generator<Integer, Void, Void> g1 = Generator.of(y -> {
            while (true) y.yield(nextLocked(g0));
        });
        Generator<Integer, Void, Void> g2 = Generator.of(y -> {
            while (true) y.yield(nextLocked(g1));
        });
        long sum = 0;
        for (int i = 0; i < rounds; i++) sum += lockCaller ? nextLocked(g2) : g2.next();
        g2.close();
        g1.close();
        g0.close();
        return sum;
    }

    private static <T> T nextLocked(Generator<T, ?, ?> g) {
        synchronized (g) {
            return g.next();
        }
    }

    /** A recursive tree walk: a generator iterating generators, each level under its own monitor. */
    static Generator<Integer, Void, Void> walk(int depth) {
        return Generator.of(y -> {
            Object lock = new Object();
            if (depth == 0) {
                synchronized (lock) {
                    y.yield(0);
                    y.yield(1);
                }
                return;
            }
            synchronized (lock) {
                for (int v : walk(depth - 1)) {
                    synchronized (lock) {
                        y.yield(v + 1);
                    }
                }
            }
        });
    }

    static long deepWalk(int depth) {
        long sum = 0;
        for (int v : walk(depth)) sum += v;
        return sum;
    }

    /** The caller and the body take the same monitor; the body yields while holding it. */
    static long sameMonitorCallerAndBody(int rounds) {
        Object m = new Object();
        Generator<Integer, Void, Void> g = Generator.of(y -> {
            int i = 0;
            while (true) {
                synchronized (m) {
                    y.yield(i++);
                }
            }
        });
        long sum = 0;
        for (int i = 0; i < rounds; i++) {
            synchronized (m) {
                sum += g.next();
            }
        }
        g.close();
        return sum;
    }

    /** Runs a shape on a virtual thread (whose own continuation is then the outermost one). */
    static long onVirtualThread(java.util.function.LongSupplier shape) throws InterruptedException {
        long[] out = new long[1];
        Throwable[] err = new Throwable[1];
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                out[0] = shape.getAsLong();
            } catch (Throwable e) {
                err[0] = e;
            }
        });
        t.join();
        if (err[0] != null) throw new AssertionError(err[0]);
        return out[0];
    }

    /** Runs the named shapes (all when none is named); a "v" prefix runs the shape on a virtual thread. */
    public static void main(String[] args) throws Exception {
        List<String> names = args.length > 0 ? List.of(args)
                : List.of("three", "bodies", "walk", "same", "vthree", "vbodies", "vwalk", "vsame");
        for (String name : names) {
            boolean virtual = name.startsWith("v");
            String shape = virtual ? name.substring(1) : name;
            java.util.function.LongSupplier run = switch (shape) {
                case "three" -> () -> threeLevelsUnderMonitors(ROUNDS);
                case "bodies" -> () -> threeLevelsBodiesLocked(ROUNDS);
                case "walk" -> () -> deepWalk(1000);
                case "same" -> () -> sameMonitorCallerAndBody(ROUNDS);
                default -> throw new IllegalArgumentException("unknown shape " + name);
            };
            long want = shape.equals("walk") ? 1000 + 1001 : sumTo(ROUNDS);
            long got = virtual ? onVirtualThread(run) : run.getAsLong();
            if (got != want) throw new AssertionError(name + ": got " + got + ", want " + want);
            System.out.println("ok: " + name);
        }
        System.out.println("all shapes ok on " + Generator.backend());
    }

    private static final int ROUNDS = 10_000;

    private static long sumTo(int n) {
        return (long) n * (n - 1) / 2;
    }

}
