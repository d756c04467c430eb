package io.jcoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

/** A StopIteration that reaches the user's code shows where it was thrown; the value it carries is unchanged. */
class StopIterationTraceTest {

    private static boolean mentionsThisTest(Throwable t) {
        return Arrays.stream(t.getStackTrace())
                .anyMatch(f -> f.getClassName().equals(StopIterationTraceTest.class.getName()));
    }

    @Test
    void nextOnAFinishedGenerator_throwsAStopIterationWithTheCallersStackTrace() {
        Generator<Integer, Void, String> g = Generator.returning(y -> {
            y.yield(1);
            return "done";
        });
        g.next();
        StopIteration first = assertThrows(StopIteration.class, g::next);
        assertEquals("done", first.value());
        assertTrue(mentionsThisTest(first), Arrays.toString(first.getStackTrace()));
        StopIteration later = assertThrows(StopIteration.class, g::next);
        assertTrue(mentionsThisTest(later), Arrays.toString(later.getStackTrace()));
    }

    @Test
    void sendAndThrowInThatFinishTheBody_throwAStopIterationWithAStackTrace() {
        Generator<Integer, Integer, Integer> g = Generator.returning(y -> y.yield(0) + 1);
        g.next();
        StopIteration sent = assertThrows(StopIteration.class, () -> g.send(41));
        assertEquals(42, sent.value());
        assertTrue(mentionsThisTest(sent));
        Generator<Integer, Void, String> h = Generator.returning(y -> {
            try {
                y.yield(1);
            } catch (IllegalArgumentException e) {
                return "caught";
            }
            return "not caught";
        });
        h.next();
        StopIteration thrown = assertThrows(StopIteration.class, () -> h.throwIn(new IllegalArgumentException()));
        assertEquals("caught", thrown.value());
        assertTrue(mentionsThisTest(thrown));
    }

    @Test
    void theIteratorsNextPastTheEnd_throwsAStopIterationWithAStackTrace() {
        Iterator<Integer> it = Generator.<Integer, Void>of(y -> y.yield(1)).iterator();
        it.next();
        StopIteration end = assertThrows(StopIteration.class, it::next);
        assertTrue(mentionsThisTest(end));
    }

    @Test
    void aDelegateFinishing_stillHandsItsResultToYieldFrom() {
        Generator<Integer, Void, String> inner = Generator.returning(y -> {
            y.yield(1);
            return "inner";
        });
        Generator<Object, Void, Void> outer = Generator.of(y -> y.yield(y.yieldFrom(inner)));
        assertEquals(1, outer.next());
        assertEquals("inner", outer.next());
    }
}
