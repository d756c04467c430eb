package io.jcoro.sched;

/**
 * Raised by {@link Sys#timeout} when the body did not finish before the deadline. Unchecked, unlike
 * {@link java.util.concurrent.TimeoutException}, so that a task body can catch it around {@code yieldFrom}.
 */
public class TimedOut extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TimedOut(String message) {
        super(message);
    }
}
