package io.jcoro;

import java.lang.ref.Cleaner;
import java.util.function.Consumer;

/** Closes abandoned suspended generators, as Python's generator finaliser does. */
final class Finalization {
    private Finalization() {
    }

    static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "jcoro-finalizer");
        t.setDaemon(true);
        return t;
    });

    private static volatile Consumer<? super Throwable> hook;

    static void setHook(Consumer<? super Throwable> h) {
        hook = h;
    }

    /** Reports an error that has nowhere to propagate (Python's "Exception ignored in: ..."). */
    static void unraisable(Throwable t) {
        Consumer<? super Throwable> h = hook;
        if (h != null) {
            try {
                h.accept(t);
                return;
            } catch (Throwable ignored) {
                // fall through to the default
            }
        }
        System.getLogger("io.jcoro").log(System.Logger.Level.WARNING,
                "Exception ignored while closing an abandoned generator", t);
    }
}
