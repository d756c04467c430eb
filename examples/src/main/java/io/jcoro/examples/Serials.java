package io.jcoro.examples;

import io.jcoro.Generator;
import io.jcoro.StopIteration;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Log parsing with a steered generator: which drives have XFS errors? {@code matchRegex} walks the log backwards and
 * yields the first group of each line matching its current regex; the regex it looks for next is whatever its
 * driver sends it. {@code getSerials} is that driver: it knows the order the kernel writes disk lines in, and steers
 * the matcher from an error to the device's bus and from the bus to the serial number.
 *
 * <pre>{@code
 * def match_regex(filename, regex):
 *     with open(filename) as file:
 *         lines = file.readlines()
 *     for line in reversed(lines):
 *         match = re.match(regex, line)
 *         if match:
 *             regex = yield match.groups()[0]
 *
 * def get_serials(filename):
 *     ERROR_RE = "XFS ERROR (\[sd[a-z]\])"
 *     matcher = match_regex(filename, ERROR_RE)
 *     device = next(matcher)
 *     while True:
 *         try:
 *             bus = matcher.send("(sd \S+) {}.*".format(re.escape(device)))
 *             serial = matcher.send("{} \(SERIAL=([^)]*)\)".format(bus))
 *             yield serial
 *             device = matcher.send(ERROR_RE)
 *         except StopIteration:
 *             matcher.close()
 *             return
 * }</pre>
 */
public final class Serials {
    private Serials() {
    }

    /** The example kernel log, shipped as a resource next to this class. */
    static final String EXAMPLE_LOG = "EXAMPLE_LOG.log";

    static final String ERROR_RE = "XFS ERROR (\\[sd[a-z]\\])";

    /** Yields group 1 of each matching line, last line first; each send replaces the regex. */
    public static Generator<String, String, Void> matchRegex(String filename, String regex) {
        return Generator.of(y -> {
            List<String> lines = readLines(filename); // read on the first next(), as the Python body does
            String current = regex;
            for (String line : lines.reversed()) {
                Matcher match = Pattern.compile(current).matcher(line);
                if (match.lookingAt()) { // re.match anchors at the start of the line only
                    current = y.yield(match.group(1));
                }
            }
        });
    }

    /** Yields the serial number of every drive with an XFS error. */
    public static Generator<String, Void, Void> getSerials(String filename) {
        return Generator.of(y -> {
            Generator<String, String, Void> matcher = matchRegex(filename, ERROR_RE);
            String device = matcher.next();
            while (true) {
                try {
                    String bus = matcher.send("(sd \\S+) %s.*".formatted(Pattern.quote(device)));
                    String serial = matcher.send("%s \\(SERIAL=([^)]*)\\)".formatted(bus));
                    y.yield(serial);
                    device = matcher.send(ERROR_RE);
                } catch (StopIteration end) {
                    matcher.close();
                    return;
                }
            }
        });
    }

    public static void main(String[] args) {
        for (String serialNumber : getSerials(EXAMPLE_LOG)) {
            System.out.println(serialNumber);
        }
    }

    private static List<String> readLines(String resource) throws IOException {
        try (InputStream in = Serials.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no such resource: " + resource);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        }
    }
}
