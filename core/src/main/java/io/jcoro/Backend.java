package io.jcoro;

/**
 * How generator bodies are suspended. One backend is chosen per JVM, once, when jcoro is first used;
 * {@link Generator#backend()} tells which. Both give the same behaviour; they differ in cost.
 *
 * <p>Choose with the system property {@code jcoro.backend} ({@code continuation} or {@code virtual-thread});
 * without it jcoro uses {@link #CONTINUATION} when the JVM exports {@code jdk.internal.vm} to it, else
 * {@link #VIRTUAL_THREAD}.
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
