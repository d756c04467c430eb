package io.jcoro.sched;

import io.jcoro.Generator;
import io.jcoro.GeneratorState;
import io.jcoro.StopIteration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@link Sys#group}: opens a group scope, runs the body in the calling task (forwarding, as {@code yield from}),
 * then waits for the group's tasks and raises what failed. The waiting is a request of its own that cancellation
 * does not interrupt: the group's tasks are cancelled instead, and the group waits for them to finish.
 */
final class GroupRun<R> extends ForwardingGenerator<R> {
    private final Function<? super TaskGroup, ? extends Generator<Syscall, Object, R>> makeBody;
    private final TaskGroup group = new TaskGroup();
    private Generator<Syscall, Object, R> body;
    private boolean joining;
    private R bodyResult;
    private Throwable bodyFailure;
    /** A Cancelled of a scope around the group, raised again once the group's tasks have ended. */
    private Cancelled outer;

    GroupRun(Function<? super TaskGroup, ? extends Generator<Syscall, Object, R>> makeBody) {
        this.makeBody = java.util.Objects.requireNonNull(makeBody, "body");
    }

    @Override
    Syscall start() {
        return new Enter();
    }

    @Override
    Syscall entered(Object sent) {
        try {
            body = java.util.Objects.requireNonNull(makeBody.apply(group), "the group's body function returned null");
        } catch (RuntimeException | Error e) {
            return bodyEnded(e);
        }
        return forward(body::next);
    }

    @Override
    Syscall resumed(Object value) {
        return joining ? finish() : forward(() -> body.send(value));
    }

    @Override
    Syscall thrown(Throwable e) {
        if (joining) {
            // only a kill reaches a shielded wait, and that closes; anything else is a failure of the group
            bodyFailure = bodyFailure == null ? e : bodyFailure;
            group.killAll();
            return finish();
        }
        return forward(() -> body.throwIn(e));
    }

    @SuppressWarnings("unchecked")
    private Syscall forward(java.util.function.Supplier<Syscall> step) {
        try {
            return step.get();
        } catch (StopIteration end) {
            bodyResult = (R) end.value();
            return bodyEnded(null);
        } catch (Throwable x) {
            return bodyEnded(x);
        }
    }

    private Syscall bodyEnded(Throwable x) {
        if (x instanceof Cancelled c) {
            if (c.scope != group.scope) {
                outer = c;
            }
        } else if (x != null) {
            bodyFailure = x;
            group.scope.task.kernel.cancelScope(group.scope, "the task group's body failed: " + x);
        }
        joining = true;
        if (group.idle()) {
            return finish();
        }
        return new AwaitAll();
    }

    private Syscall finish() {
        group.close();
        ended();
        TaskImpl<?> owner = group.scope.task;
        owner.kernel.exitScope(group.scope);
        List<Throwable> all = new ArrayList<>();
        if (bodyFailure != null) {
            all.add(bodyFailure);
        }
        all.addAll(group.failures);
        if (!all.isEmpty()) {
            Throwable first = all.get(0);
            for (Throwable t : all.subList(1, all.size())) {
                if (t != first) {
                    first.addSuppressed(t);
                }
            }
            throw Throwing.sneaky(first);
        }
        if (outer != null) {
            throw outer;
        }
        Cancelled around = owner.kernel.pendingCancel(owner);
        if (around != null) {
            throw around; // the group's tasks were cancelled from outside: so is the group
        }
        throw new StopIteration(bodyResult);
    }

    @Override
    void closing() {
        try {
            if (body != null && body.state() != GeneratorState.CLOSED) {
                body.close();
            }
        } finally {
            group.killAll();
            if (group.scope != null) {
                group.scope.task.kernel.exitScope(group.scope);
            }
        }
    }

    private final class Enter extends Request<Void> {
        @Override
        void handle(Kernel k, TaskImpl<?> t) {
            group.opened(k, k.enterScope(t, Scope.Kind.GROUP));
            k.ready(t, null);
        }

        @Override
        String describe() {
            return "group";
        }
    }

    private final class AwaitAll extends Request<Void> {
        @Override
        void handle(Kernel k, TaskImpl<?> t) {
            group.awaitAll(k, t);
        }

        @Override
        String describe() {
            return "await group";
        }
    }
}
