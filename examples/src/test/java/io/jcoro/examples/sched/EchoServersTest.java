package io.jcoro.examples.sched;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcoro.Generator;
import io.jcoro.sched.Scheduler;
import io.jcoro.sched.Syscall;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each of Beazley's echo servers, on loopback, with two clients connected at once, talking to it as {@code nc}
 * would: plain blocking sockets on other threads.
 */
@Timeout(60)
class EchoServersTest {

    interface Server {
        Generator<Syscall, Object, Void> make(int port, IntConsumer bound, PrintStream out);
    }

    private static Server server(String kind) {
        return switch (kind) {
            case "wait" -> EchoServers::waitThenAct;
            case "subroutines" -> EchoServers::subroutines;
            default -> EchoServers::connections;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"wait", "subroutines", "connections"})
    void twoClientsAtOnceGetTheirEchoesAndTheServerLogsAsBeazleys(String kind) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Scheduler s = Scheduler.create();
        Thread loop = Thread.ofVirtual().start(() -> {
            try {
                s.run(server(kind).make(0, port::complete, log));
            } catch (java.util.concurrent.CancellationException stopped) {
                // the test interrupts the scheduler's thread to stop the server
            }
        });
        int p = port.get(10, TimeUnit.SECONDS);
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (Socket a = new Socket(lo, p); Socket b = new Socket(lo, p)) {
            for (int round = 0; round < 3; round++) {
                echo(a, "from a " + round + "\n");
                echo(b, "from b " + round + "\n");
            }
        }
        String text = waitFor(bytes, "Client closed", 2);
        loop.interrupt();
        loop.join(10_000);
        s.close();
        List<String> lines = text.lines().toList();
        assertEquals("Server starting", lines.get(0));
        assertEquals(2, lines.stream().filter(l -> l.startsWith("Connection from ")).count(), text);
        assertEquals(2, lines.stream().filter(l -> l.equals("Client closed")).count(), text);
        assertTrue(!loop.isAlive());
    }

    private static void echo(Socket s, String line) throws Exception {
        byte[] msg = line.getBytes(StandardCharsets.UTF_8);
        s.getOutputStream().write(msg);
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        assertArrayEquals(msg, in.readNBytes(msg.length));
    }

    private static String waitFor(ByteArrayOutputStream bytes, String line, int times) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            String text = bytes.toString(StandardCharsets.UTF_8);
            if (text.lines().filter(line::equals).count() >= times || System.nanoTime() > deadline) {
                return text;
            }
            Thread.sleep(10);
        }
    }
}
