package io.jcoro.semantics;

import static org.junit.jupiter.api.Assertions.*;

import io.jcoro.Generator;
import io.jcoro.GeneratorExit;
import io.jcoro.GeneratorState;
import io.jcoro.StopIteration;
import io.jcoro.testing.Checkpoints;
import io.jcoro.testkit.Harness;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Part B of docs/semantics.md: {@code close()}. Python's {@code close()} returns the body's return value (3.13);
 * here {@code close()} is void and that value is read with {@code result()}.
 *
 * <p>Not ported: the {@code __context__} of an exception raised while handling GeneratorExit (B5, E1): Java has no
 * implicit context; see ExceptionContextSemanticsTest for the explicit chaining a body can do. B0's "errors looking
 * up a close attribute are reported as unraisable" has no Java counterpart (AutoCloseable is a type, not an
 * attribute). The 3.11/3.12 behaviour of B3 (close returns None) is not offered.
 */
@Tag("semantics")
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CloseSemanticsTest {

    @RegisterExtension
    final Checkpoints steps = new Checkpoints();

    @Test
    void b1_closeRaisesGeneratorExitAtTheYield_andFinallyBlocksRun() {
        List<String> trace = new ArrayList<>();
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            try {
                y.yield(1);
                trace.add("not reached");
            } catch (GeneratorExit e) {
                trace.add("caught GeneratorExit; an Error, not an Exception: "
                        + (((Throwable) e) instanceof Error && !(((Throwable) e) instanceof Exception)));
                throw e;
            } finally {
                trace.add("finally runs");
            }
        });
        g.next();
        g.close();
        assertEquals(List.of("caught GeneratorExit; an Error, not an Exception: true", "finally runs"), trace);
        assertEquals(GeneratorState.CLOSED, g.state());
        assertNull(g.result());
    }

    @Test
    void b2_catchExceptionDoesNotCatchGeneratorExit() {
        List<String> trace = new ArrayList<>();
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            try {
                y.yield(null);
            } catch (Exception e) {
                trace.add("catch (Exception e): wrong!");
            } finally {
                trace.add("finally");
            }
        });
        g.next();
        g.close();
        assertEquals(List.of("finally"), trace);
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void b3_aBodyThatCatchesGeneratorExitAndReturns_closesNormally_andResultHoldsTheValue() {
        Generator<Integer, Void, Integer> g = Harness.returning(y -> {
            try {
                y.yield(null);
            } catch (GeneratorExit e) {
                return 0;
            }
            return -1;
        });
        g.send(null);
        g.close();
        assertEquals(GeneratorState.CLOSED, g.state());
        assertEquals(0, g.result());
        g.close(); // a second close does nothing, and the value stays the one the body returned
        assertEquals(0, g.result());
    }

    @Test
    void b3_aBodyThatDoesNotCatchGeneratorExit_neverReachesItsReturn_soResultIsNull() {
        Generator<Integer, Void, Integer> g = Harness.returning(y -> {
            y.yield(null);
            return 0;
        });
        g.next();
        g.close();
        assertNull(g.result());
    }

    @Test
    @SuppressWarnings("finally")
    void b3_aReturnInFinallySwallowsGeneratorExit_andCountsAsReturningAValue() {
        Generator<Integer, Void, String> g = Harness.returning(y -> {
            try {
                y.yield(null);
            } finally {
                return "from finally";
            }
        });
        g.next();
        g.close();
        assertEquals("from finally", g.result());
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void b4_yieldingInResponseToGeneratorExit_isIllegalState_andLeavesTheGeneratorSuspended() {
        List<String> trace = new ArrayList<>();
        Generator<String, Void, Void> g = Harness.of(y -> {
            try {
                y.yield("1");
            } catch (GeneratorExit e) {
                trace.add("ignoring GeneratorExit");
                y.yield("foo!");
            }
            trace.add("never printed");
        });
        g.next();
        IllegalStateException e = assertThrows(IllegalStateException.class, g::close);
        assertEquals("generator ignored GeneratorExit", e.getMessage());
        assertEquals(List.of("ignoring GeneratorExit"), trace);
        assertEquals(GeneratorState.SUSPENDED, g.state());
        g.close(); // a new GeneratorExit at the second yield, outside the try: the body ends
        assertEquals(GeneratorState.CLOSED, g.state());
        assertEquals(List.of("ignoring GeneratorExit"), trace);
    }

    @Test
    void b4_afterAnIgnoredGeneratorExit_theGeneratorCanStillBeResumed() {
        Generator<String, Void, Void> g = Harness.of(y -> {
            try {
                y.yield("1");
            } catch (GeneratorExit e) {
                y.yield("foo!");
            }
            y.yield("after");
        });
        g.next();
        assertThrows(IllegalStateException.class, g::close);
        assertEquals("after", g.next(), "the discarded 'foo!' is not delivered again");
    }

    @Test
    void b5_anotherExceptionRaisedDuringClose_propagatesAsTheSameObject_andCloses() {
        AtomicReference<IllegalArgumentException> raised = new AtomicReference<>();
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            try {
                y.yield(null);
            } catch (GeneratorExit e) {
                raised.set(new IllegalArgumentException("fie!"));
                throw raised.get();
            }
        });
        g.next();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, g::close);
        assertSame(raised.get(), e);
        assertEquals(GeneratorState.CLOSED, g.state());
        g.close();
    }

    @Test
    void b5_anExceptionFromAFinallyDuringClose_propagates() {
        AtomicReference<RuntimeException> raised = new AtomicReference<>();
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            try {
                y.yield(null);
            } finally {
                raised.set(new IllegalStateException("from finally"));
                throw raised.get();
            }
        });
        g.next();
        IllegalStateException e = assertThrows(IllegalStateException.class, g::close);
        assertSame(raised.get(), e);
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void b6_raisingStopIterationInResponseToGeneratorExit_isPep479IllegalState() {
        StopIteration five = new StopIteration(5);
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            try {
                y.yield(null);
            } catch (GeneratorExit e) {
                throw five;
            }
        });
        g.next();
        IllegalStateException e = assertThrows(IllegalStateException.class, g::close);
        assertEquals("generator raised StopIteration", e.getMessage());
        assertSame(five, e.getCause());
        assertEquals(GeneratorState.CLOSED, g.state());
        assertNull(g.result());
    }

    static final class MyExit extends GeneratorExit {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void b6_raisingAnyGeneratorExit_aDifferentInstanceOrASubclass_isSwallowedByClose() {
        for (GeneratorExit other : List.of(new GeneratorExit("a different instance"), new MyExit())) {
            Generator<Integer, Void, Void> g = Harness.of(y -> {
                try {
                    y.yield(null);
                } catch (GeneratorExit e) {
                    throw other;
                }
            });
            g.next();
            g.close();
            assertEquals(GeneratorState.CLOSED, g.state());
        }
    }

    @Test
    void b7_closeOnAJustCreatedGenerator_runsNoCode_andClosesIt() {
        Generator<Integer, Void, Integer> g = Harness.returning(y -> {
            steps.expectUnreached();
            try {
                y.yield(null);
            } catch (GeneratorExit e) {
                return 0;
            }
            return 1;
        });
        g.close();
        assertEquals(GeneratorState.CLOSED, g.state());
        assertNull(g.result());
        assertNull(assertThrows(StopIteration.class, g::next).value());
    }

    @Test
    void b8_closeOnAFinishedGenerator_doesNothing_andIsIdempotent() {
        Generator<Integer, Void, Integer> g = Harness.returning(y -> {
            try {
                y.yield(null);
            } catch (GeneratorExit e) {
                return 0;
            }
            return null;
        });
        g.next();
        assertNull(assertThrows(StopIteration.class, g::next).value(), "finishes normally");
        g.close();
        g.close();
        assertNull(g.result(), "the close of a finished generator runs nothing");
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void b9_closeRunsTryWithResourcesLikeAnyOtherException() {
        List<String> trace = new ArrayList<>();
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            try (AutoCloseable cm = () -> trace.add("resource closed")) {
                y.yield(1);
            } catch (Throwable t) {
                trace.add("exit got " + t.getClass().getSimpleName());
                throw t;
            }
        });
        g.next();
        g.close();
        assertEquals(List.of("resource closed", "exit got GeneratorExit"), trace);
    }

    @Test
    void b0_closeOnAGeneratorSuspendedInsideManyTryBlocks_runsEveryFinallyInnermostFirst() {
        List<String> trace = new ArrayList<>();
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            try {
                try {
                    try {
                        y.yield(1);
                    } finally {
                        trace.add("inner");
                    }
                } finally {
                    trace.add("middle");
                }
            } finally {
                trace.add("outer");
            }
        });
        g.next();
        g.close();
        assertEquals(List.of("inner", "middle", "outer"), trace);
    }
}
