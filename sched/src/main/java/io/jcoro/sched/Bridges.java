package io.jcoro.sched;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Requests that wait for the world outside the scheduler: blocking work on other threads, and futures. The
 * completion comes back through the kernel's inbox, on the loop's thread, so a task is only ever resumed there.
 */
final class Bridges {
    private Bridges() {
    }

    /** {@link Sys#blocking}: runs the work on the scheduler's executor and waits for it. */
    static final class Blocking<T> extends Request<T> {
        private final Callable<? extends T> work;

        Blocking(Callable<? extends T> work) {
            this.work = java.util.Objects.requireNonNull(work, "work");
        }

        @Override
        void handle(Kernel k, TaskImpl<?> t) {
            if (k.simulated) {
                try {
                    k.ready(t, work.call()); // deterministic: at once, on the loop's thread, no simulated time
                } catch (Exception e) {
                    k.readyError(t, e);
                }
                return;
            }
            if (k.cancelledAt(t)) {
                return;
            }
            ExternalWait w = new ExternalWait(k, t);
            FutureTask<Object> task = new FutureTask<Object>(work::call) {
                @Override
                protected void done() {
                    w.complete(this::outcome);
                }

                private Object outcome() throws Throwable {
                    try {
                        return get();
                    } catch (ExecutionException e) {
                        throw e.getCause();
                    }
                }
            };
            w.onAbandon = () -> task.cancel(true);
            k.park(t, w);
            if (k.hooks.blocking != null) {
                k.hooks.blocking.execute(task);
            } else {
                Thread.ofVirtual().name("jcoro-sched-blocking").start(task);
            }
        }

        @Override
        String describe() {
            return "blocking";
        }
    }

    /** {@link Sys#await}: waits for a future to complete. */
    static final class Await<T> extends Request<T> {
        private final CompletionStage<? extends T> stage;

        Await(CompletionStage<? extends T> stage) {
            this.stage = java.util.Objects.requireNonNull(stage, "future");
        }

        @Override
        void handle(Kernel k, TaskImpl<?> t) {
            CompletableFuture<? extends T> f = stage.toCompletableFuture();
            if (f.isDone()) {
                deliver(k, t, f);
                return;
            }
            if (k.simulated) {
                k.readyError(t, new IllegalStateException("a simulation cannot wait for a future that is not"
                        + " complete: it would depend on threads outside the simulation"));
                return;
            }
            if (k.cancelledAt(t)) {
                return;
            }
            ExternalWait w = new ExternalWait(k, t);
            k.park(t, w);
            f.whenComplete((v, e) -> w.complete(() -> {
                if (e != null) {
                    throw e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                }
                return v;
            }));
        }

        private static void deliver(Kernel k, TaskImpl<?> t, CompletableFuture<?> f) {
            try {
                k.ready(t, f.join());
            } catch (CompletionException e) {
                k.readyError(t, e.getCause() != null ? e.getCause() : e);
            } catch (CancellationException e) {
                k.readyError(t, e);
            }
        }

        @Override
        String describe() {
            return "await";
        }
    }

    /** The outcome of outside work, computed on the loop thread. */
    private interface Outcome {
        Object get() throws Throwable;
    }

    /**
     * A task parked on the outside world. Completion may come from any thread; it is posted to the loop, and
     * ignored there if the task stopped waiting (cancelled, killed) in the meantime.
     */
    private static final class ExternalWait implements Waiter {
        private final Kernel k;
        private final TaskImpl<?> task;
        private boolean over;
        Runnable onAbandon;

        ExternalWait(Kernel k, TaskImpl<?> task) {
            this.k = k;
            this.task = task;
            k.externalWaitStarted();
        }

        void complete(Outcome outcome) {
            k.post(() -> {
                if (over) {
                    return;
                }
                over = true;
                k.externalWaitEnded();
                try {
                    k.ready(task, outcome.get());
                } catch (Throwable e) {
                    k.readyError(task, e);
                }
            });
        }

        @Override
        public void abandon() {
            if (!over) {
                over = true;
                k.externalWaitEnded();
                if (onAbandon != null) {
                    onAbandon.run();
                }
            }
        }
    }
}
