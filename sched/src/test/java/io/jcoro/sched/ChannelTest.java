package io.jcoro.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcoro.Generator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Channels: back-pressure, rendezvous, close, fan-in and fan-out, cancellation of a waiting send. */
class ChannelTest {

    private final List<String> log = new ArrayList<>();

    private static Simulation sim() {
        return Simulation.builder(1).fifo().build();
    }

    private Generator<Syscall, Object, Void> producer(Channel<Integer> ch, String name, int from, int to) {
        return Generator.of(y -> {
            for (int i = from; i < to; i++) {
                y.yieldFrom(ch.send(i));
                log.add(name + " sent " + i);
            }
        });
    }

    @Test
    void sendWaitsWhileTheChannelIsFull() {
        Channel<Integer> ch = Channel.create(2);
        sim().run("h", Generator.of(y -> {
            y.yieldFrom(Sys.spawn(producer(ch, "p", 0, 4)));
            y.yieldFrom(Sys.sleep(Duration.ofMillis(1)));
            log.add("buffered " + ch.size());
            for (int i = 0; i < 4; i++) {
                log.add("got " + y.yieldFrom(ch.receive()));
            }
        }));
        assertEquals(List.of("p sent 0", "p sent 1", "buffered 2", "got 0", "p sent 2", "got 1", "p sent 3",
                "got 2", "got 3"), log);
    }

    @Test
    void capacityZeroIsARendezvous() {
        Channel<Integer> ch = Channel.create(0);
        Simulation s = sim();
        s.run("h", Generator.of(y -> {
            y.yieldFrom(Sys.spawn(producer(ch, "p", 0, 1)));
            y.yieldFrom(Sys.sleep(Duration.ofMillis(5)));
            log.add("receiving");
            log.add("got " + y.yieldFrom(ch.receive()));
            y.yieldFrom(Sys.checkpoint());
        }));
        assertEquals(List.of("receiving", "got 0", "p sent 0"), log);
    }

    @Test
    void closeLetsTheBufferDrainThenReceiveRaises() {
        Channel<Integer> ch = Channel.create(4);
        sim().run("h", Generator.of(y -> {
            y.yieldFrom(ch.send(1));
            y.yieldFrom(ch.send(2));
            ch.close();
            log.add("got " + y.yieldFrom(ch.receive()));
            log.add("got " + y.yieldFrom(ch.receiveOrNull()));
            log.add("then " + y.yieldFrom(ch.receiveOrNull()));
            try {
                y.yieldFrom(ch.receive());
            } catch (ChannelClosedException e) {
                log.add(e.getMessage());
            }
            try {
                y.yieldFrom(ch.send(3));
            } catch (ChannelClosedException e) {
                log.add(e.getMessage());
            }
        }));
        assertEquals(List.of("got 1", "got 2", "then null", "receive on a closed channel with nothing left",
                "send on a closed channel"), log);
    }

    @Test
    void closingWakesWaitingReceiversAndFailsWaitingSenders() {
        Channel<Integer> empty = Channel.create(0);
        Channel<Integer> full = Channel.create(0);
        sim().run("h", Generator.of(y -> {
            y.yieldFrom(Sys.spawn(Generator.of(ry -> log.add("receiver got " + ry.yieldFrom(empty.receiveOrNull())))));
            y.yieldFrom(Sys.spawn(Generator.of(sy -> {
                try {
                    sy.yieldFrom(full.send(7));
                } catch (ChannelClosedException e) {
                    log.add(e.getMessage());
                }
            })));
            y.yieldFrom(Sys.checkpoint());
            empty.close();
            full.close();
            y.yieldFrom(Sys.sleep(Duration.ofMillis(1)));
        }));
        assertEquals(List.of("receiver got null", "the channel was closed while task 3 waited to send"), log);
    }

    @Test
    void fanInManySendersOneReceiverClosedAfterTheirGroup() {
        Channel<Integer> ch = Channel.create(1);
        int sum = Simulation.builder(7).build().run("h", Generator.returning(y -> {
            y.yieldFrom(Sys.spawn(Generator.of(py -> {
                py.yieldFrom(Sys.group(g -> Generator.of(gy -> {
                    gy.yieldFrom(g.spawn(producer(ch, "a", 0, 50)));
                    gy.yieldFrom(g.spawn(producer(ch, "b", 50, 100)));
                    gy.yieldFrom(g.spawn(producer(ch, "c", 100, 150)));
                })));
                ch.close();
            })));
            int total = 0;
            for (Integer i; (i = y.yieldFrom(ch.receiveOrNull())) != null; ) {
                total += i;
            }
            return total;
        }));
        assertEquals(149 * 150 / 2, sum);
    }

    @Test
    void fanOutEachItemGoesToExactlyOneReceiver() {
        Channel<Integer> ch = Channel.create(0);
        List<Integer> seen = new ArrayList<>();
        Simulation.builder(3).build().run("h", Generator.of(y -> {
            y.yieldFrom(Sys.group(g -> Generator.of(gy -> {
                for (int w = 0; w < 4; w++) {
                    gy.yieldFrom(g.spawn(Generator.of(wy -> {
                        for (Integer i; (i = wy.yieldFrom(ch.receiveOrNull())) != null; ) {
                            seen.add(i);
                            wy.yieldFrom(Sys.sleep(Duration.ofMillis(i % 3)));
                        }
                    })));
                }
                for (int i = 0; i < 100; i++) {
                    gy.yieldFrom(ch.send(i));
                }
                ch.close();
            })));
        }));
        assertEquals(100, seen.size());
        assertEquals(100, seen.stream().distinct().count());
    }

    @Test
    void aCancelledSenderLeavesTheChannelAsItWas() {
        Channel<Integer> ch = Channel.create(1);
        sim().run("h", Generator.of(y -> {
            y.yieldFrom(ch.send(1));
            Task<Void> blocked = y.yieldFrom(Sys.spawn(producer(ch, "p", 2, 3)));
            y.yieldFrom(Sys.checkpoint());
            y.yieldFrom(Sys.cancel(blocked));
            y.yieldFrom(Sys.checkpoint());
            log.add(blocked.state() + ", buffered " + ch.size());
            log.add("got " + y.yieldFrom(ch.receive()) + ", then " + ch.tryReceive());
        }));
        assertEquals(List.of("CANCELLED, buffered 1", "got 1, then null"), log);
    }

    @Test
    void trySendAndTryReceiveNeverWait() {
        Channel<String> ch = Channel.create(1);
        assertTrue(ch.trySend("a"));
        assertFalse(ch.trySend("b"));
        assertEquals("a", ch.tryReceive());
        assertNull(ch.tryReceive());
        ch.close();
        assertThrows(ChannelClosedException.class, () -> ch.trySend("c"));
        assertTrue(ch.isClosed());
    }

    @Test
    void aChannelRefusesNullItemsAndNegativeCapacity() {
        assertThrows(NullPointerException.class, () -> Channel.create(1).send(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Channel.create(-1));
        assertEquals("capacity must be 0 or more: -1", e.getMessage());
    }

    @Test
    void aChannelBelongsToOneScheduler() {
        Channel<Integer> ch = Channel.create(0);
        Scheduler a = Scheduler.create();
        a.spawn(Generator.of(y -> y.yieldFrom(Sys.moveOnAfter(Duration.ofMillis(1), ch.receive()))));
        a.run();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Scheduler.create().run(Generator.of(y -> y.yieldFrom(ch.send(1)))));
        assertEquals("the channel belongs to another scheduler", e.getMessage());
    }
}
