package io.jcoro.disklog.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** One line of {@code journalctl -o json}: the fields disklog needs. Loaded only when such a line is seen. */
public final class Journal {
    private Journal() {
    }

    private static final JsonFactory JSON = new JsonFactory();

    public record Fields(String message, String time, double uptime, String bootId, String host) {
    }

    /** The fields of a journal JSON object, or null when the line is not one (or has no MESSAGE). */
    public static Fields parse(String line) {
        String message = null;
        String time = "";
        double uptime = Double.NaN;
        double monotonic = Double.NaN;
        String bootId = null;
        String host = null;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "MESSAGE" -> message = t == JsonToken.START_ARRAY ? bytes(p) : p.getValueAsString();
                    case "__REALTIME_TIMESTAMP" -> time = realtime(p.getValueAsString());
                    case "_SOURCE_MONOTONIC_TIMESTAMP" -> uptime = micros(p.getValueAsString());
                    case "__MONOTONIC_TIMESTAMP" -> monotonic = micros(p.getValueAsString());
                    case "_BOOT_ID" -> bootId = p.getValueAsString();
                    case "_HOSTNAME" -> host = p.getValueAsString();
                    default -> p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
        if (message == null) {
            return null;
        }
        return new Fields(message, time, Double.isNaN(uptime) ? monotonic : uptime, bootId,
                host == null || host.isEmpty() ? null : host);
    }

    /** journald writes a MESSAGE that is not valid UTF-8 as an array of byte values. */
    private static String bytes(JsonParser p) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (p.nextToken() == JsonToken.VALUE_NUMBER_INT) {
            out.write(p.getIntValue());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String realtime(String micros) {
        try {
            long us = Long.parseLong(micros);
            return Instant.ofEpochSecond(us / 1_000_000, (us % 1_000_000) * 1000).toString();
        } catch (NumberFormatException | NullPointerException e) {
            return "";
        }
    }

    private static double micros(String v) {
        try {
            return Long.parseLong(v) / 1e6;
        } catch (NumberFormatException | NullPointerException e) {
            return Double.NaN;
        }
    }
}
