package io.jcoro.disklog.read;

import java.nio.file.Path;

/**
 * One input: a file named on the command line or found in a directory named there, or standard input ({@code -}).
 * Only what the user named; what happened while it was read is in its {@link InputStats}.
 *
 * @param name      as the user typed it (a file found in a directory: the directory as typed, then the rest of the
 *                  path); standard input is {@code -}
 * @param path      null for standard input
 * @param directory for a file found in a directory named on the command line, the name of the subdirectory it is
 *                  in, right below the named one ({@code /var/log/remote/web1/kern.log} in {@code /var/log/remote}:
 *                  {@code web1}): the host of its lines that name none. Null otherwise.
 */
public record Input(String name, Path path, String directory) {
    /** Standard input. */
    public static Input stdin() {
        return new Input("-", null, null);
    }

    /** A file named on the command line. */
    public static Input file(String name) {
        return new Input(name, Path.of(name), null);
    }

    public boolean isStdin() {
        return path == null;
    }

    /** How messages name it: its name, or {@code (standard input)}. */
    public String label() {
        return isStdin() ? "(standard input)" : name;
    }
}
