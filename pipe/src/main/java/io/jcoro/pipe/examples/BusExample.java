package io.jcoro.pipe.examples;

import io.jcoro.pipe.Sources;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints where the North Bound #22 buses are, from a bus feed: Beazley's buses.py, then the same stages fed by
 * two other parsers. With no argument it uses a generated feed of 863 buses (the size of Beazley's
 * allroutes.xml); with a path, that file.
 *
 * <pre>{@code
 * bin/mvnw -q -pl pipe -am install -DskipTests
 * cd pipe && ../bin/mvnw -q exec:java ... or: java -cp "$(cat target/classpath.txt)" io.jcoro.pipe.examples.BusExample [feed.xml]
 * }</pre>
 */
public final class BusExample {
    private BusExample() {
    }

    public static void main(String[] args) throws Exception {
        byte[] feed = args.length > 0 ? Files.readAllBytes(Path.of(args[0])) : BusFeed.bytes(863, BusFeed.SEED);

        System.out.println("SAX -> buses_to_dicts -> filter route 22 -> filter North Bound -> bus_locations:");
        List<String> sax = new ArrayList<>();
        Sources.saxEvents(in(feed), Buses.route22North(line -> {
            System.out.println(line);
            sax.add(line);
        }));

        // Swap only the source: the same four stages, fed by faster parsers.
        List<String> stax = new ArrayList<>();
        Sources.staxEvents(in(feed), Buses.route22North(stax::add));
        List<String> aalto = new ArrayList<>();
        Sources.staxEvents(in(feed), Buses.aalto(), Buses.route22North(aalto::add));
        System.out.println(sax.size() + " buses; JDK StAX agrees: " + sax.equals(stax) + "; Aalto StAX agrees: "
                + sax.equals(aalto));
    }

    private static InputStream in(byte[] feed) {
        return new ByteArrayInputStream(feed);
    }
}
