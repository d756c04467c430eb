package io.jcoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The bulk path of forEachRemaining / stream(): yieldAll over a plain iterator, claimed once for all elements. */
class BulkIterationTest {

    private static Generator<Integer, Void, Void> around(List<Integer> middle) {
        return Generator.of(y -> {
            y.yield(-1);
            y.yieldAll(middle);
            y.yield(-2);
            y.yieldAll(List.of());
            y.yieldAll(middle);
        });
    }

    @Test
    void forEachRemaining_deliversEveryValueInOrder_throughYieldAll() {
        List<Integer> middle = IntStream.range(0, 1000).boxed().toList();
        List<Integer> want = new ArrayList<>();
        want.add(-1);
        want.addAll(middle);
        want.add(-2);
        want.addAll(middle);
        List<Integer> got = new ArrayList<>();
        Generator<Integer, Void, Void> g = around(middle);
        g.iterator().forEachRemaining(got::add);
        assertEquals(want, got);
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void stream_collectsTheSameValues_andClosesTheGenerator() {
        List<Integer> middle = List.of(1, 2, 3);
        Generator<Integer, Void, Void> g = around(middle);
        String got;
        try (var s = g.stream()) {
            got = s.map(String::valueOf).collect(Collectors.joining(" "));
        }
        assertEquals("-1 1 2 3 -2 1 2 3", got);
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void actionThrowing_leavesTheGeneratorSuspendedAtTheNextElement() {
        Generator<Integer, Void, Void> g = around(List.of(10, 20, 30));
        assertEquals(-1, g.next());
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        List<Integer> seen = new ArrayList<>();
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> g.iterator().forEachRemaining(v -> {
                    seen.add(v);
                    if (v == 20) throw boom;
                }));
        assertSame(boom, thrown);
        assertEquals(List.of(10, 20), seen);
        assertEquals(GeneratorState.SUSPENDED, g.state());
        assertEquals(30, g.next());
        assertEquals(-2, g.next());
    }

    @Test
    void actionThrowingNoSuchElement_isNotMistakenForTheEnd() {
        Generator<Integer, Void, Void> g = around(List.of(10, 20));
        g.next();
        NoSuchElementException nse = new NoSuchElementException("from the action");
        assertSame(nse, assertThrows(NoSuchElementException.class,
                () -> g.iterator().forEachRemaining(v -> { throw nse; })));
        assertEquals(GeneratorState.SUSPENDED, g.state());
    }

    /** The first element of a yieldAll is yielded by the body as usual; the rest come in bulk. */
    @Test
    void actionCallingIntoTheGenerator_duringTheBulkPart_getsAlreadyExecuting() {
        Generator<Integer, Void, Void> g = around(List.of(10, 20, 30));
        g.next();
        List<String> messages = new ArrayList<>();
        g.iterator().forEachRemaining(v -> {
            if (v == 20) {
                messages.add(assertThrows(IllegalStateException.class, g::next).getMessage());
            }
        });
        // 20 comes in bulk in both passes of around(): once after -1, once after -2.
        assertEquals(List.of("generator already executing", "generator already executing"), messages);
    }

    @Test
    void iteratorFailure_isRaisedInTheBody_atTheYieldAll() {
        RuntimeException broken = new RuntimeException("iterator broke");
        Iterable<Integer> failing = () -> new Iterator<>() {
            int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (n == 2) throw broken;
                return n++;
            }
        };
        List<Object> got = new ArrayList<>();
        Generator<Object, Void, Void> g = Generator.of(y -> {
            try {
                y.yieldAll(failing);
            } catch (RuntimeException e) {
                y.yield("caught " + e.getMessage());
            }
        });
        g.next();
        g.iterator().forEachRemaining(got::add);
        assertEquals(List.of(1, "caught iterator broke"), got);
    }
}
