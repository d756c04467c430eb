package io.jcoro.semantics;

import static io.jcoro.testkit.Harness.drain;
import static org.junit.jupiter.api.Assertions.*;

import io.jcoro.Generator;
import io.jcoro.GeneratorState;
import io.jcoro.StopIteration;
import io.jcoro.testkit.Harness;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Part D of docs/semantics.md: PEP 479, a StopIteration escaping a body becomes IllegalStateException
 * (Python's RuntimeError) "generator raised StopIteration", with the StopIteration as its cause.
 *
 * <p>Not ported: {@code __suppress_context__} (Java has no implicit context); generator expressions. Java's own
 * iterators end with {@link NoSuchElementException}, which is not a StopIteration and so passes through unchanged.
 */
@Tag("semantics")
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Pep479SemanticsTest {

    @Test
    void d_aStopIterationRaisedInTheBody_becomesIllegalState_withTheStopIterationAsCause() {
        StopIteration seven = new StopIteration(7);
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            y.yield(1);
            if (seven != null) {
                throw seven;
            }
            y.yield(2); // never reached
        });
        assertEquals(1, g.next());
        IllegalStateException e = assertThrows(IllegalStateException.class, g::next);
        assertEquals("generator raised StopIteration", e.getMessage());
        assertSame(seven, e.getCause());
        assertEquals(GeneratorState.CLOSED, g.state());
        assertNull(g.result(), "an ended-by-exception generator has no result, not 7");
    }

    @Test
    void d_anImplicitStopIteration_fromNextOnAFinishedGenerator_inTheBody_isConverted() {
        AtomicReference<StopIteration> inner = new AtomicReference<>();
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            Generator<Integer, Void, Void> empty = Generator.of(e -> { });
            try {
                y.yield(empty.next());
            } catch (StopIteration s) {
                inner.set(s);
                throw s;
            }
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, g::next);
        assertEquals("generator raised StopIteration", e.getMessage());
        assertSame(inner.get(), e.getCause());
    }

    @Test
    void d_anImplicitStopIteration_fromTheIteratorViewOfAFinishedGenerator_isConverted() {
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            Generator<Integer, Void, Void> empty = Generator.of(e -> { });
            y.yield(empty.iterator().next());
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, g::next);
        assertEquals("generator raised StopIteration", e.getMessage());
        assertInstanceOf(StopIteration.class, e.getCause());
    }

    static final class MyStop extends StopIteration {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void d_aSubclassOfStopIteration_isConvertedToo() {
        MyStop stop = new MyStop();
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            throw stop;
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, g::next);
        assertEquals("generator raised StopIteration", e.getMessage());
        assertSame(stop, e.getCause());
    }

    @Test
    void d_aJavaNoSuchElementExceptionIsNotAStopIteration_andPassesThroughAsIs() {
        AtomicReference<NoSuchElementException> raised = new AtomicReference<>();
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            try {
                y.yield(Collections.<Integer>emptyIterator().next());
            } catch (NoSuchElementException e) {
                raised.set(e);
                throw e;
            }
        });
        NoSuchElementException e = assertThrows(NoSuchElementException.class, g::next);
        assertSame(raised.get(), e);
        assertFalse(e instanceof StopIteration);
    }

    @Test
    void d_aStopIterationCaughtInsideTheBody_isHarmless() {
        Generator<String, Void, Void> g = Harness.of(y -> {
            try {
                throw new StopIteration();
            } catch (StopIteration e) {
                y.yield("fine");
            }
        });
        assertEquals(List.of("fine"), drain(g));
    }

    @Test
    void d_returnEndsTheGenerator_butARaisedStopIterationCanBeCaughtByTheBody_pep255() {
        Generator<Integer, Void, Void> f1 = Harness.of(y -> {
            try {
                return;
            } catch (RuntimeException e) {
                y.yield(1);
            }
        });
        Generator<Integer, Void, Void> f2 = Harness.of(y -> {
            try {
                throw new StopIteration();
            } catch (RuntimeException e) {
                y.yield(42);
            }
        });
        assertEquals(List.of(), drain(f1));
        assertEquals(List.of(42), drain(f2));
    }

    @Test
    void d_aStopIterationEscapingASubgenerator_isNotTakenForItsReturn_byTheDelegator() {
        StopIteration stop = new StopIteration("not a return value");
        Generator<String, Void, Object> sub = Generator.returning(y -> {
            y.yield("sub");
            throw stop;
        });
        AtomicReference<Throwable> caught = new AtomicReference<>();
        Generator<String, Void, Void> g = Harness.of(y -> {
            try {
                y.yieldFrom(sub);
                y.yield("wrongly continued");
            } catch (IllegalStateException e) {
                caught.set(e);
                y.yield("caught in delegator");
            }
        });
        assertEquals("sub", g.next());
        assertEquals("caught in delegator", g.next());
        assertEquals("generator raised StopIteration", caught.get().getMessage());
        assertSame(stop, caught.get().getCause());
    }

    @Test
    void d_theStopIterationThatEndsAGeneratorNormally_isNeverConverted() {
        Generator<Integer, Void, String> g = Harness.returning(y -> {
            y.yield(1);
            return "done";
        });
        g.next();
        StopIteration end = assertThrows(StopIteration.class, g::next);
        assertEquals("done", end.value());
        assertNull(end.getCause());
    }
}
