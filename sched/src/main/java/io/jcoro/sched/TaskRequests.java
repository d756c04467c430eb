package io.jcoro.sched;

import io.jcoro.Generator;
import java.time.Duration;

/** The requests about tasks and time: Beazley's GetTid, NewTask, KillTask, WaitTask, and sleeping. */
final class TaskRequests {
    private TaskRequests() {
    }

    /** A request answered at once from the kernel and the task: tid, current, now, random. */
    static final class Immediate<T> extends Request<T> {
        private final String what;
        private final java.util.function.BiFunction<Kernel, TaskImpl<?>, ? extends T> answer;

        Immediate(String what, java.util.function.BiFunction<Kernel, TaskImpl<?>, ? extends T> answer) {
            this.what = what;
            this.answer = answer;
        }

        @Override
        void handle(Kernel k, TaskImpl<?> t) {
            k.ready(t, answer.apply(k, t));
        }

        @Override
        String describe() {
            return what;
        }

        @Override
        int kind() {
            return what.hashCode();
        }
    }

    /** Starts a task; the new task runs before its parent continues (Beazley's NewTask queues it first). */
    static final class Spawn<R> extends Request<Task<R>> {
        private final Generator<Syscall, Object, R> body;
        private final String name;
        private final TaskGroup group;

        Spawn(Generator<Syscall, Object, R> body, String name, TaskGroup group) {
            this.body = java.util.Objects.requireNonNull(body, "task body");
            this.name = name;
            this.group = group;
        }

        @Override
        void handle(Kernel k, TaskImpl<?> t) {
            if (group != null) {
                String refused = group.refusal(k);
                if (refused != null) {
                    k.readyError(t, new IllegalStateException(refused));
                    return;
                }
            }
            TaskImpl<R> child = k.spawn(body, name, t.host, group);
            if (group != null) {
                group.adopt(child);
            }
            k.ready(t, child);
        }

        @Override
        String describe() {
            return name == null ? "spawn" : "spawn " + name;
        }
    }

    /** A request about another task of the same scheduler; a task of another scheduler is refused. */
    private abstract static class AboutTask<T, R> extends Request<T> {
        final TaskImpl<R> target;

        AboutTask(Task<R> target) {
            this.target = own(target);
        }

        abstract void apply(Kernel k, TaskImpl<?> t);

        @Override
        final void handle(Kernel k, TaskImpl<?> t) {
            if (target.kernel != k) {
                k.readyError(t, new IllegalArgumentException(target + " belongs to another scheduler"));
                return;
            }
            apply(k, t);
        }
    }

    static final class Kill extends AboutTask<Boolean, Object> {
        @SuppressWarnings("unchecked")
        Kill(Task<?> victim) {
            super((Task<Object>) victim);
        }

        @Override
        void apply(Kernel k, TaskImpl<?> t) {
            boolean killed = k.kill(target);
            if (!t.isDone()) {
                k.ready(t, killed);
            }
        }

        @Override
        String describe() {
            return "kill " + target.id;
        }
    }

    static final class Cancel extends AboutTask<Boolean, Object> {
        @SuppressWarnings("unchecked")
        Cancel(Task<?> victim) {
            super((Task<Object>) victim);
        }

        @Override
        void apply(Kernel k, TaskImpl<?> t) {
            boolean alive = !target.isDone();
            k.cancelScope(target.root, "cancelled by " + t);
            if (!t.isDone()) {
                k.ready(t, alive);
            }
        }

        @Override
        String describe() {
            return "cancel " + target.id;
        }
    }

    /** Waits for a task to end; its result, or its exception raised again here. */
    static final class Join<R> extends AboutTask<R, R> {
        Join(Task<R> target) {
            super(target);
        }

        @Override
        void apply(Kernel k, TaskImpl<?> t) {
            if (target == t) {
                k.readyError(t, new IllegalStateException(t + " cannot join itself"));
                return;
            }
            target.observed = true;
            if (target.isDone()) {
                k.deliverOutcome(t, target);
                return;
            }
            if (k.cancelledAt(t)) {
                return;
            }
            JoinWaiter w = new JoinWaiter(k, t, target);
            target.onEnd(w);
            k.park(t, w);
        }

        @Override
        String describe() {
            return "join " + target.id;
        }
    }

    private static final class JoinWaiter implements Runnable, Waiter {
        private final Kernel k;
        private final TaskImpl<?> joiner;
        private final TaskImpl<?> target;

        JoinWaiter(Kernel k, TaskImpl<?> joiner, TaskImpl<?> target) {
            this.k = k;
            this.joiner = joiner;
            this.target = target;
        }

        @Override
        public void run() {
            if (joiner.waiter == this) {
                k.deliverOutcome(joiner, target);
            }
        }

        @Override
        public void abandon() {
            if (target.onEnd != null) {
                target.onEnd.remove(this);
            }
        }
    }

    static final class Sleep extends Request<Void> {
        private final long nanos;

        Sleep(Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("sleep: negative duration " + d);
            }
            this.nanos = saturatedNanos(d);
        }

        @Override
        void handle(Kernel k, TaskImpl<?> t) {
            if (k.cancelledAt(t)) {
                return;
            }
            long when = k.now() + nanos;
            if (when < 0) {
                when = Long.MAX_VALUE;
            }
            k.park(t, k.at(when, () -> k.ready(t, null)));
        }

        @Override
        String describe() {
            return "sleep " + nanos / 1000 + "us";
        }
    }

    /** Lets the other ready tasks run, and raises Cancelled if the task is cancelled (trio's checkpoint). */
    static final class Checkpoint extends Request<Void> {
        @Override
        void handle(Kernel k, TaskImpl<?> t) {
            if (k.cancelledAt(t)) {
                return;
            }
            k.ready(t, null);
        }

        @Override
        String describe() {
            return "yield";
        }
    }

    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    static <R> TaskImpl<R> own(Task<R> t) {
        java.util.Objects.requireNonNull(t, "task");
        if (!(t instanceof TaskImpl<R> impl)) {
            throw new IllegalArgumentException("not a task of this library: " + t.getClass().getName());
        }
        return impl;
    }
}
