package io.jcoro.disklog.serial;

import io.jcoro.disklog.correlate.Drive;
import io.jcoro.disklog.correlate.Host;
import java.util.List;

/**
 * Finds the serial of a failing drive that the log does not give: from an inventory file, then from sysfs on the
 * live host. The log comes first because only it knows which drive held a name at the time of the error.
 */
public interface Resolver {
    /** Resolves nothing. */
    Resolver NONE = new Chain(List.of());

    /**
     * The machines as they are at the end of the log (or, following a log, now): what a lookup by address or by
     * name describes. A lookup applies to a drive only if the drive still holds that address or name.
     */
    interface Now {
        /** Does {@code d} still hold an address or a name? */
        boolean holds(Drive d);

        /** The names {@code d} holds. */
        List<String> names(Drive d);

        /** The drive at {@code address} on {@code host}, or null. */
        Drive at(Host host, String address);

        /** The log has lines of more than one host: an address or a name alone names no drive. */
        boolean severalHosts();
    }

    /** Fills in {@code d.serial} (and its source) if this resolver knows it, or says in {@code d.serialNote} why not. */
    void resolve(Drive d, Now now);

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
        public void resolve(Drive d, Now now) {
            for (Resolver r : resolvers) {
                if (d.serial != null) {
                    return;
                }
                r.resolve(d, now);
            }
        }
    }
}
