package io.jcoro.disklog.read;

import java.nio.file.Path;

/**
 * One input named on the command line: a file, or standard input ({@code -}). Only what the user named; what
 * happened while it was read is in its {@link InputStats}.
 *
 * @param name as the user typed it; standard input is {@code -}
 * @param path null for standard input
 */
public record Input(String name, Path path) {
    /** Standard input. */
    public static Input stdin() {
        return new Input("-", null);
    }

    /** A file named on the command line. */
    public static Input file(String name) {
        return new Input(name, Path.of(name));
    }

    public boolean isStdin() {
        return path == null;
    }

    /** How messages name it: its name, or {@code (standard input)}. */
    public String label() {
        return isStdin() ? "(standard input)" : name;
    }
}
