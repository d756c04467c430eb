package io.jcoro;

final class Throwables {
    private Throwables() {
    }

    /** Throws {@code t} as is, checked or not; declared to return so callers can write {@code throw sneaky(t)}. */
    static RuntimeException sneaky(Throwable t) {
        throw Throwables.<RuntimeException>raise(t);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T raise(Throwable t) throws T {
        throw (T) t;
    }
}
