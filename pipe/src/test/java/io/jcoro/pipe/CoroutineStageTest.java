package io.jcoro.pipe;

import static org.junit.jupiter.api.Assertions.*;

import io.jcoro.GeneratorExit;
import io.jcoro.StopIteration;
import io.jcoro.testing.Checkpoints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CoroutineStageTest {

    @Test
    void aBodyKeepsItsStateOnItsOwnStackBetweenItems() {
        Recorder<String> out = new Recorder<>();
        Sink<String> numbered = Pipes.<String, String>coroutine((in, o) -> {
            for (int n = 1; ; n++) {
                o.send(n + ": " + in.receive());
            }
        }).into(out);
        numbered.send("a");
        numbered.send("b");
        numbered.send("c");
        assertEquals(List.of("1: a", "2: b", "3: c"), out.items());
    }

    @Test
    void aTwoStateMachineAsNestedLoops() {
        // Beazley's buses_to_dicts shape: state A looks for a start marker, state B collects until the end marker.
        Recorder<List<String>> out = new Recorder<>();
        Sink<String> groups = Pipes.<String, List<String>>coroutine((in, o) -> {
            while (true) {
                if (!in.receive().equals("(")) {
                    continue;
                }
                List<String> group = new ArrayList<>();
                for (String s = in.receive(); !s.equals(")"); s = in.receive()) {
                    group.add(s);
                }
                o.send(group);
            }
        }).into(out);
        for (String s : "x ( a b ) y ( ) ( c".split(" ")) {
            groups.send(s);
        }
        assertEquals(List.of(List.of("a", "b"), List.of()), out.items());
    }

    @Test
    void codeBeforeTheFirstReceiveRunsWhenThePipelineIsBuilt() {
        Checkpoints c = new Checkpoints();
        Stage<String, String> stage = Pipes.coroutine((in, out) -> {
            c.expect(2);
            while (true) {
                out.send(in.receive());
            }
        });
        c.expect(1);
        Sink<String> s = stage.into(new Recorder<>());
        c.expect(3);
        s.close();
        c.finish(4);
    }

    @Test
    void closeRaisesGeneratorExitAtReceiveFinallyRunsAndMaySendALastBatchBeforeDownstreamCloses() {
        Checkpoints c = new Checkpoints();
        List<String> got = new ArrayList<>();
        Sink<String> last = new Sink<>() {
            @Override
            public void send(String item) {
                got.add(item);
            }

            @Override
            public void close() {
                c.expect(3);
            }
        };
        Sink<String> batcher = Pipes.<String, String>coroutine((in, out) -> {
            StringBuilder batch = new StringBuilder();
            try {
                while (true) {
                    batch.append(in.receive());
                    if (batch.length() >= 3) {
                        out.send(batch.toString());
                        batch.setLength(0);
                    }
                }
            } catch (GeneratorExit exit) {
                c.expect(1);
                throw exit;
            } finally {
                c.expect(2);
                if (batch.length() > 0) {
                    out.send(batch.toString());
                }
            }
        }).into(last);
        for (String s : List.of("a", "b", "c", "d")) {
            batcher.send(s);
        }
        batcher.close();
        c.finish(4);
        assertEquals(List.of("abc", "d"), got);
        batcher.close(); // nothing the second time: no checkpoint is hit again
    }

    @Test
    void aBodyThatReturnsFinishesTheStageClosesDownstreamAndTheLastSendThrowsStopIteration() {
        Recorder<Integer> out = new Recorder<>();
        Sink<Integer> firstTwo = Pipes.<Integer, Integer>coroutine((in, o) -> {
            o.send(in.receive());
            o.send(in.receive());
        }).into(out);
        firstTwo.send(1);
        assertThrows(StopIteration.class, () -> firstTwo.send(2));
        assertEquals(List.of(1, 2), out.items());
        assertTrue(out.closed());
        assertThrows(StopIteration.class, () -> firstTwo.send(3));
    }

    @Test
    void aBodyThatEndsBeforeReceivingGivesAFinishedSink() {
        Recorder<String> out = new Recorder<>();
        Sink<String> s = Pipes.<String, String>coroutine((in, o) -> o.send("hello")).into(out);
        assertEquals(List.of("hello"), out.items());
        assertTrue(out.closed());
        assertThrows(StopIteration.class, () -> s.send("x"));
    }

    @Test
    void aCheckedExceptionFromTheBodyReachesTheSenderAsIsAfterWhatItSentBefore() {
        Recorder<String> out = new Recorder<>();
        IOException disk = new IOException("disk full");
        Sink<String> s = Pipes.<String, String>coroutine((in, o) -> {
            while (true) {
                String x = in.receive();
                o.send(x);
                if (x.equals("bad")) {
                    throw disk;
                }
            }
        }).into(out);
        s.send("good");
        Throwable t = assertThrows(Throwable.class, () -> s.send("bad"));
        assertSame(disk, t);
        assertEquals(List.of("good", "bad"), out.items()); // sent before the failure: delivered
        assertTrue(out.closed());
        assertThrows(StopIteration.class, () -> s.send("more"));
    }

    @Test
    void aDownstreamFailureEndsTheBodyWithGeneratorExitAndGoesUpstreamAsIs() {
        Checkpoints c = new Checkpoints();
        Recorder<String> out = new Recorder<>();
        IllegalStateException refused = new IllegalStateException("refused");
        Sink<String> s = Pipes.<String, String>coroutine((in, o) -> {
            try {
                while (true) {
                    o.send(in.receive());
                }
            } catch (Exception e) {
                c.expectUnreached(); // the downstream's exception is not the body's business
            } catch (GeneratorExit exit) {
                c.expect(2);
                throw exit;
            }
        }).into(out);
        s.send("a");
        c.expect(1);
        out.failNext = refused;
        assertSame(refused, assertThrows(IllegalStateException.class, () -> s.send("b")));
        c.finish(3);
        assertEquals(List.of("a"), out.items());
        assertThrows(StopIteration.class, () -> s.send("c"));
    }

    @Test
    void aDownstreamFailureOnASecondSendPerItemIsRaisedInsideTheBodyAsGeneratorExit() {
        Checkpoints c = new Checkpoints();
        Recorder<String> out = new Recorder<>();
        IllegalStateException refused = new IllegalStateException("refused");
        Sink<String> twice = Pipes.<String, String>coroutine((in, o) -> {
            while (true) {
                String x = in.receive();
                o.send(x + "1");
                try {
                    o.send(x + "2"); // the second send hands over both items from here
                } catch (GeneratorExit exit) {
                    c.expect(1);
                    throw exit;
                }
                c.expectUnreached();
            }
        }).into(out);
        out.failNext = refused;
        assertSame(refused, assertThrows(IllegalStateException.class, () -> twice.send("a")));
        c.finish(2);
        assertEquals(List.of(), out.items());
    }

    @Test
    void severalSendsPerItemArriveInOrder() {
        Recorder<String> out = new Recorder<>();
        Sink<String> split = Pipes.<String, String>coroutine((in, o) -> {
            while (true) {
                for (String w : in.receive().split(" ")) {
                    o.send(w);
                }
            }
        }).into(out);
        split.send("a b c");
        split.send("d");
        split.send("e f");
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), out.items());
    }

    @Test
    void theFirstItemSentReachesDownstreamWhenTheBodyWaitsAgain() {
        // The documented difference from Beazley's order, shown with checkpoints; send still returns only after
        // the item went all the way down.
        Checkpoints c = new Checkpoints();
        Sink<String> s = Pipes.<String, String>coroutine((in, out) -> {
            while (true) {
                String x = in.receive();
                c.expect(2);
                out.send(x);
                c.expect(3);
            }
        }).into(x -> c.expect(4));
        c.expect(1);
        s.send("x");
        c.finish(5);
    }

    @Test
    void coroutineStagesChainAndCloseOnceInOrderTopDown() {
        List<String> log = new ArrayList<>();
        Stage.Body<String, String> relay = (in, out) -> {
            try {
                while (true) {
                    out.send(in.receive());
                }
            } finally {
                log.add("closing");
            }
        };
        Recorder<String> out = new Recorder<>();
        Sink<String> p = Pipes.coroutine(relay).coroutine(relay).coroutine(relay).into(out);
        p.send("x");
        p.close();
        p.close();
        assertEquals(List.of("x"), out.items());
        assertEquals(List.of("closing", "closing", "closing"), log);
        assertEquals(1, out.cleanups);
    }

    @Test
    void aCycleBackIntoAStageWhileItsBodyRunsIsRefused() {
        // The body's second send of an item is handed over from inside the body, so the cycle finds it running.
        AtomicReference<Sink<String>> self = new AtomicReference<>();
        List<String> seen = new ArrayList<>();
        Sink<String> s = Pipes.<String, String>coroutine((in, o) -> {
            while (true) {
                String x = in.receive();
                o.send(x + "1");
                o.send(x + "2");
            }
        }).into(x -> {
            if (x.equals("a2")) {
                try {
                    self.get().send("again"); // a cycle
                } catch (IllegalStateException e) {
                    seen.add(e.getMessage());
                }
            }
            seen.add(x);
        });
        self.set(s);
        s.send("a");
        assertEquals(List.of("a1", "generator already executing", "a2"), seen);
        s.send("b"); // the refusal changed nothing
        assertEquals(List.of("a1", "generator already executing", "a2", "b1", "b2"), seen);
    }

    @Test
    void aCycleThatComesBackAfterTheStageHandedItsItemOnIsJustAnotherItem() {
        // A body's first send per item is handed on after the body waits again: by then it can take an item.
        AtomicReference<Sink<String>> self = new AtomicReference<>();
        List<String> seen = new ArrayList<>();
        Sink<String> s = Pipes.<String, String>coroutine((in, o) -> {
            while (true) {
                o.send(in.receive());
            }
        }).into(x -> {
            if (x.equals("ping")) {
                self.get().send("pong");
            }
            seen.add(x);
        });
        self.set(s);
        s.send("ping");
        assertEquals(List.of("pong", "ping"), seen); // a recursion, as with functional stages
    }

    @Test
    void aSecondThreadSendingWhileTheBodyRunsGetsAlreadyExecutingAndChangesNothing() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Recorder<String> out = new Recorder<>();
        Sink<String> s = Pipes.<String, String>coroutine((in, o) -> {
            while (true) {
                String x = in.receive();
                if (x.equals("slow")) {
                    inside.countDown();
                    assertTrue(release.await(5, TimeUnit.SECONDS));
                }
                o.send(x);
            }
        }).into(out);
        Thread first = Thread.ofPlatform().start(() -> s.send("slow"));
        assertTrue(inside.await(5, TimeUnit.SECONDS));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.send("racer"));
        assertEquals("generator already executing", e.getMessage());
        release.countDown();
        first.join();
        s.send("after");
        assertEquals(List.of("slow", "after"), out.items());
    }

    @Test
    void aDownstreamThatFailsWithoutClosingItselfIsClosedAnyway() {
        List<String> log = new ArrayList<>();
        Sink<String> careless = new Sink<>() {
            @Override
            public void send(String item) {
                throw new IllegalArgumentException("no");
            }

            @Override
            public void close() {
                log.add("closed");
            }
        };
        Sink<String> s = Pipes.<String, String>coroutine((in, o) -> {
            while (true) {
                o.send(in.receive());
            }
        }).into(careless);
        assertThrows(IllegalArgumentException.class, () -> s.send("x"));
        assertEquals(List.of("closed"), log);
        s.close();
        assertEquals(List.of("closed"), log); // once: the stage is closed
    }
}
