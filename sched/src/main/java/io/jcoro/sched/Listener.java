package io.jcoro.sched;

import io.jcoro.Generator;

/** A listening socket ({@link Sys#listen}): a real one under a {@link Scheduler}, a simulated one otherwise. */
public interface Listener extends AutoCloseable {

    /** Waits for the next connection and returns it. */
    Generator<Syscall, Object, Connection> accept();

    /** The port it listens on (the one chosen, when it was asked for port 0). */
    int port();

    /** Stops listening; a task waiting in {@link #accept} gets {@link java.nio.channels.ClosedChannelException}
     * (wrapped in {@link java.io.UncheckedIOException}). */
    @Override
    void close();
}
