package io.jcoro.examples.sched;

import io.jcoro.Generator;
import io.jcoro.sched.Channel;
import io.jcoro.sched.Connection;
import io.jcoro.sched.DataFile;
import io.jcoro.sched.Listener;
import io.jcoro.sched.Sys;
import io.jcoro.sched.Syscall;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * A small replicated key-value store: N replicas, each with a log on its disk; a client that writes to a majority
 * and reads from a majority, so that every read quorum meets every write quorum and a read sees the last
 * acknowledged write. Versions come from the client (one writer per key).
 *
 * <p>Protocol, one text line per message: {@code PUT key version value} answered {@code OK} (or {@code ERR ...}),
 * {@code GET key} answered {@code VAL version value} ({@code VAL 0 -} when the key is unknown). The log holds one
 * line per accepted write, {@code key version value}; a replica that starts reads it back and ignores a last line
 * without its newline (a write torn by a crash).
 *
 * <p>The planted bug is {@link Durability#NO_FSYNC}: the replica acknowledges a write before syncing its log. Every
 * test on a real machine passes with it; a crash that loses the unsynced tail while the write's other copy is on
 * a replica the read does not reach breaks the quorum's promise. {@link QuorumSimulation} finds it.
 */
public final class QuorumStore {
    private QuorumStore() {
    }

    /** When a replica acknowledges a write. */
    public enum Durability {
        /** After syncing its log: an acknowledged write survives a crash. */
        FSYNC,
        /** Before syncing (the planted bug): a crash may lose an acknowledged write. */
        NO_FSYNC
    }

    /** A value and its version; version 0 means absent. */
    public record Versioned(long version, String value) {
    }

    /** Where a replica listens. */
    public record Address(String host, int port) {
    }

    /** The state of one replica: its data, its log, and where the next log line goes. */
    private static final class Replica {
        final Map<String, Versioned> data = new HashMap<>();
        final DataFile log;
        final Durability durability;
        long end;

        Replica(DataFile log, Durability durability) {
            this.log = log;
            this.durability = durability;
        }

        void apply(String key, Versioned v) {
            Versioned old = data.get(key);
            if (old == null || v.version() > old.version()) {
                data.put(key, v);
            }
        }
    }

    /** A replica: recovers its data from the log {@code logName}, then serves on {@code port}. */
    public static Generator<Syscall, Object, Void> replica(int port, String logName, Durability durability,
            IntConsumer bound) {
        return Generator.of(y -> {
            try (DataFile log = y.yieldFrom(Sys.open(logName))) {
                Replica r = new Replica(log, durability);
                r.end = y.yieldFrom(recover(r));
                try (Listener l = y.yieldFrom(Sys.listen(port))) {
                    bound.accept(l.port());
                    while (true) {
                        Connection c = y.yieldFrom(l.accept());
                        y.yieldFrom(Sys.spawn(serve(r, c)));
                    }
                }
            }
        });
    }

    /** Reads the log back into the replica's map; returns where the last complete line ends. */
    private static Generator<Syscall, Object, Long> recover(Replica r) {
        return Generator.returning(y -> {
            long size = y.yieldFrom(r.log.size());
            ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(size));
            while (all.hasRemaining() && y.yieldFrom(r.log.read(all.position(), all)) > 0) {
                // read until full
            }
            String text = new String(all.array(), 0, all.position(), StandardCharsets.UTF_8);
            int complete = text.lastIndexOf('\n') + 1;
            for (String line : text.substring(0, complete).split("\n")) {
                String[] f = line.split(" ");
                if (f.length == 3) {
                    r.apply(f[0], new Versioned(Long.parseLong(f[1]), f[2]));
                }
            }
            return (long) text.substring(0, complete).getBytes(StandardCharsets.UTF_8).length;
        });
    }

    private static Generator<Syscall, Object, Void> serve(Replica r, Connection c) {
        return Generator.of(y -> {
            try (c) {
                Lines lines = new Lines(c);
                for (String req; (req = y.yieldFrom(lines.next())) != null; ) {
                    String[] f = req.split(" ");
                    if (f[0].equals("GET") && f.length == 2) {
                        Versioned v = r.data.getOrDefault(f[1], new Versioned(0, "-"));
                        y.yieldFrom(lines.send("VAL " + v.version() + " " + v.value()));
                    } else if (f[0].equals("PUT") && f.length == 4) {
                        byte[] rec = (f[1] + " " + f[2] + " " + f[3] + "\n").getBytes(StandardCharsets.UTF_8);
                        long at = r.end;
                        r.end += rec.length;
                        try {
                            y.yieldFrom(r.log.write(at, ByteBuffer.wrap(rec)));
                            if (r.durability == Durability.FSYNC) {
                                y.yieldFrom(r.log.sync());
                            }
                        } catch (UncheckedIOException e) {
                            y.yieldFrom(lines.send("ERR " + e.getMessage().replace('\n', ' ')));
                            continue;
                        }
                        r.apply(f[1], new Versioned(Long.parseLong(f[2]), f[3]));
                        y.yieldFrom(lines.send("OK"));
                    } else {
                        y.yieldFrom(lines.send("ERR bad request"));
                    }
                }
            } catch (UncheckedIOException gone) {
                // the client went away or the network reset: nothing to answer
            }
        });
    }

    /** The client: majority writes and majority reads, each exchange under a timeout. */
    public static final class Client {
        private final List<Address> replicas;
        private final Duration timeout;
        private final int quorum;

        public Client(List<Address> replicas, Duration timeout) {
            this.replicas = List.copyOf(replicas);
            this.timeout = timeout;
            this.quorum = this.replicas.size() / 2 + 1;
        }

        /** Writes {@code key = value} at {@code version}; true when a majority acknowledged it. */
        public Generator<Syscall, Object, Boolean> put(String key, long version, String value) {
            return Generator.returning(y -> {
                List<String> answers = y.yieldFrom(ask("PUT " + key + " " + version + " " + value));
                return answers.stream().filter("OK"::equals).count() >= quorum;
            });
        }

        /** Reads {@code key} from a majority: the newest version they hold, or null without a majority. */
        public Generator<Syscall, Object, Versioned> get(String key) {
            return Generator.returning(y -> {
                Versioned newest = null;
                int answered = 0;
                for (String a : y.yieldFrom(ask("GET " + key))) {
                    String[] f = a.split(" ");
                    if (f.length == 3 && f[0].equals("VAL")) {
                        answered++;
                        Versioned v = new Versioned(Long.parseLong(f[1]), f[2]);
                        if (newest == null || v.version() > newest.version()) {
                            newest = v;
                        }
                    }
                }
                return answered >= quorum ? newest : null;
            });
        }

        /**
         * Sends {@code request} to every replica at once and returns the answers of the first majority that
         * answered (fewer if the others failed or timed out); the exchanges still running are cancelled.
         */
        private Generator<Syscall, Object, List<String>> ask(String request) {
            return Generator.returning(y -> {
                Channel<String> answers = Channel.create(replicas.size());
                return y.yieldFrom(Sys.group(g -> Generator.returning(gy -> {
                    for (Address a : replicas) {
                        gy.yieldFrom(g.spawn(Generator.of(ry -> {
                            String answer = ry.yieldFrom(Sys.moveOnAfter(timeout, exchange(a, request)));
                            ry.yieldFrom(answers.send(answer == null ? "TIMEOUT" : answer));
                        })));
                    }
                    List<String> got = new java.util.ArrayList<>();
                    int good = 0;
                    while (got.size() < replicas.size() && good < quorum) {
                        String a = gy.yieldFrom(answers.receive());
                        got.add(a);
                        if (a.equals("OK") || a.startsWith("VAL ")) {
                            good++;
                        }
                    }
                    gy.yieldFrom(g.cancel());
                    return got;
                })));
            });
        }

        /** One request and its answer on a new connection; a failure is an answer too. */
        private static Generator<Syscall, Object, String> exchange(Address a, String request) {
            return Generator.returning(y -> {
                try (Connection c = y.yieldFrom(Sys.connect(a.host(), a.port()))) {
                    Lines lines = new Lines(c);
                    y.yieldFrom(lines.send(request));
                    String answer = y.yieldFrom(lines.next());
                    return answer == null ? "CLOSED" : answer;
                } catch (UncheckedIOException e) {
                    return "FAILED " + e.getMessage();
                }
            });
        }
    }
}
