package io.jcoro.disklog.correlate;

import java.util.List;

/**
 * What the correlator returns at the end of the stream.
 *
 * @param failing      the failing drives and logical devices, by first error
 * @param unattributed error lines that named no device (old kernels' {@code XFS: Internal error})
 * @param boots        boots seen
 * @param lines        lines the correlator read
 */
public record Findings(List<Drive> failing, long unattributed, int boots, long lines) {
}
