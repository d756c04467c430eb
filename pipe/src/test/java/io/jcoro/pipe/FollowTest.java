package io.jcoro.pipe;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcoro.Backend;
import io.jcoro.Generator;
import io.jcoro.GeneratorState;
import io.jcoro.StopIteration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * follow() against a real file: a consumer thread pulls lines into a queue while the test appends, rotates and
 * truncates the file.
 */
class FollowTest {

    static final Duration POLL = Duration.ofMillis(5);
    static final String END = "<end>";

    @TempDir
    Path dir;

    private Generator<String, Void, Void> follow;
    private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private Thread consumer;

    /** Pulls every line of follow into seen on a platform thread, then END. */
    private void consume(Generator<String, Void, Void> g) {
        follow = g;
        consumer = Thread.ofPlatform().name("follow-consumer").start(() -> {
            try {
                for (String line : g) {
                    seen.add(line);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
            seen.add(END);
        });
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (follow != null) {
            follow.close();
        }
        if (consumer != null) {
            consumer.join(5_000);
            assertFalse(consumer.isAlive(), "the consumer must end once follow is closed");
        }
        assertNull(failure.get());
    }

    private String take() throws InterruptedException {
        String s = seen.poll(5, TimeUnit.SECONDS);
        assertNotNull(s, "no line within 5 s");
        return s;
    }

    private void assertNothingMore() throws InterruptedException {
        assertNull(seen.poll(50, TimeUnit.MILLISECONDS));
    }

    private static void append(Path f, String text) throws IOException {
        Files.writeString(f, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Waits until follow's body is parked in its poll, so that "now" is well defined. */
    private void awaitWaiting() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!((Follow) follow).isWaiting()) {
            assertTrue(System.nanoTime() < deadline, "consumer never waited");
            Thread.sleep(1);
        }
    }

    @Test
    void startsAtTheEndAndSeesOnlyNewLines() throws Exception {
        Path log = dir.resolve("access-log");
        append(log, "old 1\nold 2\n");
        consume(Sources.follow(log, POLL));
        awaitWaiting();
        append(log, "new 1\nnew 2\n");
        assertEquals("new 1", take());
        assertEquals("new 2", take());
        assertNothingMore();
    }

    @Test
    void fromStartReadsExistingLinesThenFollows() throws Exception {
        Path log = dir.resolve("log");
        append(log, "a\nb\n");
        consume(Sources.follow(log, POLL, true));
        assertEquals("a", take());
        assertEquals("b", take());
        append(log, "c\n");
        assertEquals("c", take());
    }

    @Test
    void holdsAPartialLineBackUntilItsEndIsWritten() throws Exception {
        Path log = dir.resolve("log");
        append(log, "");
        consume(Sources.follow(log, POLL, true));
        append(log, "hel");
        assertNothingMore();
        append(log, "lo\r\nwor");
        assertEquals("hello", take());
        append(log, "ld\n");
        assertEquals("world", take());
    }

    @Test
    void waitsForAFileThatDoesNotExistYet() throws Exception {
        Path log = dir.resolve("later");
        consume(Sources.follow(log, POLL));
        assertNothingMore();
        append(log, "first\n");
        assertEquals("first", take());
    }

    @Test
    void survivesRotationByRename() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, "");
        consume(Sources.follow(log, POLL, true));
        append(log, "before 1\n");
        assertEquals("before 1", take());
        // logrotate without copytruncate: the old file is renamed, the writer still appends to it, then a new
        // file is created. Every line of both files must come out, the old file's first.
        Path rotated = dir.resolve("app.log.1");
        Files.move(log, rotated, StandardCopyOption.ATOMIC_MOVE);
        append(rotated, "before 2\nunterminated");
        append(log, "after 1\n");
        assertEquals("before 2", take());
        assertEquals("unterminated", take());
        assertEquals("after 1", take());
        append(log, "after 2\n");
        assertEquals("after 2", take());
        append(rotated, "too late\n"); // the old file is no longer read
        assertNothingMore();
    }

