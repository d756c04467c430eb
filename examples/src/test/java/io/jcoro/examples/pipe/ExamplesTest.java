package io.jcoro.examples.pipe;

import static org.junit.jupiter.api.Assertions.*;

import io.jcoro.Generator;
import io.jcoro.pipe.Pipes;
import io.jcoro.pipe.Sources;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExamplesTest {

    @TempDir
    Path dir;

    @Test
    void theGrepCoroutinePrintsWhatThePythonPrints() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GrepExample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String nl = System.lineSeparator();
        assertEquals("Searching for coroutine" + nl + "I love coroutines instead!" + nl
                + "I love coroutines instead!" + nl, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void followGrepPrinterPrintsTheMatchingLinesAppendedToARealLogAndStopsWhenClosed() throws Exception {
        Path log = dir.resolve("access-log");
        Files.writeString(log, "");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Generator<String, Void, Void> follow = Sources.follow(log, Duration.ofMillis(5), true);
        AtomicReference<Object> pumped = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                pumped.set(Pipes.pump(follow, FollowGrep.pipeline("python", out)));
            } catch (Throwable e) {
                pumped.set(e);
            }
        });
        LogSim sim = new LogSim(7);
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String line = sim.nextLine();
            written.add(line);
            Files.writeString(log, line + "\n", StandardOpenOption.APPEND);
        }
        List<String> expected = written.stream().filter(l -> l.contains("python")).toList();
        assertFalse(expected.isEmpty());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (bytes.toString(StandardCharsets.UTF_8).lines().count() < expected.size()) {
            assertTrue(System.nanoTime() < deadline, "not all lines came through");
            Thread.sleep(5);
        }
        follow.close();
        t.join(5_000);
        assertFalse(t.isAlive());
        assertEquals(200L, pumped.get()); // every line went into grep; pump returned once follow ended
        assertEquals(expected, bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void busExampleRunsOnTheGeneratedFeed() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BusExample.run(BusFeed.bytes(863, BusFeed.SEED), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("22,6370,\"North Bound\",41.82632988971996,-87.93881775993692"), printed);
        assertTrue(printed.contains("10 buses; JDK StAX agrees: true; Aalto StAX agrees: true"), printed);
    }
}
