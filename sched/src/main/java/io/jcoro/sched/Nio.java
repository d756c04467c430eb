package io.jcoro.sched;

import io.jcoro.Generator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Real I/O: the requests on NIO channels, and the {@link Connection} and {@link Listener} of a real scheduler. Each
 * request tries its operation at once and waits on the scheduler's selector only when the channel is not ready
 * (Beazley's {@code ReadWait} followed by {@code recv}, in one request).
 */
final class Nio {
    private Nio() {
    }

    private static void nonBlocking(SelectableChannel ch) throws IOException {
        if (ch.isBlocking()) {
            ch.configureBlocking(false);
        }
    }

    /**
     * A request on a channel that tries its operation at once and, when the channel is not ready, waits on the
     * selector and tries again each time it reports the channel ready.
     */
    private abstract static class Attempt<T> extends Request<T> {
        private final SelectableChannel channel;
        private final int op;

        Attempt(SelectableChannel channel, int op) {
            this.channel = java.util.Objects.requireNonNull(channel, "channel");
            this.op = op;
        }

        /** Tries: completes the task's request and returns true, or returns false when the channel is not ready. */
        abstract boolean attempt(Kernel k, TaskImpl<?> t);

        /** Whether to try before waiting; true unless a subclass knows better. */
        boolean tryFirst() {
            return true;
        }

        /** Called when the request is about to wait. */
        void waiting() {
        }

        @Override
        final void handle(Kernel k, TaskImpl<?> t) {
            if (tryFirst() && attempt(k, t) || k.cancelledAt(t)) {
                return;
            }
            waiting();
            k.reactor().await(channel, new Reactor.IoWait(t, op) {
                @Override
                boolean ready() {
                    return attempt(k, task);
                }
            });
        }
    }

    /** {@link Sys#readable} and {@link Sys#writable}: only waits. */
    static final class Readiness extends Attempt<Void> {
        private final boolean read;

        Readiness(SelectableChannel channel, boolean read) {
            super(channel, read ? (channel instanceof ServerSocketChannel ? SelectionKey.OP_ACCEPT : SelectionKey.OP_READ)
                    : (channel instanceof SocketChannel sc && sc.isConnectionPending()
                            ? SelectionKey.OP_CONNECT : SelectionKey.OP_WRITE));
            this.read = read;
        }

        @Override
        boolean tryFirst() {
            return false;
        }

        @Override
        boolean attempt(Kernel k, TaskImpl<?> t) {
            k.ready(t, null);
            return true;
        }

        @Override
        String describe() {
            return read ? "readable" : "writable";
        }
    }

    /** Turns an accepted socket into what the accepting task gets. */
    interface Wrap<T> {
        T wrap(Kernel k, SocketChannel c) throws IOException;
    }

    static final class Accept<T> extends Attempt<T> {
        private final ServerSocketChannel server;
        private final Wrap<T> wrap;
        private final String what;

        Accept(ServerSocketChannel server, Wrap<T> wrap, String what) {
            super(server, SelectionKey.OP_ACCEPT);
            this.server = server;
            this.wrap = wrap;
            this.what = what;
        }

        @Override
        boolean attempt(Kernel k, TaskImpl<?> t) {
            SocketChannel c = null;
            try {
                nonBlocking(server);
                c = server.accept();
                if (c == null) {
                    return false;
                }
                c.configureBlocking(false);
                k.ready(t, wrap.wrap(k, c));
            } catch (IOException e) {
                closeQuietly(c);
                k.readyIo(t, e);
            }
            return true;
        }

        @Override
        String describe() {
            return what;
        }
    }

    static final class Read<C extends SelectableChannel & ReadableByteChannel> extends Attempt<Integer> {
        private final C channel;
        private final ByteBuffer dst;
        /** The connection this read is on, which remembers whether its last read had to wait; or null. */
        private final NioConnection owner;

        Read(C channel, ByteBuffer dst, NioConnection owner) {
            super(channel, SelectionKey.OP_READ);
            this.channel = channel;
            this.dst = java.util.Objects.requireNonNull(dst, "dst");
            this.owner = owner;
        }

        /**
         * A connection whose last read had to wait (request and response: the peer answers only after this side
         * wrote) waits for the selector first, saving a read that would find nothing.
         */
        @Override
        boolean tryFirst() {
            boolean first = owner == null || !owner.readWaited || !dst.hasRemaining();
            if (owner != null) {
                owner.readWaited = false;
            }
            return first;
        }

        @Override
        void waiting() {
            if (owner != null) {
                owner.readWaited = true;
            }
        }

        @Override
        boolean attempt(Kernel k, TaskImpl<?> t) {
            try {
                nonBlocking(channel);
                int n = dst.hasRemaining() ? channel.read(dst) : 0;
                if (n == 0 && dst.hasRemaining()) {
                    return false;
                }
                k.ready(t, n);
            } catch (IOException e) {
                k.readyIo(t, e);
            }
            return true;
        }

        @Override
        String describe() {
            return "read";
        }
    }

    static final class Write<C extends SelectableChannel & WritableByteChannel> extends Attempt<Void> {
        private final C channel;
        private final ByteBuffer src;

        Write(C channel, ByteBuffer src) {
            super(channel, SelectionKey.OP_WRITE);
            this.channel = channel;
            this.src = java.util.Objects.requireNonNull(src, "src");
        }

        @Override
        boolean attempt(Kernel k, TaskImpl<?> t) {
            try {
                nonBlocking(channel);
                while (src.hasRemaining()) {
                    if (channel.write(src) == 0) {
                        return false;
                    }
                }
                k.ready(t, null);
            } catch (IOException e) {
                k.readyIo(t, e);
            }
            return true;
        }

        @Override
        String describe() {
            return "write";
        }
    }

    static final class Connect extends Request<Connection> {
        private final String host;
        private final int port;

        Connect(String host, int port) {
            this.host = java.util.Objects.requireNonNull(host, "host");
            this.port = checkPort(port);
        }

        @Override
        void handle(Kernel k, TaskImpl<?> t) {
            if (k.simulated) {
                k.world.net.connect(k, t, host, port);
                return;
            }
            SocketChannel ch = null;
            try {
                ch = SocketChannel.open();
                ch.configureBlocking(false);
                if (ch.connect(new InetSocketAddress(host, port))) {
                    k.ready(t, new NioConnection(k, ch));
                    return;
                }
            } catch (IOException | RuntimeException e) {
                closeQuietly(ch);
                k.readyIo(t, e);
                return;
            }
            if (k.cancelledAt(t)) {
                closeQuietly(ch);
                return;
            }
            SocketChannel pending = ch;
            k.reactor().await(pending, new Reactor.IoWait(t, SelectionKey.OP_CONNECT) {
                @Override
                boolean ready() {
                    try {
                        if (!pending.finishConnect()) {
                            return false;
                        }
                        k.ready(task, new NioConnection(k, pending));
                    } catch (IOException e) {
                        closeQuietly(pending);
                        k.readyIo(task, e);
                    }
                    return true;
                }

                @Override
                public void abandon() {
                    super.abandon();
                    closeQuietly(pending);
                }
            });
        }

        @Override
        String describe() {
            return "connect " + host + ":" + port;
        }
    }

    static final class Listen extends Request<Listener> {
        private final SocketAddress address;
        private final int port;

        Listen(SocketAddress address, int port) {
            this.address = address;
            this.port = checkPort(port);
        }

        @Override
        void handle(Kernel k, TaskImpl<?> t) {
            if (k.simulated) {
                k.world.net.listen(k, t, port);
                return;
            }
            ServerSocketChannel ch = null;
            try {
                ch = ServerSocketChannel.open();
                ch.configureBlocking(false);
                ch.bind(address, 1024);
                k.ready(t, new NioListener(k, ch));
            } catch (IOException | RuntimeException e) {
                closeQuietly(ch);
                k.readyIo(t, e);
            }
        }

        @Override
        String describe() {
            return "listen " + port;
        }
    }

    static int checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return port;
    }

    static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing after a failure: the failure is what the task gets
            }
        }
    }

    /** Closes a channel after waking the tasks that wait on it. */
    private static void close(Kernel k, SelectableChannel ch) {
        if (!ch.isOpen()) {
            return;
        }
        k.closedChannel(ch);
        try {
            ch.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class NioConnection implements Connection {
        private final Kernel kernel;
        private final SocketChannel channel;
        private final String remote;

        NioConnection(Kernel kernel, SocketChannel channel) throws IOException {
            this.kernel = kernel;
            this.channel = channel;
            SocketAddress a = channel.getRemoteAddress();
            this.remote = a instanceof InetSocketAddress i ? i.getHostString() + ":" + i.getPort() : String.valueOf(a);
        }

        /** Whether the last read had to wait for the selector. */
        boolean readWaited;

        @Override
        public Generator<Syscall, Object, Integer> read(ByteBuffer dst) {
            return new Read<>(channel, dst, this);
        }

        @Override
        public Generator<Syscall, Object, Void> write(ByteBuffer src) {
            return new Write<>(channel, src);
        }

        @Override
        public String remote() {
            return remote;
        }

        @Override
        public void close() {
            Nio.close(kernel, channel);
        }

        @Override
        public String toString() {
            return "connection to " + remote;
        }
    }

    static final class NioListener implements Listener {
        private final Kernel kernel;
        private final ServerSocketChannel channel;
        private final int port;

        NioListener(Kernel kernel, ServerSocketChannel channel) throws IOException {
            this.kernel = kernel;
            this.channel = channel;
            this.port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        }

        @Override
        public Generator<Syscall, Object, Connection> accept() {
            return new Accept<>(channel, NioConnection::new, "accept " + port);
        }

        @Override
        public int port() {
            return port;
        }

        @Override
        public void close() {
            Nio.close(kernel, channel);
        }

        @Override
        public String toString() {
            return "listener on port " + port;
        }
    }
}
