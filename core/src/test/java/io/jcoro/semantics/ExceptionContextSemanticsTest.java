package io.jcoro.semantics;

import static org.junit.jupiter.api.Assertions.*;

import io.jcoro.Generator;
import io.jcoro.GeneratorExit;
import io.jcoro.StopIteration;
import io.jcoro.testkit.Harness;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Part E of docs/semantics.md: exception context and chaining, as far as it maps to Java.
 *
 * <p>What maps: the PEP 479 link (the IllegalStateException's cause is the StopIteration), on every way of resuming
 * a body; exceptions travel as the same objects, with their own causes and suppressed lists untouched (jcoro adds
 * no links of its own); E1's "raised while handling GeneratorExit", as the explicit cause a Java body gives.
 *
 * <p>Not ported: Java has no implicit {@code __context__}, so E1's automatic context, E2 (a thrown exception's
 * context is the one the body is handling), E3/E4 ({@code sys.exc_info()} inside and outside a body) and
 * {@code __suppress_context__} have no counterpart; E5 (the traceback of a thrown exception gains the generator's
 * frame) does not apply, as a Java stack trace is filled in when the exception is created.
 */
@Tag("semantics")
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExceptionContextSemanticsTest {

    private static void raise(StopIteration s) {
        throw s;
    }

    @Test
    void pep479_theCauseIsTheStopIteration_whenTheBodyIsResumedByNextSendThrowInOrClose() {
        StopIteration onNext = new StopIteration("next");
        Generator<Integer, Void, Void> byNext = Harness.of(y -> {
            y.yield(1);
            raise(onNext);
        });
        byNext.next();
        assertSame(onNext, assertThrows(IllegalStateException.class, byNext::next).getCause());

        StopIteration onSend = new StopIteration("send");
        Generator<Integer, String, Void> bySend = Harness.of(y -> {
            y.yield(1);
            raise(onSend);
        });
        bySend.next();
        assertSame(onSend, assertThrows(IllegalStateException.class, () -> bySend.send("v")).getCause());

        StopIteration onThrow = new StopIteration("throw");
        Generator<Integer, Void, Void> byThrow = Harness.of(y -> {
            try {
                y.yield(1);
            } catch (IllegalArgumentException e) {
                raise(onThrow);
            }
        });
        byThrow.next();
        assertSame(onThrow, assertThrows(IllegalStateException.class,
                () -> byThrow.throwIn(new IllegalArgumentException())).getCause());

        StopIteration onClose = new StopIteration("close");
        Generator<Integer, Void, Void> byClose = Harness.of(y -> {
            try {
                y.yield(1);
            } finally {
                raise(onClose);
            }
        });
        byClose.next();
        assertSame(onClose, assertThrows(IllegalStateException.class, byClose::close).getCause());
    }

    @Test
    void e1_anExceptionRaisedWhileHandlingGeneratorExit_keepsTheCauseTheBodyGaveIt() {
        AtomicReference<GeneratorExit> exit = new AtomicReference<>();
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            try {
                y.yield(null);
            } catch (GeneratorExit e) {
                exit.set(e);
                throw new IllegalArgumentException("fie!", e);
            }
        });
        g.next();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, g::close);
        assertEquals("fie!", e.getMessage());
        assertSame(exit.get(), e.getCause());
    }

    @Test
    void e_anExceptionLeavingTheBody_isNotWrappedNorAnnotated() {
        IOException cause = new IOException("root");
        IllegalStateException raised = new IllegalStateException("raised", cause);
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            y.yield(1);
            throw raised;
        });
        g.next();
        IllegalStateException e = assertThrows(IllegalStateException.class, g::next);
        assertSame(raised, e);
        assertSame(cause, e.getCause());
        assertEquals(0, e.getSuppressed().length);
    }

    @Test
    void e_anExceptionThrownInAndPropagatingBack_isNotWrappedNorAnnotated() {
        RuntimeException thrown = new RuntimeException("thrown");
        StackTraceElement[] before = thrown.getStackTrace();
        Generator<Integer, Void, Void> g = Harness.of(y -> y.yield(1));
        g.next();
        RuntimeException e = assertThrows(RuntimeException.class, () -> g.throwIn(thrown));
        assertSame(thrown, e);
        assertNull(e.getCause());
        assertEquals(0, e.getSuppressed().length);
        assertArrayEquals(before, e.getStackTrace());
    }

    @Test
    void e_throwingInAnExceptionTheBodyIsHandling_createsNoCycle() {
        AtomicReference<RuntimeException> handling = new AtomicReference<>();
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            try {
                throw new RuntimeException("own");
            } catch (RuntimeException own) {
                handling.set(own);
                y.yield(1);
            }
        });
        g.next();
        RuntimeException e = assertThrows(RuntimeException.class, () -> g.throwIn(handling.get()));
        assertSame(handling.get(), e);
        assertNull(e.getCause());
        assertEquals(0, e.getSuppressed().length);
    }
}
