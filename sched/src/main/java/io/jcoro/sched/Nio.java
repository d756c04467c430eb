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

    /** {@link Sys#readable} and {@link Sys#writable}: only waits. */
    static final class Readiness extends Request<Void> {
        private final SelectableChannel channel;
        private final boolean read;

        Readiness(SelectableChannel channel, boolean read) {
            this.channel = java.util.Objects.requireNonNull(channel, "channel");
            this.read = read;
        }

        @Override
        void handle(Kernel k, TaskImpl<?> t) {
            if (k.cancelledAt(t)) {
                return;
            }
            int op = read ? (channel instanceof ServerSocketChannel ? SelectionKey.OP_ACCEPT : SelectionKey.OP_READ)
                    : (channel instanceof SocketChannel sc && sc.isConnectionPending()
                            ? SelectionKey.OP_CONNECT : SelectionKey.OP_WRITE);
            k.reactor().await(channel, new Reactor.IoWait(t, op) {
                @Override
                boolean ready() {
                    k.ready(task, null);
                    return true;
                }
            });
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

    static final class Accept<T> extends Request<T> {
        private final ServerSocketChannel server;
        private final Wrap<T> wrap;
        private final String what;

        Accept(ServerSocketChannel server, Wrap<T> wrap, String what) {
            this.server = java.util.Objects.requireNonNull(server, "server");
            this.wrap = wrap;
            this.what = what;
        }

        /** Accepts now if a connection waits: true when the task's request is complete. */
        private boolean attempt(Kernel k, TaskImpl<?> t) {
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
        void handle(Kernel k, TaskImpl<?> t) {
            if (attempt(k, t) || k.cancelledAt(t)) {
                return;
            }
            k.reactor().await(server, new Reactor.IoWait(t, SelectionKey.OP_ACCEPT) {
                @Override
                boolean ready() {
                    return attempt(k, task);
                }
            });
        }

        @Override
        String describe() {
            return what;
        }
    }

    static final class Read<C extends SelectableChannel & ReadableByteChannel> extends Request<Integer> {
        private final C channel;
        private final ByteBuffer dst;
        /** The connection this read is on, which remembers whether its last read had to wait; or null. */
        private final NioConnection owner;

        Read(C channel, ByteBuffer dst, NioConnection owner) {
            this.channel = java.util.Objects.requireNonNull(channel, "channel");
            this.dst = java.util.Objects.requireNonNull(dst, "dst");
            this.owner = owner;
        }

        private boolean attempt(Kernel k, TaskImpl<?> t) {
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
        void handle(Kernel k, TaskImpl<?> t) {
            // A connection whose last read had to wait (request and response: the peer answers only after this
            // side wrote) waits for the selector first, saving a read that would find nothing.
            boolean tryFirst = owner == null || !owner.readWaited || !dst.hasRemaining();
            if (tryFirst && attempt(k, t)) {
                if (owner != null) {
                    owner.readWaited = false;
                }
                return;
            }
            if (k.cancelledAt(t)) {
                return;
            }
            if (owner != null) {
                owner.readWaited = true;
            }
            k.reactor().await(channel, new Reactor.IoWait(t, SelectionKey.OP_READ) {
                @Override
                boolean ready() {
                    return attempt(k, task);
                }
            });
        }

        @Override
        String describe() {
            return "read";
        }
    }

    static final class Write<C extends SelectableChannel & WritableByteChannel> extends Request<Void> {
        private final C channel;
        private final ByteBuffer src;

        Write(C channel, ByteBuffer src) {
            this.channel = java.util.Objects.requireNonNull(channel, "channel");
            this.src = java.util.Objects.requireNonNull(src, "src");
        }

        private boolean attempt(Kernel k, TaskImpl<?> t) {
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
        void handle(Kernel k, TaskImpl<?> t) {
            if (attempt(k, t) || k.cancelledAt(t)) {
                return;
            }
            k.reactor().await(channel, new Reactor.IoWait(t, SelectionKey.OP_WRITE) {
                @Override
                boolean ready() {
                    return attempt(k, task);
                }
            });
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
