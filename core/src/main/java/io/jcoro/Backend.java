package io.jcoro;

/**
 * How a generator body runs: compiled into a state machine, or suspended on a stackful backend. All three give the
 * same behaviour; they differ in cost. {@link Generator#mechanism()} tells which one a generator uses.
 *
 * <p>Every body that can be compiled is ({@link #COMPILED}; {@code -Djcoro.compile=false} turns that off,
 * {@code -Djcoro.compile=require} makes a body that cannot be compiled fail at creation). The others run on one
 * stackful backend, chosen once per JVM ({@link Generator#backend()}): {@code -Djcoro.backend=continuation} or
 * {@code virtual-thread}; without the property, {@link #CONTINUATION} on JDK 21 to 23 when the JVM exports
 * {@code jdk.internal.vm} to jcoro, else {@link #VIRTUAL_THREAD}. On JDK 24 and later continuations are never the
 * default: switching one while the caller holds a {@code synchronized} monitor can crash those JVMs.
 */
public enum Backend {
    /**
     * The body was compiled into a state machine: each resume is a plain method call on the caller's thread.
     * jcoro compiles every body whose yields are all calls on its own yielder in the body's own code (Python's
     * shape); see {@link Generator#mechanism()}.
     */
    COMPILED,
    /**
     * The JDK's own one-shot continuations ({@code jdk.internal.vm.Continuation}). About the cost of a method call
     * that saves and restores the stack frames in between. Needs
     * {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED} (or {@code =io.jcoro} on the module path).
     */
    CONTINUATION,
    /**
     * Each started generator body runs on its own virtual thread, handing control back and forth in lockstep
     * (the body runs only while its caller waits). Portable; a round trip costs microseconds, several times less
     * when the caller is itself a virtual thread.
     */
    VIRTUAL_THREAD
}
