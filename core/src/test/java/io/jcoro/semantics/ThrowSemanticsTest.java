package io.jcoro.semantics;

import static org.junit.jupiter.api.Assertions.*;

import io.jcoro.Generator;
import io.jcoro.GeneratorExit;
import io.jcoro.GeneratorState;
import io.jcoro.StopIteration;
import io.jcoro.testing.Checkpoints;
import io.jcoro.testkit.Harness;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Part C of docs/semantics.md: {@code throw()}, here {@code throwIn(Throwable)}.
 *
 * <p>Not ported: C2's {@code throw(Class)}, the deprecated 3-argument form and its TypeErrors (Java's
 * {@code throwIn} takes a Throwable instance; its one argument check, null, is tested instead); C1's
 * {@code gi_frame}; E5's traceback (a Java stack trace is filled when the exception is created).
 */
@Tag("semantics")
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ThrowSemanticsTest {

    @RegisterExtension
    final Checkpoints steps = new Checkpoints();

    @Test
    void c1_anExceptionThatTheBodyCatches_makesThrowInReturnTheNextYieldedValue() {
        List<String> trace = new ArrayList<>();
        Generator<String, String, Void> g = Harness.of(y -> {
            while (true) {
                try {
                    trace.add("got " + y.yield(null));
                } catch (IllegalStateException v) {
                    trace.add("caught (" + v.getMessage() + ")");
                }
            }
        });
        g.next();
        assertNull(g.throwIn(new IllegalStateException()));
        assertNull(g.throwIn(new IllegalStateException("xyz")));
        assertEquals(List.of("caught (null)", "caught (xyz)"), trace);
        assertEquals(GeneratorState.SUSPENDED, g.state());
    }

    @Test
    void c1_anExceptionThatTheBodyDoesNotCatch_propagatesAsTheSameObject_andClosesTheGenerator() {
        Generator<String, Integer, Void> g = Harness.of(y -> {
            while (true) {
                try {
                    y.yield(null);
                } catch (IllegalStateException v) {
                    // only this kind is handled
                }
            }
        });
        g.next();
        IllegalArgumentException e = new IllegalArgumentException("terminate");
        assertSame(e, assertThrows(IllegalArgumentException.class, () -> g.throwIn(e)));
        assertEquals(GeneratorState.CLOSED, g.state());
        assertNull(assertThrows(StopIteration.class, () -> g.send(2)).value());
    }

    @Test
    void c1_anExceptionAfterWhichTheBodyReturns_makesThrowInRaiseStopIterationWithTheValue() {
        Generator<Integer, Void, String> g = Harness.returning(y -> {
            try {
                y.yield(1);
            } catch (IllegalStateException k) {
                return "handled";
            }
            return "not handled";
        });
        g.next();
        StopIteration stop = assertThrows(StopIteration.class, () -> g.throwIn(new IllegalStateException()));
        assertEquals("handled", stop.value());
        assertEquals("handled", g.result());
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void c1_theBodyReceivesTheVerySameExceptionObject() {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            try {
                y.yield(1);
            } catch (RuntimeException e) {
                seen.set(e);
                y.yield(2);
            }
        });
        g.next();
        RuntimeException e = new RuntimeException("same");
        assertEquals(2, g.throwIn(e));
        assertSame(e, seen.get());
    }

    @Test
    void c1_aCheckedExceptionThrownIn_canBeCaughtAsException_inTheBody() {
        Generator<String, Void, Void> g = Harness.of(y -> {
            try {
                y.yield("waiting");
            } catch (Exception e) {
                y.yield(e instanceof IOException ? "caught IOException " + e.getMessage() : "wrong");
            }
        });
        g.next();
        assertEquals("caught IOException disk", g.throwIn(new IOException("disk")));
    }

    @Test
    void c2_throwInNull_isNullPointerException_andLeavesTheGeneratorUntouched() {
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            try {
                y.yield(1);
                y.yield(2);
            } catch (Throwable t) {
                steps.expectUnreached();
            }
        });
        assertThrows(NullPointerException.class, () -> g.throwIn(null));
        assertEquals(GeneratorState.CREATED, g.state());
        g.next();
        assertThrows(NullPointerException.class, () -> g.throwIn(null));
        assertEquals(GeneratorState.SUSPENDED, g.state());
        assertEquals(2, g.next());
    }

    @Test
    void c3_throwInOnAJustCreatedGenerator_raisesBeforeTheFirstStatement_andClosesIt() {
        Generator<String, Void, Void> g = Harness.of(y -> {
            steps.expectUnreached();
            try {
                y.yield("1");
            } catch (IllegalStateException e) {
                y.yield("caught");
            }
        });
        IllegalStateException early = new IllegalStateException("early");
        assertSame(early, assertThrows(IllegalStateException.class, () -> g.throwIn(early)));
        assertEquals(GeneratorState.CLOSED, g.state());
        assertNull(assertThrows(StopIteration.class, g::next).value());
    }

    @Test
    void c3_throwInOnAJustCreatedGenerator_isNotSubjectToTheSendNonNullCheck_andRunsNoFinally() {
        List<String> trace = new ArrayList<>();
        Generator<String, Void, Void> g = Harness.of(y -> {
            try {
                y.yield("1");
            } finally {
                trace.add("finally");
            }
        });
        IOException checked = new IOException("early");
        assertSame(checked, assertThrows(IOException.class, () -> g.throwIn(checked)));
        assertEquals(List.of(), trace);
    }

    @Test
    void c4_throwInOnAClosedGenerator_rethrowsTheArgument_andRunsNoCode() {
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            try {
                y.yield(1);
            } catch (Throwable t) {
                steps.expectUnreached();
            }
        });
        assertEquals(List.of(1), Harness.drain(g));
        IllegalStateException six = new IllegalStateException("6");
        assertSame(six, assertThrows(IllegalStateException.class, () -> g.throwIn(six)));
        GeneratorExit exit = new GeneratorExit();
        assertSame(exit, assertThrows(GeneratorExit.class, () -> g.throwIn(exit)));
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void c5_throwInGeneratorExit_isNotClose_aYieldInResponseIsReturned() {
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            try {
                y.yield(1);
            } catch (GeneratorExit e) {
                y.yield(2);
            }
        });
        g.next();
        assertEquals(2, g.throwIn(new GeneratorExit()));
        assertEquals(GeneratorState.SUSPENDED, g.state());
    }

    @Test
    void c5_throwInGeneratorExit_thatEscapes_propagatesAndIsNotSwallowed() {
        Generator<Integer, Void, Void> g = Harness.of(y -> y.yield(1));
        g.next();
        GeneratorExit exit = new GeneratorExit();
        assertSame(exit, assertThrows(GeneratorExit.class, () -> g.throwIn(exit)));
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void c6_throwingInAStopIterationThatEscapes_isPep479IllegalState_withTheStopIterationAsCause() {
        Generator<Integer, Void, Void> g = Harness.of(y -> y.yield(1));
        g.next();
        StopIteration si = new StopIteration("thrown");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.throwIn(si));
        assertEquals("generator raised StopIteration", e.getMessage());
        assertSame(si, e.getCause());
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void c6_aStopIterationThrownIn_canBeCaughtByTheBody() {
        Generator<String, Void, Void> g = Harness.of(y -> {
            try {
                y.yield("1");
            } catch (StopIteration e) {
                y.yield("caught StopIteration fine");
            }
        });
        g.next();
        assertEquals("caught StopIteration fine", g.throwIn(new StopIteration()));
    }
}
