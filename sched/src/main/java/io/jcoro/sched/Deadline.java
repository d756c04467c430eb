package io.jcoro.sched;

import io.jcoro.Generator;
import io.jcoro.GeneratorState;
import io.jcoro.StopIteration;
import java.time.Duration;

/**
 * {@link Sys#timeout} and {@link Sys#moveOnAfter}: runs a body inside a cancel scope whose deadline cancels it.
 * Hand-written rather than a jcoro body: it only forwards to the body, so it costs no continuation, and the body
 * keeps running in the calling task (the scope is on the task's own stack, as Python's {@code yield from}).
 *
 * <p>Its first step yields a request that opens the scope and arms the deadline; after that it forwards every
 * value, send and throw to the body. When the body ends it leaves the scope; a {@link Cancelled} that belongs to
 * its own scope becomes {@link TimedOut} (or the result {@code null}), any other passes through.
 */
final class Deadline<T> extends ForwardingGenerator<T> {
    private final Duration limit;
    private final long nanos;
    private final Generator<Syscall, Object, T> body;
    private final boolean raise;
    private Scope scope;

    Deadline(Duration limit, Generator<Syscall, Object, T> body, boolean raise) {
        if (limit.isNegative()) {
            throw new IllegalArgumentException("negative timeout " + limit);
        }
        this.limit = limit;
        this.nanos = TaskRequests.saturatedNanos(limit);
        this.body = java.util.Objects.requireNonNull(body, "body");
        this.raise = raise;
    }

    @Override
    Syscall start() {
        return new Enter();
    }

    @Override
    Syscall entered(Object sent) {
        scope = (Scope) sent;
        return forward(body::next);
    }

    @Override
    Syscall resumed(Object value) {
        return forward(() -> body.send(value));
    }

    @Override
    Syscall thrown(Throwable e) {
        return forward(() -> body.throwIn(e));
    }

    private Syscall forward(java.util.function.Supplier<Syscall> step) {
        try {
            return step.get();
        } catch (StopIteration end) {
            leave();
            throw end;
        } catch (Cancelled c) {
            leave();
            if (c.scope != scope) {
                throw c;
            }
            if (raise) {
                throw new TimedOut("timed out after " + pretty(limit));
            }
            throw new StopIteration(null);
        } catch (Throwable x) {
            leave();
            throw Throwing.sneaky(x);
        }
    }

    @Override
    void closing() {
        try {
            if (body.state() != GeneratorState.CLOSED) {
                body.close();
            }
        } finally {
            leave();
        }
    }

    private void leave() {
        ended();
        if (scope != null) {
            scope.task.kernel.exitScope(scope);
        }
    }

    static String pretty(Duration d) {
        return d.toString().substring(2).toLowerCase();
    }

    private final class Enter extends Request<Scope> {
        @Override
        void handle(Kernel k, TaskImpl<?> t) {
            Scope s = k.enterScope(t, Scope.Kind.DEADLINE);
            long when = k.now() + nanos;
            s.deadline = k.at(when < 0 ? Long.MAX_VALUE : when,
                    () -> k.cancelScope(s, "deadline of " + pretty(limit) + " passed"));
            k.ready(t, s);
        }

        @Override
        String describe() {
            return (raise ? "timeout " : "moveOnAfter ") + nanos / 1000 + "us";
        }
    }
}
