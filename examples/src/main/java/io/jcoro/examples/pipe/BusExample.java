package io.jcoro.examples.pipe;

import io.jcoro.pipe.Sources;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints where the North Bound #22 buses are, from a bus feed: Beazley's buses.py, then the same stages fed by
 * two other parsers. With no argument it uses a generated feed of 863 buses (the size of Beazley's
 * allroutes.xml); with a path, that file.
 *
 * <pre>{@code bin/examples buses [feed.xml]}</pre>
 */
public final class BusExample {
    private BusExample() {
    }

    public static void main(String[] args) throws Exception {
        Backends.preferContinuations();
        run(args.length > 0 ? Files.readAllBytes(Path.of(args[0])) : BusFeed.bytes(863, BusFeed.SEED), System.out);
    }

    static void run(byte[] feed, PrintStream out) throws Exception {
        out.println("SAX -> buses_to_dicts -> filter route 22 -> filter North Bound -> bus_locations:");
        List<String> sax = new ArrayList<>();
        Sources.saxEvents(in(feed), Buses.route22North(line -> {
            out.println(line);
            sax.add(line);
        }));

        // Swap only the source: the same four stages, fed by faster parsers.
        List<String> stax = new ArrayList<>();
        Sources.staxEvents(in(feed), Buses.route22North(stax::add));
        List<String> aalto = new ArrayList<>();
        Sources.staxEvents(in(feed), Buses.aalto(), Buses.route22North(aalto::add));
        out.println(sax.size() + " buses; JDK StAX agrees: " + sax.equals(stax) + "; Aalto StAX agrees: "
                + sax.equals(aalto));
    }

    private static InputStream in(byte[] feed) {
        return new ByteArrayInputStream(feed);
    }
}
