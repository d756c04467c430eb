package io.jcoro.semantics;

import static org.junit.jupiter.api.Assertions.*;

import io.jcoro.Generator;
import io.jcoro.GeneratorExit;
import io.jcoro.GeneratorState;
import io.jcoro.testkit.Harness;
import io.jcoro.testing.Gc;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Part F of docs/semantics.md: finalisation. Best effort, as finalisation is on the JVM: each test drops its
 * generator, then calls {@code System.gc()} and waits (up to 20 s) for the Cleaner. The heavy many-generators leak
 * test lives elsewhere (AbandonedGeneratorLeakTest).
 *
 * <p>Not ported: F4 (a generator in a reference cycle through its own body is finalised): jcoro documents the
 * opposite, "a body that holds a reference to its own generator keeps it reachable, and is not finalised", since
 * the Cleaner's action must reach the suspended body. F5's CPython timing (refcounting closes right after the loop)
 * has no JVM counterpart; only its deterministic half (a {@code break} does not close) is tested.
 */
@Tag("semantics")
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FinalisationSemanticsTest {

    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(20);

    @AfterEach
    void restoreHook() {
        Generator.setUnraisableHook(null);
    }

    /** Collects garbage until {@code done} holds; false after the wait limit. */
    private static boolean gcUntil(BooleanSupplier done) throws InterruptedException {
        return Gc.until(done, Duration.ofNanos(WAIT_NANOS));
    }

    /** Creates a generator, runs it to its first yield, and lets go of it (nothing else refers to it). */
    private static void startAndDrop(Generator.Body<Object, Object> body) {
        Generator<Object, Object, Void> g = Harness.of(body);
        g.next();
        assertEquals(GeneratorState.SUSPENDED, g.state());
    }

    @Test
    void f1_anUnreachableSuspendedGenerator_isClosed_andItsFinallyRuns_notOnTheTestThread() throws Exception {
        List<String> trace = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch finallyRan = new CountDownLatch(1);
        AtomicReference<Thread> finalThread = new AtomicReference<>();
        startAndDrop(y -> {
            try {
                trace.add("A started");
                y.yield(1);
                y.yield(2);
            } catch (GeneratorExit e) {
                trace.add("A got GeneratorExit");
                throw e;
            } finally {
                finalThread.set(Thread.currentThread());
                trace.add("A finally ran");
                finallyRan.countDown();
            }
        });
        assertEquals(List.of("A started"), trace);
        assertTrue(gcUntil(() -> finallyRan.getCount() == 0), "the abandoned generator was not closed");
        assertEquals(List.of("A started", "A got GeneratorExit", "A finally ran"), trace);
        assertNotSame(Thread.currentThread(), finalThread.get());
    }

    @Test
    void f2_aGeneratorThatNeverStarted_orHasFinished_runsNothingWhenCollected() throws Exception {
        AtomicInteger created = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        Generator<Integer, Void, Void> never = Generator.of(y -> {
            created.incrementAndGet();
            y.yield(1);
        });
        Generator<Integer, Void, Void> done = Generator.of(y -> {
            try {
                y.yield(1);
            } finally {
                finished.incrementAndGet();
            }
        });
        assertEquals(List.of(1), Harness.drain(Harness.drive(done)));
        Harness.drive(never); // a created generator, maybe wrapped, dropped at once
        WeakReference<Object> neverRef = new WeakReference<>(never);
        WeakReference<Object> doneRef = new WeakReference<>(done);
        never = null;
        done = null;
        assertTrue(gcUntil(() -> neverRef.get() == null && doneRef.get() == null), "not collected");
        Thread.sleep(100); // give a (wrongly) registered cleanup time to run
        assertEquals(0, created.get(), "the body of a never-started generator never runs");
        assertEquals(1, finished.get(), "the finally of a finished generator ran once, at its end");
    }

    @Test
    void f3_anExceptionFromTheImplicitClose_goesToTheUnraisableHook_andIsNotPropagated() throws Exception {
        BlockingQueue<Throwable> reported = new LinkedBlockingQueue<>();
        Generator.setUnraisableHook(reported::add);
        AtomicReference<IllegalArgumentException> raised = new AtomicReference<>();
        startAndDrop(y -> {
            try {
                y.yield(1);
            } finally {
                raised.set(new IllegalArgumentException("from finally"));
                throw raised.get();
            }
        });
        assertTrue(gcUntil(() -> raised.get() != null && reported.contains(raised.get())),
                "the finally's exception did not reach the hook: " + reported);
    }

    @Test
    void f3_ignoringGeneratorExitDuringFinalisation_isReportedToTheHook_andTheFrameIsDropped() throws Exception {
        BlockingQueue<Throwable> reported = new LinkedBlockingQueue<>();
        Generator.setUnraisableHook(reported::add);
        List<String> trace = Collections.synchronizedList(new ArrayList<>());
        startAndDrop(y -> {
            try {
                try {
                    y.yield(1);
                } catch (GeneratorExit e) {
                    trace.add("ignored GeneratorExit");
                    y.yield("nope");
                }
                trace.add("resumed normally (wrong)");
            } finally {
                trace.add("finally");
            }
        });
        assertTrue(gcUntil(() -> reported.stream().anyMatch(t -> t instanceof IllegalStateException
                && "generator ignored GeneratorExit".equals(t.getMessage()))), "reported: " + reported);
        // Python drops the frame after the report: neither the rest of the body nor its finally runs
        Thread.sleep(100);
        System.gc();
        Thread.sleep(100);
        assertEquals(List.of("ignored GeneratorExit"), trace);
        assertEquals(1, reported.size(), "reported: " + reported);
    }

    @Test
    void f3_aBodyThatKeepsCatchingGeneratorExit_runsItsHandlerOnce_andTheFinaliserGoesOnToOtherGenerators()
            throws Exception {
        BlockingQueue<Throwable> reported = new LinkedBlockingQueue<>();
        Generator.setUnraisableHook(reported::add);
        AtomicInteger caught = new AtomicInteger();
        startAndDrop(y -> {
            while (true) {
                try {
                    y.yield(1);
                } catch (GeneratorExit e) {
                    caught.incrementAndGet();
                }
            }
        });
        assertTrue(gcUntil(() -> caught.get() > 0), "the stubborn generator was not finalised");
        // Python reports the ignored GeneratorExit and drops the frame: the body does not run on and on.
        CountDownLatch otherClosed = new CountDownLatch(1);
        startAndDrop(y -> {
            try {
                y.yield(1);
            } finally {
                otherClosed.countDown();
            }
        });
        assertTrue(gcUntil(() -> otherClosed.getCount() == 0),
                "the finaliser is still busy with the stubborn body (caught " + caught.get() + " GeneratorExits)");
        Thread.sleep(100);
        assertEquals(1, caught.get(), "the handler ran more than once, as Python's does not");
        assertEquals(1, reported.stream().filter(t -> t instanceof IllegalStateException
                && "generator ignored GeneratorExit".equals(t.getMessage())).count(), "reported: " + reported);
    }

    /** A for loop over a generator that breaks out after the first value, and lets go of the generator. */
    private static void breakOutOfALoop(List<String> trace, CountDownLatch finallyRan) {
        Generator<Integer, Void, Void> d = Harness.of(y -> {
            try {
                trace.add("D started");
                y.yield(1);
                y.yield(2);
            } finally {
                trace.add("D finally ran");
                finallyRan.countDown();
            }
        });
        for (int x : d) {
            assertEquals(1, x);
            break;
        }
        assertEquals(GeneratorState.SUSPENDED, d.state());
    }

    @Test
    void f5_breakingOutOfAForLoop_doesNotCloseTheGenerator_theCleanerDoesLater() throws Exception {
        List<String> trace = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch finallyRan = new CountDownLatch(1);
        breakOutOfALoop(trace, finallyRan);
        assertEquals(List.of("D started"), trace, "the break itself closed nothing");
        assertTrue(gcUntil(() -> finallyRan.getCount() == 0), "the abandoned generator was not closed");
        assertEquals(List.of("D started", "D finally ran"), trace);
    }
}