    @Test
    void keepsReadingTheOldFileWhileThePathIsMissing() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, "");
        consume(Sources.follow(log, POLL, true));
        awaitWaiting(); // the file is open
        Path rotated = dir.resolve("app.log.1");
        Files.move(log, rotated);
        append(rotated, "still here\n");
        assertEquals("still here", take());
        append(log, "new file\n");
        assertEquals("new file", take());
    }

    @Test
    void survivesTruncation() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, "");
        consume(Sources.follow(log, POLL, true));
        append(log, "a long first line\n");
        assertEquals("a long first line", take());
        awaitWaiting();
        Files.writeString(log, "", StandardOpenOption.TRUNCATE_EXISTING); // copytruncate
        awaitWaiting();
        Thread.sleep(POLL.toMillis() * 4); // let it see the shorter file before anything is written again
        append(log, "x\n");
        assertEquals("x", take());
    }

    @Test
    void closeFromAnotherThreadStopsAWaitingConsumer() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, "");
        // A long poll: close must not wait for it to expire.
        consume(Sources.follow(log, Duration.ofSeconds(30), true));
        awaitWaiting();
        long t0 = System.nanoTime();
        follow.close();
        assertEquals(END, take());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
        assertEquals(GeneratorState.CLOSED, follow.state());
        assertThrows(StopIteration.class, follow::next);
    }

    @Test
    void closeWhileSuspendedRunsTheBodysFinallyAndClosesTheFile() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, "a\nb\n");
        Generator<String, Void, Void> g = Sources.follow(log, POLL, true);
        assertEquals("a", g.next());
        g.close();
        assertEquals(GeneratorState.CLOSED, g.state());
        // The channel is closed: on every platform the file can now be deleted and the directory removed.
        Files.delete(log);
        g.close(); // a second close does nothing
    }

    @Test
    void anInterruptEndsAWaitingFollowAndKeepsTheInterruptStatus() throws Exception {
        // Only where the body runs on the waiting thread itself; see Sources.follow.
        assumeTrue(Generator.backend() == Backend.CONTINUATION, "the body waits on its own thread");
        Path log = dir.resolve("app.log");
        append(log, "");
        Generator<String, Void, Void> g = Sources.follow(log, Duration.ofSeconds(30), true);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                g.next();
                outcome.set("a line?");
            } catch (StopIteration end) {
                outcome.set(Thread.currentThread().isInterrupted());
            }
        });
        while (!((Follow) g).isWaiting()) {
            Thread.sleep(1);
        }
        t.interrupt();
        t.join(5_000);
        assertEquals(Boolean.TRUE, outcome.get());
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    /** A follow from the start of a file holding {@code content}. */
    private Generator<String, Void, Void> followFromStart(String content) throws IOException {
        Path log = dir.resolve("app.log");
        append(log, content);
        return Sources.follow(log, POLL, true);
    }

    @Test
    void aLineFetchedByTheIteratorsHasNext_isHandedOutByTheFollowsOwnNext() throws Exception {
        try (Generator<String, Void, Void> g = followFromStart("a\nb\n")) {
            Iterator<String> it = g.iterator();
            assertTrue(it.hasNext());
            assertEquals("a", g.next(), "the line hasNext() fetched, not the one after it");
            assertEquals("b", it.next());
        }
    }

    @Test
    void sendOrThrowInWhileALineIsPrefetched_isIllegalState_andLosesNothing() throws Exception {
        try (Generator<String, Void, Void> g = followFromStart("a\n")) {
            Iterator<String> it = g.iterator();
            assertTrue(it.hasNext());
            assertThrows(IllegalStateException.class, () -> g.send(null));
            assertThrows(IllegalStateException.class, () -> g.throwIn(new IOException("x")));
            assertEquals("a", it.next());
        }
    }

    @Test
    void closeFromAnotherThread_whileTheConsumerReadsABusyFile_endsItsNextPromptly() throws Exception {
        Path log = dir.resolve("app.log");
        append(log, "line\n".repeat(200_000)); // more than the consumer reads before close() is called
        Generator<String, Void, Void> g = Sources.follow(log, Duration.ofSeconds(30), true);
        AtomicInteger lines = new AtomicInteger();
        CountDownLatch first = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                while (true) {
                    g.next();
                    lines.incrementAndGet();
                    first.countDown();
                }
            } catch (StopIteration end) {
                seen.add(END);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        assertTrue(first.await(5, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        g.close();
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "close() waited for the file's end");
        reader.join(5_000);
        assertFalse(reader.isAlive(), "the reader must end once follow is closed");
        assertEquals(END, take());
        assertEquals(GeneratorState.CLOSED, g.state());
        assertTrue(lines.get() < 200_000, "the reader stopped before the file's end: " + lines.get() + " lines");
    }
}
