package io.jcoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcoro.FuzzRuntime.Ctx;
import io.jcoro.FuzzRuntime.FuzzException;
import io.jcoro.internal.Compiler;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing of the compiled backend: random Python-shaped generator bodies ({@link FuzzSource}) are
 * compiled with the JDK's javac at test time into a class loader of their own, and each is driven twice with
 * the same random operations ({@link Kind}), once as a compiled state machine ({@code Generator.returning}) and once
 * on the stackful backend ({@code new RealGenerator<>(body)}, which never compiles). The two traces (each
 * operation's value or exception, the state after it, the result, and every line the body traced) must be
 * identical. A difference fails with the seed, the case, the body's source, the operations (also shrunk to a
 * minimal sequence that still differs), both traces side by side and the stack trace of the compiled run's first
 * differing exception. A body jcoro refuses to compile is a failure too: every generated body is Python-shaped.
 * A case is one body and one operation sequence; each body gets {@code jcoro.fuzz.runs} sequences.
 *
 * <p>The fixed seed runs in the {@code compiler} surefire execution. A longer run, with another seed:
 * <pre>
 * bin/mvnw -pl core -am test -Dtest=DifferentialFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Djcoro.fuzz.cases=200000 -Djcoro.fuzz.seed=7
 * </pre>
 * Properties: {@code jcoro.fuzz.seed}, {@code jcoro.fuzz.cases}, {@code jcoro.fuzz.bodies} (bodies per javac
 * run), {@code jcoro.fuzz.runs} (operation sequences per body), {@code jcoro.fuzz.case} (run that one case
 * only, to reproduce a failure), {@code jcoro.fuzz.report} (how many differing cases to describe before failing),
 * {@code jcoro.fuzz.sources} (a directory to write the generated sources to), {@code jcoro.fuzz.summary} (a file to
 * append the summary line to), {@code jcoro.fuzz.known} (the shapes with known bugs to leave out; see
 * {@link FuzzSource#AVOIDED}), {@code jcoro.fuzz.stall} (milliseconds without progress that count as a hang).
 */
@Tag("compiler")
public class DifferentialFuzzTest {

    private static final long SEED = Long.getLong("jcoro.fuzz.seed", 20261207L);
    private static final int CASES = Integer.getInteger("jcoro.fuzz.cases", 2100);
    private static final int BODIES = Integer.getInteger("jcoro.fuzz.bodies", 60);
    private static final int RUNS = Integer.getInteger("jcoro.fuzz.runs", 35);
    private static final int ONLY = Integer.getInteger("jcoro.fuzz.case", -1);
    private static final int REPORT = Integer.getInteger("jcoro.fuzz.report", 3);
    /** No case takes this long; a case that does has hung (a loop in a generated machine). */
    private static final long STALL_MILLIS = Long.getLong("jcoro.fuzz.stall", 120_000);

    @Test
    void compiledBodiesBehaveExactlyAsStackfulOnes() throws Exception {
        // a stall fails here, with the fuzzer's thread left hanging: a daemon, so the JVM still exits
        assumeTrue(Generator.returning(y -> y.yield(1)).mechanism() == Backend.COMPILED,
                "compilation is off in this run (-Djcoro.compile=false)");
        Fuzz fuzz = new Fuzz();
        Thread worker = new Thread(fuzz, "differential-fuzz");
        worker.setDaemon(true);
        // a body that keeps ignoring GeneratorExit is left suspended; its finaliser reports that: count, not log
        Generator.setUnraisableHook(t -> fuzz.unraisable.incrementAndGet());
        try {
            worker.start();
            watch(worker, fuzz);
        } finally {
            Generator.setUnraisableHook(null);
        }
        if (fuzz.error != null) {
            throw new AssertionError("the fuzzer itself failed (seed " + SEED + ") at " + fuzz.current + "; before: "
                    + fuzz.summary(), fuzz.error);
        }
        String summary = fuzz.summary();
        System.out.println(summary);
        String file = System.getProperty("jcoro.fuzz.summary");
        if (file != null) {
            Files.writeString(Path.of(file), summary + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
        if (!fuzz.reports.isEmpty()) {
            fail(fuzz.differing + " of " + fuzz.cases + " cases differ, " + fuzz.notCompiledBodies
                    + " generated bodies are not compiled (seed " + SEED + ")\n\n" + String.join("\n\n", fuzz.reports));
        }
        assertEquals(ONLY >= 0 ? 1 : CASES, fuzz.cases, "cases run");
    }

    /** Waits for the worker; fails with where it is stuck if it makes no progress for a while. */
    private static void watch(Thread worker, Fuzz fuzz) throws InterruptedException {
        while (worker.isAlive()) {
            worker.join(1000);
            if (worker.isAlive() && System.currentTimeMillis() - fuzz.progressAt > STALL_MILLIS) {
                StringBuilder stack = new StringBuilder();
                for (StackTraceElement e : worker.getStackTrace()) {
                    stack.append("\n\tat ").append(e);
                }
                FuzzSource.Batch batch = fuzz.currentBatch;
                fail("no progress for " + STALL_MILLIS / 1000 + " s (seed " + SEED + "), at " + fuzz.current
                        + " (again: " + reproduce(fuzz.currentCase) + ")"
                        + "; the fuzzer's thread:" + stack + "\n\n"
                        + (batch != null && fuzz.currentBody >= 0 ? batch.sourceOf(fuzz.currentBody) : ""));
            }
        }
    }

    // ------------------------------------------------------------------ the run

    private static final class Fuzz implements Runnable {
        volatile long progressAt = System.currentTimeMillis();
        volatile String current = "javac";
        volatile FuzzSource.Batch currentBatch;
        volatile int currentBody = -1;
        volatile int currentCase = -1;
        Throwable error;
        final List<String> reports = new ArrayList<>();
        int cases;
        int bodies;
        int differing;
        int notCompiledBodies;
        int tooLarge;
        final AtomicInteger unraisable = new AtomicInteger();
        long ops;
        long javacNanos;
        long jcoroNanos;
        long runNanos;
        long compiledNanos;
        long stackfulNanos;
        final long start = System.nanoTime();

        @Override
        public void run() {
            try {
                int perBatch = BODIES * RUNS;
                int first = ONLY >= 0 ? ONLY : 0;
                int end = ONLY >= 0 ? ONLY + 1 : CASES;
                for (int batchStart = first - first % perBatch; batchStart < end; batchStart += perBatch) {
                    int batchNo = batchStart / perBatch;
                    batch(batchNo, Math.max(first, batchStart), Math.min(end, batchStart + perBatch));
                }
            } catch (Throwable t) {
                error = t;
            }
        }

        private void batch(int batchNo, int from, int to) throws Throwable {
            current = "javac, batch " + batchNo;
            progressAt = System.currentTimeMillis();
            long t0 = System.nanoTime();
            FuzzSource.Batch batch = FuzzSource.batch(mix(SEED, batchNo), BODIES);
            bodies += BODIES;
            Path dir = Files.createTempDirectory("jcoro-fuzz");
            try (URLClassLoader loader = compile(batch, dir)) {
                MethodHandle[] factories = new MethodHandle[BODIES];
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                for (FuzzSource.Body b : batch.bodies()) {
                    // new Gk(ctx).bN(d), as (Ctx, int) -> body
                    Class<?> c = loader.loadClass(FuzzSource.PACKAGE + "." + b.className());
                    Class<?> type = b.returning() ? Generator.ReturningBody.class : Generator.Body.class;
                    MethodHandle make = lookup.findConstructor(c, MethodType.methodType(void.class, Ctx.class));
                    MethodHandle body = lookup.findVirtual(c, b.method(), MethodType.methodType(type, int.class));
                    factories[b.index()] = MethodHandles.filterArguments(body, 0, make);
                }
                long t1 = System.nanoTime();
                javacNanos += t1 - t0;
                // compile every body now, so that the running time below is only running
                for (FuzzSource.Body b : batch.bodies()) {
                    current = "compiling body b" + b.index();
                    progressAt = System.currentTimeMillis();
                    Compiler.whyNot(factories[b.index()].invoke(new Ctx(true, new ArrayList<>(), new ArrayList<>()),
                            0));
                }
                long t2 = System.nanoTime();
                jcoroNanos += t2 - t1;
                Set<String> refused = new LinkedHashSet<>();
                for (int n = from; n < to; n++) {
                    int body = (n % (BODIES * RUNS)) / RUNS;
                    current = "case " + n + " (body b" + body + ")";
                    progressAt = System.currentTimeMillis();
                    FuzzSource.Body b = batch.bodies().get(body);
                    currentBatch = batch;
                    currentBody = body;
                    currentCase = n;
                    List<Op> ops = ops(new SplittableRandom(mix(SEED ^ 0x5DEECE66DL, n)));
                    current += " " + ops;
                    List<String> notCompiled = new ArrayList<>();
                    List<Throwable> compiledRaised = new ArrayList<>();
                    List<Throwable> stackfulRaised = new ArrayList<>();
                    long c0 = System.nanoTime();
                    List<String> compiled = drive(b, factories[body], ops, true, notCompiled, compiledRaised);
                    long c1 = System.nanoTime();
                    List<String> stackful = drive(b, factories[body], ops, false, notCompiled, stackfulRaised);
                    compiledNanos += c1 - c0;
                    stackfulNanos += System.nanoTime() - c1;
                    tally(compiled);
                    cases++;
                    this.ops += ops.size();
                    for (String why : notCompiled) {
                        if (!refused.add(why)) {
                            continue; // this batch has seen it already
                        }
                        if (FuzzSource.AVOIDED.contains("size") && (why.contains("MethodTooLargeException")
                                || why.contains("LimitExceededException"))) {
                            tooLarge++; // a known limitation (CompiledRegressionTest), not a new finding
                            continue;
                        }
                        notCompiledBodies++;
                        if (reports.size() < REPORT) {
                            reports.add("case " + n + " (" + reproduce(n) + "): a generated body is not compiled: "
                                    + why + "\n" + batch.sourceOf(body));
                        }
                    }
                    if (!compiled.equals(stackful)) {
                        differing++;
                        if (reports.size() < REPORT) {
                            reports.add(report(n, batch, b, factories[body], ops, compiledRaised, stackfulRaised));
                        }
                    }
                }
                runNanos += System.nanoTime() - t2;
            } finally {
                String keep = System.getProperty("jcoro.fuzz.sources");
                if (keep != null) {
                    Path kept = Path.of(keep, "batch" + batchNo);
                    Files.createDirectories(kept);
                    for (Map.Entry<String, String> f : batch.files().entrySet()) {
                        Files.writeString(kept.resolve(f.getKey() + ".java"), f.getValue());
                    }
                }
                Javac.delete(dir);
            }
        }

        /** What the traces show happened, summed over the compiled runs: a rough measure of coverage. */
        final Map<String, Integer> seen = new TreeMap<>();

        private static final String[] MARKS = {"< = ", "< ! ", "catch ", "finally ", "yieldFrom ", "drained ",
            "close res", "iterator close", "got r", "sent to ", "ignore ", "handled ", "return j", "throw j",
            "break j", "continue j", "(the one thrown in)", "generator raised StopIteration",
            "generator ignored GeneratorExit", "  each ", "StopIteration(", "ArithmeticException",
            "ArrayIndexOutOfBounds", "UnsupportedOperationException", "sync m", "poke ", "> other.next()",
            "case n", "already executing"};

        private void tally(List<String> trace) {
            for (String line : trace) {
                for (String m : MARKS) {
                    if (line.contains(m)) {
                        seen.merge(m.trim(), 1, Integer::sum);
                    }
                }
            }
        }

        String summary() {
            double secs = (System.nanoTime() - start) / 1e9;
            return String.format("differential fuzz: seed %d, %d cases (%d operations, %d bodies) in %.1f s: javac "
                    + "%.1f s, jcoro compiling %.1f s, running %.1f s (%.0f cases/s; compiled runs %.1f s, stackful "
                    + "%.1f s); %d differ, %d bodies not compiled (and %d too large for the machine, a known "
                    + "limitation); %d abandoned generators ignored GeneratorExit", SEED, cases, ops, bodies, secs,
                    javacNanos / 1e9, jcoroNanos / 1e9, runNanos / 1e9, cases / Math.max(runNanos / 1e9, 1e-9),
                    compiledNanos / 1e9, stackfulNanos / 1e9, differing, notCompiledBodies, tooLarge,
                    unraisable.get()) + "\ntrace lines by kind: " + seen;
        }
    }

    static long mix(long seed, long n) {
        long z = seed * 0x9E3779B97F4A7C15L + n * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ------------------------------------------------------------------ javac

    /** Compiles the batch into {@code dir} and returns a loader for it. */
    private static URLClassLoader compile(FuzzSource.Batch batch, Path dir) throws IOException {
        Map<String, String> sources = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> f : batch.files().entrySet()) {
            sources.put(FuzzSource.PACKAGE + "." + f.getKey(), f.getValue());
        }
        try {
            return Javac.compile(sources, dir);
        } catch (AssertionError e) {
            throw new AssertionError("a bug in FuzzSource: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ operations

    /**
     * The operations: the generator's own; two through its iterator view: {@code hasNext} (which runs the body
     * one step ahead and keeps the value) and {@code forEachRemaining} with an action that stops after {@code arg}
     * values by throwing; and {@code next} on another generator of the same body (made at its first use, with
     * depth 1), interleaved with the first.
     */
    enum Kind { NEXT, SEND, THROW, CLOSE, STATE, RESULT, HAS_NEXT, FOR_EACH, OTHER_NEXT }

    /** One operation on the generator; {@code arg} picks the value sent or the exception thrown in. */
    record Op(Kind kind, int arg) {
        @Override
        public String toString() {
            return switch (kind) {
                case SEND -> "send(" + FuzzRuntime.describe(FuzzRuntime.SENT[arg]) + ")";
                case THROW -> "throwIn(" + FuzzRuntime.exception(thrown(arg)) + ")";
                case HAS_NEXT -> "iterator().hasNext()";
                case FOR_EACH -> "iterator().forEachRemaining(at most " + arg + ")";
                case OTHER_NEXT -> "other.next()";
                default -> kind.name().toLowerCase() + "()";
            };
        }
    }

    private static final int THROWN_KINDS = 8;

    static Throwable thrown(int arg) {
        String m = String.valueOf(arg / THROWN_KINDS);
        return switch (arg % THROWN_KINDS) {
            case 0, 1 -> new FuzzException("m" + m);
            case 2 -> new RuntimeException("r" + m);
            case 3 -> new GeneratorExit("g" + m);
            case 4 -> new IllegalStateException("s" + m);
            case 5 -> new StopIteration("v" + m);
            case 6 -> new Exception("x" + m);
            default -> new Error("e" + m);
        };
    }

    static List<Op> ops(SplittableRandom r) {
        int n = 1 + r.nextInt(r.nextInt(3) == 0 ? 60 : 20);
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int roll = r.nextInt(100);
            Kind k = roll < 40 ? Kind.NEXT : roll < 64 ? Kind.SEND : roll < 81 ? Kind.THROW : roll < 87 ? Kind.CLOSE
                    : roll < 89 ? Kind.STATE : roll < 91 ? Kind.RESULT : roll < 95 ? Kind.HAS_NEXT : roll < 97
                    ? Kind.FOR_EACH : Kind.OTHER_NEXT;
            int arg = switch (k) {
                case SEND -> r.nextInt(FuzzRuntime.SENT.length);
                case THROW -> r.nextInt(THROWN_KINDS * 10);
                case FOR_EACH -> 1 + r.nextInt(r.nextBoolean() ? 4 : 40);
                default -> 0;
            };
            ops.add(new Op(k, arg));
        }
        return ops;
    }

    /** Runs one body with the operations on one backend and returns the whole trace. */
    static List<String> drive(FuzzSource.Body body, MethodHandle factory, List<Op> ops, boolean compiled,
            List<String> notCompiled) {
        return drive(body, factory, ops, compiled, notCompiled, new ArrayList<>());
    }

    /** As above; {@code raised} collects what each operation threw (null where it returned). */
    static List<String> drive(FuzzSource.Body body, MethodHandle factory, List<Op> ops, boolean compiled,
            List<String> notCompiled, List<Throwable> raised) {
        List<String> log = new ArrayList<>();
        Ctx c = new Ctx(compiled, log, notCompiled);
        try {
            Generator<Object, Object, ?> g = make(body, factory, c, 0);
            c.top = g;
            List<Generator<Object, Object, ?>> other = new ArrayList<>();
            int afterEnd = 0;
            for (Op op : ops) {
                if (g.state() == GeneratorState.CLOSED && ++afterEnd > 2) {
                    break; // two operations on the closed generator are enough
                }
                if (op.kind == Kind.OTHER_NEXT && other.isEmpty()) {
                    other.add(make(body, factory, c, 1));
                }
                raised.add(apply(op.kind == Kind.OTHER_NEXT ? other.get(0) : g, op, log));
            }
            // the end every caller should make: close, again while the body keeps ignoring GeneratorExit
            for (int i = 0; i < 4 && g.state() != GeneratorState.CLOSED; i++) {
                raised.add(apply(g, new Op(Kind.CLOSE, 0), log));
            }
            raised.add(apply(g, new Op(Kind.RESULT, 0), log));
        } finally {
            c.finish();
        }
        return log;
    }

    private static Generator<Object, Object, ?> make(FuzzSource.Body body, MethodHandle factory, Ctx c, int depth) {
        try {
            Object b = factory.invoke(c, depth);
            return body.returning() ? c.gen(cast(b)) : c.genVoid(cast(b));
        } catch (Throwable t) {
            throw new IllegalStateException("cannot make the body", t);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    /** Applies {@code op}, traces its outcome, and returns what it threw, or null. */
    private static Throwable apply(Generator<Object, Object, ?> g, Op op, List<String> log) {
        log.add("> " + op);
        Throwable raised = null;
        Throwable in = op.kind == Kind.THROW ? thrown(op.arg) : null;
        String out;
        try {
            out = switch (op.kind) {
                case NEXT, OTHER_NEXT -> "= " + FuzzRuntime.describe(g.next());
                case SEND -> "= " + FuzzRuntime.describe(g.send(FuzzRuntime.SENT[op.arg]));
                case THROW -> "= " + FuzzRuntime.describe(g.throwIn(in));
                case CLOSE -> {
                    g.close();
                    yield "= closed";
                }
                case STATE -> "= " + g.state();
                case RESULT -> "= " + FuzzRuntime.describe(g.result());
                case HAS_NEXT -> "= " + g.iterator().hasNext();
                case FOR_EACH -> {
                    int[] seen = {0};
                    g.iterator().forEachRemaining(v -> {
                        log.add("  each " + FuzzRuntime.describe(v));
                        if (++seen[0] >= op.arg) {
                            throw new FuzzException("enough");
                        }
                    });
                    yield "= all " + seen[0];
                }
            };
        } catch (Throwable t) {
            raised = t;
            out = "! " + FuzzRuntime.exception(t) + (t == in ? " (the one thrown in)" : "");
        }
        log.add("< " + out + "   [" + g.state() + "]");
        return raised;
    }

    // ------------------------------------------------------------------ reports

    /**
     * Describes a differing case: the operations shrunk, both traces of the shrunk run side by side, and the stack
     * trace of the first exception of the first (unshrunk) compiled run that differs from the stackful one (the
     * first: the JVM throws a linkage error again without its cause).
     */
    private static String report(int n, FuzzSource.Batch batch, FuzzSource.Body body, MethodHandle factory,
            List<Op> ops, List<Throwable> cRaised, List<Throwable> sRaised) {
        List<Op> small = shrink(body, factory, ops);
        List<String> c = drive(body, factory, small, true, new ArrayList<>());
        List<String> s = drive(body, factory, small, false, new ArrayList<>());
        StringBuilder traces = new StringBuilder();
        for (int i = 0; i < cRaised.size(); i++) {
            Throwable t = cRaised.get(i);
            Throwable u = i < sRaised.size() ? sRaised.get(i) : null;
            if (t != null && (u == null || !FuzzRuntime.exception(t).equals(FuzzRuntime.exception(u)))) {
                traces.append("\nthe compiled run's exception from operation ").append(i + 1)
                        .append(" of the unshrunk run:\n")
                        .append(stackTrace(t));
                break;
            }
        }
        return "case " + n + " (seed " + SEED + "; again: " + reproduce(n) + "): body b" + body.index()
                + " differs between the compiled and the stackful backend\n"
                + "operations: " + ops + "\n"
                + "shrunk to:  " + small + "\n\n"
                + batch.sourceOf(body.index()) + "\n"
                + sideBySide(c, s) + traces;
    }

    /** The properties that run case {@code n} alone (case numbers depend on the batch sizes). */
    static String reproduce(int n) {
        return "-Djcoro.fuzz.seed=" + SEED + " -Djcoro.fuzz.bodies=" + BODIES + " -Djcoro.fuzz.runs=" + RUNS
                + " -Djcoro.fuzz.case=" + n;
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String[] lines = w.toString().split("\n");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.length && i < 60; i++) {
            b.append(lines[i]).append('\n');
        }
        return b.toString();
    }

    /** Drops operations one at a time while the two backends still differ. */
    private static List<Op> shrink(FuzzSource.Body body, MethodHandle factory, List<Op> ops) {
        List<Op> best = new ArrayList<>(ops);
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int i = best.size() - 1; i >= 0; i--) {
                List<Op> fewer = new ArrayList<>(best);
                fewer.remove(i);
                if (!drive(body, factory, fewer, true, new ArrayList<>())
                        .equals(drive(body, factory, fewer, false, new ArrayList<>()))) {
                    best = fewer;
                    progress = true;
                }
            }
        }
        return best;
    }

    /** Both traces in two columns, differing rows marked with *; a long differing row also in full below it. */
    private static String sideBySide(List<String> compiled, List<String> stackful) {
        int width = 70;
        StringBuilder b = new StringBuilder(String.format("  %-" + width + "s | %s%n", "compiled", "stackful"));
        int rows = Math.max(compiled.size(), stackful.size());
        for (int i = 0; i < rows && i < 400; i++) {
            String l = i < compiled.size() ? compiled.get(i) : "";
            String r = i < stackful.size() ? stackful.get(i) : "";
            boolean same = l.equals(r);
            b.append(same ? "  " : "* ").append(String.format("%-" + width + "s | %s%n", clip(l, width), clip(r,
                    width)));
            if (!same && (l.length() > width || r.length() > width)) {
                b.append("      compiled: ").append(l).append('\n').append("      stackful: ").append(r).append('\n');
            }
        }
        return b.toString();
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 3) + "...";
    }
}
