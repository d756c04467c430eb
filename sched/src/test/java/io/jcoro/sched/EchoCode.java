package io.jcoro.sched;

import io.jcoro.Generator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;

/** Task code that the tests run unchanged under a real scheduler and in a simulation. */
final class EchoCode {
    private EchoCode() {
    }

    /** Listens on {@code port}, tells {@code bound} the port, and echoes every connection in its own task. */
    static Generator<Syscall, Object, Void> server(int port, IntConsumer bound) {
        return Generator.of(y -> {
            try (Listener l = y.yieldFrom(Sys.listen(port))) {
                bound.accept(l.port());
                while (true) {
                    Connection c = y.yieldFrom(l.accept());
                    y.yieldFrom(Sys.spawn(handle(c)));
                }
            }
        });
    }

    static Generator<Syscall, Object, Void> handle(Connection c) {
        return Generator.of(y -> {
            try (c) {
                ByteBuffer buf = ByteBuffer.allocate(8192);
                while (y.yieldFrom(c.read(buf)) >= 0) {
                    buf.flip();
                    y.yieldFrom(c.write(buf));
                    buf.clear();
                }
            }
        });
    }

    /** Connects, sends each message and reads its echo; returns the echoes joined by "|". */
    static Generator<Syscall, Object, String> client(String host, int port, String... messages) {
        return Generator.returning(y -> {
            StringBuilder echoed = new StringBuilder();
            try (Connection c = y.yieldFrom(Sys.connect(host, port))) {
                ByteBuffer in = ByteBuffer.allocate(8192);
                for (String m : messages) {
                    byte[] bytes = m.getBytes(StandardCharsets.UTF_8);
                    y.yieldFrom(c.write(ByteBuffer.wrap(bytes)));
                    in.clear();
                    while (in.position() < bytes.length) {
                        if (y.yieldFrom(c.read(in)) < 0) {
                            throw new java.io.EOFException("server closed after " + in.position() + " bytes");
                        }
                    }
                    if (echoed.length() > 0) {
                        echoed.append('|');
                    }
                    echoed.append(new String(in.array(), 0, in.position(), StandardCharsets.UTF_8));
                }
            }
            return echoed.toString();
        });
    }
}
