package io.jcoro.disklog.read;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The inputs to read, from the inputs as named on the command line: a directory becomes the files in it (a log
 * tree: {@code /var/log/remote/HOST/kern.log}, the subdirectory naming the host of lines that name none).
 */
public final class Inputs {
    private Inputs() {
    }

    /**
     * What to read, in order, each input with its stats; an input that could not even be listed (a directory
     * without permission) is there with its problem already in its stats, and is not read.
     */
    public record Plan(List<Input> inputs, List<InputStats> stats) {
    }

    /** The inputs as named, directories expanded. */
    public static Plan plan(List<Input> named) {
        List<Input> inputs = new ArrayList<>();
        List<InputStats> stats = new ArrayList<>();
        for (Input in : named) {
            if (!in.isStdin() && Files.isDirectory(in.path())) {
                tree(in, inputs, stats);
            } else {
                inputs.add(in);
                stats.add(new InputStats());
            }
        }
        return new Plan(inputs, stats);
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
