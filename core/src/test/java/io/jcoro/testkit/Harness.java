package io.jcoro.testkit;

import io.jcoro.Coroutine;
import io.jcoro.Generator;
import io.jcoro.StopIteration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How the conformance tests get hold of the generators they drive.
 *
 * <p>With {@code -Djcoro.test.caller=hopping}, every generator (and coroutine) passed through {@link #drive} is
 * wrapped so that each call on it ({@code next}, {@code send}, {@code throwIn}, {@code close}, {@code state},
 * {@code result}, and every operation of its iterator and stream views) runs on a fresh platform thread, so no two
 * consecutive calls share a thread. The caller waits for that thread, and whatever it threw reaches the caller as
 * the very same object (the {@link ExecutionException} is unwrapped). Without the property, {@link #drive} returns
 * its argument unchanged.
 */
public final class Harness {
    private Harness() {
    }

    /** The system property that selects the caller. */
    public static final String CALLER_PROPERTY = "jcoro.test.caller";

    private static final AtomicInteger HOPS = new AtomicInteger();

    /** Whether this run resumes every generator from a different thread each time. */
    public static boolean hopping() {
        return "hopping".equals(System.getProperty(CALLER_PROPERTY, "").trim());
    }

    /** {@code g}, or, when {@link #hopping()}, a view of it whose every call runs on another thread. */
    public static <Y, S, R> Generator<Y, S, R> drive(Generator<Y, S, R> g) {
        if (!hopping() || g instanceof HoppingGenerator<?, ?, ?>) {
            return g;
        }
        return new HoppingGenerator<>(g);
    }

    /** {@code c}, or, when {@link #hopping()}, a view of it whose every call runs on another thread. */
    public static <T> Coroutine<T> drive(Coroutine<T> c) {
        if (!hopping() || c instanceof HoppingCoroutine<?>) {
            return c;
        }
        return new HoppingCoroutine<>(c);
    }

    /** {@code drive(Generator.of(body))}. */
    public static <Y, S> Generator<Y, S, Void> of(Generator.Body<Y, S> body) {
        return drive(Generator.of(body));
    }

    /** {@code drive(Generator.returning(body))}. */
    public static <Y, S, R> Generator<Y, S, R> returning(Generator.ReturningBody<Y, S, R> body) {
        return drive(Generator.returning(body));
    }

    /**
     * {@code drive(Coroutine.of(body))}; when hopping, the priming run of the body also happens on another thread.
     */
    public static <T> Coroutine<T> coroutine(Coroutine.Body<T> body) {
        if (!hopping()) {
            return Coroutine.of(body);
        }
        return drive(call(() -> Coroutine.of(body)));
    }

    /** Python's {@code list(g)}: {@code next()} until StopIteration, through the generator's own methods. */
    public static <Y> List<Y> drain(Generator<Y, ?, ?> g) {
        List<Y> out = new ArrayList<>();
        for (;;) {
            try {
                out.add(g.next());
            } catch (StopIteration end) {
                return out;
            }
        }
    }

    /** The number of thread hops made so far by this JVM (for the testkit's own tests). */
    public static int hops() {
        return HOPS.get();
    }

    /** Runs {@code action} on a fresh platform thread, and returns its value or throws what it threw, as is. */
    static <T> T call(Callable<T> action) {
        FutureTask<T> task = new FutureTask<>(action);
        Thread t = new Thread(task, "jcoro-test-caller-" + HOPS.incrementAndGet());
        t.setDaemon(true);
        t.start();
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw sneaky(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + t.getName(), e);
        }
    }

    static void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    /** Throws {@code t} as is, checked or not. */
    static RuntimeException sneaky(Throwable t) {
        throw Harness.<RuntimeException>raise(t);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T raise(Throwable t) throws T {
        throw (T) t;
    }
}
