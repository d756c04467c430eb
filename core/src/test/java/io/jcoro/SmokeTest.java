package io.jcoro;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void tally() {
        Generator<Integer, Integer, Void> tally = Generator.of(y -> {
            int score = 0;
            while (true) score += y.yield(score);
        });
        assertEquals(0, tally.next());
        assertEquals(3, tally.send(3));
        assertEquals(5, tally.send(2));
        tally.close();
        assertEquals(GeneratorState.CLOSED, tally.state());
    }

    static Generator<Integer, Void, Void> tree(int depth) {
        return Generator.of(y -> {
            if (depth == 0) { y.yield(0); return; }
            for (int v : tree(depth - 1)) y.yield(v + 1);
        });
    }

    @Test
    void nestedIteration() {
        List<Integer> out = new ArrayList<>();
        for (int v : tree(1000)) out.add(v);
        assertEquals(List.of(1000), out);
    }

    static Generator<Integer, Void, Integer> deleg(int depth) {
        return Generator.returning(y -> {
            if (depth == 0) { y.yield(0); return 0; }
            return 1 + y.yieldFrom(deleg(depth - 1));
        });
    }

    @Test
    void deepYieldFrom() {
        Generator<Integer, Void, Integer> g = deleg(1000);
        assertEquals(0, g.next());
        StopIteration s = assertThrows(StopIteration.class, g::next);
        assertEquals(1000, s.value());
        System.out.println("backend " + Generator.backend());
    }
}
