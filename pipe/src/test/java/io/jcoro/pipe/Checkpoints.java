package io.jcoro.pipe;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Ordered-execution checkpoints, as kotlinx.coroutines' tests use them: {@code expect(n)} asserts that this is
 * the n-th thing to happen, {@code finish(n)} that it is the last, {@code unreached()} that it never happens.
 * Safe to call from several threads; the first failure is kept and rethrown by {@link #finish}.
 */
final class Checkpoints {
    private int next = 1;
    private boolean finished;
    private AssertionError failure;

    synchronized void expect(int index) {
        if (finished) {
            record(new AssertionError("checkpoint " + index + " reached after finish"));
        }
        if (index != next) {
            record(new AssertionError("expected checkpoint " + next + " but reached " + index));
        }
        next = index + 1;
    }

    synchronized void finish(int index) {
        expect(index);
        finished = true;
        if (failure != null) {
            throw failure;
        }
    }

    synchronized void unreached() {
        record(new AssertionError("this line must not be reached (after checkpoint " + (next - 1) + ")"));
    }

    private void record(AssertionError e) {
        if (failure == null) {
            failure = e;
        }
        fail(e.getMessage());
    }
}
