package io.jcoro.sched;

import io.jcoro.Generator;
import java.util.ArrayList;

/** A task as the kernel keeps it. Touched only by the scheduler's thread (or the task body in lockstep with it). */
final class TaskImpl<R> implements Task<R> {
    final Kernel kernel;
    final long id;
    private final String name;
    final Generator<Syscall, Object, R> gen;
    /** The simulated host the task runs on; null in real mode. */
    final SimHost host;

    State state = State.READY;
    /** What the next resume sends in (or raises): the result of the request the task is suspended at. */
    Object resumeValue;
    Throwable resumeError;
    /** Where the task is parked while {@link State#WAITING}. */
    Waiter waiter;
    /** A parked task that cancellation does not interrupt (a group waiting for its children). */
    boolean shielded;

    final Scope root;
    /** The innermost scope the task is in now. */
    Scope scope;

    private R result;
    private Throwable failure;
    /** Tasks parked in {@link Sys#join} on this one, and groups to tell; null until the first. */
    ArrayList<Runnable> onEnd;
    /** Whether anyone (a joiner, a group, the caller of run) takes this task's outcome. */
    boolean observed;
    /** The request the task is suspended at, for error messages. */
    Request<?> request;
    /** Neighbours in the kernel's list of live tasks. */
    TaskImpl<?> prevLive, nextLive;
    /** The group the task was spawned into, or null. */
    final TaskGroup group;

    TaskImpl(Kernel kernel, long id, String name, Generator<Syscall, Object, R> gen, SimHost host, TaskGroup group) {
        this.kernel = kernel;
        this.id = id;
        this.name = name;
        this.gen = gen;
        this.host = host;
        this.group = group;
        this.root = new Scope(Scope.Kind.TASK, this, group == null ? null : group.scope);
        this.scope = root;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String name() {
        return name != null ? name : "task " + id;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public boolean isDone() {
        return state.ordinal() >= State.RETURNED.ordinal();
    }

    @Override
    public R result() {
        if (state != State.RETURNED) {
            throw new IllegalStateException(this + " has not returned: it is " + state
                    + (failure != null ? " (" + failure + ")" : ""));
        }
        return result;
    }

    @Override
    public Throwable failure() {
        return failure;
    }

    @SuppressWarnings("unchecked")
    void ended(State outcome, Object value, Throwable failure) {
        this.state = outcome;
        this.result = (R) value;
        this.failure = failure;
    }

    void onEnd(Runnable action) {
        if (onEnd == null) {
            onEnd = new ArrayList<>(2);
        }
        onEnd.add(action);
    }

    /** "task 3" or "task 3 (worker)": how errors and traces name a task. */
    @Override
    public String toString() {
        return name != null ? "task " + id + " (" + name + ")" : "task " + id;
    }
}
