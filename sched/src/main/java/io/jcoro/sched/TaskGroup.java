package io.jcoro.sched;

import io.jcoro.Generator;
import java.util.ArrayList;
import java.util.List;

/**
 * The tasks started inside one {@link Sys#group} (trio's nursery, Python 3.11's {@code asyncio.TaskGroup}, the
 * JDK's {@code StructuredTaskScope}). The group's body spawns into it with {@link #spawn}; the group does not end
 * until every task in it has ended, so no task outlives it.
 *
 * <ul>
 *   <li>When a task in the group fails, or the body fails, the group's scope is cancelled: the other tasks and the
 *       body get {@link Cancelled} at their waits.</li>
 *   <li>When everything has ended, the group raises the first failure (the body's, else the first task's to fail)
 *       with the later ones {@linkplain Throwable#addSuppressed added as suppressed}; tasks that ended because the
 *       group cancelled them are not failures.</li>
 *   <li>Otherwise it returns the body's result.</li>
 *   <li>If the calling task is killed, the group kills its tasks too (their {@code finally} blocks run).</li>
 * </ul>
 *
 * <p>Unlike {@code StructuredTaskScope}, there is no {@code fork}/{@code join}/{@code close} to call in the right
 * order: the body is a generator, and the group's end is where the body returns. Any task may spawn into a group
 * while it is open (pass the group to it), as with a nursery.
 */
public final class TaskGroup {
    Scope scope;
    private Kernel kernel;
    private final List<TaskImpl<?>> running = new ArrayList<>();
    final List<Throwable> failures = new ArrayList<>();
    private boolean closed;
    /** The group's owner, parked until the last task ends; null while it is not waiting. */
    private TaskImpl<?> joiner;

    TaskGroup() {
    }

    /** Starts {@code body} as a task in this group. */
    public <R> Generator<Syscall, Object, Task<R>> spawn(Generator<Syscall, Object, R> body) {
        return new TaskRequests.Spawn<>(body, null, this);
    }

    /** Starts {@code body} as a task named {@code name} in this group. */
    public <R> Generator<Syscall, Object, Task<R>> spawn(String name, Generator<Syscall, Object, R> body) {
        return new TaskRequests.Spawn<>(body, java.util.Objects.requireNonNull(name, "name"), this);
    }

    /**
     * Cancels the group: every task in it, and the group's body, get {@link Cancelled} at their waits. The group
     * then ends normally (with the body's result, or {@code null} if the body was cancelled). Trio's
     * {@code nursery.cancel_scope.cancel()}: the way to stop the others once one has the answer.
     */
    public Generator<Syscall, Object, Void> cancel() {
        return new CancelGroup();
    }

    /** The tasks of the group that have not ended, in the order they were started. */
    public List<Task<?>> tasks() {
        return List.copyOf(running);
    }

    void opened(Kernel k, Scope s) {
        kernel = k;
        scope = s;
    }

    /** Why a spawn into this group is refused, or null. */
    String refusal(Kernel k) {
        if (scope == null) {
            return "the task group has not started: spawn into it from its body";
        }
        if (closed) {
            return "the task group has ended: it takes no new tasks";
        }
        if (k != kernel) {
            return "the task group belongs to another scheduler";
        }
        return null;
    }

    void adopt(TaskImpl<?> child) {
        child.observed = true;
        running.add(child);
        child.onEnd(() -> ended(child));
    }

    private void ended(TaskImpl<?> child) {
        running.remove(child);
        if (child.state() == Task.State.FAILED) {
            failures.add(child.failure());
            kernel.cancelScope(scope, child + " failed: " + child.failure());
        }
        if (running.isEmpty() && joiner != null) {
            TaskImpl<?> j = joiner;
            joiner = null;
            kernel.ready(j, null);
        }
    }

    boolean idle() {
        return running.isEmpty();
    }

    /** After the body: parks the owner until every task has ended (a wait that cancellation does not cut). */
    void awaitAll(Kernel k, TaskImpl<?> owner) {
        if (running.isEmpty()) {
            k.ready(owner, null);
            return;
        }
        joiner = owner;
        k.park(owner, () -> joiner = null);
        owner.shielded = true;
    }

    /** The group's owner is being killed: kill every task in the group, now. */
    void killAll() {
        closed = true;
        for (TaskImpl<?> t : new ArrayList<>(running)) {
            kernel.kill(t);
        }
    }

    void close() {
        closed = true;
    }

    private final class CancelGroup extends Request<Void> {
        @Override
        void handle(Kernel k, TaskImpl<?> t) {
            if (scope == null || k != kernel) {
                k.readyError(t, new IllegalStateException(scope == null
                        ? "the task group has not started" : "the task group belongs to another scheduler"));
                return;
            }
            k.cancelScope(scope, "the task group was cancelled by " + t);
            if (!t.isDone()) {
                k.ready(t, null);
            }
        }

        @Override
        String describe() {
            return "cancel group";
        }
    }
}
