package io.jcoro.bench.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * A model, not jcoro code, to price a design before changing the core: {@link YieldAll#listIteration} plus the two
 * atomic steps jcoro's protocol takes for every value handed out (a CAS of the state from SUSPENDED to RUNNING, a
 * release store back). It is the floor of any {@code yieldAll} that takes the generator's state once per element,
 * however lean the rest. (The round-trip ingredients are modelled in {@link Interleaved}, where load cancels out.)
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.EXPORTS, Jvm.CONTINUATION, Jvm.STACKFUL})
public class Anatomy {

    static final int SUSPENDED = 2, RUNNING = 1;
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
        List<Integer> list;

        @Setup(Level.Trial)
        public void setup() {
            list = new ArrayList<>();
            for (int i = 0; i < YieldAll.SIZE; i++) {
                list.add(i * 7919);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(YieldAll.SIZE)
    public void listIterationPlusStateMachine(Model m, Blackhole bh) {
        for (Integer v : m.list) {
            if (!STATE.compareAndSet(m, SUSPENDED, RUNNING)) {
                throw new IllegalStateException("already executing");
            }
            bh.consume(v);
            STATE.setRelease(m, SUSPENDED);
        }
    }
}
