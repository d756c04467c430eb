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
import java.util.Map;
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

    @Test
    void xmlSourcesSendEventsInOrderAndCloseTheTarget() throws Exception {
        byte[] xml = "<a x=\"1\"><b>t</b></a>".getBytes(StandardCharsets.UTF_8);
        for (int parser = 0; parser < 2; parser++) {
            List<Object> got = new ArrayList<>();
            Sink<XmlEvent> sink = new Sink<>() {
                @Override
                public void send(XmlEvent e) {
                    got.add(e);
                }

                @Override
                public void close() {
                    got.add("closed");
                }
            };
            long n = parser == 0 ? Sources.saxEvents(new ByteArrayInputStream(xml), sink)
                    : Sources.staxEvents(new ByteArrayInputStream(xml), sink);
            assertEquals(5, n);
            assertEquals(List.of(new XmlEvent.Start("a", Map.of("x", "1")), new XmlEvent.Start("b", Map.of()),
                    new XmlEvent.Text("t"), new XmlEvent.End("b"), new XmlEvent.End("a"), "closed"), got);
        }
    }

    @Test
    void aTargetThatFinishesStopsTheParserAndAFailingOneFailsItAsIs() throws Exception {
        byte[] feed = "<buses><bus><id>1</id></bus><bus><id>2</id></bus></buses>".getBytes(StandardCharsets.UTF_8);
        List<XmlEvent> two = new ArrayList<>();
        Sink<XmlEvent> firstTwo = Pipes.<XmlEvent, XmlEvent>coroutine((in, out) -> {
            out.send(in.receive());
            out.send(in.receive());
        }).into(two::add);
        assertEquals(1, Sources.saxEvents(new ByteArrayInputStream(feed), firstTwo));
        assertEquals(2, two.size());

        IllegalStateException boom = new IllegalStateException("boom");
        Sink<XmlEvent> failing = Pipes.<XmlEvent>to(e -> {
            throw boom;
        });
        assertSame(boom, assertThrows(IllegalStateException.class,
                () -> Sources.saxEvents(new ByteArrayInputStream(feed), failing)));
        assertSame(boom, assertThrows(IllegalStateException.class,
                () -> Sources.staxEvents(new ByteArrayInputStream(feed), Pipes.<XmlEvent>to(e -> {
                    throw boom;
                }))));
    }

    @Test
    void saxMaySplitTextThatStaxCoalesces() throws Exception {
        // A text run broken by an entity: SAX reports it in pieces, the JDK's StAX source in one.
        byte[] xml = "<route>2&amp;2</route>".getBytes(StandardCharsets.UTF_8);
        List<XmlEvent> sax = new ArrayList<>();
        Sources.saxEvents(new ByteArrayInputStream(xml), Pipes.<XmlEvent>to(sax::add));
        assertTrue(sax.stream().filter(e -> e instanceof XmlEvent.Text).count() >= 2, sax::toString);
        assertEquals("2&2", sax.stream().filter(e -> e instanceof XmlEvent.Text)
                .map(e -> ((XmlEvent.Text) e).text()).reduce("", String::concat));
        List<XmlEvent> stax = new ArrayList<>();
        Sources.staxEvents(new ByteArrayInputStream(xml), Pipes.<XmlEvent>to(stax::add));
        assertEquals(List.of(new XmlEvent.Start("route", Map.of()), new XmlEvent.Text("2&2"), new XmlEvent.End("route")),
                stax);
    }
}
