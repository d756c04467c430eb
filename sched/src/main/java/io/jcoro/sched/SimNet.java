package io.jcoro.sched;

import io.jcoro.Generator;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simulated network: stream connections between simulated hosts, with the faults a real network has.
 *
 * <ul>
 *   <li><b>Latency:</b> each write is a segment that arrives after a delay drawn between the minimum and maximum
 *       latency.</li>
 *   <li><b>Loss:</b> a lost segment is sent again, as TCP does, after a retransmission timeout that doubles each
 *       time; the data arrives late, never out of order within a connection.</li>
 *   <li><b>Reordering:</b> between connections (each has its own delays), never within one.</li>
 *   <li><b>Partitions:</b> hosts on different sides cannot exchange segments; what is in flight waits, and goes on
 *       (with fresh delays) when the partition heals. A connect across a partition retries every second.</li>
 *   <li><b>Crashes:</b> every connection of a crashed host is reset at once: both ends fail with
 *       {@link IOException} "connection reset". A crashed host refuses connections until it restarts.</li>
 * </ul>
 */
final class SimNet {
    private final SimWorld world;
    long minLatency = 100_000;
    long maxLatency = 2_000_000;
    double loss;
    long retransmit = 200_000_000;

    private final Map<String, SimListener> listeners = new HashMap<>();
    private final Set<SimConnection> connections = new LinkedHashSet<>();
    /** Host name to the side of the partition it is on; empty when the network is whole. */
    private final Map<String, Integer> sides = new HashMap<>();

    SimNet(SimWorld world) {
        this.world = world;
    }

    private long latency() {
        long d = minLatency;
        if (maxLatency > minLatency) {
            d += (long) (world.random.nextDouble() * (maxLatency - minLatency));
        }
        long rto = retransmit;
        while (loss > 0 && world.random.nextDouble() < loss) {
            d += rto;
            rto = Math.min(rto * 2, 60_000_000_000L);
        }
        return d;
    }

    boolean partitioned(SimHost a, SimHost b) {
        if (sides.isEmpty()) {
            return false;
        }
        return !sides.getOrDefault(a.name, 0).equals(sides.getOrDefault(b.name, 0));
    }

    // ------------------------------------------------------------------ faults

    /** Splits the network: the hosts in {@code side} on one side, every other host on the other. */
    void partition(Kernel k, Collection<String> side) {
        sides.clear();
        for (String h : side) {
            world.host(h);
            sides.put(h, 1);
        }
        k.traceEvent("partition " + String.join(",", side) + " | rest");
    }

    void heal(Kernel k) {
        if (sides.isEmpty()) {
            return;
        }
        sides.clear();
        k.traceEvent("heal");
        for (SimConnection c : connections) {
            c.resume(k);
        }
    }

    /** A host crashed: its listeners close, its connections are reset at both ends. */
    void crashed(Kernel k, SimHost h) {
        listeners.values().removeIf(l -> l.host == h);
        for (SimConnection c : new ArrayList<>(connections)) {
            if (c.local == h || c.remoteHost == h) {
                c.reset(k, new IOException("connection reset: host " + h + " crashed"));
            }
        }
    }

    // ------------------------------------------------------------------ requests

    void listen(Kernel k, TaskImpl<?> t, int port) {
        SimHost h = hostOf(t);
        if (port == 0) {
            port = h.ephemeralPort();
        }
        String key = h.name + ":" + port;
        if (listeners.containsKey(key)) {
            k.readyIo(t, new BindException("address already in use: " + key));
            return;
        }
        SimListener l = new SimListener(h, port);
        listeners.put(key, l);
        k.ready(t, l);
    }

    void connect(Kernel k, TaskImpl<?> t, String host, int port) {
        SimHost src = hostOf(t);
        SimHost dst = world.hosts.get(host);
        if (dst == null) {
            k.readyIo(t, new UnknownHostException(host + ": no such simulated host"));
            return;
        }
        if (k.cancelledAt(t)) {
            return;
        }
        Attempt a = new Attempt(k, t, src, dst, port);
        k.park(t, a);
        a.timer = k.at(k.now() + latency(), a::arrive);
    }

    private static SimHost hostOf(TaskImpl<?> t) {
        if (t.host == null) {
            throw new IllegalStateException(t + " runs on no simulated host");
        }
        return t.host;
    }

    /** A connect on its way: the SYN travels, then the answer travels back. */
    private final class Attempt implements Waiter {
        final Kernel k;
        final TaskImpl<?> task;
        final SimHost src;
        final SimHost dst;
        final int port;
        final int incarnation;
        Timer timer;
        SimConnection clientEnd;
        boolean abandoned;

        Attempt(Kernel k, TaskImpl<?> task, SimHost src, SimHost dst, int port) {
            this.k = k;
            this.task = task;
            this.src = src;
            this.dst = dst;
            this.port = port;
            this.incarnation = src.incarnation;
        }

