package io.jcoro.bench.sched;

import io.jcoro.Generator;
import io.jcoro.sched.Connection;
import io.jcoro.sched.Listener;
import io.jcoro.sched.Scheduler;
import io.jcoro.sched.Sys;
import io.jcoro.sched.Syscall;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The echo-server benchmark: servers, and the load generator that drives them. Each server echoes every byte it
 * reads on loopback; the load generator opens {@code clients} connections (one virtual thread each), and each
 * client sends a message, waits for its echo, and sends the next, for a warm-up and then a measured window.
 *
 * <pre>
 *   EchoBench server sched PORT          one jcoro-sched scheduler thread
 *   EchoBench server sched-per-core PORT one scheduler per core; the first accepts and hands sockets round-robin
 *   EchoBench server vt PORT             a virtual thread per connection, blocking sockets
 *   EchoBench load PORT CLIENTS SECONDS [SIZE=64] [WARMUP_SECONDS=2]
 * </pre>
 * A server prints "listening PORT" when it accepts connections. The load generator prints one line: messages per
 * second over the window, the median and 99th-percentile round trip, how many clients failed, and how many
 * messages it exchanged in all (warm-up included), so that a script can divide the server's CPU time by it.
 * CPython's asyncio server is scripts/bench_sched_echo.py; scripts/bench-sched.sh runs them all side by side.
 */
public final class EchoBench {
    private EchoBench() {
    }

    static Generator<Syscall, Object, Void> schedServer(int port) {
        return Generator.of(y -> {
            try (Listener l = y.yieldFrom(Sys.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)))) {
                System.out.println("listening " + l.port());
                while (true) {
                    Connection c = y.yieldFrom(l.accept());
                    y.yieldFrom(Sys.spawn(Generator.of(cy -> {
                        ByteBuffer buf = ByteBuffer.allocate(16384);
                        try (c) {
                            while (cy.yieldFrom(c.read(buf)) >= 0) {
                                cy.yieldFrom(c.write(buf.flip()));
                                buf.clear();
                            }
                        }
                    })));
                }
            }
        });
    }

    /** One task per connection on a worker scheduler, on raw socket channels (they belong to no scheduler). */
    static Generator<Syscall, Object, Void> rawEcho(SocketChannel c) {
        return Generator.of(cy -> {
            ByteBuffer buf = ByteBuffer.allocate(16384);
            try (c) {
                while (cy.yieldFrom(Sys.read(c, buf)) >= 0) {
                    cy.yieldFrom(Sys.write(c, buf.flip()));
                    buf.clear();
                }
            }
        });
    }

    static void schedPerCore(int port) throws IOException {
        int n = Runtime.getRuntime().availableProcessors();
        List<Scheduler> workers = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            Scheduler w = Scheduler.create();
            workers.add(w);
            // a worker idles on a long sleep so that its loop keeps running and takes submitted tasks
            Thread.ofPlatform().name("sched-" + i).start(() -> w.run(Generator.of(y -> {
                while (true) {
                    y.yieldFrom(Sys.sleep(java.time.Duration.ofHours(1)));
                }
            })));
        }
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
        System.out.println("listening " + ((InetSocketAddress) server.getLocalAddress()).getPort());
        Scheduler acceptor = Scheduler.create();
        acceptor.run(Generator.of(y -> {
            long k = 0;
            while (true) {
                SocketChannel c = y.yieldFrom(Sys.accept(server));
                int slot = (int) (k++ % n);
                if (slot == 0) {
                    y.yieldFrom(Sys.spawn(rawEcho(c)));
                } else {
                    workers.get(slot - 1).submit(rawEcho(c));
                }
            }
        }));
    }

    static void vtServer(int port) throws IOException {
        try (ServerSocket server = new ServerSocket(port, 4096, InetAddress.getLoopbackAddress())) {
            System.out.println("listening " + server.getLocalPort());
            while (true) {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> {
                    byte[] buf = new byte[16384];
                    try (s) {
                        InputStream in = s.getInputStream();
                        OutputStream out = s.getOutputStream();
                        for (int n; (n = in.read(buf)) >= 0; ) {
                            out.write(buf, 0, n);
                        }
                    } catch (IOException e) {
                        // the client went away
                    }
                });
            }
        }
    }

    static void load(int port, int clients, double seconds, int size, double warmup) throws InterruptedException {
        byte[] msg = new byte[size];
        Arrays.fill(msg, (byte) 'x');
        long start = System.nanoTime();
        long windowStart = start + (long) (warmup * 1e9);
        long windowEnd = windowStart + (long) (seconds * 1e9);
        AtomicLong failed = new AtomicLong();
        AtomicLong all = new AtomicLong();
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int id = c;
            Thread.ofVirtual().start(() -> {
                long[] lat = new long[1024];
                int k = 0;
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    s.setTcpNoDelay(true);
                    OutputStream out = s.getOutputStream();
                    InputStream in = s.getInputStream();
                    byte[] back = new byte[size];
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= windowEnd) {
                            break;
                        }
                        out.write(msg);
                        int got = 0;
                        while (got < size) {
                            int n = in.read(back, got, size - got);
                            if (n < 0) {
                                throw new IOException("server closed");
                            }
                            got += n;
                        }
                        long t1 = System.nanoTime();
                        all.incrementAndGet();
                        if (t0 >= windowStart && t1 <= windowEnd) {
                            if (k == lat.length) {
                                lat = Arrays.copyOf(lat, k * 2);
                            }
                            lat[k++] = t1 - t0;
                        }
                    }
                } catch (IOException e) {
                    failed.incrementAndGet();
                } finally {
                    latencies[id] = lat;
                    counts[id] = k;
                    done.countDown();
                }
            });
        }
        done.await();
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] sorted = new long[(int) total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies[c], 0, sorted, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(sorted);
        double p50 = sorted.length == 0 ? 0 : sorted[sorted.length / 2] / 1e3;
        double p99 = sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, sorted.length * 99L / 100)] / 1e3;
        System.out.printf(Locale.ROOT, "%d clients: %.0f msg/s, p50 %.0f us, p99 %.0f us, %d clients failed,"
                + " %d messages in all%n", clients, total / seconds, p50, p99, failed.get(), all.get());
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("server")) {
            int port = Integer.parseInt(args[2]);
            switch (args[1]) {
                case "sched" -> Scheduler.create().run(schedServer(port));
                case "sched-per-core" -> schedPerCore(port);
                case "vt" -> vtServer(port);
                default -> throw new IllegalArgumentException("servers: sched, sched-per-core, vt");
            }
        } else if (args.length >= 4 && args[0].equals("load")) {
            load(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Double.parseDouble(args[3]),
                    args.length > 4 ? Integer.parseInt(args[4]) : 64, args.length > 5 ? Double.parseDouble(args[5]) : 2);
        } else {
            System.err.println("usage: EchoBench server sched|sched-per-core|vt PORT | load PORT CLIENTS SECONDS [SIZE] [WARMUP]");
            System.exit(2);
        }
    }
}
