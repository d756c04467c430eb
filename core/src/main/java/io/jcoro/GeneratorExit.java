package io.jcoro;

/**
 * Raised at the paused {@code yield} by {@link Generator#close()}, so that {@code finally} blocks run: Python's
 * {@code GeneratorExit}.
 *
 * <p>It extends {@link Error}, not {@link Exception}, for the same reason Python makes it a {@code BaseException}:
 * a body's {@code catch (Exception e)} must not swallow it. A body may catch it explicitly and return (then
 * {@code close()} finishes normally and {@link Generator#result()} holds the value), or let it propagate. A body
 * that catches it and yields again makes {@code close()} fail with "generator ignored GeneratorExit".
 */
public class GeneratorExit extends Error {
    private static final long serialVersionUID = 1L;

    public GeneratorExit() {
        super(null, null, false, false);
    }

    public GeneratorExit(String message) {
        super(message, null, false, false);
    }
}