        void arrive() {
            if (partitioned(src, dst)) {
                timer = k.at(k.now() + 1_000_000_000L, this::arrive); // SYN retransmission
                return;
            }
            SimListener l = listeners.get(dst.name + ":" + port);
            if (l == null || !dst.up) {
                timer = k.at(k.now() + latency(), () -> k.readyIo(task,
                        new ConnectException("connection refused: " + dst.name + ":" + port)));
                return;
            }
            int clientPort = src.ephemeralPort();
            SimConnection server = new SimConnection(dst, src, dst.name + ":" + port, src.name + ":" + clientPort);
            SimConnection client = new SimConnection(src, dst, src.name + ":" + clientPort, dst.name + ":" + port);
            server.peer = client;
            client.peer = server;
            connections.add(server);
            connections.add(client);
            clientEnd = client;
            l.arrived(k, server);
            timer = k.at(k.now() + latency(), () -> {
                if (src.incarnation != incarnation || client.resetBy != null) {
                    k.readyIo(task, client.resetBy != null ? client.resetBy
                            : new IOException("connection reset: host " + src + " crashed"));
                } else {
                    k.ready(task, client);
                }
            });
        }

        @Override
        public void abandon() {
            abandoned = true;
            timer.abandon();
            if (clientEnd != null) {
                clientEnd.close();
            }
        }
    }

    /** A listening socket on a simulated host. */
    final class SimListener implements Listener {
        final SimHost host;
        final int port;
        private final ArrayDeque<SimConnection> backlog = new ArrayDeque<>();
        private TaskImpl<?> acceptor;
        private boolean closed;

        SimListener(SimHost host, int port) {
            this.host = host;
            this.port = port;
        }

        void arrived(Kernel k, SimConnection c) {
            if (acceptor != null) {
                TaskImpl<?> t = acceptor;
                acceptor = null;
                k.ready(t, c);
            } else {
                backlog.add(c);
            }
        }

        @Override
        public Generator<Syscall, Object, Connection> accept() {
            return new Request<>() {
                @Override
                void handle(Kernel k, TaskImpl<?> t) {
                    if (closed || !listeners.containsValue(SimListener.this)) {
                        k.readyIo(t, new ClosedChannelException());
                        return;
                    }
                    SimConnection c = backlog.poll();
                    if (c != null) {
                        k.ready(t, c);
                        return;
                    }
                    if (acceptor != null) {
                        k.readyIo(t, new IllegalStateException(acceptor + " already waits to accept on "
                                + host + ":" + port + "; " + t + " cannot wait too"));
                        return;
                    }
                    if (k.cancelledAt(t)) {
                        return;
                    }
                    acceptor = t;
                    k.park(t, () -> acceptor = null);
                }

                @Override
                String describe() {
                    return "accept " + port;
                }
            };
        }

        @Override
        public int port() {
            return port;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            listeners.remove(host.name + ":" + port, this);
            if (acceptor != null) {
                TaskImpl<?> t = acceptor;
                acceptor = null;
                t.kernel.readyIo(t, new ClosedChannelException());
            }
            for (SimConnection c : backlog) {
                c.close();
            }
            backlog.clear();
        }

        @Override
        public String toString() {
            return "listener on " + host + ":" + port;
        }
    }

    /** One end of a simulated connection. */
    final class SimConnection implements Connection {
        final SimHost local;
        final SimHost remoteHost;
        final String localAddress;
        final String remoteAddress;
        SimConnection peer;

        // what has arrived and not been read
        private final ArrayDeque<byte[]> inbound = new ArrayDeque<>();
        private int headOffset;
        private boolean eof;
        IOException resetBy;
        private TaskImpl<?> reader;
        private ByteBuffer readerDst;

        // what this end sent that has not arrived
        private final ArrayDeque<Segment> outbound = new ArrayDeque<>();
        private long lastArrival;
        private Timer armed;
        private boolean stalled;
        private boolean closed;

        SimConnection(SimHost local, SimHost remoteHost, String localAddress, String remoteAddress) {
            this.local = local;
            this.remoteHost = remoteHost;
            this.localAddress = localAddress;
            this.remoteAddress = remoteAddress;
        }

        @Override
        public Generator<Syscall, Object, Integer> read(ByteBuffer dst) {
            java.util.Objects.requireNonNull(dst, "dst");
            return new Request<>() {
                @Override
                void handle(Kernel k, TaskImpl<?> t) {
                    if (refused(k, t)) {
                        return;
                    }
                    if (!inbound.isEmpty() || !dst.hasRemaining()) {
                        k.ready(t, copyTo(dst));
                        return;
                    }
                    if (eof) {
                        k.ready(t, -1);
                        return;
                    }
                    if (reader != null) {
                        k.readyIo(t, new IllegalStateException(reader + " already waits to read this"
                                + " connection; " + t + " cannot wait too"));
                        return;
                    }
                    if (k.cancelledAt(t)) {
                        return;
                    }
                    reader = t;
                    readerDst = dst;
                    k.park(t, () -> {
                        reader = null;
                        readerDst = null;
                    });
                }

                @Override
                String describe() {
                    return "read " + localAddress;
                }
            };
        }

