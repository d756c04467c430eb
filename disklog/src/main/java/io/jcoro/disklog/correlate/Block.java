package io.jcoro.disklog.correlate;

import io.jcoro.disklog.scan.Attach;
import io.jcoro.disklog.scan.Line;
import java.util.regex.Pattern;

/**
 * The block layer's failed requests in every wording since 3.x ({@code end_request:}, {@code blk_update_request:},
 * {@code print_req_error:}, none), {@code Buffer I/O error}, and the rate limiter's {@code N callbacks suppressed}.
 */
final class Block {
    private Block() {
    }

    static final Pattern REQUEST = Pattern.compile(
            "(?:(?:end_request|blk_update_request|print_req_error|blk_print_req_error): )?([\\w /]+?) error, dev ([^,\\s]+), sector \\d+.*");
    private static final Pattern SUPPRESSED = Pattern.compile("(\\w+): (\\d+) callbacks suppressed");
    private static final Pattern BUFFER = Pattern.compile("Buffer I/O error on dev(?:ice)? ([^,\\s]+), logical block.*");

    static Attach request(Machine m, Line l, String msg) {
        var r = REQUEST.matcher(msg);
        if (r.matches()) {
            String what = r.group(1);
            String token = r.group(2);
            Kind k = switch (what) {
                case "I/O" -> Kind.BLOCK_IO;
                case "critical medium" -> Kind.BLOCK_MEDIUM;
                case "timeout" -> Kind.BLOCK_TIMEOUT;
                default -> Kind.BLOCK_OTHER;
            };
            if (token.equals("?")) {
                m.drives.unattributed++;
                return Attach.NOTHING;
            }
            m.recordInFamily(token, k, l, "block");
            return Attach.NOTHING;
        }
        return suppressed(m, msg);
    }

    static Attach buffer(Machine m, Line l, String msg) {
        var b = BUFFER.matcher(msg);
        if (b.matches()) {
            m.recordInFamily(b.group(1), Kind.BUFFER_IO, l, "buffer");
        }
        return Attach.NOTHING;
    }

    /** "xxx: N callbacks suppressed": N more errors of the drive that had the family's last error. */
    static Attach suppressed(Machine m, String msg) {
        var sup = SUPPRESSED.matcher(msg);
        if (sup.matches()) {
            String family = switch (sup.group(1)) {
                case "blk_update_request", "blk_print_req_error", "print_req_error" -> "block";
                case "buffer_io_error" -> "buffer";
                case "btrfs_dev_stat_print_on_error" -> "btrfs";
                case "nvme_log_error" -> "nvme";
                default -> null;
            };
            Drive d = family == null ? null : m.lastByFamily.get(family);
            if (d != null) {
                d.suppressed += Long.parseLong(sup.group(2));
            }
        }
        return Attach.NOTHING;
    }
}
