package io.jcoro.stress;

import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;

/**
 * No jcoro code: one raw continuation, run and yielded 10,000 times while the caller holds a monitor it takes and
 * releases around each run. Prints "survived" if the JVM survives. On Temurin 25.0.3 it dies with SIGSEGV in
 * {@code Thaw::thaw_slow} within about a hundred rounds; {@link NestedMonitorCrashTest} uses it to check that jcoro's
 * default backend choice matches the JVM it runs on.
 */
public final class RawContinuationUnderMonitor {
    private RawContinuationUnderMonitor() {
    }

    public static void main(String[] args) {
        ContinuationScope scope = new ContinuationScope("probe");
        Continuation c = new Continuation(scope, () -> {
            while (true) Continuation.yield(scope);
        });
        Object lock = new Object();
        for (int i = 0; i < 10_000; i++) {
            synchronized (lock) {
                c.run();
            }
        }
        System.out.println("survived");
    }
}
