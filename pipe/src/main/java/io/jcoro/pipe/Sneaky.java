package io.jcoro.pipe;

/** Rethrows any throwable, checked or not, as is: exceptions cross a pipeline unwrapped. */
final class Sneaky {
    private Sneaky() {
    }

    /** Throws {@code t}; declared to return so callers can write {@code throw Sneaky.raise(t)}. */
    static RuntimeException raise(Throwable t) {
        throw Sneaky.<RuntimeException>as(t);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T as(Throwable t) throws T {
        throw (T) t;
    }

    /** Closes {@code c}; a failure is added to {@code primary} if there is one, else returned. */
    static Throwable closeQuietly(AutoCloseable c, Throwable primary) {
        try {
            c.close();
        } catch (Throwable t) {
            if (primary == null) {
                return t;
            }
            if (t != primary) {
                primary.addSuppressed(t);
            }
        }
        return primary;
    }
}
