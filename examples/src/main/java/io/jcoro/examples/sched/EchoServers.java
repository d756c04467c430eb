package io.jcoro.examples.sched;

import io.jcoro.Generator;
import io.jcoro.sched.Connection;
import io.jcoro.sched.Listener;
import io.jcoro.sched.Scheduler;
import io.jcoro.sched.Sys;
import io.jcoro.sched.Syscall;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.IntConsumer;

/**
 * Beazley's echo servers, one scheduler thread serving every client:
 * <ul>
 *   <li>{@link #waitThenAct}: echogood.py on pyos7: the task waits for readiness ({@code ReadWait},
 *       {@code WriteWait}), then does the non-blocking call itself.</li>
 *   <li>{@link #subroutines}: echoserver.py on pyos8: the waiting and the call together in subroutines
 *       ({@code Accept}, {@code Recv}, {@code Send}). Beazley needed a trampoline in his scheduler for them; here
 *       they are generators the task delegates to with {@code yieldFrom}.</li>
 *   <li>{@link #connections}: echoserver2.py with sockwrap.py, a socket object whose methods are coroutines:
 *       jcoro-sched's {@link Connection}, the same code that runs in a simulation.</li>
 * </ul>
 * Each prints "Server starting", "Connection from ..." and "Client closed", as his do. Try it with
 * {@code nc localhost 45000}.
 */
public final class EchoServers {
    private EchoServers() {
    }

    /** Beazley's listening socket: SO_REUSEADDR, every interface, a backlog; tells {@code bound} the port. */
    private static ServerSocketChannel bind(int port, IntConsumer bound) throws java.io.IOException {
        ServerSocketChannel sock = ServerSocketChannel.open();
        sock.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        sock.bind(new InetSocketAddress(port), 1024);
        bound.accept(((InetSocketAddress) sock.getLocalAddress()).getPort());
        return sock;
    }

    /** echogood.py: wait for readiness, then act. */
    public static Generator<Syscall, Object, Void> waitThenAct(int port, IntConsumer bound, PrintStream out) {
        return Generator.of(y -> {
            out.println("Server starting");
            try (ServerSocketChannel sock = bind(port, bound)) {
                while (true) {
                    y.yieldFrom(Sys.readable(sock));
                    SocketChannel client = sock.accept();
                    if (client != null) {
                        y.yieldFrom(Sys.spawn(handleWaitThenAct(client, client.getRemoteAddress(), out)));
                    }
                }
            }
        });
    }

    private static Generator<Syscall, Object, Void> handleWaitThenAct(SocketChannel client, SocketAddress addr,
            PrintStream out) {
        return Generator.of(y -> {
            out.println("Connection from " + addr);
            ByteBuffer data = ByteBuffer.allocate(65536);
            try (client) {
                while (true) {
                    y.yieldFrom(Sys.readable(client));
                    int n = client.read(data);
                    if (n < 0) {
                        break;
                    }
                    data.flip();
                    while (data.hasRemaining()) { // a write may take only part: Beazley's pyos8 Send fixes that
                        y.yieldFrom(Sys.writable(client));
                        client.write(data);
                    }
                    data.clear();
                }
            }
            out.println("Client closed");
        });
    }

    /** echoserver.py: the same server with I/O subroutines. */
    public static Generator<Syscall, Object, Void> subroutines(int port, IntConsumer bound, PrintStream out) {
        return Generator.of(y -> {
            out.println("Server starting");
            try (ServerSocketChannel sock = bind(port, bound)) {
                while (true) {
                    SocketChannel client = y.yieldFrom(accept(sock));
                    y.yieldFrom(Sys.spawn(handleSubroutines(client, out)));
                }
            }
        });
    }

    private static Generator<Syscall, Object, Void> handleSubroutines(SocketChannel client, PrintStream out) {
        return Generator.of(y -> {
            out.println("Connection from " + client.getRemoteAddress());
            try (client) {
                while (true) {
                    ByteBuffer data = y.yieldFrom(recv(client, 65536));
                    if (data == null) {
                        break;
                    }
                    y.yieldFrom(send(client, data));
                }
            }
            out.println("Client closed");
        });
    }

    /** Beazley's {@code Accept(sock)}: wait until a connection is there, then take it. */
    static Generator<Syscall, Object, SocketChannel> accept(ServerSocketChannel sock) {
        return Generator.returning(y -> {
            while (true) {
                y.yieldFrom(Sys.readable(sock));
                SocketChannel c = sock.accept();
                if (c != null) {
                    return c;
                }
            }
        });
    }

    /** Beazley's {@code Recv(sock, maxbytes)}: the bytes read, or null at the end of the stream. */
    static Generator<Syscall, Object, ByteBuffer> recv(SocketChannel sock, int maxbytes) {
        return Generator.returning(y -> {
            ByteBuffer buf = ByteBuffer.allocate(maxbytes);
            int n;
            do {
                y.yieldFrom(Sys.readable(sock));
                n = sock.read(buf);
            } while (n == 0);
            return n < 0 ? null : buf.flip();
        });
    }

    /** Beazley's {@code Send(sock, buffer)}: everything, however many writes it takes. */
    static Generator<Syscall, Object, Void> send(SocketChannel sock, ByteBuffer buffer) {
        return Generator.of(y -> {
            while (buffer.hasRemaining()) {
                y.yieldFrom(Sys.writable(sock));
                sock.write(buffer);
            }
        });
    }

    /** echoserver2.py: a socket object whose methods wait, here jcoro-sched's {@link Connection}. */
    public static Generator<Syscall, Object, Void> connections(int port, IntConsumer bound, PrintStream out) {
        return Generator.of(y -> {
            out.println("Server starting");
            try (Listener sock = y.yieldFrom(Sys.listen(port))) {
                bound.accept(sock.port());
                while (true) {
                    Connection client = y.yieldFrom(sock.accept());
                    y.yieldFrom(Sys.spawn(handleConnection(client, out)));
                }
            }
        });
    }

    private static Generator<Syscall, Object, Void> handleConnection(Connection client, PrintStream out) {
        return Generator.of(y -> {
            out.println("Connection from " + client.remote());
            ByteBuffer data = ByteBuffer.allocate(65536);
            try (client) {
                while (y.yieldFrom(client.read(data)) >= 0) {
                    y.yieldFrom(client.write(data.flip()));
                    data.clear();
                }
            }
            out.println("Client closed");
        });
    }

    /** {@code EchoServers [wait|subroutines|connections] [port]}: serves until interrupted (Ctrl-C). */
    public static void main(String[] args) {
        String kind = args.length > 0 ? args[0] : "connections";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 45000;
        IntConsumer bound = p -> System.out.println("listening on port " + p);
        Generator<Syscall, Object, Void> server = switch (kind) {
            case "wait" -> waitThenAct(port, bound, System.out);
            case "subroutines" -> subroutines(port, bound, System.out);
            case "connections" -> connections(port, bound, System.out);
            default -> throw new IllegalArgumentException("usage: EchoServers [wait|subroutines|connections] [port]");
        };
        Scheduler.create().run(server);
    }
}
