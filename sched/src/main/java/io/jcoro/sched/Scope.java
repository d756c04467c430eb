package io.jcoro.sched;

import java.util.ArrayList;

/**
 * A cancel scope (trio's name): a region of a task's run that can be cancelled as a whole. Every task has a root
 * scope; {@link Sys#timeout}, {@link Sys#moveOnAfter} and {@link Sys#group} open nested ones. Scopes form a tree
 * across tasks: a task spawned into a group has the group's scope as the parent of its root, so cancelling a scope
 * cancels every task started inside it.
 *
 * <p>Cancellation is level-triggered: once a scope is cancelled, every wait inside it raises {@link Cancelled}
 * until the code leaves the scope. The exception names the outermost cancelled scope of the task, so it passes
 * through inner scopes to the one that catches it.
 */
class Scope {
    enum Kind { TASK, DEADLINE, GROUP }

    final Kind kind;
    /** The task on whose stack this scope is (for a root scope, the task itself). */
    final TaskImpl<?> task;
    /** The enclosing scope; for a root scope, the scope of the group the task was spawned into, or null. */
    final Scope parent;
    boolean cancelled;
    String reason;
    /** How many times a {@link Cancelled} for this scope was raised in its task. */
    int deliveries;
    boolean exited;
    /** The deadline's timer, for a {@link Kind#DEADLINE} scope. */
    Timer deadline;
    /** Scopes whose parent is this one: nested scopes, and the roots of tasks spawned into a group. */
    private ArrayList<Scope> children;

    Scope(Kind kind, TaskImpl<?> task, Scope parent) {
        this.kind = kind;
        this.task = task;
        this.parent = parent;
        if (parent != null) {
            parent.adopt(this);
        }
    }

    private void adopt(Scope child) {
        if (children == null) {
            children = new ArrayList<>(2);
        }
        children.add(child);
    }

    /** Detaches this scope from its parent; it no longer receives the parent's cancellation. */
    void detach() {
        exited = true;
        if (parent != null && parent.children != null) {
            parent.children.remove(this);
        }
    }

    /** A copy of the children, safe to iterate while tasks end and detach. */
    Scope[] children() {
        return children == null ? new Scope[0] : children.toArray(new Scope[0]);
    }
}
