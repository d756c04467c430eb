package io.jcoro.compiled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcoro.Backend;
import io.jcoro.Coroutine;
import io.jcoro.Generator;
import io.jcoro.GeneratorExit;
import io.jcoro.GeneratorState;
import io.jcoro.StopIteration;
import io.jcoro.Yielder;
import io.jcoro.internal.Compiler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Which body shapes compile into state machines and which run on a stackful backend, each decided explicitly,
 * with the behaviour checked either way. Runs with compilation on (the default).
 */
@Tag("compiler")
class CompiledShapesTest {

    private static <Y, S> Generator<Y, S, Void> compiled(Generator.Body<Y, S> body) {
        assertNull(Compiler.whyNot(body), "expected the body to compile");
        Generator<Y, S, Void> g = Generator.of(body);
        assertEquals(Backend.COMPILED, g.mechanism());
        return g;
    }

    private static <Y, S, R> Generator<Y, S, R> compiledReturning(Generator.ReturningBody<Y, S, R> body) {
        assertNull(Compiler.whyNot(body), "expected the body to compile");
        Generator<Y, S, R> g = Generator.returning(body);
        assertEquals(Backend.COMPILED, g.mechanism());
        return g;
    }

    /** Asserts the body falls back, for the given reason, and still behaves: returns the stackful generator. */
    private static <Y, S> Generator<Y, S, Void> fallsBack(Generator.Body<Y, S> body, String reason) {
        String why = Compiler.whyNot(body);
        assertNotNull(why, "expected the body not to compile");
        assertTrue(why.contains(reason), why);
        Generator<Y, S, Void> g = Generator.of(body);
        assertEquals(Generator.backend(), g.mechanism());
        return g;
    }

    private static <T> List<T> all(Generator<T, ?, ?> g) {
        List<T> out = new ArrayList<>();
        for (T t : g) {
            out.add(t);
        }
        return out;
    }

    // ------------------------------------------------------------------ fall back

    private static void helper(Yielder<Integer, Void> y, int n) {
        y.yield(n);
    }

    @Test
    void yielderPassedToAnotherMethod_fallsBack_andStillYieldsFromTheHelper() {
        Generator<Integer, Void, Void> g = fallsBack(y -> {
            helper(y, 1);
            helper(y, 2);
        }, "passed to a method");
        assertEquals(List.of(1, 2), all(g));
    }

    @Test
    void yielderCapturedByAnInnerLambda_fallsBack() {
        Generator<Integer, Void, Void> g = fallsBack(y -> List.of(1, 2, 3).forEach(v -> y.yield(v)),
                "captured by a lambda");
        assertEquals(List.of(1, 2, 3), all(g));
    }

    @Test
    void yieldInsideSynchronized_fallsBack() {
        Object lock = new Object();
        Generator<Integer, Void, Void> g = fallsBack(y -> {
            synchronized (lock) {
                y.yield(1);
            }
        }, "synchronized");
        assertEquals(List.of(1), all(g));
    }

    @Test
    void synchronizedBlockWithNoYieldInside_compiles() {
        Object lock = new Object();
        int[] inside = new int[1];
        Generator<Integer, Void, Void> g = compiled(y -> {
            synchronized (lock) {
                inside[0]++;
            }
            y.yield(inside[0]);
        });
        assertEquals(List.of(1), all(g));
    }

    record Pair(Object a, Object b) {
    }

    @Test
    void yieldInsideTheArgumentsOfNew_fallsBack() {
        Generator<Object, Object, Void> g = fallsBack(y -> y.yield(new Pair(y.yield("a"), "b")),
                "under construction");
        assertEquals("a", g.next());
        assertEquals(new Pair("sent", "b"), g.send("sent"));
    }

    @Test
    void yielderStoredInAField_fallsBack() {
        List<Yielder<?, ?>> leak = new ArrayList<>();
        fallsBack(y -> {
            leak.add(y);
            y.yield(1);
        }, "passed to a method");
    }

