package io.jcoro.bench.core;

import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The floor for the continuation backend: a bare {@code jdk.internal.vm.Continuation} that counts and yields,
 * driven by {@code run()}. Nothing but the stack switch in each direction.
 */
@State(Scope.Thread)
public class RawContinuation {
    private static final ContinuationScope SCOPE = new ContinuationScope("bench");

    private Continuation continuation;
    private int value;

    @Setup(Level.Trial)
    public void setup() {
        continuation = new Continuation(SCOPE, () -> {
            while (true) {
                value++;
                Continuation.yield(SCOPE);
            }
        });
        continuation.run();
    }

    /** One round trip: resume, let the body count, suspend. */
    int next() {
        continuation.run();
        return value;
    }
}
