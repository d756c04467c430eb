package io.jcoro;

/** A primed coroutine: a generator yielding nothing, advanced to its first receive() at creation. */
final class RealCoroutine<T> implements Coroutine<T> {

    private final Generator<Void, T, Void> generator;

    RealCoroutine(Body<T> body) {
        java.util.Objects.requireNonNull(body, "body");
        RealGenerator<Void, T, Void> compiled = RealGenerator.compiled(body);
        this.generator = compiled != null ? compiled : new RealGenerator<>(y -> {
                    body.run(() -> y.yield(null));
                    return null;
                }, body);
        try {
            generator.next();
        } catch (StopIteration ended) {
            // the body ended without receiving anything: the coroutine is simply closed
        }
    }

    @Override
    public void send(T item) {
        generator.send(item);
    }

    @Override
    public void throwIn(Throwable exception) {
        generator.throwIn(exception);
    }

    @Override
    public void close() {
        generator.close();
    }

    @Override
    public GeneratorState state() {
        return generator.state();
    }

    @Override
    public Generator<Void, T, Void> generator() {
        return generator;
    }

    @Override
    public String toString() {
        return "Coroutine[" + state() + "]";
    }
}
