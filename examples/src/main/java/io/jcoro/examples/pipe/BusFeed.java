package io.jcoro.examples.pipe;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A bus feed like the Chicago Transit Authority's {@code allroutes.xml} in Beazley's course: {@code <buses>} with
 * one {@code <bus>} per vehicle, each with {@code id, route, color, revenue, direction, latitude, longitude,
 * pattern, patternDirection, run, finalStop} (CDATA) and {@code operator}. Generated, not copied: the same seed and
 * size always give the same bytes, so tests can check answers and benchmarks can regenerate their input.
 */
public final class BusFeed {
    private BusFeed() {
    }

    /** The seed the examples and tests use. */
    public static final long SEED = 2009;

    private static final String[] ROUTES = {
        "1", "2", "3", "4", "6", "8", "9", "12", "20", "21", "22", "24", "29", "36", "49", "50", "52", "53", "55",
        "56", "60", "62", "63", "66", "70", "72", "74", "77", "79", "80", "81", "82", "85", "87", "92", "146", "147",
        "148", "151", "152",
    };
    /** Beazley's shipped file had 249 North, 227 South, 215 West and 172 East Bound buses. */
    private static final String[] DIRECTIONS = {"North Bound", "South Bound", "West Bound", "East Bound"};
    private static final int[] DIRECTION_WEIGHTS = {249, 227, 215, 172};
    private static final String[] FINAL_STOPS = {
        "Paulina & Howard Terminal", "Harrison & Wood", "Clark & Howard", "Jefferson Park Blue Line",
        "Midway Orange Line", "Navy Pier", "Museum Campus", "Cumberland Blue Line", "79th & Lake Shore",
        "Belmont Blue Line", "Illinois Center", "Union Station",
    };

    /** Writes a feed of {@code buses} buses to {@code out} (not closed) and returns the number of bytes written. */
    public static long write(OutputStream out, int buses, long seed) throws IOException {
        Writer w = new Writer(out, seed);
        w.header();
        for (int i = 0; i < buses; i++) {
            w.bus();
        }
        w.footer();
        return w.bytes;
    }

    /**
     * Writes a feed of at least {@code minBytes} bytes (whole buses) to {@code file} and returns the number of
     * buses in it.
     */
    public static int writeFile(Path file, long minBytes, long seed) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            Writer w = new Writer(out, seed);
            w.header();
            int n = 0;
            while (w.bytes < minBytes) {
                w.bus();
                n++;
            }
            w.footer();
            return n;
        }
    }

    /** A feed of {@code buses} buses, in memory. */
    public static byte[] bytes(int buses, long seed) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(buses * 480 + 64);
        try {
            write(out, buses, seed);
        } catch (IOException e) {
            throw new AssertionError(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    private static final class Writer {
        private final OutputStream out;
        private final SplittableRandom random;
        private final StringBuilder sb = new StringBuilder(512);
        long bytes;

        Writer(OutputStream out, long seed) {
            this.out = out;
            this.random = new SplittableRandom(seed);
        }

        void header() throws IOException {
            emit("<?xml version=\"1.0\"?>\n<buses>\n");
        }

        void footer() throws IOException {
            emit("</buses>\n");
            out.flush();
        }

        void bus() throws IOException {
            SplittableRandom r = random;
            String direction = direction(r.nextInt(249 + 227 + 215 + 172));
            sb.setLength(0);
            sb.append("<bus>\n");
            field("id", Integer.toString(1000 + r.nextInt(9000)));
            field("route", ROUTES[r.nextInt(ROUTES.length)]);
            field("color", "#" + hex6(r.nextInt(1 << 24)));
            field("revenue", r.nextInt(10) == 0 ? "false" : "true");
            field("direction", direction);
            field("latitude", Double.toString(41.64 + r.nextDouble() * 0.38));
            field("longitude", Double.toString(-87.94 + r.nextDouble() * 0.42));
            field("pattern", Integer.toString(1000 + r.nextInt(9000)));
            field("patternDirection", direction);
            field("run", "P" + (100 + r.nextInt(900)));
            sb.append("\t<finalStop><![CDATA[").append(FINAL_STOPS[r.nextInt(FINAL_STOPS.length)])
                    .append("]]></finalStop>\n");
            field("operator", Integer.toString(10000 + r.nextInt(90000)));
            sb.append("</bus>\n");
            emit(sb);
        }

        private void field(String name, String value) {
            sb.append('\t').append('<').append(name).append('>').append(value).append("</").append(name)
                    .append(">\n");
        }

        private static String direction(int pick) {
            for (int i = 0; i < DIRECTIONS.length; i++) {
                if (pick < DIRECTION_WEIGHTS[i]) {
                    return DIRECTIONS[i];
                }
                pick -= DIRECTION_WEIGHTS[i];
            }
            throw new AssertionError(pick);
        }

        private static String hex6(int v) {
            String h = Integer.toHexString(v);
            return "000000".substring(h.length()) + h;
        }

        private void emit(CharSequence s) throws IOException {
            byte[] b = s.toString().getBytes(StandardCharsets.US_ASCII); // the feed is ASCII
            out.write(b);
            bytes += b.length;
        }
    }
}