    @Test
    void aBodyThatIsNotALambda_fallsBack() {
        Generator.Body<Integer, Void> body = new Generator.Body<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public void run(Yielder<Integer, Void> y) {
                y.yield(7);
            }
        };
        Generator<Integer, Void, Void> g = fallsBack(body, "not a lambda");
        assertEquals(List.of(7), all(g));
    }

    void overridable(Yielder<Integer, Void> y) {
        y.yield(5);
    }

    @Test
    void aReferenceToAnOverridableMethod_fallsBack() {
        Generator<Integer, Void, Void> g = fallsBack(this::overridable, "may be overridden");
        assertEquals(List.of(5), all(g));
    }

    // ------------------------------------------------------------------ compile

    @Test
    void longsAndDoublesOnTheOperandStackAcrossAYield_compile_andKeepTheirValues() {
        Generator<Object, Object, Object> g = compiledReturning(y -> {
            long big = 1L << 40;
            double half = 0.5;
            long total = big + (Long) y.yield("long");
            double d = half * (Double) y.yield("double");
            return total + ":" + d;
        });
        assertEquals("long", g.next());
        assertEquals("double", g.send(3L));
        StopIteration end = assertThrows(StopIteration.class, () -> g.send(8.0));
        assertEquals((1L << 40) + 3 + ":4.0", end.value());
    }

    @Test
    void localsOfEveryKind_liveAcrossYields_keepTheirValues() {
        Generator<String, Void, Void> g = compiled(y -> {
            boolean b = true;
            char c = 'x';
            byte by = 7;
            short sh = 300;
            int i = 1 << 20;
            long l = -1L << 50;
            float f = 1.5f;
            double d = Math.PI;
            int[] arr = {1, 2, 3};
            String s = "str";
            Object nothing = null;
            y.yield("first");
            y.yield(b + " " + c + " " + by + " " + sh + " " + i + " " + l + " " + f + " " + d + " "
                    + arr[2] + " " + s + " " + nothing);
        });
        assertEquals("first", g.next());
        assertEquals("true x 7 300 1048576 " + (-1L << 50) + " 1.5 " + Math.PI + " 3 str null", g.next());
    }

    @Test
    void yieldsInsideAStringSwitch_compile() {
        Generator<String, String, Void> g = compiled(y -> {
            String cmd = y.yield("ready");
            while (cmd != null) {
                switch (cmd) {
                    case "up" -> cmd = y.yield("went up");
                    case "down" -> cmd = y.yield("went down");
                    default -> cmd = y.yield("unknown " + cmd);
                }
            }
        });
        assertEquals("ready", g.next());
        assertEquals("went up", g.send("up"));
        assertEquals("unknown sideways", g.send("sideways"));
        assertEquals("went down", g.send("down"));
    }

    static final class Resource implements AutoCloseable {
        final List<String> trace;
        final String name;

        Resource(List<String> trace, String name) {
            this.trace = trace;
            this.name = name;
            trace.add("open " + name);
        }

        @Override
        public void close() {
            trace.add("close " + name);
        }
    }

    @Test
    void yieldsInsideTryWithResources_compile_andCloseClosesTheResourcesInReverse() {
        List<String> trace = new ArrayList<>();
        Generator<Integer, Void, Void> g = compiled(y -> {
            try (Resource a = new Resource(trace, "a"); Resource b = new Resource(trace, "b")) {
                y.yield(1);
                y.yield(2);
            }
        });
        assertEquals(1, g.next());
        g.close();
        assertEquals(List.of("open a", "open b", "close b", "close a"), trace);
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void yieldsInNestedTryFinally_compile_andFinallyBlocksRunInnermostFirst_withYieldsInside() {
        List<String> trace = new ArrayList<>();
        Generator<String, Void, Void> g = compiled(y -> {
            try {
                try {
                    y.yield("inner");
                } finally {
                    trace.add("inner finally");
                    y.yield("in inner finally");
                }
            } finally {
                trace.add("outer finally");
            }
        });
        assertEquals(List.of("inner", "in inner finally"), all(g));
        assertEquals(List.of("inner finally", "outer finally"), trace);
    }

    @Test
    void throwInRaisesAtTheYield_insideTheTryThatCoversIt_catchesAndFinallyRunAsStackful() {
        List<String> trace = new ArrayList<>();
        Generator<String, Void, Void> g = compiled(y -> {
            for (int round = 0; round < 3; round++) {
                try {
                    y.yield("round " + round);
                } catch (IllegalArgumentException e) {
                    trace.add("caught " + e.getMessage() + " in round " + round);
                } finally {
                    trace.add("finally " + round);
                }
            }
        });
        assertEquals("round 0", g.next());
        assertEquals("round 1", g.throwIn(new IllegalArgumentException("x")));
        IllegalStateException other = new IllegalStateException("y");
        assertSame(other, assertThrows(IllegalStateException.class, () -> g.throwIn(other)));
        assertEquals(List.of("caught x in round 0", "finally 0", "finally 1"), trace);
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void yieldsInLoopsWithLabelledContinueAndBreak_compile() {
        Generator<String, Void, Void> g = compiled(y -> {
            outer:
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    if (j > i) {
                        continue outer;
                    }
                    if (i == 3) {
                        break outer;
                    }
                    y.yield(i + "," + j);
                }
            }
        });
        assertEquals(List.of("0,0", "1,0", "1,1", "2,0", "2,1", "2,2"), all(g));
    }

    static Generator<Integer, Void, Integer> countDown(int n) {
        return Generator.returning(y -> {
            if (n == 0) {
                return 0;
            }
            y.yield(n);
            int below = y.yieldFrom(countDown(n - 1));
            return below + n;
        });
    }

    @Test
    void recursionThroughYieldFrom_compiles_atEveryLevel() {
        Generator<Integer, Void, Integer> g = countDown(200);
        assertEquals(Backend.COMPILED, g.mechanism());
        List<Integer> seen = all(g);
        assertEquals(200, seen.size());
        assertEquals(200, seen.get(0));
        assertEquals(1, seen.get(199));
        assertEquals(200 * 201 / 2, g.result());
    }

    @Test
    void yieldFromAndYieldAll_overCompiledStackfulAndPlainDelegates_compile() {
        Generator<Integer, Void, String> stackful = Generator.returning(y -> {
            helper(y, 10);
            return "stackful done";
        });
        Generator<Integer, Void, Void> g = compiled(y -> {
            y.yieldAll(List.of(1, 2));
            Object r = y.yieldFrom(Generator.returning(z -> {
                z.yield(3);
                return "compiled done";
            }));
            y.yield(r.equals("compiled done") ? 4 : -4);
            Object s = y.yieldFrom(stackful);
            y.yield(s.equals("stackful done") ? 11 : -11);
            y.yieldAll(List.of());
            y.yield(12);
        });
        assertEquals(List.of(1, 2, 3, 4, 10, 11, 12), all(g));
    }

    @Test
    void aStackfulBodyDelegatingToACompiledOne_works() {
        Generator<Integer, Void, Void> inner = compiled(y -> {
            y.yield(1);
            y.yield(2);
        });
        Generator<Integer, Void, Void> outer = Generator.of(y -> {
            helper(y, 0);
            y.yieldFrom(inner);
        });
        assertEquals(List.of(0, 1, 2), all(outer));
    }

    private int counter = 40;

    private int bump() {
        return ++counter;
    }

    private static String secret(String s) {
        return "<" + s + ">";
    }

    private static final class Hidden {
        private final int v;

        private Hidden(int v) {
            this.v = v;
        }
    }

    @Test
    void privateFieldsAndMethodsOfTheBodysClass_andInnerLambdas_work_whenCompiled() {
        List<String> seen = new ArrayList<>();
        Generator<String, Void, Void> g = compiled(y -> {
            counter++;
            y.yield(secret("a") + counter);
            y.yield(String.valueOf(bump()));
            List.of("x", "y").forEach(s -> seen.add(secret(s)));
            Supplier<String> sup = () -> "counter " + counter;
            y.yield(sup.get());
        });
        assertEquals(List.of("<a>41", "42", "counter 42"), all(g));
        assertEquals(List.of("<x>", "<y>"), seen);
    }

    @Test
    void aPrivateConstructorOfTheBodysNest_isCalledThroughAHandle_whenCompiled() {
        Generator<Integer, Void, Void> g = compiled(y -> {
            Hidden h = new Hidden(3);
            y.yield(h.v);
            y.yield(new Hidden(h.v + 1).v);
        });
        assertEquals(List.of(3, 4), all(g));
    }

    private static void produce(Yielder<String, Void> y) {
        y.yield("static ref");
    }

    private void produceHere(Yielder<String, Void> y) {
        y.yield("bound ref " + counter);
    }

    @Test
    void methodReferencesToStaticAndPrivateMethods_compile() {
        assertEquals(List.of("static ref"), all(compiled(CompiledShapesTest::produce)));
        assertEquals(List.of("bound ref 40"), all(compiled(this::produceHere)));
    }

    @Test
    void aCoroutineBody_compiles_andReceivesWhatIsSent() {
        List<String> got = new ArrayList<>();
        Coroutine.Body<String> body = in -> {
            try {
                while (true) {
                    got.add(in.receive().toUpperCase());
                }
            } finally {
                got.add("closed");
            }
        };
        assertNull(Compiler.whyNot(body));
        Coroutine<String> c = Coroutine.of(body);
        assertEquals(Backend.COMPILED, c.generator().mechanism());
        c.send("a");
        c.send("b");
        c.close();
        assertEquals(List.of("A", "B", "closed"), got);
    }

    @Test
    void anExceptionFromACompiledBody_showsTheUsersSourceLine() {
        Generator<Integer, Void, Void> g = compiled(y -> {
            y.yield(1);
            throw new IllegalStateException("from the body");
        });
        g.next();
        IllegalStateException e = assertThrows(IllegalStateException.class, g::next);
        StackTraceElement top = e.getStackTrace()[0];
        assertEquals("CompiledShapesTest.java", top.getFileName());
        assertTrue(top.getLineNumber() > 0);
        assertNotEquals("io.jcoro.internal.StateMachine", top.getClassName());
    }

    @Test
    void aGeneratorCreatedInsideACompiledBody_isCompiledToo() {
        Generator<Backend, Void, Void> g = compiled(y -> {
            Generator<Integer, Void, Void> inner = Generator.of(z -> z.yield(1));
            y.yield(inner.mechanism());
        });
        assertEquals(Backend.COMPILED, g.next());
    }

    @Test
    void aLocalWhoseMergedTypeIsAClassTheBodyCannotName_isKeptAcrossAYield() {
        for (boolean pickA : new boolean[] {true, false}) {
            Generator<String, Void, Void> g = compiled(y -> {
                Object kind = pickA ? new io.jcoro.compiled.other.Kinds.A() : new io.jcoro.compiled.other.Kinds.B();
                y.yield("picked");
                y.yield(kind.toString());
            });
            assertEquals(List.of("picked", pickA ? "A" : "B"), all(g));
        }
    }

    @Test
    void aBodyThatNeverYields_compiles_andFinishesAtTheFirstNext() {
        List<String> trace = new ArrayList<>();
        Generator<Integer, Void, Void> g = compiled(y -> trace.add("ran"));
        assertThrows(StopIteration.class, g::next);
        assertEquals(List.of("ran"), trace);
    }

    @Test
    void closeAtAYieldOutsideEveryTry_justEnds() {
        Generator<Integer, Void, Void> g = compiled(y -> {
            y.yield(1);
            y.yield(2);
        });
        g.next();
        g.close();
        assertEquals(GeneratorState.CLOSED, g.state());
        assertThrows(StopIteration.class, g::next);
    }

    @Test
    void aBodyThatCatchesGeneratorExitAndYields_isIgnoredGeneratorExit_asStackful() {
        Generator<Integer, Void, Void> g = compiled(y -> {
            try {
                y.yield(1);
            } catch (GeneratorExit e) {
                y.yield(2);
            }
        });
        g.next();
        IllegalStateException e = assertThrows(IllegalStateException.class, g::close);
        assertEquals("generator ignored GeneratorExit", e.getMessage());
        assertEquals(GeneratorState.SUSPENDED, g.state());
    }
}
