package io.jcoro.pipe;

import io.jcoro.Generator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import org.xml.sax.SAXException;

/**
 * Where pipelines start. Line sources and {@code follow} are jcoro {@link Generator}s: pull them with a
 * {@code for} loop or {@code next()}, or push them into a pipeline with {@link Pipes#pump}. The XML sources are
 * parsers that push {@link XmlEvent}s into a {@link Sink}.
 *
 * <p>Every generator here opens nothing until its first {@code next()}, and owns what it reads from: it closes
 * the file, reader or stream when it ends, fails or is closed. Lines are split on {@code \n}, {@code \r\n} or
 * {@code \r} ({@code follow}: {@code \n} or {@code \r\n}) and handed out without the line terminator. Bytes that
 * are not valid in the charset become U+FFFD; they never stop a source.
 */
public final class Sources {
    private Sources() {
    }

    /** The default poll interval of {@link #follow(Path)}: 100 ms, as Beazley's {@code follow}. */
    public static final Duration DEFAULT_POLL = Duration.ofMillis(100);

    /** The lines of a UTF-8 text file, read lazily; the file is opened at the first {@code next()}. */
    public static Generator<String, Void, Void> lines(Path file) {
        return lines(file, StandardCharsets.UTF_8);
    }

    /** The lines of a text file in {@code charset}, read lazily; the file is opened at the first {@code next()}. */
    public static Generator<String, Void, Void> lines(Path file, Charset charset) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(charset, "charset");
        return Generator.of(y -> {
            // InputStreamReader, not Files.newBufferedReader: it replaces malformed input instead of failing.
            try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), charset),
                    1 << 16)) {
                readLines(r, y);
            }
        });
    }

    /** The lines of a UTF-8 byte stream. The generator closes {@code in} when it ends or is closed. */
    public static Generator<String, Void, Void> lines(InputStream in) {
        return lines(in, StandardCharsets.UTF_8);
    }

    /** The lines of a byte stream in {@code charset}. The generator closes {@code in} when it ends or is closed. */
    public static Generator<String, Void, Void> lines(InputStream in, Charset charset) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(charset, "charset");
        return lines(new InputStreamReader(in, charset));
    }

    /** The lines of a character stream. The generator closes {@code in} when it ends or is closed. */
    public static Generator<String, Void, Void> lines(Reader in) {
        Objects.requireNonNull(in, "in");
        return Generator.of(y -> {
            try (BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16)) {
                readLines(r, y);
            } finally {
                in.close(); // closing the BufferedReader closes it too; this covers a close before the first line
            }
        });
    }

    private static void readLines(BufferedReader r, io.jcoro.Yielder<String, Void> y) throws IOException {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            y.yield(line);
        }
    }

    /**
     * {@code tail -F} of a UTF-8 file, polling every {@link #DEFAULT_POLL}; see {@link #follow(Path, Duration, boolean)}.
     * Starts at the end of the file: only lines written from now on.
     */
    public static Generator<String, Void, Void> follow(Path file) {
        return follow(file, DEFAULT_POLL, false);
    }

    /** {@code tail -F} of a UTF-8 file from its current end; see {@link #follow(Path, Duration, boolean)}. */
    public static Generator<String, Void, Void> follow(Path file, Duration pollInterval) {
        return follow(file, pollInterval, false);
    }

    /**
     * {@code tail -F} of a UTF-8 file, as a generator that never finishes by itself: each {@code next()} returns
     * the next complete line written to the file, waiting (polling every {@code pollInterval}) until there is one.
     *
     * <ul>
     *   <li>Start: at the end of the file as it is at the first {@code next()}, or at its beginning when
     *       {@code fromStart}. A file that does not exist yet is waited for, and read from its beginning when it appears.</li>
     *   <li>Lines: only complete lines (ended by {@code \n}); a partial last line is held back until its end is
     *       written.</li>
     *   <li>Rotation: when the path names a different file than the one being read (a new file key, so a
     *       {@code mv} + create or a logrotate), the old file is read to its end (a final partial line is handed
     *       out as a line) and the new file is followed from its beginning. While the path names no file, the
     *       old file is still read.</li>
     *   <li>Truncation: when the file becomes shorter than what was read, it is read again from its beginning
     *       (a partial line held back is dropped). A truncation followed, within one poll, by writes past the old
     *       size is not seen; {@code tail -F} has the same limit.</li>
     *   <li>Stopping: {@link Generator#close()} stops it, from any thread, also while another thread waits in
     *       {@code next()}: that {@code next()} then throws {@link io.jcoro.StopIteration} within one poll
     *       interval, and {@code close()} returns once the file is closed. A {@code for} loop over it ends the same
     *       way, unless the {@code close()} comes between the iterator's {@code hasNext()} and {@code next()}:
     *       closing discards the line {@code hasNext()} fetched, as closing any generator does, and that
     *       {@code next()} throws {@code StopIteration}. On the continuation backend, an
     *       interrupt of the thread waiting in {@code next()} ends it the same way and leaves the interrupt status
     *       set; on the virtual-thread backend the body waits on its own thread, which that interrupt does not
     *       reach: use {@code close()}.</li>
     *   <li>Errors: an {@link IOException} reading the file ends the generator and propagates from
     *       {@code next()}.</li>
     * </ul>
     *
     * @param pollInterval how long to wait between looks at the file when there is nothing new; positive
     */
    public static Generator<String, Void, Void> follow(Path file, Duration pollInterval, boolean fromStart) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive: " + pollInterval);
        }
        return new Follow(file, pollInterval, fromStart);
    }

    // ------------------------------------------------------------------ XML events (push)

    /**
     * Parses an XML document with the JDK's SAX parser and sends its events to {@code target}, in document order:
     * Beazley's {@code xml.sax.parse(f, EventHandler(target))}. Text may come in several fragments per element.
     *
     * <ul>
     *   <li>At the end of the document, {@code target} is closed and the number of events it took returned.</li>
     *   <li>When {@code target} finishes early ({@link io.jcoro.StopIteration}), parsing stops there.</li>
     *   <li>A parse error, or an exception from {@code target} (as is), propagates after {@code target} is
     *       closed.</li>
     *   <li>{@code in} is closed in every case. No DTD is loaded and no external entity is resolved.</li>
     * </ul>
     */
    public static long saxEvents(InputStream in, Sink<? super XmlEvent> target) throws IOException, SAXException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(target, "target");
        return XmlSources.sax(in, target);
    }

    /**
     * Parses an XML document with the JDK's StAX parser (adjacent text coalesced into one event) and sends its
     * events to {@code target}, with the same rules as {@link #saxEvents}.
     */
    public static long staxEvents(InputStream in, Sink<? super XmlEvent> target)
            throws IOException, XMLStreamException {
        return staxEvents(in, XmlSources.defaultStaxFactory(), target);
    }

    /**
     * A new JDK StAX factory set up as {@link #staxEvents(InputStream, Sink)} uses it: text coalesced, no
     * namespaces, no DTD, no external entities. For code that reads the same documents with its own StAX loop.
     */
    public static XMLInputFactory defaultStaxFactory() {
        return XmlSources.defaultStaxFactory();
    }

    /**
     * Parses an XML document with the StAX parser {@code factory} makes and sends its events to {@code target},
     * with the same rules as {@link #saxEvents}. Beazley's "swap only the source": the same stages, fed by a
     * faster parser (for example Aalto's {@code com.fasterxml.aalto.stax.InputFactoryImpl}). The factory is used
     * as configured; whether text is coalesced is up to it.
     */
    public static long staxEvents(InputStream in, XMLInputFactory factory, Sink<? super XmlEvent> target)
            throws IOException, XMLStreamException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(target, "target");
        return XmlSources.stax(in, factory, target);
    }
}
