package io.jcoro.disklog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcoro.disklog.read.Tuning;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs disklog in-process, as the command line would, and keeps what it printed. */
record Run(int status, String out, String err) {

    static Run of(String... args) {
        return withStdin(new byte[0], args);
    }

    /** A run whose big files are read with {@code tuning}. */
    static Run tuned(Tuning tuning, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), tuning);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run withStdin(byte[] stdin, String... args) {
        return withStdin(new ByteArrayInputStream(stdin), args);
    }

    static Run withStdin(InputStream stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, stdin,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The JSON objects of a --json run. */
    List<JsonNode> drives() {
        List<JsonNode> list = new ArrayList<>();
        ObjectMapper m = new ObjectMapper();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                try {
                    list.add(m.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return list;
    }

    /** The serials of a --json run, in report order ("?" for a drive without one). */
    List<String> serials() {
        List<String> s = new ArrayList<>();
        for (JsonNode d : drives()) {
            s.add(d.get("serial").isNull() ? "?" + d.get("devices").toString() : d.get("serial").asText());
        }
        return s;
    }

    /** stderr lines. */
    List<String> errLines() {
        List<String> l = new ArrayList<>();
        for (String s : err.split("\n")) {
            if (!s.isBlank()) {
                l.add(s);
            }
        }
        return l;
    }

    static Path resource(String name) {
        try {
            return Path.of(Run.class.getResource(name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
