package io.jcoro.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Ordered-execution checkpoints (kotlinx.coroutines' {@code expect}/{@code finish}/{@code expectUnreached}): the
 * steps of a test, in generator bodies and in the caller alike, are numbered 1, 2, 3, ... and must happen in that
 * order.
 *
 * <pre>{@code
 * @RegisterExtension final Checkpoints steps = new Checkpoints();
 *
 * Generator<Integer, Void, Void> g = Generator.of(y -> { steps.expect(2); y.yield(1); steps.expectUnreached(); });
 * steps.expect(1);
 * g.next();
 * steps.finish(3);
 * }</pre>
 *
 * A failure is thrown where it happens (an {@link AssertionError}, which a body's {@code catch (Exception e)} does
 * not catch) and is also recorded, so that a body that swallows it still fails the test: registered as an
 * extension, the checkpoints fail the test after it ran if a failure was recorded, or if steps were taken but
 * {@link #finish} was never reached. Thread-safe: steps may be taken on any thread.
 */
public final class Checkpoints implements AfterEachCallback {

    private final AtomicInteger step = new AtomicInteger();
    private final List<Throwable> failures = new ArrayList<>();
    private volatile boolean finished;

    /** Asserts that this is step {@code n}: the step before it was {@code n - 1}. */
    public void expect(int n) {
        int actual = step.incrementAndGet();
        if (actual != n) {
            throw record(new AssertionError("checkpoint out of order: expected step " + n + " but this is step "
                    + actual + " (on thread " + Thread.currentThread().getName() + ")"));
        }
        if (finished) {
            throw record(new AssertionError("checkpoint " + n + " reached after finish"));
        }
    }

    /** Asserts that this is step {@code n}, and the last one. */
    public void finish(int n) {
        expect(n);
        finished = true;
        Throwable first = firstFailure();
        if (first != null) {
            throw new AssertionError("a checkpoint failed earlier: " + first.getMessage(), first);
        }
    }

    /** Asserts that this line is never executed. */
    public void expectUnreached() {
        throw record(new AssertionError("should not be reached; the last checkpoint was step " + step.get()
                + " (on thread " + Thread.currentThread().getName() + ")"));
    }

    /** The last step taken, 0 before the first. */
    public int step() {
        return step.get();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Throwable first = firstFailure();
        if (first != null) {
            throw new AssertionError("a checkpoint failed: " + first.getMessage(), first);
        }
        if (step.get() > 0 && !finished && context.getExecutionException().isEmpty()) {
            throw new AssertionError("checkpoints stopped at step " + step.get() + " without finish()");
        }
    }

    private synchronized AssertionError record(AssertionError e) {
        failures.add(e);
        return e;
    }

    private synchronized Throwable firstFailure() {
        return failures.isEmpty() ? null : failures.get(0);
    }
}
