package io.jcoro.disklog.correlate;

import java.util.List;

/**
 * What the correlator returns at the end of the stream.
 *
 * @param failing      the failing drives and logical devices, by first error
 * @param unattributed error lines that named no device (old kernels' {@code XFS: Internal error})
 * @param boots        boots seen
 * @param lines        lines the correlator read
 * @param hosts        the hosts whose lines were read, in the order first seen
 */
public record Findings(List<Drive> failing, long unattributed, int boots, long lines, List<Host> hosts) {
}
