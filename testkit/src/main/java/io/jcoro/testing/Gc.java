package io.jcoro.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what only the garbage collector brings about: a Cleaner that ran, a weak reference that cleared. */
public final class Gc {
    private Gc() {
    }

    /** Collects garbage until {@code done} holds, for at most {@code limit}; false if it never did. */
    public static boolean until(BooleanSupplier done, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            System.gc();
            Thread.sleep(20);
        }
        return true;
    }
}
