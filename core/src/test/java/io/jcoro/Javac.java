package io.jcoro;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles Java source at test time with the JDK's javac, in this JVM, and loads the classes with a class loader
 * of their own (so they are in another module than jcoro: that loader's unnamed module). The class files stay
 * readable as resources through that loader, as jcoro's compiler needs.
 */
final class Javac {
    private Javac() {
    }

    /**
     * Compiles {@code sources} (qualified class name to source text) into {@code dir} and returns a loader for
     * them whose parent is the test's class loader.
     *
     * @throws AssertionError with javac's messages and the source lines around each error when javac refuses
     */
    static URLClassLoader compile(Map<String, String> sources, Path dir) throws IOException {
        java.util.spi.ToolProvider javac = java.util.spi.ToolProvider.findFirst("javac")
                .orElseThrow(() -> new IllegalStateException("this JDK has no javac"));
        Path src = dir.resolve("src");
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("-g", "--release", "21", "-proc:none", "-Xlint:none", "-nowarn",
                "-encoding", "UTF-8", "-Xmaxerrs", "10", "-cp", classPath(), "-d", classes.toString()));
        for (Map.Entry<String, String> f : sources.entrySet()) {
            Path p = src.resolve(f.getKey().replace('.', '/') + ".java");
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
            args.add(p.toString());
        }
        StringWriter diagnostics = new StringWriter();
        int rc;
        try (PrintWriter w = new PrintWriter(diagnostics)) {
            rc = javac.run(w, w, args.toArray(new String[0]));
        }
        if (rc != 0) {
            throw new AssertionError("javac refused the source:\n" + diagnostics + "\n"
                    + excerpts(sources, diagnostics.toString()));
        }
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, Javac.class.getClassLoader());
    }

    /** The lines around each error javac reports as {@code .../Name.java:123: error: ...}. */
    private static String excerpts(Map<String, String> sources, String diagnostics) {
        StringBuilder b = new StringBuilder();
        Matcher m = Pattern.compile("([\\w$]+)\\.java:(\\d+): error").matcher(diagnostics);
        while (m.find()) {
            String text = null;
            for (Map.Entry<String, String> f : sources.entrySet()) {
                if (f.getKey().equals(m.group(1)) || f.getKey().endsWith("." + m.group(1))) {
                    text = f.getValue();
                }
            }
            if (text == null) {
                continue;
            }
            String[] all = text.split("\n", -1);
            int line = Integer.parseInt(m.group(2));
            b.append(m.group(1)).append(".java:\n");
            for (int i = Math.max(1, line - 4); i <= Math.min(all.length, line + 2); i++) {
                b.append(String.format("%5d%s %s%n", i, i == line ? ">" : " ", all[i - 1]));
            }
        }
        return b.toString();
    }

    /** The test's class path, plus where jcoro and the tests were loaded from (surefire may use a manifest jar). */
    private static String classPath() {
        Set<String> path = new LinkedHashSet<>();
        for (Class<?> c : List.of(Generator.class, Javac.class)) {
            try {
                path.add(new File(c.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!p.isEmpty()) {
                path.add(p);
            }
        }
        return String.join(File.pathSeparator, path);
    }

    /** Deletes {@code dir} and everything in it. */
    static void delete(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
