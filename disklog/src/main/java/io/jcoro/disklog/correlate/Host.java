package io.jcoro.disklog.correlate;

/**
 * A machine whose lines are in the log: named by its lines' envelopes (syslog, RFC 5424, journalctl), by the
 * directory its file was found in, or by nothing (dmesg and bare lines: the one host without a name). Each host has
 * its own bindings of names and addresses to drives ({@code Machine}); drives are shared, since a serial is one
 * physical drive wherever it turns up.
 */
public final class Host {
    String name;
    /** The directory name it was first known by, when the lines named it otherwise (or not at all). */
    String directory;
    /** A line's own envelope has named it. */
    boolean named;

    Host(String name, String directory) {
        this.name = name;
        this.directory = directory;
    }

    /** Its name, or null for the host of lines that name none. */
    public String name() {
        return name;
    }

    /** Named after the directory its file was in, its lines naming no host. */
    public boolean fromDirectory() {
        return name != null && !named;
    }

    /** The name for a table cell: "-" for the host without a name. */
    public String label() {
        return name == null ? "-" : name;
    }

    /** Where the name comes from, for --explain. */
    public String source() {
        if (name == null) {
            return "the lines name no host";
        }
        if (!named) {
            return "named after its directory, " + directory + " (its lines name no host)";
        }
        return directory != null && !directory.equals(name) ? "named in its lines (directory " + directory + ")"
                : "named in its lines";
    }

    @Override
    public String toString() {
        return label();
    }
}
