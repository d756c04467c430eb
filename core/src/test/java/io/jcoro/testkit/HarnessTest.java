package io.jcoro.testkit;

import static org.junit.jupiter.api.Assertions.*;

import io.jcoro.Generator;
import io.jcoro.GeneratorState;
import io.jcoro.testing.Checkpoints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The testkit itself: the hopping caller, and the checkpoints across generator bodies. */
@Tag("semantics")
class HarnessTest {

    @RegisterExtension
    final Checkpoints steps = new Checkpoints();

    @Test
    void drive_whenHopping_runsEveryCallOnAThreadOtherThanThePreviousOne_elseReturnsTheGeneratorItself() {
        List<Thread> bodyThreads = new ArrayList<>();
        Generator<Integer, Void, Void> raw = Generator.of(y -> {
            for (int i = 0; i < 4; i++) {
                bodyThreads.add(Thread.currentThread());
                y.yield(i);
            }
        });
        Generator<Integer, Void, Void> g = Harness.drive(raw);
        assertEquals(List.of(0, 1, 2, 3), Harness.drain(g));
        if (!Harness.hopping()) {
            assertSame(raw, g);
            return;
        }
        assertNotSame(raw, g);
        Thread test = Thread.currentThread();
        for (int i = 0; i < bodyThreads.size(); i++) {
            assertNotSame(test, bodyThreads.get(i));
            if (i > 0 && Generator.backend() == io.jcoro.Backend.CONTINUATION) {
                // On the continuation backend the body runs on its caller's thread.
                assertNotSame(bodyThreads.get(i - 1), bodyThreads.get(i));
            }
        }
    }

    @Test
    void drive_deliversTheSameExceptionObject_evenAChecked_one() {
        IOException boom = new IOException("boom");
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            y.yield(1);
            throw boom;
        });
        assertEquals(1, g.next());
        Exception e = assertThrows(IOException.class, g::next);
        assertSame(boom, e);
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void drive_hopsIteratorAndStreamOperationsToo() {
        int before = Harness.hops();
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            y.yield(1);
            y.yield(2);
        });
        assertEquals(List.of(1, 2), g.stream().collect(Collectors.toList()));
        if (Harness.hopping()) {
            assertTrue(Harness.hops() - before >= 3, "stream operations hop");
        }
    }

    @Test
    void checkpoints_passInOrder_acrossGeneratorBodies() {
        Generator<Integer, Void, Void> g = Harness.of(y -> {
            steps.expect(2);
            y.yield(1);
            steps.expect(4);
        });
        steps.expect(1);
        g.next();
        steps.expect(3);
        Harness.drain(g);
        steps.finish(5);
    }
}
