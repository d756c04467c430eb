package io.jcoro.examples.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcoro.Generator;
import io.jcoro.examples.sched.QuorumStore.Address;
import io.jcoro.examples.sched.QuorumStore.Client;
import io.jcoro.examples.sched.QuorumStore.Durability;
import io.jcoro.examples.sched.QuorumStore.Versioned;
import io.jcoro.sched.Channel;
import io.jcoro.sched.Explorer;
import io.jcoro.sched.Scheduler;
import io.jcoro.sched.Sys;
import io.jcoro.sched.Syscall;
import io.jcoro.sched.Task;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The worked example: the store works on a real machine with or without its planted bug, and deterministic
 * simulation finds the bug in a few seeds and replays it exactly.
 */
@Timeout(300)
class QuorumStoreTest {

    /** Three replicas on loopback under one real scheduler, and the checking client. */
    private static void realRun(Path dir, Durability durability, int ops) {
        Scheduler s = Scheduler.builder().files(dir).build();
        String lo = InetAddress.getLoopbackAddress().getHostAddress();
        s.run(Generator.of(y -> {
            List<Address> addresses = new ArrayList<>();
            List<Task<Void>> replicas = new ArrayList<>();
            Channel<Integer> ports = Channel.create(3);
            for (int i = 1; i <= 3; i++) {
                replicas.add(y.yieldFrom(Sys.spawn("replica " + i,
                        QuorumStore.replica(0, "log-" + i, durability, ports::trySend))));
                addresses.add(new Address(lo, y.yieldFrom(ports.receive())));
            }
            y.yieldFrom(QuorumSimulation.workload(new Client(addresses, Duration.ofSeconds(5)), ops));
            for (Task<Void> r : replicas) {
                y.yieldFrom(Sys.kill(r));
            }
        }));
        s.close();
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    void onARealMachineTheStorePassesItsChecksEvenWithThePlantedBug(Durability durability, @TempDir Path dir) {
        realRun(dir, durability, 300);
    }

    @Test
    void aReplicaRecoversItsDataFromItsLogAfterARestart(@TempDir Path dir) {
        Scheduler s = Scheduler.builder().files(dir).build();
        String lo = InetAddress.getLoopbackAddress().getHostAddress();
        Versioned got = s.run(Generator.returning(y -> {
            List<Address> addresses = new ArrayList<>();
            List<Task<Void>> replicas = new ArrayList<>();
            Channel<Integer> ports = Channel.create(3);
            for (int i = 1; i <= 3; i++) {
                replicas.add(y.yieldFrom(Sys.spawn(QuorumStore.replica(0, "log-" + i, Durability.FSYNC,
                        ports::trySend))));
                addresses.add(new Address(lo, y.yieldFrom(ports.receive())));
            }
            Client c = new Client(addresses, Duration.ofSeconds(5));
            assertTrue(y.yieldFrom(c.put("k", 1, "first")));
            assertTrue(y.yieldFrom(c.put("k", 2, "second")));
            for (Task<Void> r : replicas) {
                y.yieldFrom(Sys.kill(r));
            }
            // restart every replica from its log, on new ports
            List<Address> again = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                y.yieldFrom(Sys.spawn(QuorumStore.replica(0, "log-" + i, Durability.FSYNC, ports::trySend)));
                again.add(new Address(lo, y.yieldFrom(ports.receive())));
            }
            return y.yieldFrom(new Client(again, Duration.ofSeconds(5)).get("k"));
        }));
        s.close();
        assertEquals(new Versioned(2, "second"), got);
    }

    @Test
    void simulationFindsThePlantedBugAndTheSeedReplaysItExactly() {
        Explorer.Result r = Explorer.explore(0, 5000, seed -> QuorumSimulation.check(seed, Durability.NO_FSYNC));
        assertTrue(r.failed(), r.toString());
        long seed = r.failedSeed();
        assertTrue(r.failure().getMessage().contains("after version"), r.failure().getMessage());
        QuorumSimulation.Run first = QuorumSimulation.run(seed, Durability.NO_FSYNC, true);
        QuorumSimulation.Run again = QuorumSimulation.run(seed, Durability.NO_FSYNC, true);
        assertNotNull(first.failure());
        assertEquals(r.failure().getMessage(), first.failure().getMessage());
        assertEquals(first.trace(), again.trace());
        assertTrue(first.trace().contains(" * crash r"), "no crash in the trace of a lost write");
    }

    @Test
    void theFixedStoreSurvivesTheSameSeeds() {
        Explorer.Result r = Explorer.explore(0, 60, 2, seed -> QuorumSimulation.check(seed, Durability.FSYNC));
        assertFalse(r.failed(), r.toString());
        assertNull(r.failure());
        assertEquals(60, r.seedsRun());
    }
}
