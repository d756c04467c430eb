package io.jcoro.sched;

/**
 * A handle on a task: what {@link Sys#spawn} and {@link Scheduler#spawn} return. Waiting for it, cancelling and
 * killing it are requests ({@link Sys#join}, {@link Sys#cancel}, {@link Sys#kill}); the handle itself only answers
 * questions, without waiting.
 *
 * <p>Unlike a {@link java.util.concurrent.Future}, there is no blocking {@code get}: a task waits for another with
 * {@code y.yieldFrom(Sys.join(task))}, and the thread that runs the scheduler gets the main task's result from
 * {@link Scheduler#run(io.jcoro.Generator)}.
 *
 * @param <R> the task's result type
 */
public interface Task<R> {

    /** Where a task is in its life. The last four are final. */
    enum State {
        /** Waiting for its turn on the scheduler thread. */ READY,
        /** Running now (the caller is the task itself, or something it called). */ RUNNING,
        /** Parked until something wakes it: a timer, a channel, a socket, another task. */ WAITING,
        /** Its body returned; {@link #result()} holds the value. */ RETURNED,
        /** An exception escaped its body; {@link #failure()} holds it. */ FAILED,
        /** It let {@link Cancelled} propagate out of its body after being cancelled. */ CANCELLED,
        /** It was killed ({@link Sys#kill}, its group closing, its simulated host crashing): closed at its wait. */ KILLED
    }

    /** The task's id: 1 for the first task of its scheduler, then 2, 3, ...; never reused. */
    long id();

    /** The name given at spawn, or {@code "task <id>"}. */
    String name();

    State state();

    /** Whether the task has ended (any of the final states). */
    boolean isDone();

    /**
     * The value the body returned.
     *
     * @throws IllegalStateException when the task has not returned (it is running, waiting, or ended otherwise);
     *         the message says which
     */
    R result();

    /** The exception that ended the task ({@link State#FAILED}), or null. */
    Throwable failure();
}
