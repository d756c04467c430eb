package io.jcoro.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcoro.Generator;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Virtual time, seeded interleavings, the simulated network and its faults. */
class SimulationTest {

    private final List<String> log = new ArrayList<>();

    @Test
    void sleepingAnHourTakesNoRealTime() {
        Simulation s = Simulation.builder(1).build();
        long t0 = System.nanoTime();
        Instant woke = s.run("h", Generator.returning(y -> {
            y.yieldFrom(Sys.sleep(Duration.ofHours(1)));
            return y.yieldFrom(Sys.now());
        }));
        assertEquals(Duration.ofHours(1), s.elapsed());
        assertEquals(Instant.parse("2000-01-01T01:00:00Z"), woke);
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
    }

    /** Workers that sleep random times and count on a shared list: the order depends on the seed only. */
    private static String workload(long seed) {
        Simulation s = Simulation.builder(seed).trace(true).build();
        List<Integer> order = new ArrayList<>();
        s.run("h", Generator.of(y -> {
            Random r = y.yieldFrom(Sys.random());
            y.yieldFrom(Sys.group(g -> Generator.of(gy -> {
                for (int w = 0; w < 5; w++) {
                    int id = w;
                    int nap = r.nextInt(3);
                    gy.yieldFrom(g.spawn("worker " + w, Generator.of(wy -> {
                        for (int i = 0; i < 3; i++) {
                            wy.yieldFrom(Sys.sleep(Duration.ofMillis(nap)));
                            order.add(id);
                            wy.yieldFrom(Sys.checkpoint());
                        }
                    })));
                }
            })));
        }));
        return s.trace() + order;
    }

    @Test
    void theSameSeedGivesTheSameTraceByteForByte() {
        String first = workload(42);
        assertEquals(first, workload(42));
        assertTrue(first.lines().count() > 40, first);
    }

    @Test
    void differentSeedsExploreDifferentInterleavings() {
        long distinct = java.util.stream.LongStream.range(0, 10).mapToObj(SimulationTest::workload).distinct().count();
        assertTrue(distinct > 5, "only " + distinct + " distinct traces in 10 seeds");
    }

    @Test
    void theTraceNamesTimeHostTaskAndRequest() {
        Simulation s = Simulation.builder(5).fifo().trace(true).build();
        s.run("h", Generator.of(y -> y.yieldFrom(Sys.sleep(Duration.ofMillis(3)))));
        assertEquals("""
                0.000000 h task 1 (main) spawn
                0.000000 h task 1 (main) sleep 3000us
                0.003000 h task 1 (main) end RETURNED
                """, s.trace());
    }

    @Test
    void fifoRunsReadyTasksInOrder() {
        Simulation s = Simulation.builder(9).fifo().build();
        for (String n : List.of("a", "b", "c")) {
            s.spawn("h", n, Generator.of(y -> {
                log.add(n);
                y.yieldFrom(Sys.checkpoint());
                log.add(n);
            }));
        }
        s.run("h", Generator.of(y -> { }));
        assertEquals(List.of("a", "b", "c", "a", "b", "c"), log);
    }

    @Test
    void theEchoCodeOfTheRealTestsRunsUnchangedOnSimulatedHosts() {
        Simulation s = Simulation.builder(3).latency(Duration.ofMillis(1), Duration.ofMillis(4)).build();
        int[] port = new int[1];
        s.host("server", () -> EchoCode.server(7, p -> port[0] = p));
        String echoed = s.run("client", Generator.returning(y -> {
            y.yieldFrom(Sys.sleep(Duration.ofMillis(1)));
            return y.yieldFrom(EchoCode.client("server", 7, "one", "two"));
        }));
        assertEquals("one|two", echoed);
        assertEquals(7, port[0]);
        // connect (there and back), then two round trips: six crossings of 1 to 4 ms each
        long ms = s.elapsed().toMillis();
        assertTrue(ms >= 1 + 6 && ms <= 1 + 6 * 4, ms + " ms");
    }

    @Test
    void aPartitionHoldsDataUntilItHeals() {
        Simulation s = Simulation.builder(4).latency(Duration.ofMillis(1), Duration.ofMillis(1)).build();
        s.host("server", () -> EchoCode.server(7, p -> { }));
        String r = s.run("client", Generator.returning(y -> {
            y.yieldFrom(Sys.sleep(Duration.ofMillis(1)));
            Connection c = y.yieldFrom(Sys.connect("server", 7));
            y.yieldFrom(s.partition(List.of("server")));
            y.yieldFrom(c.write(ByteBuffer.wrap("held".getBytes(StandardCharsets.UTF_8))));
            ByteBuffer in = ByteBuffer.allocate(16);
            Integer during = y.yieldFrom(Sys.moveOnAfter(Duration.ofSeconds(10), c.read(in)));
            y.yieldFrom(s.heal());
            int after = y.yieldFrom(c.read(in));
            c.close();
            return during + " then " + after + " " + new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
        }));
        assertEquals("null then 4 held", r);
    }

