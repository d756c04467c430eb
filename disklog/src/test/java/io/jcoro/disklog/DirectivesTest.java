package io.jcoro.disklog;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The compiler directives (disklog/src/main/jvm/c2-directives.json) name classes and methods as strings, which a
 * rename would silently stop matching (and change speed, not behaviour). Every disklog class and method named there
 * must exist; every package pattern must match a class.
 */
class DirectivesTest {
    static List<String> patterns() throws IOException {
        String text = Files.readString(Path.of("src", "main", "jvm", "c2-directives.json"));
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"(io/jcoro/[^\"]+)\"").matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void everyNamedClassAndMethodExists() throws Exception {
        List<String> patterns = patterns();
        assertFalse(patterns.isEmpty());
        for (String p : patterns) {
            int dot = p.lastIndexOf('.');
            String cls = p.substring(0, dot).replace('/', '.');
            String method = p.substring(dot + 1);
            if (cls.endsWith("*")) {
                String pkg = cls.substring(0, cls.length() - 1);
                Path dir = Path.of("target", "classes").resolve(pkg.replace('.', '/'));
                try (Stream<Path> files = Files.list(dir)) {
                    assertTrue(files.anyMatch(f -> f.toString().endsWith(".class")), "a class matches " + p);
                }
                continue;
            }
            Class<?> c = Class.forName(cls);
            if (!method.equals("*")) {
                boolean found = false;
                for (Method x : c.getDeclaredMethods()) {
                    found |= x.getName().equals(method);
                }
                assertTrue(found, "a method " + method + " in " + cls + " (" + p + ")");
            }
        }
    }
}
