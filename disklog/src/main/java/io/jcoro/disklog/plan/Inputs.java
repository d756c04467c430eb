package io.jcoro.disklog.plan;

import io.jcoro.disklog.read.Input;
import io.jcoro.disklog.read.InputStats;
import io.jcoro.disklog.read.Opening;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs to read, in the order to read them, from the inputs as named on the command line:
 *
 * <ul>
 *   <li>a directory becomes the files in it (a log tree: {@code /var/log/remote/HOST/kern.log}, the subdirectory
 *       naming the host of lines that name none); binary files in it are left out;</li>
 *   <li>the same file named twice (the same device and inode), or two files with the same content, or a file that
 *       is the beginning of another (a copy taken earlier), is read once, with a note;</li>
 *   <li>the files of one host are read oldest first, whatever the order on the command line: by the times their
 *       lines show when every one of them shows one, else by their rotation suffixes ({@link Rotation}); when
 *       neither tells, in the order given, with a note naming them.</li>
 * </ul>
 *
 * Which files are of one host is told before they are read: those of one directory of a tree; the files whose
 * lines name their hosts (a central log holds many); the files whose lines name none (dmesg: the one host without a
 * name). A file's place is decided from its first and last 64 KB ({@link Peek}).
 */
public final class Inputs {
    private Inputs() {
    }

    /**
     * What to read, in order, each input with its stats; an input that could not even be listed (a directory
     * without permission) is there with its problem already in its stats, and is not read. {@code notes}: what the
     * plan changed or could not tell, one line each, for stderr.
     */
    public record Plan(List<Input> inputs, List<InputStats> stats, List<String> notes) {
    }

    /** One input on its way into the plan. */
    private static final class Entry {
        final Input input;
        final InputStats stats;
        final boolean inTree;
        final int given;
        Peek peek;
        Rotation rotation;

        Entry(Input input, InputStats stats, boolean inTree, int given) {
            this.input = input;
            this.stats = stats;
            this.inTree = inTree;
            this.given = given;
        }

        boolean readable() {
            return !input.isStdin() && stats.error == null;
        }

        long first() {
            return peek == null ? Stamps.NONE : peek.first();
        }
    }

    /** The inputs as named, directories expanded, duplicates dropped; with {@code givenOrder}, not reordered. */
    public static Plan plan(List<Input> named, boolean givenOrder) {
        List<Input> expanded = new ArrayList<>();
        List<InputStats> stats = new ArrayList<>();
        List<Boolean> inTree = new ArrayList<>();
        for (Input in : named) {
            if (!in.isStdin() && Files.isDirectory(in.path())) {
                int before = expanded.size();
                tree(in, expanded, stats);
                for (int i = before; i < expanded.size(); i++) {
                    inTree.add(true);
                }
            } else {
                expanded.add(in);
                stats.add(new InputStats());
                inTree.add(false);
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < expanded.size(); i++) {
            entries.add(new Entry(expanded.get(i), stats.get(i), inTree.get(i), i));
        }
        List<String> notes = new ArrayList<>();
        if (entries.size() > 1 || entries.size() == 1 && entries.get(0).inTree) {
            // (a single named file needs no look: nothing to order, nothing to compare)
            for (Entry e : entries) {
                if (e.readable()) {
                    e.peek = Peek.of(e.input.path());
                    e.rotation = Rotation.of(e.input.path());
                }
            }
            entries = binaryInTrees(entries, notes);
            entries = once(entries, notes);
            if (!givenOrder) {
                entries = ordered(entries, notes);
            }
        }
        List<Input> inputs = new ArrayList<>();
        List<InputStats> out = new ArrayList<>();
        for (Entry e : entries) {
            inputs.add(e.input);
            out.add(e.stats);
        }
        return new Plan(inputs, out, notes);
    }

    /** A tree holds files that are no text logs (wtmp, journal files): left out, with one note. */
    private static List<Entry> binaryInTrees(List<Entry> entries, List<String> notes) {
        List<Entry> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        boolean journal = false;
        for (Entry e : entries) {
            if (e.inTree && e.peek != null && e.peek.binary()) {
                skipped.add(e.input.name());
                journal |= e.input.name().endsWith(".journal") || e.input.name().endsWith(".journal~");
            } else {
                out.add(e);
            }
        }
        if (!skipped.isEmpty()) {
            notes.add(some(skipped) + ": binary, not text logs (skipped)"
                    + (journal ? "; read journal files with journalctl -o json --file FILE | disklog -" : ""));
        }
        return out;
    }

    /**
     * Each file once: the same file under two names (the same device and inode), the same content, or a file whose
     * content is the beginning of another's.
     */
    private static List<Entry> once(List<Entry> entries, List<String> notes) {
        Map<Object, Entry> byKey = new HashMap<>();
        Map<Integer, List<Entry>> byHead = new HashMap<>();
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            Peek p = e.peek;
            if (p == null) {
                out.add(e);
                continue;
            }
            Entry same = p.fileKey() == null ? null : byKey.putIfAbsent(p.fileKey(), e);
            if (same != null) {
                notes.add(e.input.label() + ": the same file as " + same.input.label() + "; read once");
                continue;
            }
            List<Entry> heads = byHead.computeIfAbsent(Arrays.hashCode(p.head()), k -> new ArrayList<>());
            Entry drop = null;
            for (Entry other : heads) {
                int c = Content.compare(other, e);
                if (c == Content.SAME) {
                    notes.add(e.input.label() + ": the same content as " + other.input.label() + "; read once");
                    drop = e;
                } else if (c == Content.FIRST_BEGINS_SECOND || c == Content.SECOND_BEGINS_FIRST) {
                    Entry shorter = c == Content.FIRST_BEGINS_SECOND ? other : e;
                    Entry longer = shorter == e ? other : e;
                    notes.add(shorter.input.label() + ": the beginning of " + longer.input.label()
                            + " (a copy taken earlier?); read once, as part of it");
                    drop = shorter;
                }
                if (drop != null) {
                    break;
                }
            }
            if (drop == null) {
                heads.add(e);
                out.add(e);
            } else if (drop != e) {
                out.remove(drop);
                heads.remove(drop);
                heads.add(e);
                out.add(e);
            }
        }
        return out;
    }

