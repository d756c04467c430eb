package io.jcoro.bench.core;

import io.jcoro.Backend;
import io.jcoro.Coroutine;
import io.jcoro.Generator;
import io.jcoro.StopIteration;
import io.jcoro.Yielder;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.LongSupplier;

/**
 * What compiled generators cost against what they replace, measured so that a busy machine cancels out: each
 * subject runs a slice, in turns, for many rounds in one JVM, and each is compared with its baseline of the
 * same round. Run with no JVM flags, from a platform thread, as a user's program would:
 * {@code java -cp bench/target/benchmarks.jar io.jcoro.bench.core.CompiledRatios [rounds]}
 * ({@code scripts/bench-compiled.sh} runs it between CPython runs of the same loops).
 *
 * <p>Prints, per subject, the median ns per operation over the rounds and the best round; then the ratios of
 * each pair, median and quartiles of the per-round ratio.
 */
public final class CompiledRatios {
    private CompiledRatios() {
    }

    static final int ROUNDS = 300;
    private static long sink;

    /** The seed's tally as a plain object: what a Java programmer would write without generators. */
    static final class TallyObject {
        private int score;

        int send(int increment) {
            score += increment;
            return score;
        }
    }

    /** Fibonacci, 30 values, as a hand-written Iterator (boxing, as a generator's values are boxed). */
    static final class FibIterator implements Iterator<Integer> {
        private int a;
        private int b = 1;
        private int left = 30;

        @Override
        public boolean hasNext() {
            return left > 0;
        }

        @Override
        public Integer next() {
            if (left <= 0) {
                throw new NoSuchElementException();
            }
            left--;
            int v = a;
            int t = a + b;
            a = b;
            b = t;
            return v;
        }
    }

    static Generator<Integer, Void, Void> fib() {
        return Generator.of(y -> {
            int a = 0;
            int b = 1;
            for (int i = 0; i < 30; i++) {
                y.yield(a);
                int t = a + b;
                a = b;
                b = t;
            }
        });
    }

    static Generator<Integer, Integer, Void> tally() {
        return Generator.of(y -> {
            int score = 0;
            while (true) {
                score += y.yield(score);
            }
        });
    }

    private static void tallyStep(Yielder<Integer, Integer> y, int[] score) {
        score[0] += y.yield(score[0]);
    }

    /** The same tally, yielding from a helper: not compilable, so it runs on the JVM's stackful backend. */
    static Generator<Integer, Integer, Void> stackfulTally() {
        return Generator.of(y -> {
            int[] score = new int[1];
            while (true) {
                tallyStep(y, score);
            }
        });
    }

    /** Beazley's benchmark: grep('python', null()), both coroutines. */
    static Coroutine<String> beazley() {
        Coroutine<String> nul = Coroutine.of(in -> {
            while (true) {
                in.receive();
            }
        });
        return Coroutine.of(in -> {
            while (true) {
                String line = in.receive();
                if (line.contains("python")) {
                    nul.send(line);
                }
            }
        });
    }

    private static final VarHandle STATE;
    private static volatile int state = 2;

