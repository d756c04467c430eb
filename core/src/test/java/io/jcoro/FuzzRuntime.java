package io.jcoro;

import io.jcoro.internal.Compiler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.IntUnaryOperator;

/**
 * What the generator bodies of {@link DifferentialFuzzTest} call: a per-run context that records the body's trace,
 * makes sub-generators on the backend under test, and turns sent values into every primitive type. Public because
 * the bodies are compiled at test time into another package and class loader.
 */
public final class FuzzRuntime {
    private FuzzRuntime() {
    }

    /** The exception type the bodies and the driver throw; unchecked, so any try block may catch it. */
    public static class FuzzException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public FuzzException(String message) {
            super(message);
        }

        public FuzzException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Raised by {@link Ctx#t} once a run has traced far more than any generated body can: the backend under test
     * loops. An Error, and raised again on every later trace call, so catch clauses cannot keep the run alive.
     */
    public static final class Runaway extends Error {
        private static final long serialVersionUID = 1L;

        Runaway() {
            super("runaway: more than " + Ctx.LIMIT + " trace lines");
        }
    }

    /** The values the driver sends; the conversions below turn each into every kind a body keeps. */
    static final Object[] SENT = {null, 0, 1, 2, 3, -1, 7, "a", "b", "s", "", true, false, 5_000_000_000L, 2.5, 'q'};

    /** One run of one case: the trace, the backend, and every generator made, kept reachable until the end. */
    public static final class Ctx {
        static final int LIMIT = 20_000;

        private final boolean compiled;
        private final List<String> log;
        private final List<Generator<?, ?, ?>> made = new ArrayList<>();
        private final List<String> notCompiled;
        private volatile boolean done;
        private int lines;
        /** The generator the driver drives. */
        Generator<?, ?, ?> top;

        Ctx(boolean compiled, List<String> log, List<String> notCompiled) {
            this.compiled = compiled;
            this.log = log;
            this.notCompiled = notCompiled;
        }

        /**
         * Ends the run: later trace calls (a finaliser closing an abandoned generator on the cleaner thread) are
         * dropped, and the generators may be collected.
         */
        void finish() {
            synchronized (log) {
                done = true;
                made.clear();
            }
        }

        /**
         * Appends a line to the run's trace. Locks the log, not this context: bodies synchronize on the context,
         * and a body running inside another's synchronized block must not contend with it here.
         */
        public void t(String line) {
            synchronized (log) {
                if (done) {
                    return;
                }
                if (++lines > LIMIT) {
                    throw new Runaway();
                }
                log.add("    " + line);
            }
        }

        /** A generator running {@code body} on the backend of this run. */
        public Generator<Object, Object, Object> gen(Generator.ReturningBody<Object, Object, Object> body) {
            Generator<Object, Object, Object> g;
            if (compiled) {
                g = Generator.returning(body);
                if (g.mechanism() != Backend.COMPILED) {
                    notCompiled(body);
                }
            } else {
                g = new RealGenerator<>(body);
            }
            keep(g);
            return g;
        }

        /** A generator running the void {@code body} on the backend of this run. */
        Generator<Object, Object, Void> genVoid(Generator.Body<Object, Object> body) {
            Generator<Object, Object, Void> g;
            if (compiled) {
                g = Generator.of(body);
                if (g.mechanism() != Backend.COMPILED) {
                    notCompiled(body);
                }
            } else {
                g = new RealGenerator<>(y -> {
                    body.run(y);
                    return null;
                });
            }
            keep(g);
            return g;
        }

        private void keep(Generator<?, ?, ?> g) {
            synchronized (log) {
                if (!done) {
                    made.add(g);
                }
            }
        }

        private void notCompiled(Object body) {
            synchronized (notCompiled) {
                notCompiled.add(body.getClass().getName() + ": " + Compiler.whyNot(body));
            }
        }

        // ------------------------------------------------------------ conversions of sent values

        public int i(Object v) {
            if (v instanceof Integer n) {
                return n;
            }
            if (v instanceof Number n) {
                return n.intValue();
            }
            if (v instanceof String s) {
                return s.length();
            }
            if (v instanceof Boolean b) {
                return b ? 1 : 0;
            }
            if (v instanceof Character ch) {
                return ch;
            }
            return v == null ? 0 : 5;
        }

        public long l(Object v) {
            return v instanceof Number n ? n.longValue() : i(v) * 1_000_003L;
        }

        public double x(Object v) {
            return v instanceof Number n ? n.doubleValue() : i(v) + 0.25;
        }

        public boolean z(Object v) {
            if (v instanceof Boolean b) {
                return b;
            }
            return (i(v) & 1) == 1;
        }

        public char ch(Object v) {
            if (v instanceof Character ch) {
                return ch;
            }
            if (v instanceof String s && !s.isEmpty()) {
                return s.charAt(0);
            }
            return (char) ('a' + Math.floorMod(i(v), 26));
        }

        public String s(Object v) {
            return v instanceof String s ? s : v(v);
        }

        // ------------------------------------------------------------ calls that keep values on the stack

        public String m(long a, Object b, double x) {
            return "m(" + a + "," + v(b) + "," + x + ")";
        }

        public int m2(int a, Object b, char h) {
            return a * 31 + i(b) + h;
        }

        public String m3(String s, long a, Object b, int n) {
            return s + "/" + a + "/" + v(b) + "/" + n;
        }

        public int apply(IntUnaryOperator f, int v) {
            return f.applyAsInt(v);
        }

        public FuzzException fx(String message) {
            return new FuzzException(message);
        }

        public FuzzException fx(String message, Throwable cause) {
            return new FuzzException(message, cause);
        }

        /** Describes a value or an exception for the trace. */
        public String v(Object o) {
            return FuzzRuntime.describe(o);
        }

        // ------------------------------------------------------------ resources and iterables

        /** A resource for try-with-resources that traces its close; {@code fail}: close throws. */
        public Res res(String name, boolean fail) {
            t("open " + name);
            return new Res(this, name, fail);
        }

        /** A list for yieldAll; it may hold nulls. */
        public List<Object> list(Object... values) {
            return Arrays.asList(values);
        }

        /** An iterable whose iterator is AutoCloseable and traces its close. */
        public Iterable<Object> closing(String name, Object... values) {
            return () -> new ClosingIterator(this, name, values);
        }

        /** Calls next() on the driven generator from a body: "already executing" while it runs. */
        public void poke() {
            try {
                t("poke " + v(top.next()));
            } catch (Throwable e) {
                t("poke " + exception(e));
            }
        }

        /** Runs {@code g} with next() to its end (at most 50 values) outside yieldFrom; returns its result. */
        public String drain(Generator<Object, Object, Object> g) {
            for (int n = 0; n < 50; n++) {
                Object v;
                try {
                    v = g.next();
                } catch (StopIteration end) {
                    return "done " + v(end.value());
                }
                t("drained " + v(v));
            }
            g.close();
            return "cut";
        }
    }

    /** A resource whose close is traced. */
    public static final class Res implements AutoCloseable {
        private final Ctx ctx;
        private final String name;
        private final boolean fail;

        Res(Ctx ctx, String name, boolean fail) {
            this.ctx = ctx;
            this.name = name;
            this.fail = fail;
        }

        @Override
        public void close() {
            ctx.t("close " + name);
            if (fail) {
                throw new FuzzException("close " + name);
            }
        }

        @Override
        public String toString() {
            return "res " + name;
        }
    }

    private static final class ClosingIterator implements Iterator<Object>, AutoCloseable {
        private final Ctx ctx;
        private final String name;
        private final Object[] values;
        private int next;

        ClosingIterator(Ctx ctx, String name, Object[] values) {
            this.ctx = ctx;
            this.name = name;
            this.values = values;
        }

        @Override
        public boolean hasNext() {
            return next < values.length;
        }

        @Override
        public Object next() {
            if (next >= values.length) {
                throw new NoSuchElementException();
            }
            return values[next++];
        }

        @Override
        public void close() {
            ctx.t("iterator close " + name + " at " + next);
        }
    }

    /** A value as the trace shows it: type and content, never an identity hash. */
    static String describe(Object o) {
        return switch (o) {
            case null -> "null";
            case String s -> '"' + s + '"';
            case Long n -> n + "L";
            case Double n -> n + "d";
            case Float n -> n + "f";
            case Character ch -> "'" + ch + "'";
            case Byte n -> n + "b";
            case Short n -> n + "s";
            case Integer n -> n.toString();
            case Boolean b -> b.toString();
            case Res r -> r.toString();
            case int[] a -> Arrays.toString(a);
            case long[] a -> Arrays.toString(a) + "L";
            case Object[] a -> {
                StringBuilder b = new StringBuilder("{");
                for (Object e : a) {
                    b.append(b.length() > 1 ? "," : "").append(describe(e));
                }
                yield b.append('}').toString();
            }
            case CharSequence cs -> "sb'" + cs + "'";
            case List<?> list -> "list" + describe(list.toArray());
            case Throwable t -> exception(t);
            default -> o.getClass().getSimpleName();
        };
    }

    /** An exception as the trace shows it: class, message, StopIteration's value, cause and suppressed. */
    static String exception(Throwable t) {
        StringBuilder b = new StringBuilder(t.getClass().getSimpleName());
        if (t instanceof StopIteration stop) {
            b.append("(").append(describe(stop.value())).append(")");
        } else if (t.getMessage() != null) {
            b.append(": ").append(t.getMessage());
        }
        if (t.getCause() != null && t.getCause() != t) {
            b.append(" [cause ").append(exception(t.getCause())).append("]");
        }
        for (Throwable s : t.getSuppressed()) {
            b.append(" [suppressed ").append(exception(s)).append("]");
        }
        return b.toString();
    }
}