    /** Comparing two files whose first bytes are the same. */
    private static final class Content {
        static final int DIFFERENT = 0;
        static final int SAME = 1;
        static final int FIRST_BEGINS_SECOND = 2;
        static final int SECOND_BEGINS_FIRST = 3;

        static int compare(Entry a, Entry b) {
            Peek p = a.peek;
            Peek q = b.peek;
            if (!Arrays.equals(p.head(), q.head())) {
                return DIFFERENT;
            }
            if (p.head().length < Peek.HEAD && q.head().length < Peek.HEAD) {
                return SAME; // both whole in their heads
            }
            try {
                if (p.compression() == null && q.compression() == null) {
                    return plain(a, b);
                }
                return streams(a, b);
            } catch (IOException e) {
                return DIFFERENT; // the reader says what is wrong with it
            }
        }

        /** Two plain files: the same size and last bytes, or the shorter's last bytes where the longer has them. */
        private static int plain(Entry a, Entry b) throws IOException {
            long sa = a.peek.size();
            long sb = b.peek.size();
            if (sa == sb) {
                return Arrays.equals(a.peek.tail(), b.peek.tail()) ? SAME : DIFFERENT;
            }
            Entry shorter = sa < sb ? a : b;
            Entry longer = shorter == a ? b : a;
            byte[] t = shorter.peek.tail() != null ? shorter.peek.tail() : shorter.peek.head();
            long at = shorter.peek.size() - t.length;
            byte[] there = new byte[t.length];
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(longer.input.path())) {
                java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(there);
                while (bb.hasRemaining() && ch.read(bb, at + bb.position()) > 0) {
                    // read the longer file where the shorter one ends
                }
            }
            if (!Arrays.equals(t, there)) {
                return DIFFERENT;
            }
            return shorter == a ? FIRST_BEGINS_SECOND : SECOND_BEGINS_FIRST;
        }

        /** A compressed file and another: their decompressed bytes, side by side, to the end of the shorter. */
        private static int streams(Entry a, Entry b) throws IOException {
            try (InputStream x = open(a); InputStream y = open(b)) {
                byte[] bx = new byte[1 << 16];
                byte[] by = new byte[1 << 16];
                while (true) {
                    int nx = x.readNBytes(bx, 0, bx.length);
                    int ny = y.readNBytes(by, 0, by.length);
                    int n = Math.min(nx, ny);
                    if (!Arrays.equals(bx, 0, n, by, 0, n)) {
                        return DIFFERENT;
                    }
                    if (nx < bx.length || ny < by.length) {
                        if (nx == ny) {
                            return SAME;
                        }
                        return nx < ny ? FIRST_BEGINS_SECOND : SECOND_BEGINS_FIRST;
                    }
                }
            }
        }

