package io.jcoro;

/**
 * How a backend runs one generator body: {@link #resume()} from the caller's side runs the body until it calls
 * {@link #suspend()} or ends; {@link #suspend()} from the body's side gives control back. One instance per
 * generator, created before the first resume.
 */
abstract class Fiber {

    /** Runs the body until it suspends or ends. Called with the generator RUNNING, by one caller at a time. */
    abstract void resume();

    /**
     * Gives control back to the caller of {@link #resume()} and returns when the body is resumed again.
     *
     * @throws PinnedException when the body cannot be suspended here; it then keeps running
     */
    abstract void suspend();

    /** Whether the calling code runs on this body's own stack (so it may yield). */
    abstract boolean isCurrent();

    /** Releases what the backend holds once the body can never run again. */
    void release() {
    }

    /** Thrown by {@link #suspend()} when the stack cannot be suspended at this point. */
    static final class PinnedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PinnedException(String reason) {
            super(reason, null, false, false);
        }
    }
}
