package io.jcoro.examples.sched;

import io.jcoro.Generator;
import io.jcoro.sched.Connection;
import io.jcoro.sched.Syscall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Newline-terminated text lines over a {@link Connection}: the store's wire format. */
final class Lines {
    private final Connection conn;
    private final ByteBuffer buf = ByteBuffer.allocate(4096);

    Lines(Connection conn) {
        this.conn = conn;
    }

    /** The next line without its newline; null at the end of the stream (a partial last line is dropped). */
    Generator<Syscall, Object, String> next() {
        return Generator.returning(y -> {
            while (true) {
                for (int i = 0; i < buf.position(); i++) {
                    if (buf.get(i) == '\n') {
                        String line = new String(buf.array(), 0, i, StandardCharsets.UTF_8);
                        buf.flip().position(i + 1);
                        buf.compact();
                        return line;
                    }
                }
                if (!buf.hasRemaining()) {
                    throw new UncheckedIOException(new IOException("line longer than " + buf.capacity() + " bytes"));
                }
                if (y.yieldFrom(conn.read(buf)) < 0) {
                    return null;
                }
            }
        });
    }

    /** Writes {@code line} and a newline. */
    Generator<Syscall, Object, Void> send(String line) {
        return conn.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
    }
}