        private static InputStream open(Entry e) throws IOException {
            InputStream raw = new java.io.BufferedInputStream(Files.newInputStream(e.input.path()), 1 << 16);
            return e.peek.compression() == null ? raw : Opening.decompress(e.peek.compression(), raw);
        }
    }

    /**
     * The files of each host oldest first. Hosts in the order their first file was named; standard input where it
     * was named.
     */
    private static List<Entry> ordered(List<Entry> entries, List<String> notes) {
        Map<String, List<Entry>> groups = new LinkedHashMap<>();
        for (Entry e : entries) {
            String key;
            if (!e.readable() || e.peek == null || e.peek.binary() || e.peek.head().length == 0) {
                // read where it was named: the reader says what is wrong with it, or it has no lines to order
                key = "#" + e.given;
            } else if (e.input.directory() != null) {
                key = "directory " + e.input.directory();
            } else {
                key = e.peek.namesHost() ? "named" : "unnamed";
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
        }
        List<Entry> out = new ArrayList<>();
        for (List<Entry> g : groups.values()) {
            out.addAll(oldestFirst(g, notes));
        }
        return out;
    }

    /** The files of one host, oldest first. */
    private static List<Entry> oldestFirst(List<Entry> g, List<String> notes) {
        if (g.size() < 2) {
            return g;
        }
        boolean timed = true;
        for (Entry e : g) {
            timed &= e.first() != Stamps.NONE;
        }
        List<Entry> out = new ArrayList<>(g);
        if (timed) {
            out.sort(new ByTime());
            List<String> disagree = new ArrayList<>();
            for (int i = 0; i < out.size(); i++) {
                for (int j = i + 1; j < out.size(); j++) {
                    Rotation a = out.get(i).rotation;
                    Rotation b = out.get(j).rotation;
                    if (a.family().equals(b.family()) && a.newness() > b.newness()
                            && out.get(i).first() < out.get(j).first()) {
                        disagree.add(out.get(i).input.label());
                        disagree.add(out.get(j).input.label());
                    }
                }
            }
            if (!disagree.isEmpty()) {
                notes.add(some(disagree.stream().distinct().toList())
                        + ": the rotation suffixes and the times in the lines disagree; read by the times");
            }
            overlaps(out, notes);
            return out;
        }
        Map<String, List<Entry>> families = new LinkedHashMap<>();
        for (Entry e : out) {
            families.computeIfAbsent(e.rotation.family(), k -> new ArrayList<>()).add(e);
        }
        out.clear();
        for (List<Entry> f : families.values()) {
            f.sort(new ByNewness());
            out.addAll(f);
        }
        if (families.size() > 1) {
            List<String> names = new ArrayList<>();
            for (Entry e : out) {
                names.add(e.input.label());
            }
            notes.add("cannot tell which is older of " + some(names) + " (not one rotated log, and not all of their"
                    + " lines show dates): read in the order given");
        }
        return out;
    }

    /**
     * Two files of one host, not one rotated log, whose times overlap (kern.log and syslog both hold the kernel's
     * lines): both are read, so their errors are counted in each; a note says so. Files are of one host when they
     * are in one directory of a tree, or when their first lines name the same one host. A file's last time is known
     * for a plain file only.
     */
    private static void overlaps(List<Entry> byTime, List<String> notes) {
        for (int i = 0; i + 1 < byTime.size(); i++) {
            Entry a = byTime.get(i);
            for (int j = i + 1; j < byTime.size(); j++) {
                Entry b = byTime.get(j);
                boolean oneHost = a.input.directory() != null
                        || a.peek.host() != null && a.peek.host().equals(b.peek.host());
                if (oneHost && !a.rotation.family().equals(b.rotation.family()) && a.peek.last() != Stamps.NONE
                        && a.peek.last() > b.first() + 60) {
                    notes.add(a.input.label() + " and " + b.input.label() + " cover the same time (a syslog file and"
                            + " kern.log both hold the kernel's lines?): both are read, their errors counted in each");
                }
            }
        }
    }

    /** By the time of the first line, the older rotation first on a tie. */
    private static final class ByTime implements java.util.Comparator<Entry> {
        @Override
        public int compare(Entry a, Entry b) {
            int c = Long.compare(a.first(), b.first());
            return c != 0 ? c : new ByNewness().compare(a, b);
        }
    }

    /** Oldest rotation first. */
    private static final class ByNewness implements java.util.Comparator<Entry> {
        @Override
        public int compare(Entry a, Entry b) {
            return Long.compare(a.rotation.newness(), b.rotation.newness());
        }
    }

    /** Up to five names, then how many more. */
    private static String some(List<String> names) {
        if (names.size() <= 5) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
    }

    /**
     * The files in a directory and its subdirectories, by name; each file in a subdirectory has that subdirectory's
     * name (the one right below the named directory) as its {@link Input#directory}. Symbolic links to files are
     * read; links to directories are not followed (a tree can link back to itself).
     */
    static void tree(Input dir, List<Input> inputs, List<InputStats> stats) {
        Path root = dir.path();
        List<Path> files = new ArrayList<>();
        List<Input> failed = new ArrayList<>();
        List<InputStats> failures = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(file)) {
                                files.add(file);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            failed.add(new Input(name(dir, root.relativize(file)), file, host(root.relativize(file))));
                            InputStats s = new InputStats();
                            s.fail(Opening.describe(e, null));
                            failures.add(s);
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            InputStats s = new InputStats();
            s.fail(Opening.describe(e, null));
            inputs.add(dir);
            stats.add(s);
            return;
        }
        files.sort(null);
        for (Path f : files) {
            Path rel = root.relativize(f);
            inputs.add(new Input(name(dir, rel), f, host(rel)));
            stats.add(new InputStats());
        }
        inputs.addAll(failed);
        stats.addAll(failures);
        if (files.isEmpty() && failed.isEmpty()) {
            InputStats s = new InputStats();
            s.fail("no files in this directory");
            inputs.add(dir);
            stats.add(s);
        }
    }

    /** The directory right below the root that holds the file, or null for a file in the root itself. */
    private static String host(Path rel) {
        return rel.getNameCount() > 1 ? rel.getName(0).toString() : null;
    }

    /** The directory as the user typed it, then the path below it. */
    private static String name(Input dir, Path rel) {
        String d = dir.name();
        return (d.endsWith("/") ? d : d + "/") + rel;
    }
}
