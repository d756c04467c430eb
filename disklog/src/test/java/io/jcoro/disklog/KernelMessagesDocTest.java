package io.jcoro.disklog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jcoro.disklog.family.Family;
import io.jcoro.disklog.family.Prefix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/kernel-messages.md is the family table written out: each family's section is made from {@link Family} and
 * must be in the page as it is. When a family changes, the test writes the page's new text to
 * target/kernel-messages.md; copy the sections over.
 */
class KernelMessagesDocTest {
    static final String BEGIN = "<!-- families: made from Family.java; KernelMessagesDocTest checks it -->";
    static final String END = "<!-- end of families -->";

    /** The families' part of the page. */
    static String families() {
        StringBuilder sb = new StringBuilder(BEGIN).append("\n\n");
        sb.append("| Family | Messages start with | Charged to |\n|---|---|---|\n");
        for (Family f : Family.values()) {
            List<String> starts = new ArrayList<>();
            for (Prefix p : f.prefixes) {
                starts.add("`" + p.text().strip() + "`");
            }
            sb.append("| ").append(f.title).append(" | ").append(String.join(" ", starts)).append(" | ").append(f.device)
                    .append(" |\n");
        }
        for (Family f : Family.values()) {
            sb.append("\n### ").append(f.title).append("\n\n");
            List<String> prefixes = new ArrayList<>();
            for (Prefix p : f.prefixes) {
                prefixes.add("`" + p.text().strip() + "`" + (p.refine().name().equals("NONE") ? "" : " (" + words(p.refine().name()) + ")"));
            }
            sb.append("Messages starting with ").append(String.join(", ", prefixes)).append(". Family `")
                    .append(f.name()).append("`.\n\n");
            sb.append("* **Proves:** ").append(f.proves).append("\n");
            sb.append("* **Device:** ").append(f.device).append("\n\n");
            sb.append("```\n");
            for (String e : f.examples) {
                sb.append(e).append("\n");
            }
            sb.append("```\n");
        }
        return sb.append("\n").append(END).toString();
    }

    private static String words(String constant) {
        return constant.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    @Test
    void thePageShowsEveryFamilyAsTheTableDeclaresIt() throws IOException {
        Path page = Path.of("..", "docs", "kernel-messages.md");
        String text = Files.readString(page);
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        String expected = families();
        String actual = b >= 0 && e > b ? text.substring(b, e + END.length()) : "(no families section)";
        if (!expected.equals(actual)) {
            Path out = Path.of("target", "kernel-messages.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, b >= 0 && e > b ? text.substring(0, b) + expected + text.substring(e + END.length()) : expected);
        }
        assertEquals(expected, actual, "docs/kernel-messages.md differs from Family; the new text is in " + Path.of("target", "kernel-messages.md").toAbsolutePath());
    }
}
