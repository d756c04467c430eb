package io.jcoro.semantics;

import static io.jcoro.testkit.Harness.drain;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcoro.Coroutine;
import io.jcoro.Generator;
import io.jcoro.GeneratorExit;
import io.jcoro.GeneratorState;
import io.jcoro.StopIteration;
import io.jcoro.Yielder;
import io.jcoro.testing.Checkpoints;
import io.jcoro.testkit.Harness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Part J of docs/semantics.md, what the Java mapping adds: stackful yields, checked exceptions, the {@link Iterator}
 * and {@link Stream} views, {@code AutoCloseable}, and a {@link Yielder} used outside its body.
 */
@Tag("semantics")
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JavaMappingSemanticsTest {

    @RegisterExtension
    final Checkpoints steps = new Checkpoints();

    // ------------------------------------------------------------------ stackful yields

    private static void countdown(Yielder<Integer, ?> y, int from) {
        for (int i = from; i > 0; i--) {
            y.yield(i);
        }
    }

    private static void recurse(Yielder<Integer, ?> y, int depth) {
        if (depth == 0) {
            y.yield(0);
            return;
        }
        recurse(y, depth - 1);
        y.yield(depth);
    }

    @Test
    @Tag("stackful")
    void stackful_yieldFromAHelperMethod_atAnyDepth() {
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            countdown(y, 3);
            recurse(y, 2);
        });
        assertEquals(List.of(3, 2, 1, 0, 1, 2), drain(g));
    }

    @Test
    @Tag("stackful")
    void stackful_yieldInsideAForEachLambda_andAStreamForEach() {
        Generator<String, Void, Void> g = Harness.of(y -> {
            List.of("a", "b").forEach(y::yield);
            Stream.of("c", "d").map(String::toUpperCase).forEach(y::yield);
        });
        assertEquals(List.of("a", "b", "C", "D"), drain(g));
    }

    @Test
    @Tag("stackful")
    void stackful_sendReachesAYieldInsideAHelper() {
        Generator<String, String, Void> g = Harness.of(y -> {
            List<String> got = new ArrayList<>();
            List.of(1, 2).forEach(i -> got.add(y.yield("ask " + i)));
            y.yield(String.join(",", got));
        });
        assertEquals("ask 1", g.next());
        assertEquals("ask 2", g.send("x"));
        assertEquals("x,y", g.send("y"));
    }

    @Test
    @Tag("stackful")
    void stackful_closeAtAYieldDeepInHelpers_runsEveryFinallyOnTheWayOut() {
        List<String> trace = new ArrayList<>();
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            try {
                List.of(1).forEach(i -> {
                    try {
                        countdown(y, 5);
                    } finally {
                        trace.add("lambda finally");
                    }
                });
            } finally {
                trace.add("body finally");
            }
        });
        assertEquals(5, g.next());
        g.close();
        assertEquals(List.of("lambda finally", "body finally"), trace);
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    @Tag("stackful")
    void stackful_throwInReachesAYieldInsideAHelper_whereItsTryCatches() {
        Generator<String, Void, Void> g = Harness.of(y -> List.of(1).forEach(i -> {
            try {
                y.yield("waiting");
            } catch (IllegalStateException e) {
                y.yield("helper caught " + e.getMessage());
            }
        }));
        g.next();
        assertEquals("helper caught x", g.throwIn(new IllegalStateException("x")));
    }

    @Test
    @Tag("stackful")
    void stackful_yieldInsideSynchronized_onJdk24AndLater() {
        assumeTrue(Runtime.version().feature() >= 24, "synchronized pins continuations before JDK 24");
        Object lock = new Object();
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            synchronized (lock) {
                y.yield(1);
                y.yield(Thread.holdsLock(lock) ? 2 : -2);
            }
            y.yield(Thread.holdsLock(lock) ? -3 : 3);
        });
        assertEquals(List.of(1, 2, 3), drain(g));
    }

    // ------------------------------------------------------------------ checked exceptions

    @Test
    void checked_aCheckedExceptionFromTheBody_reachesTheCallerUnwrapped_fromNextSendAndThrowIn() {
        IOException onNext = new IOException("next");
        IOException onSend = new IOException("send");
        IOException onThrow = new IOException("throwIn");
        Generator<Integer, String, Void> g = Harness.of(y -> {
            y.yield(1);
            throw onNext;
        });
        g.next();
        Exception e = assertThrows(Exception.class, g::next);
        assertSame(onNext, e);
        assertFalse(e instanceof UncheckedIOException);

        Generator<Integer, String, Void> s = Harness.of(y -> {
            if ("boom".equals(y.yield(1))) {
                throw onSend;
            }
        });
        s.next();
        assertSame(onSend, assertThrows(IOException.class, () -> s.send("boom")));

        Generator<Integer, String, Void> t = Harness.of(y -> {
            try {
                y.yield(1);
            } catch (IllegalStateException x) {
                throw onThrow;
            }
        });
        t.next();
        assertSame(onThrow, assertThrows(IOException.class, () -> t.throwIn(new IllegalStateException())));
    }

    @Test
    void checked_aCheckedExceptionFromAFinallyDuringClose_reachesTheCallerUnwrapped() {
        IOException onClose = new IOException("close");
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            try {
                y.yield(1);
            } finally {
                throw onClose;
            }
        });
        g.next();
        assertSame(onClose, assertThrows(IOException.class, g::close));
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void checked_aCheckedExceptionFromACoroutineBody_reachesTheSenderUnwrapped() {
        IOException failed = new IOException("failed");
        Coroutine<String> c = Harness.coroutine(in -> {
            while (true) {
                if (in.receive().equals("fail")) {
                    throw failed;
                }
            }
        });
        c.send("ok");
        assertSame(failed, assertThrows(IOException.class, () -> c.send("fail")));
        assertEquals(GeneratorState.CLOSED, c.state());
    }

    // ------------------------------------------------------------------ the Iterator view

    @Test
    void iterator_hasNextRunsTheBodyToTheNextYield_once_andNextHandsOutThatValue() {
        List<String> trace = new ArrayList<>();
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            trace.add("before 1");
            y.yield(1);
            trace.add("before 2");
            y.yield(2);
            trace.add("end");
        });
        Iterator<Integer> it = g.iterator();
        assertEquals(List.of(), trace);
        assertTrue(it.hasNext());
        assertEquals(List.of("before 1"), trace, "hasNext ran the body one step early");
        assertTrue(it.hasNext());
        assertTrue(it.hasNext());
        assertEquals(List.of("before 1"), trace, "hasNext is idempotent");
        assertEquals(GeneratorState.SUSPENDED, g.state());
        assertEquals(1, it.next());
        assertEquals(2, it.next(), "next without hasNext");
        assertFalse(it.hasNext());
        assertFalse(it.hasNext());
        assertEquals(List.of("before 1", "before 2", "end"), trace);
        assertThrows(NoSuchElementException.class, it::next);
        assertThrows(StopIteration.class, it::next);
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void iterator_aValuePrefetchedByHasNext_isHandedOutByTheGeneratorsNextToo() {
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            y.yield(1);
            y.yield(2);
        });
        Iterator<Integer> it = g.iterator();
        assertTrue(it.hasNext());
        assertEquals(1, g.next());
        assertEquals(2, it.next());
        assertFalse(g.iterator().hasNext());
    }

    @Test
    void iterator_sendOrThrowInWhileAValueIsPrefetched_isIllegalState_andChangesNothing() {
        List<String> trace = new ArrayList<>();
        Generator<Integer, String, Void> g = Harness.of(y -> {
            try {
                trace.add("sent " + y.yield(1));
                trace.add("sent " + y.yield(2));
            } catch (RuntimeException e) {
                trace.add("body got " + e);
            }
        });
        Iterator<Integer> it = g.iterator();
        assertTrue(it.hasNext());
        assertThrows(IllegalStateException.class, () -> g.send("x"));
        RuntimeException thrown = new RuntimeException("must not reach the body");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.throwIn(thrown));
        assertNotSame(thrown, e);
        assertEquals(List.of(), trace);
        assertEquals(1, it.next(), "the prefetched value is still there");
        assertEquals(2, g.send("y"), "send works again once it was taken");
        assertEquals(List.of("sent y"), trace);
    }

    @Test
    void iterator_closeWhileAValueIsPrefetched_discardsIt_andClosesTheGenerator() {
        List<String> trace = new ArrayList<>();
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            try {
                y.yield(1);
            } finally {
                trace.add("finally");
            }
        });
        Iterator<Integer> it = g.iterator();
        assertTrue(it.hasNext());
        g.close();
        assertEquals(List.of("finally"), trace);
        assertFalse(it.hasNext());
        assertThrows(StopIteration.class, g::next);
    }

    @Test
    void iterator_anExceptionFromTheBody_propagatesFromHasNext_asTheSameObject_thenItIsOver() {
        IllegalStateException boom = new IllegalStateException("boom");
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            y.yield(1);
            throw boom;
        });
        Iterator<Integer> it = g.iterator();
        assertEquals(1, it.next());
        assertSame(boom, assertThrows(IllegalStateException.class, it::hasNext));
        assertFalse(it.hasNext());
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void iterator_removeIsUnsupported() {
        Generator<Integer, Void, Void> g = Harness.of(y -> y.yield(1));
        Iterator<Integer> it = g.iterator();
        it.next();
        assertThrows(UnsupportedOperationException.class, it::remove);
    }

    @Test
    void iterator_forEachOverAGenerator_seesEveryValue_andLeavesItClosed() {
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            for (int i = 3; i > 0; i--) {
                y.yield(i);
            }
        });
        List<Integer> seen = new ArrayList<>();
        for (int v : g) {
            seen.add(v);
        }
        assertEquals(List.of(3, 2, 1), seen);
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    // ------------------------------------------------------------------ stream()

    @Test
    void stream_givesTheValuesStillToCome() {
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            for (int i = 4; i > 0; i--) {
                y.yield(i);
            }
        });
        g.next();
        assertEquals(List.of(3, 2, 1), g.stream().collect(Collectors.toList()));
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void stream_closingTheStreamClosesTheGenerator_soItsFinallyRuns() {
        List<String> trace = new ArrayList<>();
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            try {
                for (int i = 100; i > 0; i--) {
                    y.yield(i);
                }
            } finally {
                trace.add("finally");
            }
        });
        try (Stream<Integer> s = g.stream()) {
            assertEquals(List.of(100, 99), s.limit(2).collect(Collectors.toList()));
            assertEquals(List.of(), trace);
            assertEquals(GeneratorState.SUSPENDED, g.state());
        }
        assertEquals(List.of("finally"), trace);
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void stream_anExceptionFromTheBody_propagatesFromTheTerminalOperation_asTheSameObject() {
        IllegalArgumentException bad = new IllegalArgumentException("bad");
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            y.yield(1);
            throw bad;
        });
        assertSame(bad, assertThrows(IllegalArgumentException.class, () -> g.stream().count()));
    }

    // ------------------------------------------------------------------ AutoCloseable

    @Test
    void tryWithResources_closesTheGenerator_andRunsItsFinally() {
        List<String> trace = new ArrayList<>();
        Generator<Integer, Void, Void> kept;
        try (Generator<Integer, Void, Void> g = Harness.of(y -> {
            try {
                for (int i = 3; i > 0; i--) {
                    y.yield(i);
                }
            } finally {
                trace.add("finally");
            }
        })) {
            kept = g;
            assertEquals(3, g.next());
        }
        assertEquals(List.of("finally"), trace);
        assertEquals(GeneratorState.CLOSED, kept.state());
    }

    @Test
    void tryWithResources_anExceptionInTheBlock_isNotMaskedByClosingTheGenerator() {
        List<String> trace = new ArrayList<>();
        IllegalStateException inBlock = new IllegalStateException("in block");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            try (Generator<Integer, Void, Void> g = Harness.of(y -> {
                try {
                    for (int i = 3; i > 0; i--) {
                        y.yield(i);
                    }
                } finally {
                    trace.add("finally");
                }
            })) {
                g.next();
                throw inBlock;
            }
        });
        assertSame(inBlock, e);
        assertEquals(0, e.getSuppressed().length);
        assertEquals(List.of("finally"), trace);
    }

    // ------------------------------------------------------------------ a Yielder outside its body

    @Test
    @Tag("stackful")
    void yielder_usedOutsideItsBody_isIllegalState_andTheGeneratorIsUnaffected() {
        AtomicReference<Yielder<Integer, Void>> captured = new AtomicReference<>();
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            captured.set(y);
            y.yield(1);
            y.yield(2);
        });
        Yielder<Integer, Void> y = captured.get();
        assertNull(y, "no code ran yet");
        g.next();
        Yielder<Integer, Void> outside = captured.get();
        assertThrows(IllegalStateException.class, () -> outside.yield(9));
        assertThrows(IllegalStateException.class, () -> outside.yieldFrom(Generator.of(s -> s.yield(9))));
        assertThrows(IllegalStateException.class, () -> outside.yieldAll(List.of(9)));
        assertEquals(GeneratorState.SUSPENDED, g.state());
        assertEquals(2, g.next());
        assertThrows(StopIteration.class, g::next);
        assertThrows(IllegalStateException.class, () -> outside.yield(9), "after the end too");
    }

    @Test
    @Tag("stackful")
    void yielder_ofOneGenerator_usedInsideAnothersBody_isIllegalState() {
        AtomicReference<Yielder<Integer, Void>> first = new AtomicReference<>();
        Generator<Integer, Void, Void> a = Harness.of(y -> {
            first.set(y);
            y.yield(1);
        });
        a.next();
        Generator<String, Void, Void> b = Harness.of(y -> {
            try {
                first.get().yield(99);
                y.yield("wrongly yielded");
            } catch (IllegalStateException e) {
                y.yield("refused");
            }
        });
        assertEquals("refused", b.next());
        assertEquals(GeneratorState.SUSPENDED, a.state());
    }

    @Test
    @Tag("stackful")
    void yielder_usedFromAnotherThreadWhileItsBodyRuns_isIllegalState() throws Exception {
        CountDownLatch inBody = new CountDownLatch(1);
        CountDownLatch tried = new CountDownLatch(1);
        AtomicReference<Yielder<String, Void>> captured = new AtomicReference<>();
        Generator<String, Void, Void> g = Harness.of(y -> {
            captured.set(y);
            inBody.countDown();
            assertTrue(tried.await(30, TimeUnit.SECONDS));
            y.yield("from the body");
        });
        AtomicReference<Object> bodyResult = new AtomicReference<>();
        Thread driver = new Thread(() -> bodyResult.set(g.next()), "driver");
        driver.start();
        assertTrue(inBody.await(30, TimeUnit.SECONDS));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> captured.get().yield("from another thread"));
        assertNotNull(e.getMessage());
        tried.countDown();
        driver.join(30_000);
        assertEquals("from the body", bodyResult.get());
    }

    @Test
    void nullValues_areOrdinaryValues_yieldedSentAndReturned() {
        Generator<String, String, String> g = Harness.returning(y -> {
            String a = y.yield(null);
            y.yield(a == null ? "got null" : a);
            return null;
        });
        assertNull(g.next());
        assertEquals("got null", g.send(null));
        StopIteration end = assertThrows(StopIteration.class, g::next);
        assertNull(end.value());
        assertNull(g.result());
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void generatorExit_isAnError_soCatchExceptionInABodyCannotSwallowIt() {
        assertTrue(Error.class.isAssignableFrom(GeneratorExit.class));
        assertFalse(Exception.class.isAssignableFrom(GeneratorExit.class));
        assertTrue(NoSuchElementException.class.isAssignableFrom(StopIteration.class));
        assertEquals(0, new StopIteration("v").getStackTrace().length, "StopIteration is cheap control flow");
    }
}
