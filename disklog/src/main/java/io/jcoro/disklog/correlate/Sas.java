package io.jcoro.disklog.correlate;

import io.jcoro.disklog.scan.Attach;
import io.jcoro.disklog.scan.Line;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * SAS HBAs of the mpt2sas and mpt3sas drivers: {@code mpt3sas_cm0: removing handle(0x000f), sas_addr(0x...)}
 * says the HBA dropped a device (a pull, a dead link, a reset that lost it). The drive is the one whose SAS address
 * the driver printed when it configured it ({@code scsi H:C:T:L: SATA: handle(...), sas_addr(...)}, read by
 * {@link Scsi}): it is removed, as {@code ataN.00: detaching} says for a SATA port, so that its later errors count
 * as the noise of the pull and a drive announced at the same address is a new drive. A removal whose SAS address was
 * never bound in this boot names no drive and is left alone.
 */
final class Sas {
    private Sas() {
    }

    private static final Pattern REMOVING = Pattern.compile("mpt[23]sas(?:_cm)?\\d+: removing handle\\(0x\\w+\\), sas_addr\\((0x\\w+)\\).*");

    static Attach removal(Machine m, Line l, String msg) {
        var r = REMOVING.matcher(msg);
        if (r.matches()) {
            String addr = m.sasAddr.get(r.group(1).toLowerCase(Locale.ROOT));
            if (addr != null) {
                m.removed(m.byAddr.get(addr), l);
            }
        }
        return Attach.NOTHING;
    }
}
