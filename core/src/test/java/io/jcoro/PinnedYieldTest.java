package io.jcoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A yield at a point where the stack cannot be suspended (here: inside a class initializer) fails with a clear
 * exception on the continuation backend, and leaves the generator consistent; the virtual-thread backend can
 * suspend there and simply yields.
 */
@Tag("stackful")
class PinnedYieldTest {

    static final List<String> EVENTS = new ArrayList<>();
    static Yielder<String, Void> current;

    /** Its static initializer yields through the generator currently running. */
    static final class YieldsInInitializer {
        static {
            try {
                current.yield("from <clinit>");
                EVENTS.add("yielded");
            } catch (IllegalStateException e) {
                EVENTS.add(e.getMessage());
            }
        }

        static void touch() {
        }
    }

    @Test
    void yieldInsideClassInitializer_isRefusedClearly_onContinuations_andWorksOnVirtualThreads() {
        Generator<String, Void, Void> g = Generator.of(y -> {
            current = y;
            y.yield("before");
            YieldsInInitializer.touch();
            y.yield("after");
        });
        assertEquals("before", g.next());
        if (Generator.backend() == Backend.CONTINUATION) {
            assertEquals("after", g.next(), "the refused yield must not lose the generator");
            assertEquals(1, EVENTS.size());
            String message = EVENTS.get(0);
            assertTrue(message.startsWith("cannot yield here: the stack is pinned (NATIVE"), message);
        } else {
            assertEquals("from <clinit>", g.next());
            assertEquals("after", g.next());
            assertEquals(List.of("yielded"), EVENTS);
        }
        assertThrows(StopIteration.class, g::next);
        assertEquals(GeneratorState.CLOSED, g.state());
    }
}
