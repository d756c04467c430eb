package io.jcoro.sched;

/**
 * Raised at a task's wait when the task, or a scope it is in, is cancelled: by {@link Sys#cancel}, by the deadline
 * of a {@link Sys#timeout} or {@link Sys#moveOnAfter}, by a failing sibling in a {@link Sys#group}, or when the main
 * task of {@link Scheduler#run(io.jcoro.Generator)} ended.
 *
 * <p>It extends {@link Error}, as {@link io.jcoro.GeneratorExit} does and as Python 3.8 made {@code CancelledError}
 * a {@code BaseException}: a {@code catch (Exception e)} must not swallow it. Let it propagate; {@code finally}
 * blocks run on the way out. The scope it belongs to catches it: a timeout turns it into {@link TimedOut}, a group
 * waits for its tasks, a cancelled task ends {@link Task.State#CANCELLED}.
 *
 * <p>Cancellation is level-triggered: every further wait inside a cancelled scope would raise it again, so a task
 * that catches it and waits again is ended by the scheduler (closed: its {@code finally} blocks run) and fails with
 * {@link IllegalStateException} "... ignored Cancelled". Clean-up in a cancelled task may use requests that do not
 * wait: closing, {@code Channel.trySend}, {@code Sys.tid}.
 */
public final class Cancelled extends Error {
    private static final long serialVersionUID = 1L;

    /** The scope that catches it; never serialised. */
    final transient Scope scope;

    Cancelled(Scope scope, String message) {
        super(message);
        this.scope = scope;
    }
}
