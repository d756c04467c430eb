package io.jcoro;

/**
 * The four states of a generator, Python's {@code inspect.getgeneratorstate}.
 *
 * <pre>
 *   CREATED   -&gt; RUNNING     next / send(null) / throwIn (which raises before the first statement)
 *   CREATED   -&gt; CLOSED      close (no code runs)
 *   RUNNING   -&gt; SUSPENDED   the body yields (also while it delegates with yieldFrom / yieldAll)
 *   RUNNING   -&gt; CLOSED      the body returns, or an exception escapes it
 *   SUSPENDED -&gt; RUNNING     next / send / throwIn / close
 *   CLOSED    is final
 * </pre>
 * A failed call ("already executing", "can't send non-None value ...") leaves the state as it was.
 */
public enum GeneratorState {
    /** Created; no statement of the body has run. */ CREATED,
    /** The body is running now, or forwarding to a generator it delegates to. */ RUNNING,
    /** Paused at a yield. */ SUSPENDED,
    /** Returned, raised, or closed. Final. */ CLOSED
}
