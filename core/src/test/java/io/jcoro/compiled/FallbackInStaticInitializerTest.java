package io.jcoro.compiled;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcoro.Backend;
import io.jcoro.Generator;
import io.jcoro.Yielder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A body that runs on a virtual thread, started inside a static initializer, would wait forever for the class
 * its caller is initialising; it must fail at once with a clear exception instead.
 */
@Tag("stackful")
class FallbackInStaticInitializerTest {

    static final class Initializing {
        static final Object OUTCOME;

        static void produce(Yielder<Integer, Void> y) {
            y.yield(1);
        }

        static {
            Object outcome;
            try {
                Generator<Integer, Void, Void> g = Generator.of(y -> produce(y));
                outcome = g.next();
            } catch (IllegalStateException e) {
                outcome = e;
            }
            OUTCOME = outcome;
        }
    }

    @Test
    @Timeout(30)
    void aBodyOnAVirtualThread_startedInsideAStaticInitializer_failsFast_neverHangs() {
        assumeTrue(Generator.backend() == Backend.VIRTUAL_THREAD);
        IllegalStateException e = assertInstanceOf(IllegalStateException.class, Initializing.OUTCOME);
        assertTrue(e.getMessage().contains("cannot start inside the static initializer of "
                + Initializing.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("is not compiled: its yielder is passed to a method")
                || e.getMessage().contains("Compilation is off"), e.getMessage());
    }
}
