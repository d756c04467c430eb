package io.jcoro.sched;

/** Rethrows any throwable without wrapping it, as jcoro's own generators do with a body's checked exceptions. */
final class Throwing {
    private Throwing() {
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