    @Test
    void aConnectAcrossAPartitionWaitsForTheHeal() {
        Simulation s = Simulation.builder(4).latency(Duration.ofMillis(1), Duration.ofMillis(1)).build();
        s.host("server", () -> EchoCode.server(7, p -> { }));
        s.spawn("nemesis", "heal later", Generator.of(y -> {
            y.yieldFrom(Sys.sleep(Duration.ofSeconds(3)));
            y.yieldFrom(s.heal());
        }));
        String r = s.run("client", Generator.returning(y -> {
            y.yieldFrom(s.partition(List.of("client")));
            y.yieldFrom(Sys.sleep(Duration.ofMillis(1)));
            return y.yieldFrom(EchoCode.client("server", 7, "late"));
        }));
        assertEquals("late", r);
        assertTrue(s.elapsed().compareTo(Duration.ofSeconds(3)) > 0);
    }

    @Test
    void aCrashResetsConnectionsKillsTheHostsTasksAndARestartBootsAgain() {
        Simulation s = Simulation.builder(4).fifo().build();
        int[] boots = new int[1];
        s.host("server", () -> {
            boots[0]++;
            return EchoCode.server(7, p -> log.add("server listening, boot " + boots[0]));
        });
        String r = s.run("client", Generator.returning(y -> {
            y.yieldFrom(Sys.sleep(Duration.ofMillis(1)));
            Connection c = y.yieldFrom(Sys.connect("server", 7));
            y.yieldFrom(s.crash("server"));
            String read;
            try {
                y.yieldFrom(c.read(ByteBuffer.allocate(4)));
                read = "read something";
            } catch (UncheckedIOException e) {
                read = e.getMessage();
            }
            String refused;
            try {
                y.yieldFrom(Sys.connect("server", 7));
                refused = "connected";
            } catch (UncheckedIOException e) {
                refused = (e.getCause() instanceof ConnectException) + " " + e.getMessage();
            }
            y.yieldFrom(s.restart("server"));
            y.yieldFrom(Sys.sleep(Duration.ofMillis(1)));
            return read + "; " + refused + "; " + y.yieldFrom(EchoCode.client("server", 7, "again"));
        }));
        assertEquals("connection reset: host server crashed; true connection refused: server:7; again", r);
        assertEquals(List.of("server listening, boot 1", "server listening, boot 2"), log);
    }

    @Test
    void connectingToAnUnknownHostFails() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Simulation.builder(1).build()
                .run("client", Generator.of(y -> y.yieldFrom(Sys.connect("nowhere", 1)))));
        assertTrue(e.getCause() instanceof UnknownHostException);
        assertEquals("nowhere: no such simulated host", e.getMessage());
    }

    @Test
    void packetLossDelaysButNeverReordersAConnection() {
        Simulation s = Simulation.builder(11).packetLoss(0.3).build();
        s.host("server", () -> EchoCode.server(7, p -> { }));
        List<String> msgs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            msgs.add("m" + i);
        }
        String r = s.run("client", Generator.returning(y -> {
            y.yieldFrom(Sys.sleep(Duration.ofMillis(1)));
            return y.yieldFrom(EchoCode.client("server", 7, msgs.toArray(new String[0])));
        }));
        assertEquals(String.join("|", msgs), r);
        assertTrue(s.elapsed().toMillis() > 200, "no retransmission happened: " + s.elapsed());
    }

    @Test
    void aSimulationHasNoRealSockets() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> Simulation.builder(1).build().run("h", Generator.of(y -> {
                    try (ServerSocketChannel real = ServerSocketChannel.open()) {
                        y.yieldFrom(Sys.readable(real));
                    }
                })));
        assertTrue(e.getMessage().startsWith("a simulation has no real sockets"), e.getMessage());
    }

    @Test
    void aDeadlockInASimulationIsReported() {
        Channel<String> never = Channel.create(0);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Simulation.builder(1).build().run("h", Generator.of(y -> y.yieldFrom(never.receive()))));
        assertEquals("deadlock: every task waits and nothing can wake them:\n  task 1 (main) waits in receive",
                e.getMessage());
    }

    @Test
    void faultsNameOnlyKnownHosts() {
        Simulation s = Simulation.builder(1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.run("h", Generator.of(y -> y.yieldFrom(s.crash("ghost")))));
        assertEquals("no simulated host ghost; the hosts are [h]", e.getMessage());
    }
}