    static {
        try {
            STATE = MethodHandles.lookup().findStaticVarHandle(CompiledRatios.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A subject: runs {@code ops} operations and returns a value to keep the work alive. */
    record Subject(String name, int ops, LongSupplier run) {
    }

    /** A call site of its own in each class loader that defines this class anew. */
    public static final class FirstUseFixture {
        public static Generator<Integer, Void, Void> make() {
            return Generator.of(y -> {
                for (int i = 0; i < 3; i++) {
                    y.yield(i);
                }
            });
        }
    }

    /** Defines FirstUseFixture itself, from the jar's bytes; everything else comes from the parent. */
    static final class FreshLoader extends ClassLoader {
        FreshLoader() {
            super(CompiledRatios.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(FirstUseFixture.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (var in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        byte[] b = in.readAllBytes();
                        c = defineClass(name, b, 0, b.length);
                    } catch (java.io.IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }

    /** Milliseconds for the first generator of a new call site: defining the lambda, compiling it, running it. */
    static double firstUseMillis() throws ReflectiveOperationException {
        java.lang.reflect.Method make = new FreshLoader().loadClass(FirstUseFixture.class.getName())
                .getMethod("make");
        long t0 = System.nanoTime();
        Generator<?, ?, ?> g = (Generator<?, ?, ?>) make.invoke(null);
        g.next();
        long t1 = System.nanoTime();
        check(g.mechanism() == Backend.COMPILED, "the fixture must compile");
        return (t1 - t0) / 1e6;
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        double cold = firstUseMillis();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : ROUNDS;
        Integer one = 1;
        Generator<Integer, Integer, Void> t = tally();
        t.next();
        Generator<Integer, Integer, Void> st = stackfulTally();
        st.next();
        TallyObject obj = new TallyObject();
        Coroutine<String> grep = beazley();
        check(t.mechanism() == Backend.COMPILED && fib().mechanism() == Backend.COMPILED
                && grep.generator().mechanism() == Backend.COMPILED, "the benchmark bodies must compile");
        List<Subject> subjects = List.of(
                new Subject("tally send, compiled", 20_000, () -> {
                    long s = 0;
                    for (int i = 0; i < 20_000; i++) {
                        s += t.send(one);
                    }
                    return s;
                }),
                new Subject("tally send, plain object", 20_000, () -> {
                    long s = 0;
                    for (int i = 0; i < 20_000; i++) {
                        s += obj.send(one);
                    }
                    return s;
                }),
                new Subject("tally send, stackful body (" + st.mechanism() + ")", 200, () -> {
                    long s = 0;
                    for (int i = 0; i < 200; i++) {
                        s += st.send(one);
                    }
                    return s;
                }),
                new Subject("fib for-each per value, compiled", 600 * 30, () -> {
                    long s = 0;
                    for (int k = 0; k < 600; k++) {
                        for (int v : fib()) {
                            s += v;
                        }
                    }
                    return s;
                }),
                new Subject("fib for-each per value, hand-written Iterator", 600 * 30, () -> {
                    long s = 0;
                    for (int k = 0; k < 600; k++) {
                        Iterable<Integer> it = FibIterator::new;
                        for (int v : it) {
                            s += v;
                        }
                    }
                    return s;
                }),
                new Subject("create, run and finish a small generator, compiled", 10_000, () -> {
                    long s = 0;
                    for (int i = 0; i < 10_000; i++) {
                        for (int v : Generator.<Integer, Void>of(y -> y.yield(1))) {
                            s += v;
                        }
                    }
                    return s;
                }),
                new Subject("the same, ended by next() (a StopIteration with a trace)", 1_000, () -> {
                    long s = 0;
                    for (int i = 0; i < 1_000; i++) {
                        Generator<Integer, Void, Void> g = Generator.of(y -> y.yield(1));
                        s += g.next();
                        try {
                            g.next();
                        } catch (StopIteration end) {
                            s++;
                        }
                    }
                    return s;
                }),
                new Subject("Beazley grep -> null send, compiled", 20_000, () -> {
                    for (int i = 0; i < 20_000; i++) {
                        grep.send("python is nice");
                    }
                    return 1;
                }),
                new Subject("a CAS and a release store (the misuse guard, alone)", 20_000, () -> {
                    long s = 0;
                    for (int i = 0; i < 20_000; i++) {
                        if (STATE.compareAndSet(2, 1)) {
                            s++;
                        }
                        STATE.setRelease(2);
                    }
                    return s;
                }));
        double[][] ns = new double[subjects.size()][rounds];
        for (int warm = 0; warm < 30; warm++) {
            for (Subject s : subjects) {
                sink += s.run.getAsLong();
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < subjects.size(); i++) {
                Subject s = subjects.get(i);
                long t0 = System.nanoTime();
                sink += s.run.getAsLong();
                ns[i][r] = (System.nanoTime() - t0) / (double) s.ops;
            }
        }
        System.out.printf("# CompiledRatios: %d rounds, %s, %d CPUs%n", rounds, Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        Map<String, double[]> bySubject = new LinkedHashMap<>();
        for (int i = 0; i < subjects.size(); i++) {
            bySubject.put(subjects.get(i).name, ns[i]);
            double[] sorted = ns[i].clone();
            Arrays.sort(sorted);
            System.out.printf("%-58s median %9.2f ns  best %9.2f ns%n", subjects.get(i).name, sorted[rounds / 2],
                    sorted[0]);
        }
        ratio(bySubject, "tally send, compiled", "tally send, plain object");
        ratio(bySubject, subjects.get(2).name, "tally send, compiled");
        ratio(bySubject, "fib for-each per value, compiled", "fib for-each per value, hand-written Iterator");
        ratio(bySubject, "a CAS and a release store (the misuse guard, alone)", "tally send, compiled");
        double[] warm = new double[40];
        for (int i = 0; i < warm.length; i++) {
            warm[i] = firstUseMillis();
        }
        Arrays.sort(warm);
        System.out.printf("first use of a call site (compiling it): the JVM's first %.1f ms; later ones median %.2f ms,"
                + " best %.2f ms%n", cold, warm[warm.length / 2], warm[0]);
        System.out.println("# sink " + (sink == 42 ? "" : "ok"));
    }

    private static void ratio(Map<String, double[]> by, String a, String b) {
        double[] x = by.get(a);
        double[] y = by.get(b);
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            r.add(x[i] / y[i]);
        }
        r.sort(null);
        System.out.printf("ratio %s / %s: median %.2f (quartiles %.2f-%.2f)%n", a, b, r.get(r.size() / 2),
                r.get(r.size() / 4), r.get(3 * r.size() / 4));
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }
}
