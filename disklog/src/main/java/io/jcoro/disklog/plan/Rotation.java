package io.jcoro.disklog.plan;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a file's name says about its place among its rotated siblings, as logrotate and rsyslog name them: the live
 * file ({@code kern.log}), numbered ones ({@code kern.log.1}, {@code kern.log.2.gz}: the higher, the older) and
 * dated ones ({@code kern.log-20240915}, {@code kern.log-2024-09-15.gz}, {@code kern.log.20240915}).
 *
 * @param family  the directory and the name without its rotation suffix and compression extension: files of one
 *                family are one log, cut
 * @param newness higher is newer: the live file is newest, then {@code .1}, {@code .2}...; a dated file by its date
 */
record Rotation(String family, long newness) {
    private static final Pattern COMPRESSED = Pattern.compile("(.*?)\\.(?:gz|xz|zst|bz2)");
    private static final Pattern NUMBERED = Pattern.compile("(.+)\\.(\\d{1,4})");
    private static final Pattern DATED = Pattern.compile("(.+?)[-.](\\d{4})-?(\\d{2})-?(\\d{2})(\\d{2})?");

    static final long LIVE = Long.MAX_VALUE;

    static Rotation of(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        Matcher c = COMPRESSED.matcher(name);
        if (c.matches()) {
            name = c.group(1);
        }
        String dir = file.getParent() == null ? "" : file.getParent().toString() + "/";
        Matcher d = DATED.matcher(name);
        if (d.matches()) {
            long date = Long.parseLong(d.group(2) + d.group(3) + d.group(4) + (d.group(5) == null ? "00" : d.group(5)));
            return new Rotation(dir + d.group(1), date);
        }
        Matcher n = NUMBERED.matcher(name);
        if (n.matches()) {
            return new Rotation(dir + n.group(1), -Long.parseLong(n.group(2)));
        }
        return new Rotation(dir + name, LIVE);
    }
}
