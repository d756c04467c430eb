package io.jcoro.sched;

import io.jcoro.Generator;
import java.nio.ByteBuffer;

/**
 * A stream connection, as a task sees it: a TCP socket under a {@link Scheduler}, an in-memory connection between
 * simulated hosts under a {@link Simulation}. The same task code runs on both. Beazley's {@code Socket} wrapper
 * (sockwrap.py), whose methods are coroutines:
 *
 * <pre>{@code
 * for (int n; (n = y.yieldFrom(conn.read(buf))) >= 0; ) {
 *     buf.flip();
 *     y.yieldFrom(conn.write(buf));
 *     buf.clear();
 * }
 * }</pre>
 *
 * <p>Unlike a {@link java.nio.channels.SocketChannel}, reading and writing wait (parking the task, not the thread)
 * and are cancellable, and {@link #write} writes everything. Only one task may read and one may write at a time.
 * Failures are raised at the {@code yieldFrom} as {@link java.io.UncheckedIOException} around the
 * {@link java.io.IOException} (a {@link java.net.ConnectException}, a {@link java.nio.channels.ClosedChannelException},
 * "connection reset"): a task body cannot catch a checked exception around {@code yieldFrom}, which declares none.
 */
public interface Connection extends AutoCloseable {

    /**
     * Reads into {@code dst}, waiting until at least one byte is there.
     *
     * @return the number of bytes read (0 only when {@code dst} has no room), or -1 at the end of the stream
     * @throws java.io.UncheckedIOException (raised at the {@code yieldFrom}) when the connection failed or was reset
     */
    Generator<Syscall, Object, Integer> read(ByteBuffer dst);

    /** Writes all of {@code src}, waiting while the connection cannot take more. */
    Generator<Syscall, Object, Void> write(ByteBuffer src);

    /** The other end, as {@code host:port}. */
    String remote();

    /**
     * Closes the connection without waiting; the other end reads the end of the stream. A task waiting on it gets
     * {@link java.nio.channels.ClosedChannelException} (wrapped). Closing twice does nothing.
     */
    @Override
    void close();
}
