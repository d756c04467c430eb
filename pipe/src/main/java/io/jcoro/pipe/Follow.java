package io.jcoro.pipe;

import io.jcoro.Generator;
import io.jcoro.GeneratorState;
import io.jcoro.Yielder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/*
 * Overview: tail -F as a jcoro generator, plus a facade that lets another thread stop it.
 *
 * The body (Tail.run) is an ordinary generator body: it reads the file through a FileChannel from a position,
 * yields every complete line, and when there is nothing new it looks at the path (new file key: rotated; shorter
 * than the position: truncated) and parks for one poll interval.
 *
 * A plain generator cannot be closed while its body runs ("already executing"), and a follow spends its life
 * running, parked in the body waiting for data, on the consumer's thread. The facade adds only what that needs:
 * a stop flag that the body checks around every park, an unpark of the waiting thread, and a lock that every call
 * into the generator holds. close() sets the flag and wakes the body, which returns (the consumer's next() gets
 * StopIteration); then it takes the lock, so it returns only when the body has ended and the file is closed. A
 * call that finds the flag set closes the generator first, so that a consumer of a busy file stops at once rather
 * than after more lines. Everything else, the iterator's prefetch included, is the inner generator's own.
 *
 * The body must not refer to this facade: the jcoro cleaner keeps the body reachable while it is suspended, and a
 * body that reaches its own generator is never finalised. The shared state lives in Control.
 */
final class Follow implements Generator<String, Void, Void> {

    private final Control control = new Control();
    private final Generator<String, Void, Void> inner;
    private final ReentrantLock lock = new ReentrantLock();

    Follow(Path file, Duration poll, boolean fromStart) {
        Tail tail = new Tail(file, poll.toNanos(), fromStart, control);
        this.inner = Generator.of(tail::run);
    }

    /** What the body and the facade share. */
    static final class Control {
        volatile boolean stopped;
        volatile Thread waiter;

        void stop() {
            stopped = true;
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    /** Runs {@code call} on the inner generator with the lock held. */
    private <T> T locked(Supplier<T> call) {
        lock.lock();
        try {
            return call.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code call} with the lock held, after closing the inner generator if a stop was asked. Not for the
     * iterator's next(): a line its hasNext() promised must still be handed out.
     */
    private <T> T lockedUnlessStopped(Supplier<T> call) {
        return locked(() -> {
            if (control.stopped) {
                inner.close();
            }
            return call.get();
        });
    }

    @Override
    public String next() {
        return lockedUnlessStopped(inner::next);
    }

    @Override
    public String send(Void value) {
        return lockedUnlessStopped(() -> inner.send(value));
    }

    @Override
    public String throwIn(Throwable exception) {
        return lockedUnlessStopped(() -> inner.throwIn(exception));
    }

    @Override
    public void close() {
        control.stop();
        locked(() -> {
            inner.close();
            return null;
        });
    }

    @Override
    public GeneratorState state() {
        return inner.state();
    }

    @Override
    public Void result() {
        return inner.result();
    }

    /** The inner generator's own iterator view, each call made under the lock. */
    @Override
    public Iterator<String> iterator() {
        Iterator<String> view = inner.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return lockedUnlessStopped(view::hasNext);
            }

            @Override
            public String next() {
                return locked(view::next);
            }
        };
    }

    @Override
    public Stream<String> stream() {
        Spliterator<String> split = Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED);
        return StreamSupport.stream(split, false).onClose(this::close);
    }

    /** Whether the body is parked waiting for the file to change (for tests: "now" is then well defined). */
    boolean isWaiting() {
        return control.waiter != null;
    }

    @Override
    public String toString() {
        return "Follow[" + state() + "]";
    }

    /** The generator body. Refers to Control, never to the facade. */
    private static final class Tail {
        private final Path file;
        private final long pollNanos;
        private final boolean fromStart;
        private final Control control;

        /** Bytes of a line whose end has not been read yet. */
        private byte[] partial = new byte[256];
        private int partialLength;

        Tail(Path file, long pollNanos, boolean fromStart, Control control) {
            this.file = file;
            this.pollNanos = pollNanos;
            this.fromStart = fromStart;
            this.control = control;
        }

