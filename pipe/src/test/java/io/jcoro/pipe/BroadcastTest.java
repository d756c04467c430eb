package io.jcoro.pipe;

import static org.junit.jupiter.api.Assertions.*;

import io.jcoro.StopIteration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BroadcastTest {

    @Test
    void sendsEachItemToEveryTargetInListOrderDepthFirst() {
        List<String> log = new ArrayList<>();
        Sink<String> b = Pipes.broadcast(
                Pipes.grep("python").into(x -> log.add("python: " + x)),
                Pipes.grep("ply").into(x -> log.add("ply: " + x)),
                Pipes.grep("swig").into(x -> log.add("swig: " + x)));
        b.send("python ply swig");
        b.send("just ply");
        assertEquals(List.of("python: python ply swig", "ply: python ply swig", "swig: python ply swig",
                "ply: just ply"), log);
    }

    @Test
    void fanInIntoOneSharedSinkOnOneThreadClosesItOnce() {
        // Beazley's "more disturbing variation": three greps into one printer.
        Recorder<String> shared = new Recorder<>();
        Sink<String> b = Pipes.broadcast(
                Pipes.grep("python").into(shared),
                Pipes.grep("ply").into(shared),
                Pipes.grep("swig").into(shared));
        b.send("python");
        b.send("ply and swig");
        b.close();
        assertEquals(List.of("python", "ply and swig", "ply and swig"), shared.items());
        assertEquals(1, shared.cleanups);
    }

    @Test
    void aCoroutineSinkSharedByThreeBranchesIsClosedOnceAndItsFinallyRunsOnce() {
        List<String> log = new ArrayList<>();
        Sink<String> printer = Pipes.sink(in -> {
            try {
                while (true) {
                    log.add(in.receive());
                }
            } finally {
                log.add("printer closed");
            }
        });
        Sink<String> b = Pipes.broadcast(Pipes.grep("a").into(printer), Pipes.grep("b").into(printer));
        b.send("ab");
        b.close();
        assertEquals(List.of("ab", "ab", "printer closed"), log);
    }

    @Test
    void fanInClosesTheTargetWhenTheLastInputCloses() {
        Recorder<Integer> target = new Recorder<>();
        List<Sink<Integer>> inputs = Pipes.fanIn(3, target);
        inputs.get(0).send(1);
        inputs.get(2).send(3);
        inputs.get(0).close();
        inputs.get(0).close(); // counts once
        inputs.get(1).close();
        assertFalse(target.closed());
        inputs.get(2).send(33);
        inputs.get(2).close();
        assertTrue(target.closed());
        assertEquals(List.of(1, 3, 33), target.items());
        assertThrows(StopIteration.class, () -> inputs.get(1).send(2));
    }

    @Test
    void aFinishedTargetIsDroppedAndTheOthersGoOn() {
        Recorder<Integer> short1 = new Recorder<>();
        short1.takeAtMost = 1;
        Recorder<Integer> long2 = new Recorder<>();
        Sink<Integer> b = Pipes.broadcast(short1, long2);
        b.send(1);
        b.send(2);
        b.send(3);
        assertEquals(List.of(1), short1.items());
        assertEquals(List.of(1, 2, 3), long2.items());
    }

    @Test
    void whenEveryTargetHasFinishedTheBroadcastFinishes() {
        Recorder<Integer> a = new Recorder<>();
        a.takeAtMost = 1;
        Recorder<Integer> b = new Recorder<>();
        b.takeAtMost = 2;
        Sink<Integer> all = Pipes.broadcast(a, b);
        all.send(1);
        assertThrows(StopIteration.class, () -> all.send(2));
        assertThrows(StopIteration.class, () -> all.send(3));
    }

    @Test
    void aFailingTargetFailsTheBroadcastLaterTargetsMissTheItemAndAllAreClosed() {
        Recorder<Integer> first = new Recorder<>();
        Recorder<Integer> failing = new Recorder<>();
        Recorder<Integer> last = new Recorder<>();
        Sink<Integer> b = Pipes.broadcast(first, failing, last);
        b.send(1);
        RuntimeException boom = new RuntimeException("boom");
        failing.failNext = boom;
        assertSame(boom, assertThrows(RuntimeException.class, () -> b.send(2)));
        assertEquals(List.of(1, 2), first.items());
        assertEquals(List.of(1), last.items());
        assertTrue(first.closed() && failing.closed() && last.closed());
        assertThrows(StopIteration.class, () -> b.send(3));
    }

    @Test
    void closeClosesEveryTargetEvenWhenOneThrows() {
        Recorder<Integer> a = new Recorder<>();
        Recorder<Integer> c = new Recorder<>();
        IllegalStateException oops = new IllegalStateException("oops");
        Sink<Integer> bad = new Sink<>() {
            @Override
            public void send(Integer item) {
            }

            @Override
            public void close() {
                throw oops;
            }
        };
        Sink<Integer> b = Pipes.broadcast(a, bad, c);
        assertSame(oops, assertThrows(IllegalStateException.class, b::close));
        assertTrue(a.closed());
        assertTrue(c.closed());
    }
}
