package io.jcoro.semantics;

import static io.jcoro.testkit.Harness.drain;
import static org.junit.jupiter.api.Assertions.*;

import io.jcoro.Generator;
import io.jcoro.GeneratorExit;
import io.jcoro.GeneratorState;
import io.jcoro.StopIteration;
import io.jcoro.testing.Checkpoints;
import io.jcoro.testkit.Harness;
import io.jcoro.testkit.RecordingGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Part G of docs/semantics.md: {@code yield from} (PEP 380), here {@link io.jcoro.Yielder#yieldFrom} for
 * generators and {@link io.jcoro.Yielder#yieldAll} for plain iterables (Python's {@code yield from} over an
 * iterator without send/throw; AttributeError there is UnsupportedOperationException here; an iterator "has a
 * close attribute" when it is AutoCloseable).
 *
 * <p>Not ported: G1's {@code yield from 5} TypeError (not iterable: a compile error in Java); G3's custom iterator
 * whose StopIteration carries a value (a Java iterator has no return value; yieldAll returns nothing); G0's
 * iterator with a {@code throw} attribute and the failing attribute lookup (a plain Java iterator has neither);
 * G10 {@code gi_yieldfrom}; G13 (no async coroutines); the {@code __context__} parts of G7 and G12.
 */
@Tag("semantics")
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class YieldFromSemanticsTest {

    @RegisterExtension
    final Checkpoints steps = new Checkpoints();

    // ------------------------------------------------------------------ G0: what the delegator calls on its sub

    @Test
    void g0_theDelegatorCallsNextOnTheSubForNull_sendForAValue_throwInForAnException_closeOnClose() {
        RecordingGenerator<String, String, String> sub = new RecordingGenerator<>(Generator.returning(y -> {
            y.yield("s1");
            y.yield("s2");
            try {
                y.yield("s3");
            } catch (IllegalStateException e) {
                y.yield("s4");
            }
            y.yield("s5");
            return "r";
        }));
        Generator<String, String, Void> outer = Harness.of(y -> {
            y.yield("o1");
            y.yieldFrom(sub);
        });
        assertEquals("o1", outer.next());
        assertEquals("s1", outer.send("x"), "the first step is always next(), even when resumed by send(v)");
        assertEquals("s2", outer.send(null));
        assertEquals("s3", outer.send("v"));
        assertEquals("s4", outer.throwIn(new IllegalStateException()));
        outer.close();
        assertEquals(List.of("next", "next", "send(v)", "throwIn(IllegalStateException)", "close"), sub.calls());
        assertEquals(GeneratorState.CLOSED, sub.state());
        assertEquals(GeneratorState.CLOSED, outer.state());
    }

    @Test
    void g0_throwInOfAGeneratorExit_closesTheSubWithClose_notThrowIn() {
        RecordingGenerator<String, String, Void> sub = new RecordingGenerator<>(Generator.of(y -> y.yield("s1")));
        Generator<String, String, Void> outer = Harness.of(y -> y.yieldFrom(sub));
        outer.next();
        GeneratorExit exit = new GeneratorExit();
        assertSame(exit, assertThrows(GeneratorExit.class, () -> outer.throwIn(exit)));
        assertEquals(List.of("next", "close"), sub.calls());
    }

    @Test
    void g0_aSubThatFinishesWithoutYielding_givesItsResultAtOnce() {
        Generator<String, Void, String> outer = Harness.returning(y -> {
            String r = y.yieldFrom(Generator.<String, Void, String>returning(s -> "at once"));
            y.yield("after " + r);
            return r;
        });
        assertEquals("after at once", outer.next());
        assertEquals("at once", assertThrows(StopIteration.class, outer::next).value());
    }

    // ------------------------------------------------------------------ G1

    @Test
    void g1_yieldAllContinuesAPartlyConsumedIterator_itDoesNotRestartIt() {
        Iterator<Integer> sub = List.of(10, 11, 12).iterator();
        sub.next();
        Generator<Integer, Void, Void> d = Harness.of(y -> y.yieldAll(() -> sub));
        assertEquals(List.of(11, 12), drain(d));
    }

    @Test
    void g1_yieldFromContinuesAStartedGenerator_andItsReturnIsTheValue() {
        Generator<String, Void, String> sg = Generator.returning(y -> {
            y.yield("a");
            y.yield("b");
            return "done";
        });
        sg.next();
        List<Object> values = new ArrayList<>();
        Generator<String, Void, Void> d = Harness.of(y -> values.add(y.yieldFrom(sg)));
        assertEquals(List.of("b"), drain(d));
        assertEquals(List.of("done"), values);
    }

    @Test
    void g1_yieldAllOverAnEmptyIterable_yieldsNothing_andTheBodyGoesOn() {
        Generator<Integer, Void, Void> d = Harness.of(y -> {
            y.yieldAll(List.of());
            y.yieldAll(Arrays.asList(1, null, 2));
            y.yieldAll(Collections.emptySet());
        });
        assertEquals(Arrays.asList(1, null, 2), drain(d));
    }

    // ------------------------------------------------------------------ G2

    @Test
    void g2_nextAndSendPassThroughToTheSubgenerator() {
        List<String> trace = new ArrayList<>();
        Generator<String, Integer, Void> g2 = Generator.of(y -> {
            trace.add("Starting g2");
            Integer x = y.yield("g2 spam");
            trace.add("g2 received " + x);
            x = y.yield("g2 more spam");
            trace.add("g2 received " + x);
            trace.add("Finishing g2");
        });
        Generator<String, Integer, Void> g1 = Harness.of(y -> {
            trace.add("Starting g1");
            Integer x = y.yield("g1 ham");
            trace.add("g1 received " + x);
            y.yieldFrom(g2);
            x = y.yield("g1 eggs");
            trace.add("g1 received " + x);
            trace.add("Finishing g1");
        });
        g1.next();
        int x = 1;
        try {
            while (true) {
                String yielded = g1.send(x);
                trace.add("Yielded " + yielded);
                x++;
            }
        } catch (StopIteration end) {
            // done
        }
        assertEquals(List.of("Starting g1", "g1 received 1", "Starting g2", "Yielded g2 spam", "g2 received 2",
                "Yielded g2 more spam", "g2 received 3", "Finishing g2", "Yielded g1 eggs", "g1 received 4",
                "Finishing g1"), trace);
    }

    @Test
    void g2_yieldAllOfAGenerator_delegatesAsYieldFrom_sendsPassThrough() {
        Generator<String, String, Void> sub = Generator.of(y -> {
            String got = y.yield("first");
            y.yield("sub got " + got);
        });
        Generator<String, String, Void> d = Harness.of(y -> {
            y.yieldAll(sub);
            y.yield("after");
        });
        assertEquals("first", d.next());
        assertEquals("sub got hello", d.send("hello"));
        assertEquals("after", d.next());
    }

    // ------------------------------------------------------------------ G3

    @Test
    void g3_theValueOfYieldFromIsTheSubsReturnValue_asIs() {
        Object[] values = {null, 1, List.of(2), new StopIteration(3)};
        List<Object> got = new ArrayList<>();
        Generator<String, Void, Void> outer = Harness.of(y -> {
            for (Object v : values) {
                got.add(y.yieldFrom(Generator.<String, Void, Object>returning(i -> {
                    i.yield("x");
                    return v;
                })));
            }
        });
        assertEquals(List.of("x", "x", "x", "x"), drain(outer));
        assertEquals(values.length, got.size());
        for (int i = 0; i < values.length; i++) {
            assertSame(values[i], got.get(i));
        }
    }

    // ------------------------------------------------------------------ G4

    @Test
    void g4_sendingNonNullToAPlainIteratorUnderYieldAll_isUnsupportedOperationInsideTheDelegator() {
        List<String> trace = new ArrayList<>();
        Generator<Integer, Integer, Void> gi = Harness.of(y -> {
            try {
                trace.add("starting g");
                y.yieldAll(List.of(0, 1, 2));
                trace.add("g should not be here");
            } finally {
                trace.add("finishing g");
            }
        });
        assertEquals(0, gi.send(null));
        assertEquals(1, gi.send(null));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> gi.send(42));
        assertNotNull(e.getMessage());
        assertEquals(List.of("starting g", "finishing g"), trace);
        assertEquals(GeneratorState.CLOSED, gi.state());
    }

    @Test
    void g4_theUnsupportedOperationIsRaisedAtTheYieldAll_whereTheDelegatorCanCatchIt() {
        Generator<Object, Object, Void> gi = Harness.of(y -> {
            try {
                y.yieldAll(List.of(0, 1, 2));
            } catch (UnsupportedOperationException e) {
                y.yield("caught in delegator");
            }
            y.yield("goes on");
        });
        assertEquals(0, gi.next());
        assertEquals("caught in delegator", gi.send("x"));
        assertEquals("goes on", gi.next());
    }

    // ------------------------------------------------------------------ G5

    static final class LunchError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LunchError(String m) {
            super(m);
        }
    }

    @Test
    void g5_throwInIsForwardedToTheSub_andAValueItYieldsPassesStraightOut() {
        List<String> trace = new ArrayList<>();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Generator<String, Void, Void> inner = Generator.of(y -> {
            try {
                y.yield("g2 spam");
                y.yield("g2 more spam");
            } catch (LunchError e) {
                seen.set(e);
                trace.add("inner caught LunchError");
                y.yield("g2 lunch saved");
                y.yield("g2 yet more spam");
            }
        });
        Generator<String, Void, Void> g = Harness.of(y -> {
            y.yieldFrom(inner);
            y.yield("g1 eggs");
        });
        g.next();
        g.next();
        LunchError tomato = new LunchError("tomato");
        assertEquals("g2 lunch saved", g.throwIn(tomato));
        assertSame(tomato, seen.get(), "the sub gets the same exception object");
        assertEquals(List.of("inner caught LunchError"), trace);
        assertEquals(List.of("g2 yet more spam", "g1 eggs"), drain(g));
    }

    @Test
    void g5_whenTheSubCatchesTheThrownExceptionAndReturns_throwInReturnsTheDelegatorsNextYield() {
        List<String> trace = new ArrayList<>();
        Generator<Integer, Void, String> inner2 = Generator.returning(y -> {
            try {
                y.yield(1);
            } catch (IllegalStateException e) {
                trace.add("inner2 caught, returning");
            }
            return "inner2 value";
        });
        Generator<Object, Void, Void> g = Harness.of(y -> {
            String v = y.yieldFrom(inner2);
            trace.add("inner2 returned " + v + " to outer2");
            y.yield(v);
        });
        g.next();
        assertEquals("inner2 value", g.throwIn(new IllegalStateException()));
        assertEquals(List.of("inner2 caught, returning", "inner2 returned inner2 value to outer2"), trace);
    }

    @Test
    void g5_anExceptionTheSubDoesNotCatch_isRaisedInTheDelegatorAtYieldFrom_asTheSameObject() {
        AtomicReference<Throwable> caught = new AtomicReference<>();
        Generator<Object, Void, Void> inner3 = Generator.of(y -> y.yield(1));
        Generator<Object, Void, Void> g = Harness.of(y -> {
            try {
                y.yieldFrom(inner3);
            } catch (IllegalArgumentException e) {
                caught.set(e);
                y.yield("handled in outer3");
            }
        });
        g.next();
        IllegalArgumentException k = new IllegalArgumentException("k");
        assertEquals("handled in outer3", g.throwIn(k));
        assertSame(k, caught.get());
        assertEquals(GeneratorState.CLOSED, inner3.state());
    }

    @Test
    void g5_anExceptionRaisedByTheSubOnNext_isRaisedInTheDelegator_whereItCanBeCaught() {
        IllegalStateException boom = new IllegalStateException("boom");
        Generator<Integer, Void, Void> sub = Generator.of(y -> {
            y.yield(1);
            throw boom;
        });
        AtomicReference<Throwable> caught = new AtomicReference<>();
        Generator<Object, Void, Void> g = Harness.of(y -> {
            try {
                y.yieldFrom(sub);
            } catch (IllegalStateException e) {
                caught.set(e);
                y.yield("recovered");
            }
        });
        assertEquals(1, g.next());
        assertEquals("recovered", g.next());
        assertSame(boom, caught.get());
    }

    // ------------------------------------------------------------------ G6

    static final class It implements Iterator<Integer>, AutoCloseable {
        final List<String> log = Collections.synchronizedList(new ArrayList<>());

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public Integer next() {
            return 1;
        }

        @Override
        public void close() {
            log.add("sub.close called");
        }
    }

    /** A generator that delegates to {@code it} with yieldAll, and logs its own finally. */
    static Generator<Integer, Void, Void> delegatingTo(It it) {
        return Harness.of(y -> {
            try {
                y.yieldAll(() -> it);
            } finally {
                it.log.add("delegator finally");
            }
        });
    }

    @Test
    void g6_throwInWhileDelegatingToAPlainIterator_isRaisedInTheDelegator_andTheIteratorIsNotClosed() {
        It it = new It();
        Generator<Integer, Void, Void> g = delegatingTo(it);
        g.next();
        IllegalArgumentException x = new IllegalArgumentException("x");
        assertSame(x, assertThrows(IllegalArgumentException.class, () -> g.throwIn(x)));
        assertEquals(List.of("delegator finally"), it.log);
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void g6_closeWhileDelegatingToAnAutoCloseableIterator_closesIt_thenRaisesGeneratorExitInTheDelegator() {
        It it = new It();
        Generator<Integer, Void, Void> g = delegatingTo(it);
        g.next();
        g.close();
        assertEquals(List.of("sub.close called", "delegator finally"), it.log);
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void g6_throwInGeneratorExitWhileDelegatingToAnAutoCloseableIterator_closesIt_andRaisesThatInstance() {
        It it = new It();
        Generator<Integer, Void, Void> g = delegatingTo(it);
        g.next();
        GeneratorExit exit = new GeneratorExit();
        assertSame(exit, assertThrows(GeneratorExit.class, () -> g.throwIn(exit)));
        assertEquals(List.of("sub.close called", "delegator finally"), it.log);
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    // ------------------------------------------------------------------ G7

    @Test
    void g7_closeThroughYieldFrom_closesTheSubFirst_innermostFinallyFirst() {
        List<String> trace = new ArrayList<>();
        Generator<String, Void, Void> g2 = Generator.of(y -> {
            try {
                trace.add("Starting g2");
                y.yield("g2 spam");
                y.yield("g2 more spam");
            } finally {
                trace.add("Finishing g2");
            }
        });
        Generator<String, Void, Void> g = Harness.of(y -> {
            try {
                trace.add("Starting g1");
                y.yield("g1 ham");
                y.yieldFrom(g2);
                y.yield("g1 eggs");
            } finally {
                trace.add("Finishing g1");
            }
        });
        g.next();
        g.next();
        g.close();
        assertEquals(List.of("Starting g1", "Starting g2", "Finishing g2", "Finishing g1"), trace);
        assertEquals(GeneratorState.CLOSED, g2.state());
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    static Generator<Integer, Void, String> innerReturningOnClose() {
        return Generator.returning(y -> {
            try {
                y.yield(1);
            } catch (GeneratorExit e) {
                return "inner-ret";
            }
            return "not closed";
        });
    }

    @Test
    void g7_aSubThatReturnsOnClose_stillLeavesTheDelegatorAGeneratorExit_soTheValueIsLost() {
        Generator<Integer, Void, String> g = Harness.returning(y -> {
            String r = y.yieldFrom(innerReturningOnClose());
            steps.expectUnreached();
            y.yield(-1);
            return r;
        });
        g.next();
        g.close();
        assertNull(g.result());

        Generator<Integer, Void, String> i = Harness.drive(innerReturningOnClose());
        i.next();
        i.close();
        assertEquals("inner-ret", i.result());

        Generator<Integer, Void, String> outer2 = Harness.returning(y -> {
            try {
                y.yieldFrom(innerReturningOnClose());
            } catch (GeneratorExit e) {
                return "outer-ret";
            }
            return "not closed";
        });
        outer2.next();
        outer2.close();
        assertEquals("outer-ret", outer2.result());
    }

    @Test
    void g7_throwInGeneratorExit_closesTheSub_andRaisesTheSameInstanceInTheDelegator() {
        List<String> trace = new ArrayList<>();
        Generator<Object, Void, Void> f = Generator.of(y -> {
            try {
                trace.add("Enter f");
                y.yield(null);
                trace.add("Exit f");
            } catch (GeneratorExit e) {
                return; // the sub catches it and returns normally
            }
        });
        Generator<Object, Void, Void> g = Harness.of(y -> {
            trace.add("Enter g");
            y.yieldFrom(f);
            trace.add("Exit g"); // not reached: the delegator is not resumed normally
        });
        g.next();
        GeneratorExit ge = new GeneratorExit();
        assertSame(ge, assertThrows(GeneratorExit.class, () -> g.throwIn(ge)));
        assertEquals(List.of("Enter g", "Enter f"), trace);
        assertEquals(GeneratorState.CLOSED, g.state());
        assertEquals(GeneratorState.CLOSED, f.state());
    }

    @Test
    void g7_aSubThatYieldsOnClose_raisesIgnoredGeneratorExitInTheDelegator_forThrowInAndClose() {
        for (boolean byClose : new boolean[] {false, true}) {
            Generator<Object, Void, Void> fYields = Generator.of(y -> {
                try {
                    y.yield(null);
                } catch (GeneratorExit e) {
                    y.yield(null);
                }
            });
            AtomicReference<Throwable> inDelegator = new AtomicReference<>();
            Generator<Object, Void, Void> gi = Harness.of(y -> {
                try {
                    y.yieldFrom(fYields);
                } catch (Throwable t) {
                    inDelegator.set(t);
                    throw t;
                }
            });
            gi.next();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    byClose ? gi::close : () -> gi.throwIn(new GeneratorExit()));
            assertEquals("generator ignored GeneratorExit", e.getMessage());
            assertNull(e.getCause());
            assertSame(e, inDelegator.get(), "raised inside the delegator, at yieldFrom");
            assertEquals(GeneratorState.CLOSED, gi.state());
            assertEquals(GeneratorState.SUSPENDED, fYields.state(), "the sub ignored it and stays suspended");
        }
    }

    @Test
    void g7_aSubThatRaisesOnClose_raisesThatExceptionInTheDelegator_forThrowInAndClose() {
        for (boolean byClose : new boolean[] {false, true}) {
            IllegalStateException vorpal = new IllegalStateException("Vorpal bunny encountered");
            Generator<Object, Void, Void> fRaises = Generator.of(y -> {
                try {
                    y.yield(null);
                } catch (GeneratorExit e) {
                    throw vorpal;
                }
            });
            Generator<Object, Void, Void> gi = Harness.of(y -> y.yieldFrom(fRaises));
            gi.next();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    byClose ? gi::close : () -> gi.throwIn(new GeneratorExit()));
            assertSame(vorpal, e);
            assertEquals(GeneratorState.CLOSED, gi.state());
            assertEquals(GeneratorState.CLOSED, fRaises.state());
        }
    }

    // ------------------------------------------------------------------ G8

    @Test
    void g8_closeWhileDelegatingToAPlainIterator_withoutClose_justRaisesGeneratorExitInTheDelegator() {
        List<String> trace = new ArrayList<>();
        Generator<Integer, Void, Void> gi = Harness.of(y -> {
            try {
                trace.add("starting g");
                y.yieldAll(List.of(0, 1, 2));
                trace.add("g should not be here");
            } finally {
                trace.add("finishing g");
            }
        });
        gi.next();
        gi.close();
        assertEquals(List.of("starting g", "finishing g"), trace);
        assertEquals(GeneratorState.CLOSED, gi.state());
    }

    @Test
    void g8_theIteratorOfAStreamIsNotCloseable_soYieldAllOfAStreamIsClosedByTheBody() {
        List<String> trace = new ArrayList<>();
        Generator<Integer, Void, Void> gi = Harness.of(y -> {
            try (Stream<Integer> s = Stream.of(1, 2, 3).onClose(() -> trace.add("stream closed"))) {
                y.yieldAll(s::iterator);
            }
        });
        gi.next();
        gi.close();
        assertEquals(List.of("stream closed"), trace);
    }

    // ------------------------------------------------------------------ G9

    @Test
    void g9_theDelegatorIsRunningWhileItClosesItsSub_soReEntryIsAlreadyExecuting() {
        AtomicReference<Generator<Integer, Void, Void>> g1 = new AtomicReference<>();
        List<String> trace = Collections.synchronizedList(new ArrayList<>());
        class MyIt implements Iterator<Integer>, AutoCloseable {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return 42;
            }

            @Override
            public void close() {
                trace.add("in sub.close(): delegator " + g1.get().state());
                try {
                    g1.get().next();
                } catch (IllegalStateException e) {
                    trace.add("re-entering delegator: " + e.getMessage());
                }
            }
        }
        g1.set(Harness.of(y -> y.yieldAll(MyIt::new)));
        assertEquals(42, g1.get().next());
        g1.get().close();
        assertEquals(List.of("in sub.close(): delegator RUNNING",
                "re-entering delegator: generator already executing"), trace);
        assertEquals(GeneratorState.CLOSED, g1.get().state());
    }

    @Test
    void g9_theDelegatorIsRunningWhileItForwardsNextAndThrowInToItsSub() {
        AtomicReference<Generator<String, Void, Void>> outer = new AtomicReference<>();
        List<String> trace = Collections.synchronizedList(new ArrayList<>());
        Generator<String, Void, Void> sub = Generator.of(y -> {
            y.yield("s1");
            trace.add("forwarding next: " + outer.get().state());
            try {
                outer.get().next();
            } catch (IllegalStateException e) {
                trace.add(e.getMessage());
            }
            try {
                y.yield("s2");
            } catch (IllegalArgumentException e) {
                trace.add("forwarding throwIn: " + outer.get().state());
                y.yield("s3");
            }
        });
        outer.set(Harness.of(y -> y.yieldFrom(sub)));
        assertEquals("s1", outer.get().next());
        assertEquals("s2", outer.get().next());
        assertEquals("s3", outer.get().throwIn(new IllegalArgumentException()));
        assertEquals(List.of("forwarding next: RUNNING", "generator already executing",
                "forwarding throwIn: RUNNING"), trace);
        assertEquals(GeneratorState.SUSPENDED, outer.get().state());
    }

    @Test
    void g9_theDelegatorIsRunningWhileItClosesASubgenerator_whoseFinallyCannotReEnterIt() {
        AtomicReference<Generator<String, Void, Void>> outer = new AtomicReference<>();
        List<String> trace = Collections.synchronizedList(new ArrayList<>());
        Generator<String, Void, Void> sub = Generator.of(y -> {
            try {
                y.yield("s1");
            } finally {
                trace.add("sub finally: delegator " + outer.get().state());
                try {
                    outer.get().close();
                } catch (IllegalStateException e) {
                    trace.add(e.getMessage());
                }
            }
        });
        outer.set(Harness.of(y -> y.yieldFrom(sub)));
        outer.get().next();
        outer.get().close();
        assertEquals(List.of("sub finally: delegator RUNNING", "generator already executing"), trace);
        assertEquals(GeneratorState.CLOSED, outer.get().state());
    }

    @Test
    void g9_aYieldFromLoop_isAlreadyExecuting() {
        AtomicReference<Generator<String, Void, Void>> ga = new AtomicReference<>();
        Generator<String, Void, Void> b = Generator.of(y -> {
            y.yield("y2");
            y.yieldFrom(ga.get()); // ga is running: it is driving b
        });
        ga.set(Harness.of(y -> {
            y.yield("y1");
            y.yieldFrom(b);
        }));
        List<String> got = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            for (String s : ga.get()) {
                got.add(s);
            }
        });
        assertEquals("generator already executing", e.getMessage());
        assertEquals(List.of("y1", "y2"), got);
        assertEquals(GeneratorState.CLOSED, ga.get().state());
    }

    // ------------------------------------------------------------------ G11

    @Test
    void g11_exceptionsFromTheSubPropagateOutward_andFinallyBlocksRunInnermostFirst() {
        List<String> trace = new ArrayList<>();
        Generator<String, Void, Void> g2 = Generator.of(y -> {
            try {
                trace.add("Starting g2");
                y.yield("g2 spam");
                if (!trace.isEmpty()) {
                    throw new IllegalStateException("hovercraft is full of eels");
                }
                y.yield("g2 more spam");
            } finally {
                trace.add("Finishing g2");
            }
        });
        Generator<String, Void, Void> g1 = Harness.of(y -> {
            try {
                trace.add("Starting g1");
                y.yield("g1 ham");
                y.yieldFrom(g2);
                y.yield("g1 eggs");
            } finally {
                trace.add("Finishing g1");
            }
        });
        try {
            for (String x : g1) {
                trace.add("Yielded " + x);
            }
        } catch (IllegalStateException e) {
            trace.add("caught " + e.getMessage());
        }
        assertEquals(List.of("Starting g1", "Yielded g1 ham", "Starting g2", "Yielded g2 spam", "Finishing g2",
                "Finishing g1", "caught hovercraft is full of eels"), trace);
    }

    // ------------------------------------------------------------------ G12

    enum InnerFinally { RAISE_GENERATOR_EXIT, RAISE_STOP_ITERATION, RAISE_EXCEPTION, YIELD_2ND, RETURN_V }

    enum Action { CLOSE, THROW_GENERATOR_EXIT, THROW_STOP_ITERATION, THROW_EXCEPTION }

    private static final String RAISED_SI = "raises ISE(generator raised StopIteration) <- raised";
    private static final String IGNORED = "raises ISE(generator ignored GeneratorExit)";
    private static final String STOP = "StopIteration()";

    /** CPython's TestInterestingEdgeCases table, with RuntimeError written as ISE and __context__ as the cause. */
    static Stream<Arguments> g12Matrix() {
        return Stream.of(
                Arguments.of(Action.CLOSE, InnerFinally.RAISE_GENERATOR_EXIT, "returns null", STOP),
                Arguments.of(Action.CLOSE, InnerFinally.RAISE_STOP_ITERATION, RAISED_SI, STOP),
                Arguments.of(Action.CLOSE, InnerFinally.RAISE_EXCEPTION, "raises raised", STOP),
                Arguments.of(Action.CLOSE, InnerFinally.YIELD_2ND, IGNORED, STOP),
                Arguments.of(Action.CLOSE, InnerFinally.RETURN_V, "returns null", STOP),
                Arguments.of(Action.THROW_GENERATOR_EXIT, InnerFinally.RAISE_GENERATOR_EXIT, "raises thrown", STOP),
                Arguments.of(Action.THROW_GENERATOR_EXIT, InnerFinally.RAISE_STOP_ITERATION, RAISED_SI, STOP),
                Arguments.of(Action.THROW_GENERATOR_EXIT, InnerFinally.RAISE_EXCEPTION, "raises raised", STOP),
                Arguments.of(Action.THROW_GENERATOR_EXIT, InnerFinally.YIELD_2ND, IGNORED, STOP),
                Arguments.of(Action.THROW_GENERATOR_EXIT, InnerFinally.RETURN_V, "raises thrown", STOP),
                Arguments.of(Action.THROW_STOP_ITERATION, InnerFinally.RAISE_GENERATOR_EXIT, "raises raised", STOP),
                Arguments.of(Action.THROW_STOP_ITERATION, InnerFinally.RAISE_STOP_ITERATION, RAISED_SI, STOP),
                Arguments.of(Action.THROW_STOP_ITERATION, InnerFinally.RAISE_EXCEPTION, "raises raised", STOP),
                Arguments.of(Action.THROW_STOP_ITERATION, InnerFinally.YIELD_2ND, "returns second",
                        "raises ISE(generator raised StopIteration) <- thrown"),
                Arguments.of(Action.THROW_STOP_ITERATION, InnerFinally.RETURN_V, "raises StopIteration(v)", STOP),
                Arguments.of(Action.THROW_EXCEPTION, InnerFinally.RAISE_GENERATOR_EXIT, "raises raised", STOP),
                Arguments.of(Action.THROW_EXCEPTION, InnerFinally.RAISE_STOP_ITERATION, RAISED_SI, STOP),
                Arguments.of(Action.THROW_EXCEPTION, InnerFinally.RAISE_EXCEPTION, "raises raised", STOP),
                Arguments.of(Action.THROW_EXCEPTION, InnerFinally.YIELD_2ND, "returns second", "raises thrown"),
                Arguments.of(Action.THROW_EXCEPTION, InnerFinally.RETURN_V, "raises StopIteration(v)", STOP));
    }

    @SuppressWarnings("finally")
    private static Generator<String, Void, String> inner(InnerFinally kind, Throwable raised) {
        return switch (kind) {
            case YIELD_2ND -> Generator.returning(y -> {
                try {
                    y.yield("first");
                } finally {
                    y.yield("second");
                }
                return "v";
            });
            case RETURN_V -> Generator.returning(y -> {
                try {
                    y.yield("first");
                    y.yield("second");
                } finally {
                    return "v";
                }
            });
            default -> Generator.returning(y -> {
                try {
                    y.yield("first");
                    y.yield("second");
                    return "v";
                } finally {
                    throw sneaky(raised);
                }
            });
        };
    }

    @ParameterizedTest(name = "{0} with inner finally {1}: {2}; then next(): {3}")
    @MethodSource("g12Matrix")
    void g12_interestingEdgeCases_closeAndThrowInThroughYieldFrom(Action action, InnerFinally kind,
            String expected, String expectedThenNext) {
        Map<Throwable, String> names = new IdentityHashMap<>();
        Throwable raised = switch (kind) {
            case RAISE_GENERATOR_EXIT -> new GeneratorExit();
            case RAISE_STOP_ITERATION -> new StopIteration();
            case RAISE_EXCEPTION -> new Exception("raised");
            default -> null;
        };
        if (raised != null) {
            names.put(raised, "raised");
        }
        Throwable thrown = switch (action) {
            case THROW_GENERATOR_EXIT -> new GeneratorExit();
            case THROW_STOP_ITERATION -> new StopIteration();
            case THROW_EXCEPTION -> new Exception("thrown");
            default -> null;
        };
        if (thrown != null) {
            names.put(thrown, "thrown");
        }
        Generator<String, Void, String> sub = Harness.drive(inner(kind, raised));
        Generator<String, Void, String> g = Harness.returning(y -> y.yieldFrom(sub));
        assertEquals("first", g.next());
        String out;
        try {
            if (thrown == null) {
                g.close();
                out = "returns " + g.result();
            } else {
                out = "returns " + g.throwIn(thrown);
            }
        } catch (Throwable e) {
            out = "raises " + describe(e, names);
        }
        String after;
        try {
            after = "yields " + g.next();
        } catch (StopIteration e) {
            after = e.value() == null && e.getCause() == null && !names.containsKey(e) ? STOP : "?";
        } catch (Throwable e) {
            after = "raises " + describe(e, names);
        }
        assertEquals(expected, out);
        assertEquals(expectedThenNext, after);
        if (!out.equals("returns second")) {
            assertEquals(GeneratorState.CLOSED, g.state());
        }
    }

    private static String describe(Throwable e, Map<Throwable, String> names) {
        String name = names.get(e);
        if (name == null) {
            if (e instanceof StopIteration s) {
                name = "StopIteration(" + (s.value() == null ? "" : s.value()) + ")";
            } else if (e instanceof IllegalStateException) {
                name = "ISE(" + e.getMessage() + ")";
            } else {
                name = e.getClass().getSimpleName() + "(" + e.getMessage() + ")";
            }
        }
        return e.getCause() == null ? name : name + " <- " + describe(e.getCause(), names);
    }

    @Test
    void g12_twoCellsByIdentity() {
        StopIteration raisedStop = new StopIteration();
        Generator<String, Void, String> g = Harness.returning(
                y -> y.yieldFrom(inner(InnerFinally.RAISE_STOP_ITERATION, raisedStop)));
        g.next();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.throwIn(new GeneratorExit()));
        assertEquals("generator raised StopIteration", e.getMessage());
        assertSame(raisedStop, e.getCause());
        assertNull(assertThrows(StopIteration.class, g::next).value());

        GeneratorExit raisedExit = new GeneratorExit();
        Generator<String, Void, String> h = Harness.returning(
                y -> y.yieldFrom(inner(InnerFinally.RAISE_GENERATOR_EXIT, raisedExit)));
        h.next();
        GeneratorExit thrownExit = new GeneratorExit();
        GeneratorExit propagated = assertThrows(GeneratorExit.class, () -> h.throwIn(thrownExit));
        assertSame(thrownExit, propagated);
        assertNull(propagated.getCause());
    }

    static RuntimeException sneaky(Throwable t) {
        throw YieldFromSemanticsTest.<RuntimeException>raise(t);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T raise(Throwable t) throws T {
        throw (T) t;
    }
}