        void run(Yielder<String, Void> y) throws IOException {
            FileChannel channel = null;
            try {
                ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
                Object key = null;
                boolean readFromStart = fromStart;
                for (;;) {
                    if (channel == null) {
                        Object[] keyOut = new Object[1];
                        channel = open(keyOut);
                        if (channel == null) {
                            readFromStart = true; // a file that appears later is new: all of it is wanted
                            if (!pause()) {
                                return;
                            }
                            continue;
                        }
                        key = keyOut[0];
                        if (!readFromStart) {
                            channel.position(channel.size());
                        }
                        readFromStart = true; // a file that replaces this one is read from its beginning
                    }
                    if (readChunk(channel, buffer, y)) {
                        continue;
                    }
                    // Nothing new in the file being read: has the path moved on to another file?
                    Object now = keyOf(file);
                    if (now != null && key != null && !now.equals(key)) {
                        // Rotated. The old file may have grown since the last read: read it to its end first.
                        while (readChunk(channel, buffer, y)) {
                            // keep reading
                        }
                        if (partialLength > 0) {
                            String last = takePartial();
                            channel.close();
                            channel = null;
                            y.yield(last);
                        } else {
                            channel.close();
                            channel = null;
                        }
                        continue;
                    }
                    if (channel.size() < channel.position()) {
                        channel.position(0); // truncated
                        partialLength = 0;
                        continue;
                    }
                    if (!pause()) {
                        return;
                    }
                }
            } finally {
                if (channel != null) {
                    channel.close();
                }
            }
        }

        /** Reads what is there and yields its complete lines; false when there was nothing to read. */
        private boolean readChunk(FileChannel channel, ByteBuffer buffer, Yielder<String, Void> y)
                throws IOException {
            buffer.clear();
            int n = channel.read(buffer);
            if (n <= 0) {
                return false;
            }
            byte[] bytes = buffer.array();
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (bytes[i] != '\n') {
                    continue;
                }
                String line;
                if (partialLength == 0) {
                    line = decode(bytes, start, i);
                } else {
                    append(bytes, start, i);
                    line = takePartial();
                }
                start = i + 1;
                // The buffer is not touched again until this loop is done, so yielding from inside it is safe.
                y.yield(line);
            }
            append(bytes, start, n);
            return true;
        }

        private void append(byte[] bytes, int from, int to) {
            int len = to - from;
            if (len == 0) {
                return;
            }
            if (partialLength + len > partial.length) {
                partial = Arrays.copyOf(partial, Math.max(partial.length * 2, partialLength + len));
            }
            System.arraycopy(bytes, from, partial, partialLength, len);
            partialLength += len;
        }

        private String takePartial() {
            String s = decode(partial, 0, partialLength);
            partialLength = 0;
            return s;
        }

        private static String decode(byte[] bytes, int from, int to) {
            if (to > from && bytes[to - 1] == '\r') {
                to--;
            }
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }

        /** Opens the file and reports its key, or returns null when there is no file. */
        private FileChannel open(Object[] keyOut) throws IOException {
            for (;;) {
                Object before = keyOf(file);
                if (before == null) {
                    return null;
                }
                FileChannel channel;
                try {
                    channel = FileChannel.open(file, StandardOpenOption.READ);
                } catch (NoSuchFileException gone) {
                    return null;
                }
                // A channel does not tell its file key; reading the path's on both sides of the open makes sure
                // the key belongs to the file opened, unless the path changed twice in between.
                Object after = keyOf(file);
                if (before.equals(after)) {
                    keyOut[0] = before;
                    return channel;
                }
                channel.close();
            }
        }

        /** The path's file key (or, where the file system has none, its creation time); null when it names no file. */
        private static Object keyOf(Path file) throws IOException {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (NoSuchFileException gone) {
                return null;
            }
            Object key = attributes.fileKey();
            return key != null ? key : attributes.creationTime();
        }

        /** Waits one poll interval; false when the follow must end (stopped, or the thread interrupted). */
        private boolean pause() {
            if (control.stopped) {
                return false;
            }
            control.waiter = Thread.currentThread();
            try {
                if (!control.stopped) {
                    LockSupport.parkNanos(control, pollNanos);
                }
            } finally {
                control.waiter = null;
            }
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return false;
            }
            return !control.stopped;
        }
    }
}
