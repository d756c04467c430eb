package io.jcoro.examples.sched;

import io.jcoro.Generator;
import io.jcoro.pipe.Pipes;
import io.jcoro.pipe.Sink;
import io.jcoro.sched.Channel;
import io.jcoro.sched.Connection;
import io.jcoro.sched.Listener;
import io.jcoro.sched.Simulation;
import io.jcoro.sched.Sys;
import io.jcoro.sched.Syscall;
import io.jcoro.sched.Task;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Tasks and pipelines together: web servers send their log lines over the network to a collector; one task per
 * connection reads lines into a channel (fan-in), and a jcoro-pipe pipeline, {@code grep python | upper | print},
 * runs as one more task that drains the channel ({@link Channel#drainTo}). Run here in a simulation, so the output
 * is the same on every run of a seed.
 */
public final class LogCollector {
    private LogCollector() {
    }

    /** Accepts {@code senders} connections, feeds their lines to {@code pipeline}; returns how many it took. */
    static Generator<Syscall, Object, Long> collector(int port, int senders, Sink<String> pipeline) {
        return Generator.returning(y -> {
            Channel<String> lines = Channel.create(16);
            Task<Long> stage = y.yieldFrom(Sys.spawn("pipeline", lines.drainTo(pipeline)));
            try (Listener l = y.yieldFrom(Sys.listen(port))) {
                y.yieldFrom(Sys.group(g -> Generator.of(gy -> {
                    for (int i = 0; i < senders; i++) {
                        Connection c = gy.yieldFrom(l.accept());
                        gy.yieldFrom(g.spawn(reader(c, lines)));
                    }
                })));
            }
            lines.close();
            return y.yieldFrom(Sys.join(stage));
        });
    }

    private static Generator<Syscall, Object, Void> reader(Connection c, Channel<String> out) {
        return Generator.of(y -> {
            try (c) {
                Lines in = new Lines(c);
                for (String line; (line = y.yieldFrom(in.next())) != null; ) {
                    y.yieldFrom(out.send(line));
                }
            }
        });
    }

    /** A web server's log shipper: sends each line, a few milliseconds apart. */
    static Generator<Syscall, Object, Void> shipper(String collector, int port, List<String> log) {
        return Generator.of(y -> {
            try (Connection c = y.yieldFrom(Sys.connect(collector, port))) {
                Lines out = new Lines(c);
                for (String line : log) {
                    y.yieldFrom(out.send(line));
                    y.yieldFrom(Sys.sleep(Duration.ofMillis(3)));
                }
            }
        });
    }

    /** Runs two shippers and the collector on simulated hosts; returns what the pipeline printed. */
    public static String run(long seed) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Sink<String> pipeline = Pipes.grep("python").map(String::toUpperCase).into(Pipes.printer(out));
        Simulation sim = Simulation.builder(seed).build();
        sim.host("web1", () -> shipper("logs", 514, List.of("GET /python.html", "GET /index.html", "GET /python.png")));
        sim.host("web2", () -> shipper("logs", 514, List.of("GET /java.html", "GET /python/")));
        long taken = sim.run("logs", collector(514, 2, pipeline));
        out.println(taken + " lines");
        return bytes.toString(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) {
        System.out.print(run(args.length > 0 ? Long.parseLong(args[0]) : 1));
    }
}
