package io.jcoro.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcoro.Generator;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The simulated disk: sync makes writes durable; a crash keeps a prefix of the rest, maybe torn. */
class SimDiskTest {

    /** Writes "A" and syncs, writes "B", "C", "D" without syncing, crashes the host and reads back. */
    private static String afterCrash(long seed, boolean torn) {
        Simulation s = Simulation.builder(seed).tornWrites(torn).build();
        s.host("db", () -> Generator.of(y -> {
            try (DataFile f = y.yieldFrom(Sys.open("data"))) {
                y.yieldFrom(f.append(bytes("AAAA")));
                y.yieldFrom(f.sync());
                y.yieldFrom(f.append(bytes("BBBB")));
                y.yieldFrom(f.append(bytes("CCCC")));
                y.yieldFrom(f.append(bytes("DDDD")));
                y.yieldFrom(Sys.sleep(Duration.ofHours(1)));
            }
        }));
        String[] seen = new String[1];
        s.host("reader", () -> Generator.of(y -> { }));
        s.run("nemesis", Generator.of(y -> {
            y.yieldFrom(Sys.sleep(Duration.ofSeconds(1)));
            y.yieldFrom(s.crash("db"));
            seen[0] = new String(s.fileContents("db", "data"), StandardCharsets.US_ASCII);
        }));
        return seen[0];
    }

    /** After a second, crashes host "db", restarts it, and lets it run for another second. */
    private static Generator<Syscall, Object, Void> crashAndRestart(Simulation s) {
        return Generator.of(y -> {
            y.yieldFrom(Sys.sleep(Duration.ofSeconds(1)));
            y.yieldFrom(s.crash("db"));
            y.yieldFrom(s.restart("db"));
            y.yieldFrom(Sys.sleep(Duration.ofSeconds(1)));
        });
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aCrashKeepsTheSyncedWritesAndAPrefixOfTheOthers() {
        Set<String> outcomes = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            outcomes.add(afterCrash(seed, false));
        }
        assertEquals(Set.of("AAAA", "AAAABBBB", "AAAABBBBCCCC", "AAAABBBBCCCCDDDD"), outcomes);
    }

    @Test
    void tornWritesKeepPartOfTheFirstWriteLost() {
        boolean tornSeen = false;
        for (long seed = 0; seed < 40; seed++) {
            String s = afterCrash(seed, true);
            assertTrue(s.startsWith("AAAA") && "AAAABBBBCCCCDDDD".startsWith(s), s);
            tornSeen |= s.length() % 4 != 0;
        }
        assertTrue(tornSeen);
    }

    @Test
    void aRestartedHostReadsWhatSurvived() {
        Simulation s = Simulation.builder(3).build();
        int[] boots = new int[1];
        StringBuilder readBack = new StringBuilder();
        s.host("db", () -> Generator.of(y -> {
            boots[0]++;
            try (DataFile f = y.yieldFrom(Sys.open("data"))) {
                if (boots[0] == 1) {
                    y.yieldFrom(f.append(bytes("kept")));
                    y.yieldFrom(f.sync());
                } else {
                    ByteBuffer b = ByteBuffer.allocate(16);
                    int n = y.yieldFrom(f.read(0, b));
                    readBack.append(new String(b.array(), 0, n, StandardCharsets.US_ASCII));
                }
                y.yieldFrom(Sys.sleep(Duration.ofHours(1)));
            }
        }));
        s.run("nemesis", crashAndRestart(s));
        assertEquals("kept", readBack.toString());
    }

    @Test
    void aHandleFromBeforeACrashIsStale() {
        Simulation s = Simulation.builder(3).build();
        DataFile[] kept = new DataFile[1];
        StringBuilder seen = new StringBuilder();
        s.host("db", () -> Generator.of(y -> {
            if (kept[0] == null) {
                kept[0] = y.yieldFrom(Sys.open("data"));
            } else {
                try {
                    y.yieldFrom(kept[0].append(bytes("late")));
                } catch (UncheckedIOException e) {
                    seen.append(e.getMessage());
                }
            }
            y.yieldFrom(Sys.sleep(Duration.ofHours(1)));
        }));
        s.run("nemesis", crashAndRestart(s));
        assertEquals("stale file handle data: host db crashed", seen.toString());
    }

    @Test
    void writesOlderThanTheWritebackDelaySurviveWithoutASync() {
        for (long seed = 0; seed < 20; seed++) {
            Simulation s = Simulation.builder(seed).writeback(Duration.ofSeconds(5)).build();
            s.host("db", () -> Generator.of(y -> {
                try (DataFile f = y.yieldFrom(Sys.open("data"))) {
                    y.yieldFrom(f.append(bytes("old ")));
                    y.yieldFrom(Sys.sleep(Duration.ofSeconds(6)));
                    y.yieldFrom(f.append(bytes("young")));
                    y.yieldFrom(Sys.sleep(Duration.ofHours(1)));
                }
            }));
            s.run("nemesis", Generator.of(y -> {
                y.yieldFrom(Sys.sleep(Duration.ofSeconds(7)));
                y.yieldFrom(s.crash("db"));
            }));
            String left = new String(s.fileContents("db", "data"), StandardCharsets.US_ASCII);
            assertTrue(left.equals("old ") || left.equals("old young"), left);
        }
    }

    @Test
    void diskErrorsFailSomeWritesAndWriteNothing() {
        Simulation s = Simulation.builder(8).diskErrors(0.5).build();
        int[] failed = new int[1];
        s.run("db", Generator.of(y -> {
            try (DataFile f = y.yieldFrom(Sys.open("data"))) {
                for (int i = 0; i < 20; i++) {
                    try {
                        y.yieldFrom(f.append(bytes("x")));
                    } catch (UncheckedIOException e) {
                        assertEquals("simulated disk error writing data on db", e.getMessage());
                        failed[0]++;
                    }
                }
                assertEquals(20 - failed[0], (long) y.yieldFrom(f.size()));
            }
        }));
        assertTrue(failed[0] > 0 && failed[0] < 20, failed[0] + " failed");
    }
}
