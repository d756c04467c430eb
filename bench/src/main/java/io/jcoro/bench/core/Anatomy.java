package io.jcoro.bench.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Where jcoro's time goes, by adding to the floors one ingredient of what jcoro does at a time. Not jcoro code:
 * models of it, so that a proposed change to the core can be priced before it is made.
 *
 * <ul>
 *   <li>{@code rawPlusStateMachine}: {@link RoundTrip#rawContinuation} plus the protocol's two atomic steps per
 *       call, a CAS of the state from SUSPENDED to RUNNING and a release store back to SUSPENDED.</li>
 *   <li>{@code rawPlusLookups}: the raw round trip plus two {@code Continuation.getCurrentContinuation} look-ups,
 *       as jcoro makes one on the caller's side (am I inside a body? then trampoline) and one in {@code yield}
 *       (is this yielder's body the one running?).</li>
 *   <li>{@code rawThreeFramesDeeper}: the raw body loop entered through three more frames, as jcoro's body runs
 *       under {@code GeneratorCore.runBody} and the {@code Generator.of} adapter; every switch copies them.</li>
 *   <li>{@code listIterationPlusStateMachine}: {@link YieldAll#listIteration} with the same two atomic steps per
 *       element: the floor of any {@code yieldAll} that takes the generator's state for each element.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.EXPORTS, Jvm.CONTINUATION})
public class Anatomy {

    static final int SUSPENDED = 2, RUNNING = 1;
    private static final ContinuationScope SCOPE = new ContinuationScope("anatomy");
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Model.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @State(Scope.Thread)
    public static class Model {
        volatile int state = SUSPENDED;
        int value;
        Continuation plain;
        Continuation looking;
        Continuation deeper;
        List<Integer> list;

        @Setup(Level.Trial)
        public void setup() {
            plain = new Continuation(SCOPE, () -> {
                while (true) {
                    value++;
                    Continuation.yield(SCOPE);
                }
            });
            looking = new Continuation(SCOPE, () -> {
                while (true) {
                    value++;
                    if (Continuation.getCurrentContinuation(SCOPE) == null) {
                        throw new AssertionError();
                    }
                    Continuation.yield(SCOPE);
                }
            });
            deeper = new Continuation(SCOPE, this::first);
            plain.run();
            looking.run();
            deeper.run();
            list = new ArrayList<>();
            for (int i = 0; i < YieldAll.SIZE; i++) {
                list.add(i * 7919);
            }
        }

        private void first() {
            second();
        }

        private void second() {
            third();
        }

        private void third() {
            while (true) {
                value++;
                Continuation.yield(SCOPE);
            }
        }

        void claim() {
            if (!STATE.compareAndSet(this, SUSPENDED, RUNNING)) {
                throw new IllegalStateException("already executing");
            }
        }

        void release() {
            STATE.setRelease(this, SUSPENDED);
        }
    }

    @Benchmark
    public int rawPlusStateMachine(Model m) {
        m.claim();
        m.plain.run();
        m.release();
        return m.value;
    }

    @Benchmark
    public int rawPlusLookups(Model m) {
        if (Continuation.getCurrentContinuation(SCOPE) != null) {
            throw new AssertionError();
        }
        m.looking.run();
        return m.value;
    }

    @Benchmark
    public int rawThreeFramesDeeper(Model m) {
        m.deeper.run();
        return m.value;
    }

    @Benchmark
    @OperationsPerInvocation(YieldAll.SIZE)
    public void listIterationPlusStateMachine(Model m, Blackhole bh) {
        for (Integer v : m.list) {
            m.claim();
            bh.consume(v);
            m.release();
        }
    }
}