        /** Fails the task's request if this end is closed or was reset; returns whether it did. */
        private boolean refused(Kernel k, TaskImpl<?> t) {
            IOException why = closed ? new ClosedChannelException() : resetBy;
            if (why != null) {
                k.readyIo(t, why);
            }
            return why != null;
        }

        private int copyTo(ByteBuffer dst) {
            int n = 0;
            while (dst.hasRemaining() && !inbound.isEmpty()) {
                byte[] head = inbound.peek();
                int take = Math.min(dst.remaining(), head.length - headOffset);
                dst.put(head, headOffset, take);
                headOffset += take;
                n += take;
                if (headOffset == head.length) {
                    inbound.poll();
                    headOffset = 0;
                }
            }
            return n;
        }

        @Override
        public Generator<Syscall, Object, Void> write(ByteBuffer src) {
            java.util.Objects.requireNonNull(src, "src");
            return new Request<>() {
                @Override
                void handle(Kernel k, TaskImpl<?> t) {
                    if (refused(k, t)) {
                        return;
                    }
                    byte[] data = new byte[src.remaining()];
                    src.get(data);
                    if (data.length > 0) {
                        transmit(k, data);
                    }
                    k.ready(t, null);
                }

                @Override
                String describe() {
                    return "write " + localAddress + " " + src.remaining();
                }
            };
        }

        /** Queues a segment (null data: the end of the stream) to arrive at the peer in order. */
        private void transmit(Kernel k, byte[] data) {
            long at = Math.max(k.now() + latency(), lastArrival);
            lastArrival = at;
            outbound.add(new Segment(data, at));
            arm(k);
        }

        private void arm(Kernel k) {
            if (armed == null && !stalled && !outbound.isEmpty()) {
                armed = k.at(outbound.peek().at, () -> {
                    armed = null;
                    deliver(k);
                });
            }
        }

        private void deliver(Kernel k) {
            long now = k.now();
            Segment s;
            while ((s = outbound.peek()) != null && s.at <= now) {
                if (partitioned(local, remoteHost)) {
                    stalled = true;
                    return;
                }
                outbound.poll();
                peer.arrive(k, s.data);
            }
            if (closed && outbound.isEmpty()) {
                connections.remove(this); // the end of the stream has arrived: nothing more to track
            } else {
                arm(k);
            }
        }

        /** After a partition healed: what waited is sent again with fresh delays, in order. */
        void resume(Kernel k) {
            if (!stalled) {
                return;
            }
            stalled = false;
            long prev = 0;
            for (Segment s : outbound) {
                s.at = Math.max(k.now() + latency(), prev);
                prev = s.at;
            }
            lastArrival = Math.max(lastArrival, prev);
            arm(k);
        }

        private void arrive(Kernel k, byte[] data) {
            if (resetBy != null) {
                return;
            }
            if (data == null) {
                eof = true;
            } else if (!closed) {
                inbound.add(data);
            }
            if (reader != null) {
                TaskImpl<?> t = reader;
                ByteBuffer dst = readerDst;
                reader = null;
                readerDst = null;
                k.ready(t, inbound.isEmpty() ? -1 : copyTo(dst));
            }
        }

        void reset(Kernel k, IOException why) {
            if (resetBy != null) {
                return;
            }
            resetBy = why;
            outbound.clear();
            if (armed != null) {
                armed.abandon();
                armed = null;
            }
            connections.remove(this);
            if (reader != null) {
                TaskImpl<?> t = reader;
                reader = null;
                readerDst = null;
                k.readyIo(t, why);
            }
        }

        @Override
        public String remote() {
            return remoteAddress;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            inbound.clear();
            if (reader != null) {
                TaskImpl<?> t = reader;
                reader = null;
                readerDst = null;
                t.kernel.readyIo(t, new ClosedChannelException());
            }
            if (resetBy == null) {
                transmit(world.kernel, null);
            }
        }

        @Override
        public String toString() {
            return "connection " + localAddress + " -> " + remoteAddress;
        }
    }

    /** Data on its way (null: the end of the stream), and when it arrives. */
    private static final class Segment {
        final byte[] data;
        long at;

        Segment(byte[] data, long at) {
            this.data = data;
            this.at = at;
        }
    }

    /** The names of the hosts, for messages. */
    List<String> hostNames() {
        return new ArrayList<>(world.hosts.keySet());
    }
}
