package io.jcoro.semantics;

import static io.jcoro.testkit.Harness.drain;
import static org.junit.jupiter.api.Assertions.*;

import io.jcoro.Generator;
import io.jcoro.GeneratorState;
import io.jcoro.StopIteration;
import io.jcoro.testing.Checkpoints;
import io.jcoro.testkit.Harness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Part A of docs/semantics.md: the core protocol.
 *
 * <p>Not ported (no Java counterpart): A1 {@code type(g).__name__}; A2 {@code gi_running}/{@code gi_suspended}/
 * {@code gi_frame} (only the state is observable); A6 "return cannot be caught" (a Java {@code return} is not an
 * exception) and the writable {@code StopIteration.value}; A10 ({@code gi_code}, names, copy/pickle, weak
 * references, generator expressions, lambdas with yield).
 */
@Tag("semantics")
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CoreProtocolSemanticsTest {

    @RegisterExtension
    final Checkpoints steps = new Checkpoints();

    // ------------------------------------------------------------------ A1

    @Test
    void a1_creatingAGeneratorRunsNoCode_theFirstNextRunsTheBody() {
        List<String> trace = new ArrayList<>();
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            trace.add("body started with 1");
            y.yield(1);
            if (trace.isEmpty()) {
                y.yield(-1); // never
            }
        });
        assertEquals(List.of(), trace, "created; nothing ran yet");
        assertEquals(GeneratorState.CREATED, g.state());
        assertEquals(1, g.next());
        assertEquals(List.of("body started with 1"), trace);
    }

    @Test
    void a1_everyIteratorViewDrivesTheSameGenerator_asIterOfGIsG() {
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            for (int i = 1; i <= 4; i++) {
                y.yield(i);
            }
        });
        Iterator<Integer> a = g.iterator();
        Iterator<Integer> b = g.iterator();
        assertEquals(1, a.next());
        assertEquals(2, b.next());
        assertEquals(3, g.next());
        assertEquals(4, a.next());
        assertFalse(b.hasNext());
    }

    // ------------------------------------------------------------------ A2

    @Test
    void a2_statesGoCreatedRunningSuspendedClosed() {
        AtomicReference<Generator<Integer, String, String>> self = new AtomicReference<>();
        List<GeneratorState> inside = new ArrayList<>();
        Generator<Integer, String, String> g = Harness.returning(y -> {
            inside.add(self.get().state());
            return y.yield(1);
        });
        self.set(g);
        assertEquals(GeneratorState.CREATED, g.state());
        assertEquals(1, g.next());
        assertEquals(List.of(GeneratorState.RUNNING), inside);
        assertEquals(GeneratorState.SUSPENDED, g.state());
        StopIteration stop = assertThrows(StopIteration.class, () -> g.send("v"));
        assertEquals("v", stop.value());
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void a2_closeBeforeStart_closesIt_andNextThenRaisesAPlainStopIteration() {
        Generator<Integer, Void, Void> g = Harness.of(y -> steps.expectUnreached());
        g.close();
        assertEquals(GeneratorState.CLOSED, g.state());
        StopIteration stop = assertThrows(StopIteration.class, g::next);
        assertNull(stop.value());
    }

    // ------------------------------------------------------------------ A3

    @Test
    void a3_sendResumesTheYieldWithTheValue_nextAndSendNullResumeItWithNull() {
        List<String> received = new ArrayList<>();
        Generator<Integer, String, Void> g = Harness.of(y -> {
            while (true) {
                String v = y.yield(received.size());
                received.add(String.valueOf(v));
            }
        });
        assertEquals(0, g.send(null), "send(null) starts it, as next()");
        assertEquals(1, g.send("a"));
        assertEquals(2, g.next());
        assertEquals(3, g.send(null));
        assertEquals(List.of("a", "null", "null"), received);
    }

    @Test
    void a3_aBareYieldYieldsNull_andEvaluatesToTheSentValue() {
        Generator<Integer, Integer, Void> b = Harness.of(y -> {
            Integer x = y.yield(null);
            y.yield(x);
        });
        assertNull(b.next());
        assertEquals(42, b.send(42));
    }

    @Test
    void a3_theBodyRunsOnlyWhileItsCallerWaits_inLockstep_neverAhead() {
        Generator<Integer, Integer, Void> g = Harness.of(y -> {
            steps.expect(2);
            Integer a = y.yield(1);
            steps.expect(4);
            assertEquals(10, a);
            Integer b = y.yield(2);
            steps.expect(6);
            assertEquals(20, b);
        });
        steps.expect(1);
        assertEquals(1, g.next());
        steps.expect(3);
        assertEquals(2, g.send(10));
        steps.expect(5);
        assertThrows(StopIteration.class, () -> g.send(20));
        steps.finish(7);
    }

    // ------------------------------------------------------------------ A4

    @Test
    void a4_sendNonNullToJustStartedGenerator_isIllegalArgument_andStateUnchanged() {
        List<String> trace = new ArrayList<>();
        Generator<Integer, Object, Void> g = Harness.of(y -> {
            trace.add("body runs");
            y.yield(1);
        });
        for (Object v : List.of(0, "foo")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.send(v));
            assertEquals("can't send non-None value to a just-started generator", e.getMessage());
            assertEquals(GeneratorState.CREATED, g.state());
            assertEquals(List.of(), trace);
        }
        assertEquals(1, g.send(null));
        assertEquals(List.of("body runs"), trace);
    }

    // ------------------------------------------------------------------ A5

    @Test
    void a5_nextOnItselfFromInsideTheBody_isAlreadyExecuting_andEndsTheGeneratorWhenUncaught() {
        AtomicReference<Generator<Integer, Void, Void>> me = new AtomicReference<>();
        Generator<Integer, Void, Void> g = Harness.of(y -> y.yield(me.get().next()));
        me.set(g);
        IllegalStateException e = assertThrows(IllegalStateException.class, g::next);
        assertEquals("generator already executing", e.getMessage());
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void a5_alreadyExecutingIsAnOrdinaryExceptionInTheBody_thatItMayCatch() {
        AtomicReference<Generator<Object, Object, Void>> me = new AtomicReference<>();
        AtomicReference<Throwable> caught = new AtomicReference<>();
        Generator<Object, Object, Void> g = Harness.of(y -> {
            try {
                y.yield(me.get().send(null));
            } catch (IllegalStateException e) {
                caught.set(e);
                y.yield("recovered");
            }
        });
        me.set(g);
        assertEquals("recovered", g.next());
        assertEquals("generator already executing", caught.get().getMessage());
        assertEquals(GeneratorState.SUSPENDED, g.state());
    }

    @Test
    void a5_closeOnItselfFromInsideTheBody_isAlreadyExecuting() {
        AtomicReference<Generator<Object, Object, Void>> me = new AtomicReference<>();
        Generator<Object, Object, Void> g = Harness.of(y -> {
            me.get().close();
            y.yield(null);
        });
        me.set(g);
        IllegalStateException e = assertThrows(IllegalStateException.class, g::next);
        assertEquals("generator already executing", e.getMessage());
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void a5_throwInOnItselfFromInsideTheBody_isAlreadyExecuting_andTheArgumentIsNotThrown() {
        AtomicReference<Generator<Object, Object, Void>> me = new AtomicReference<>();
        RuntimeException k = new RuntimeException("k");
        Generator<Object, Object, Void> g = Harness.of(y -> y.yield(me.get().throwIn(k)));
        me.set(g);
        IllegalStateException e = assertThrows(IllegalStateException.class, g::next);
        assertEquals("generator already executing", e.getMessage());
        assertNotSame(k, e.getCause());
    }

    @Test
    void a5_callsFromAnotherThreadWhileTheBodyRuns_failAtOnce_andTheStateStaysRunning() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Generator<String, String, Void> s = Harness.of(y -> {
            entered.countDown();
            assertTrue(release.await(30, TimeUnit.SECONDS));
            y.yield("done");
        });
        AtomicReference<Object> threadGot = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                threadGot.set(s.next());
            } catch (Throwable e) {
                threadGot.set(e);
            }
        }, "a5-first-caller");
        t.start();
        assertTrue(entered.await(30, TimeUnit.SECONDS));
        RuntimeException thrown = new RuntimeException("must not be raised in the body");
        long start = System.nanoTime();
        List<IllegalStateException> losers = new ArrayList<>();
        losers.add(assertThrows(IllegalStateException.class, s::next));
        losers.add(assertThrows(IllegalStateException.class, () -> s.send("x")));
        losers.add(assertThrows(IllegalStateException.class, () -> s.throwIn(thrown)));
        losers.add(assertThrows(IllegalStateException.class, s::close));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        for (IllegalStateException e : losers) {
            assertEquals("generator already executing", e.getMessage());
        }
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "the losers did not wait: " + took);
        assertEquals(GeneratorState.RUNNING, s.state());
        release.countDown();
        t.join(30_000);
        assertEquals("done", threadGot.get());
        assertEquals(GeneratorState.SUSPENDED, s.state());
        s.close();
        assertEquals(GeneratorState.CLOSED, s.state());
    }

    // ------------------------------------------------------------------ A6

    @Test
    void a6_returnValueIsCarriedAsIsByTheStopIterationOfTheCallThatFinished_once() {
        Object[] values = {null, 1, List.of(2), new StopIteration(3)};
        for (Object v : values) {
            Generator<String, Void, Object> g = Harness.returning(y -> {
                y.yield("first");
                return v;
            });
            assertEquals("first", g.next());
            StopIteration stop = assertThrows(StopIteration.class, g::next);
            assertSame(v, stop.value());
            if (v == null) {
                assertNull(stop.getMessage(), "return null raises a StopIteration with no value");
            }
            StopIteration again = assertThrows(StopIteration.class, g::next);
            assertNull(again.value(), "the return value is delivered once");
            assertSame(v, g.result());
        }
    }

    @Test
    void a6_theStopIterationMessageIsTheValueAsText_madeOnlyWhenAskedFor() {
        int[] printed = {0};
        Object big = new Object() {
            @Override
            public String toString() {
                printed[0]++;
                return "the result";
            }
        };
        // not through the Harness: a thread-hopping caller hands the StopIteration over in an ExecutionException,
        // whose constructor prints its cause
        Generator<String, Void, Object> g = Generator.returning(y -> {
            y.yield("first");
            return big;
        });
        g.next();
        StopIteration stop = assertThrows(StopIteration.class, g::next);
        assertEquals(0, printed[0], "finishing does not print the return value");
        assertEquals("the result", stop.getMessage(), "str(StopIteration(v)) is str(v)");
        assertEquals(1, printed[0]);
    }

    @Test
    void a6_resultIsOnlyAvailableOnceTheGeneratorEnded() {
        Generator<String, Void, String> g = Harness.returning(y -> {
            y.yield("first");
            return "r";
        });
        assertThrows(IllegalStateException.class, g::result, "CREATED");
        g.next();
        assertThrows(IllegalStateException.class, g::result, "SUSPENDED");
        assertThrows(StopIteration.class, g::next);
        assertEquals("r", g.result());
        assertEquals("r", g.result());
    }

    @Test
    void a6_aBodyMadeWithOfFinishesWithAPlainStopIteration_andANullResult() {
        Generator<String, Void, Void> g = Harness.of(y -> y.yield("only"));
        assertEquals("only", g.next());
        StopIteration stop = assertThrows(StopIteration.class, g::next);
        assertNull(stop.value());
        assertNull(g.result());
    }

    // ------------------------------------------------------------------ A7

    static int divide(int a, int b) {
        return a / b;
    }

    @Test
    void a7_anUncaughtExceptionPropagatesAsTheSameObject_andClosesTheGenerator() {
        AtomicReference<ArithmeticException> raised = new AtomicReference<>();
        Generator<Integer, Void, Void> k = Harness.of(y -> {
            try {
                y.yield(divide(1, 0));
            } catch (ArithmeticException e) {
                raised.set(e);
                throw e;
            }
            y.yield(42);
        });
        ArithmeticException e = assertThrows(ArithmeticException.class, k::next);
        assertSame(raised.get(), e);
        assertEquals(GeneratorState.CLOSED, k.state());
        StopIteration stop = assertThrows(StopIteration.class, k::next);
        assertNull(stop.value());
        assertNull(k.result(), "ended with an exception: no result");
    }

    // ------------------------------------------------------------------ A8

    @Test
    void a8_onAFinishedGenerator_nextAndSendRaiseAPlainStopIteration_throwInRethrowsTheArgument_closeIsSilent() {
        List<String> trace = new ArrayList<>();
        Generator<Integer, Integer, String> g = Harness.returning(y -> {
            try {
                y.yield(1);
                return "ret";
            } catch (Throwable t) {
                trace.add("body ran again: " + t);
                throw t;
            }
        });
        g.next();
        assertEquals("ret", assertThrows(StopIteration.class, g::next).value());
        assertNull(assertThrows(StopIteration.class, g::next).value());
        assertNull(assertThrows(StopIteration.class, () -> g.send(5)).value());
        RuntimeException e = new RuntimeException("k");
        assertSame(e, assertThrows(RuntimeException.class, () -> g.throwIn(e)));
        g.close();
        g.close();
        assertEquals(List.of(), trace);
        assertEquals(GeneratorState.CLOSED, g.state());
        assertEquals("ret", g.result());
    }

    @Test
    void a8_onAGeneratorClosedByAnException_orByClose_theSameRulesHold() {
        RuntimeException boom = new RuntimeException("boom");
        Generator<Integer, Integer, Void> raised = Harness.of(y -> {
            throw boom;
        });
        Generator<Integer, Integer, Void> closed = Harness.of(y -> y.yield(1));
        assertSame(boom, assertThrows(RuntimeException.class, raised::next));
        closed.next();
        closed.close();
        for (Generator<Integer, Integer, Void> g : List.of(raised, closed)) {
            assertNull(assertThrows(StopIteration.class, g::next).value());
            assertNull(assertThrows(StopIteration.class, () -> g.send(5)).value());
            Error err = new Error("thrown at a closed generator");
            assertSame(err, assertThrows(Error.class, () -> g.throwIn(err)));
            g.close();
            assertEquals(GeneratorState.CLOSED, g.state());
        }
    }

    // ------------------------------------------------------------------ A9

    @Test
    void a9_aFinallyThatYieldsWhileTheBodyReturns_yieldsAgain_thenThePendingReturnCompletes() {
        Generator<Integer, Void, String> g3 = Harness.returning(y -> {
            try {
                return "pending";
            } finally {
                y.yield(1);
            }
        });
        assertEquals(1, g3.next());
        assertEquals(GeneratorState.SUSPENDED, g3.state());
        assertEquals("pending", assertThrows(StopIteration.class, g3::next).value());
    }

    @Test
    void a9_yieldAnywhereInTryCatchFinally_pep255Example() {
        Generator<Integer, Void, Void> f = Harness.of(y -> {
            try {
                y.yield(1);
                try {
                    y.yield(2);
                    divide(1, 0);
                    y.yield(3); // never get here
                } catch (ArithmeticException e) {
                    y.yield(4);
                    y.yield(5);
                    throw e;
                } catch (RuntimeException e) {
                    y.yield(6);
                }
                y.yield(7); // the "throw e" above stops this
            } catch (RuntimeException e) {
                y.yield(8);
            }
            y.yield(9);
            try {
                steps.expect(1);
            } finally {
                y.yield(10);
            }
            y.yield(11);
        });
        assertEquals(Arrays.asList(1, 2, 4, 5, 8, 9, 10, 11), drain(f));
        steps.finish(2);
    }

    @Test
    void a9_finallyBlocksRunOnReturn_onException_andOnClose() {
        List<String> trace = Collections.synchronizedList(new ArrayList<>());
        Generator<Integer, Void, Void> normal = Harness.of(y -> {
            try {
                y.yield(1);
            } finally {
                trace.add("normal");
            }
        });
        Generator<Integer, Void, Void> failing = Harness.of(y -> {
            try {
                y.yield(1);
                throw new IllegalStateException("x");
            } finally {
                trace.add("failing");
            }
        });
        Generator<Integer, Void, Void> closed = Harness.of(y -> {
            try {
                y.yield(1);
            } finally {
                trace.add("closed");
            }
        });
        assertEquals(List.of(1), drain(normal));
        failing.next();
        assertThrows(IllegalStateException.class, failing::next);
        closed.next();
        closed.close();
        assertEquals(List.of("normal", "failing", "closed"), trace);
    }
}
