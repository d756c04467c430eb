package io.jcoro.pipe;

import static org.junit.jupiter.api.Assertions.*;

import io.jcoro.Generator;
import io.jcoro.GeneratorState;
import io.jcoro.StopIteration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesTest {

    @TempDir
    Path dir;

    @Test
    void linesOfAFileComeOutInOrderWithoutTerminators() throws IOException {
        Path f = dir.resolve("a.txt");
        Files.writeString(f, "one\r\ntwo\nthree\n\nfive");
        assertEquals(List.of("one", "two", "three", "", "five"), collect(Sources.lines(f)));
    }

    @Test
    void linesOfAFileOpensNothingUntilTheFirstNext() throws IOException {
        Path missing = dir.resolve("not-yet.txt");
        Generator<String, Void, Void> g = Sources.lines(missing);
        assertEquals(GeneratorState.CREATED, g.state());
        Files.writeString(missing, "late\n");
        assertEquals("late", g.next());
        g.close();
    }

    @Test
    void aMissingFileFailsAtTheFirstNext() {
        Generator<String, Void, Void> g = Sources.lines(dir.resolve("nope"));
        assertThrows(NoSuchFileException.class, () -> {
            try {
                g.next();
            } catch (Exception e) {
                throw e; // the body's checked exception reaches the caller as is
            }
        });
        assertEquals(GeneratorState.CLOSED, g.state());
    }

    @Test
    void malformedBytesBecomeReplacementCharacters() throws IOException {
        Path f = dir.resolve("bad.txt");
        Files.write(f, new byte[] {'o', 'k', '\n', (byte) 0xff, 'x', '\n'});
        assertEquals(List.of("ok", "\ufffdx"), collect(Sources.lines(f)));
    }

    @Test
    void linesOfAReaderAreClosedWhenTheGeneratorIsClosedEarly() {
        AtomicBoolean closed = new AtomicBoolean();
        StringReader reader = new StringReader("a\nb\nc\n") {
            @Override
            public void close() {
                closed.set(true);
                super.close();
            }
        };
        Generator<String, Void, Void> g = Sources.lines(reader);
        assertEquals("a", g.next());
        assertFalse(closed.get());
        g.close();
        assertTrue(closed.get());
    }

    @Test
    void linesOfAStreamAreClosedAtTheEnd() {
        AtomicBoolean closed = new AtomicBoolean();
        ByteArrayInputStream in = new ByteArrayInputStream("x\ny".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        assertEquals(List.of("x", "y"), collect(Sources.lines(in)));
        assertTrue(closed.get());
    }

    @Test
    void followRejectsANonPositivePollInterval() {
        assertThrows(IllegalArgumentException.class,
                () -> Sources.follow(dir.resolve("f"), java.time.Duration.ZERO, false));
    }

    static List<String> collect(Generator<String, Void, Void> g) {
        List<String> out = new ArrayList<>();
        for (;;) {
            try {
                out.add(g.next());
            } catch (StopIteration end) {
                return out;
            }
        }
    }
}
