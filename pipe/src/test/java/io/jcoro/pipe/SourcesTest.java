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

    @Test
    void linesOfAFileInAnotherCharset() throws IOException {
        Path f = dir.resolve("latin1.txt");
        Files.write(f, "caf\u00e9\nna\u00efve\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(List.of("caf\u00e9", "na\u00efve"), collect(Sources.lines(f, StandardCharsets.ISO_8859_1)));
    }

    @Test
    void xmlEventsCarryAttributesAndPrefixedNamesAsWritten() throws Exception {
        byte[] xml = "<r:root xmlns:r=\"urn:x\" a=\"1\" b=\"2\"><r:x/></r:root>".getBytes(StandardCharsets.UTF_8);
        for (int parser = 0; parser < 2; parser++) {
            List<XmlEvent> events = new ArrayList<>();
            if (parser == 0) {
                Sources.saxEvents(new ByteArrayInputStream(xml), Pipes.<XmlEvent>to(events::add));
            } else {
                Sources.staxEvents(new ByteArrayInputStream(xml), Pipes.<XmlEvent>to(events::add));
            }
            XmlEvent.Start root = (XmlEvent.Start) events.get(0);
            assertEquals("r:root", root.name());
            assertEquals("1", root.attributes().get("a"));
            assertEquals("2", root.attributes().get("b"));
            assertEquals(new XmlEvent.Start("r:x", java.util.Map.of()), events.get(1));
            assertEquals(new XmlEvent.End("r:x"), events.get(2));
            assertEquals(new XmlEvent.End("r:root"), events.get(3));
        }
    }

    @Test
    void xmlSourcesRefuseExternalEntities() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "top secret");
        byte[] xml = ("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY s SYSTEM \"" + secret.toUri()
                + "\">]><r>&s;</r>").getBytes(StandardCharsets.UTF_8);
        for (int parser = 0; parser < 2; parser++) {
            List<XmlEvent> events = new ArrayList<>();
            try {
                if (parser == 0) {
                    Sources.saxEvents(new ByteArrayInputStream(xml), Pipes.<XmlEvent>to(events::add));
                } else {
                    Sources.staxEvents(new ByteArrayInputStream(xml), Pipes.<XmlEvent>to(events::add));
                }
            } catch (Exception refused) {
                // refusing the document is fine too
            }
            assertFalse(events.toString().contains("top secret"), events::toString);
        }
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
