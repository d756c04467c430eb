package io.jcoro.disklog.serial;

import io.jcoro.disklog.correlate.Drive;
import java.util.List;

/**
 * Finds the serial of a failing drive that the log does not give: from an inventory file, then from sysfs on the
 * live host. The log comes first because only it knows which drive held a name at the time of the error.
 */
public interface Resolver {
    /** Resolves nothing. */
    Resolver NONE = new Chain(List.of());

    /**
     * Fills in {@code d.serial} (and its source) if this resolver knows it.
     *
     * @param boundAtEnd the drive still holds its address or name at the end of the log, so a lookup by address,
     *                   by name or on the live host describes this drive and not a later one
     * @param currentNames the names the drive holds at the end of the log
     */
    void resolve(Drive d, boolean boundAtEnd, List<String> currentNames);

    /** In --follow mode, when a drive starts failing: it holds its names now. */
    default void resolveLive(Drive d) {
        if (d.serial == null && !d.logical) {
            resolve(d, d.removed == null, List.copyOf(d.names));
        }
    }

    /** Tries each in turn until one finds a serial. */
    static Resolver chain(List<Resolver> resolvers) {
        return new Chain(List.copyOf(resolvers));
    }

    /**
     * {@link #chain}'s resolver. A class, not a lambda: lambdas here were not kept in the start-up cache, and each
     * one spun at run time costs start-up a few milliseconds.
     */
    record Chain(List<Resolver> resolvers) implements Resolver {
        @Override
        public void resolve(Drive d, boolean boundAtEnd, List<String> currentNames) {
            for (Resolver r : resolvers) {
                if (d.serial != null) {
                    return;
                }
                r.resolve(d, boundAtEnd, currentNames);
            }
        }
    }
}
