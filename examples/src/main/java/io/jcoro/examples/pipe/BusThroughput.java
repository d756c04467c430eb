package io.jcoro.examples.pipe;

import io.jcoro.Generator;
import io.jcoro.pipe.Sink;
import io.jcoro.pipe.Sources;
import io.jcoro.pipe.XmlEvent;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Beazley's performance contest (slides 71-74) on a generated bus feed of at least 100 MB: the same question
 * (where are the North Bound #22 buses?) answered by the same stages fed from different parsers, against a plain
 * StAX loop with no stages as the floor, plus the thread hop of cothread.py. Prints a table of seconds and MB/s
 * (best of the runs, after one warm-up run per variant). Not a unit test: run it by hand.
 *
 * <pre>{@code scripts/bus-throughput.sh [megabytes=128] [runs=5]}</pre>
 */
public final class BusThroughput {
    private BusThroughput() {
    }

    /** One way of answering, given the file and where to put each answer line; returns how many it found. */
    interface Variant {
        long run(Path feed, Consumer<String> out) throws Exception;
    }

    record Named(String name, Variant variant) {
    }

    public static void main(String[] args) throws Exception {
        Backends.preferContinuations();
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path feed = Path.of(System.getProperty("java.io.tmpdir"), "jcoro-buses-" + megabytes + "mb.xml");
        if (!Files.exists(feed)) {
            System.out.println("generating " + feed + " ...");
            int buses = BusFeed.writeFile(feed, megabytes * 1_000_000L, BusFeed.SEED);
            System.out.println(buses + " buses");
        }
        double mb = Files.size(feed) / 1e6;

        List<Named> variants = List.of(
                new Named("plain StAX loop, JDK parser (floor)", (f, out) ->
                        Buses.route22NorthPlainStax(open(f), Buses.jdkStax(), out)),
                new Named("plain StAX loop, Aalto parser (floor)", (f, out) ->
                        Buses.route22NorthPlainStax(open(f), Buses.aalto(), out)),
                new Named("SAX (JDK) -> coroutine stages", (f, out) ->
                        counted(out, Buses::route22North, s -> Sources.saxEvents(open(f), s))),
                new Named("StAX (JDK) -> coroutine stages", (f, out) ->
                        counted(out, Buses::route22North, s -> Sources.staxEvents(open(f), s))),
                new Named("StAX (Aalto) -> coroutine stages", (f, out) ->
                        counted(out, Buses::route22North, s -> Sources.staxEvents(open(f), Buses.aalto(), s))),
                new Named("StAX (Aalto) -> coroutine buses_to_dicts, functional filters", (f, out) ->
                        counted(out, Buses::route22NorthFunctional,
                                s -> Sources.staxEvents(open(f), Buses.aalto(), s))),
                new Named("StAX (Aalto) -> buses_to_dicts as an object, functional filters (no coroutine)",
                        (f, out) -> counted(out, Buses::route22NorthAsObjects,
                                s -> Sources.staxEvents(open(f), Buses.aalto(), s))),
                new Named("SAX (JDK) -> buses_to_dicts -> threaded -> filters", (f, out) ->
                        counted(out, Buses::route22NorthThreaded, s -> Sources.saxEvents(open(f), s))),
                new Named("StAX (Aalto) -> buses_to_dicts -> threaded -> filters", (f, out) ->
                        counted(out, Buses::route22NorthThreaded,
                                s -> Sources.staxEvents(open(f), Buses.aalto(), s))));

        System.out.printf(Locale.ROOT, "feed: %s, %.1f MB; java %s; jcoro backend %s; best of %d runs%n%n", feed,
                mb, Runtime.version(), Generator.backend(), runs);
        System.out.println("| source -> stages | best s | MB/s | x floor (same parser) | found |");
        System.out.println("|---|---:|---:|---:|---:|");
        long expected = -1;
        double[] floors = new double[2];
        for (int v = 0; v < variants.size(); v++) {
            Named n = variants.get(v);
            long[] found = new long[1];
            n.variant().run(feed, line -> found[0]++); // warm-up
            double[] seconds = new double[runs];
            for (int r = 0; r < runs; r++) {
                long[] count = new long[1];
                long t0 = System.nanoTime();
                long k = n.variant().run(feed, line -> count[0]++);
                seconds[r] = (System.nanoTime() - t0) / 1e9;
                if (k != count[0]) {
                    throw new AssertionError(n.name() + ": returned " + k + " but delivered " + count[0]);
                }
                found[0] = k;
            }
            if (expected < 0) {
                expected = found[0];
            } else if (found[0] != expected) {
                throw new AssertionError(n.name() + " found " + found[0] + ", the floor found " + expected);
            }
            Arrays.sort(seconds);
            double best = seconds[0];
            if (v < 2) {
                floors[v] = best;
            }
            double floor = n.name().contains("Aalto") ? floors[1] : floors[0];
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.1f | %.2f | %d |%n", n.name(), best, mb / best,
                    best / floor, found[0]);
        }
    }

    private static InputStream open(Path f) throws IOException {
        return new BufferedInputStream(Files.newInputStream(f), 1 << 16);
    }

    interface Parse {
        long parse(Sink<XmlEvent> sink) throws Exception;
    }

    /** Builds the pipeline in front of a counter, parses, and returns how many lines came out. */
    private static long counted(Consumer<String> out, Function<Consumer<String>, Sink<XmlEvent>> pipeline,
            Parse parse) throws Exception {
        long[] n = new long[1];
        Sink<XmlEvent> sink = pipeline.apply(line -> {
            n[0]++;
            out.accept(line);
        });
        parse.parse(sink);
        return n[0];
    }
}
