package io.jcoro.disklog.correlate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hosts {@code --host} asks for: shell globs ({@code *}, {@code ?}, {@code [...]}), compared without regard to
 * case, as host names are. No pattern: every host, the one without a name included.
 */
public final class HostPatterns {
    /** Every host. */
    public static final HostPatterns ALL = new HostPatterns(List.of());

    private final List<Pattern> patterns;

    private HostPatterns(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    /** The hosts matching any of {@code globs}; every host when there is none. */
    public static HostPatterns of(List<String> globs) {
        List<Pattern> out = new ArrayList<>();
        for (String g : globs) {
            out.add(Pattern.compile(regex(g), Pattern.CASE_INSENSITIVE));
        }
        return out.isEmpty() ? ALL : new HostPatterns(List.copyOf(out));
    }

    /** A shell glob as a regular expression: {@code *} any run, {@code ?} one character, {@code [...]} a class. */
    static String regex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            int close = c == '[' ? glob.indexOf(']', i + 2) : -1;
            if (c == '*') {
                sb.append(".*");
            } else if (c == '?') {
                sb.append('.');
            } else if (close > 0) {
                String set = glob.substring(i + 1, close);
                boolean not = set.startsWith("!") || set.startsWith("^");
                if (not) {
                    set = set.substring(1);
                }
                sb.append(not ? "[^" : "[")
                        .append(set.replace("\\", "\\\\").replace("[", "\\[").replace("&", "\\&")).append(']');
                i = close;
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }

    /** Every host is kept. */
    public boolean all() {
        return patterns.isEmpty();
    }

    /** Is this host asked for? The host without a name is, only when every host is. */
    public boolean matches(Host h) {
        if (patterns.isEmpty()) {
            return true;
        }
        if (h.name() == null) {
            return false;
        }
        String name = h.name().toLowerCase(Locale.ROOT);
        for (Pattern p : patterns) {
            if (p.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }
}
