package io.jcoro.sched;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcoro.Generator;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real sockets and files on the scheduler's selector, over loopback. */
@Timeout(30)
class RealIoTest {

    private static final String LOOPBACK = InetAddress.getLoopbackAddress().getHostAddress();

    @Test
    void manyClientsEchoThroughOneSchedulerThread() {
        Scheduler s = Scheduler.create();
        int[] port = new int[1];
        List<String> echoes = s.run(Generator.returning(y -> {
            Task<Void> server = y.yieldFrom(Sys.spawn("server", EchoCode.server(0, p -> port[0] = p)));
            y.yieldFrom(Sys.checkpoint());
            List<Generator<Syscall, Object, String>> clients = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                clients.add(EchoCode.client(LOOPBACK, port[0], "hello " + i, "bye " + i));
            }
            List<String> r = y.yieldFrom(Sys.gather(clients));
            y.yieldFrom(Sys.kill(server));
            return r;
        }));
        s.close();
        for (int i = 0; i < 50; i++) {
            assertEquals("hello " + i + "|bye " + i, echoes.get(i));
        }
    }

    @Test
    void aPlainBlockingSocketFromAnotherThreadGetsItsEcho() throws Exception {
        Scheduler s = Scheduler.create();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread loop = Thread.ofVirtual().start(() -> s.run(EchoCode.server(0, port::complete)));
        try (Socket sock = new Socket(LOOPBACK, port.get(10, TimeUnit.SECONDS))) {
            OutputStream out = sock.getOutputStream();
            InputStream in = sock.getInputStream();
            byte[] msg = "one line\n".getBytes(StandardCharsets.UTF_8);
            out.write(msg);
            out.flush();
            assertArrayEquals(msg, in.readNBytes(msg.length));
        }
        loop.interrupt();
        loop.join(10_000);
        assertTrue(!loop.isAlive());
        s.close();
    }

    @Test
    void readableAndWritableOnlyWaitTheTaskDoesTheIo() {
        Scheduler s = Scheduler.create();
        String got = s.run(Generator.returning(y -> {
            try (ServerSocketChannel server = ServerSocketChannel.open()) {
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                SocketChannel client = SocketChannel.open();
                client.configureBlocking(false);
                client.connect(server.getLocalAddress());
                y.yieldFrom(Sys.readable(server));
                SocketChannel accepted = server.accept();
                y.yieldFrom(Sys.writable(client));
                client.finishConnect();
                client.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.UTF_8)));
                ByteBuffer buf = ByteBuffer.allocate(16);
                y.yieldFrom(Sys.readable(accepted));
                accepted.read(buf);
                client.close();
                accepted.close();
                return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
            }
        }));
        s.close();
        assertEquals("ping", got);
    }

    @Test
    void aRefusedConnectRaisesConnectException() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        Scheduler s = Scheduler.create();
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> s.run(Generator.of(y -> y.yieldFrom(Sys.connect(LOOPBACK, closedPort)))));
        assertTrue(e.getCause() instanceof ConnectException, e.toString());
        s.close();
    }

    @Test
    void closingAConnectionWakesItsReaderWithClosedChannelException() {
        Scheduler s = Scheduler.create();
        int[] port = new int[1];
        String r = s.run(Generator.returning(y -> {
            Listener l = y.yieldFrom(Sys.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
            Connection c = y.yieldFrom(Sys.connect(LOOPBACK, l.port()));
            Task<String> reader = y.yieldFrom(Sys.spawn(Generator.returning(ry -> {
                try {
                    ry.yieldFrom(c.read(ByteBuffer.allocate(10)));
                    return "read something";
                } catch (UncheckedIOException e) {
                    return e.getCause() instanceof ClosedChannelException ? "closed under the reader" : e.toString();
                }
            })));
            y.yieldFrom(Sys.sleep(Duration.ofMillis(5)));
            c.close();
            l.close();
            port[0] = l.port();
            return y.yieldFrom(Sys.join(reader));
        }));
        s.close();
        assertEquals("closed under the reader", r);
    }

    @Test
    void twoTasksCannotWaitToReadTheSameChannel() {
        Scheduler s = Scheduler.create();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.run(Generator.of(y -> {
            try (ServerSocketChannel server = ServerSocketChannel.open()) {
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                y.yieldFrom(Sys.spawn(Generator.of(a -> a.yieldFrom(Sys.readable(server)))));
                y.yieldFrom(Sys.checkpoint());
                y.yieldFrom(Sys.readable(server));
            }
        })));
        s.close();
        assertEquals("task 2 already waits to read this channel; task 1 (main) cannot wait too", e.getMessage());
    }

    @Test
    void aTimeoutCutsAWaitingRead() {
        Scheduler s = Scheduler.create();
        Integer n = s.run(Generator.returning(y -> {
            Listener l = y.yieldFrom(Sys.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
            try (Connection c = y.yieldFrom(Sys.connect(LOOPBACK, l.port()))) {
                return y.yieldFrom(Sys.moveOnAfter(Duration.ofMillis(20), c.read(ByteBuffer.allocate(4))));
            } finally {
                l.close();
            }
        }));
        s.close();
        assertEquals(null, n);
    }

    @Test
    void filesWriteReadAppendSyncAndSize(@TempDir Path dir) throws Exception {
        Scheduler s = Scheduler.builder().files(dir).build();
        String r = s.run(Generator.returning(y -> {
            try (DataFile f = y.yieldFrom(Sys.open("log"))) {
                y.yieldFrom(f.write(0, ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8))));
                long at = y.yieldFrom(f.append(ByteBuffer.wrap(" world".getBytes(StandardCharsets.UTF_8))));
                y.yieldFrom(f.sync());
                ByteBuffer buf = ByteBuffer.allocate(64);
                int n = y.yieldFrom(f.read(0, buf));
                int past = y.yieldFrom(f.read(100, ByteBuffer.allocate(1)));
                return at + " " + y.yieldFrom(f.size()) + " " + new String(buf.array(), 0, n, StandardCharsets.UTF_8)
                        + " " + past;
            }
        }));
        assertEquals("5 11 hello world -1", r);
        assertEquals("hello world", Files.readString(dir.resolve("log")));
    }

    @Test
    void openingAFileWithoutADirectoryOrWithAPathIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Scheduler.create().run(Generator.of(y -> y.yieldFrom(Sys.open("x")))));
        assertEquals("no directory for files: make the scheduler with Scheduler.builder().files(directory)",
                e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Sys.open("../etc/passwd"));
        assertEquals("a file name must be a plain name, without directories: '../etc/passwd'", bad.getMessage());
    }
}
