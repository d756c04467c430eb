package io.jcoro;

/**
 * Chooses the backend once per JVM, and makes fibers for it.
 *
 * <p>Why the continuation backend is not the default on JDK 24 and later: from JDK 24 on (JEP 491), a raw
 * {@code jdk.internal.vm.Continuation} may be frozen and thawed while the thread holds {@code synchronized}
 * monitors, and on Temurin 25.0.3 doing that repeatedly while a monitor taken <em>outside</em> the continuation is
 * held (for example {@code synchronized (lock) { generator.next(); }}, a hundred times) crashes the JVM with
 * SIGSEGV in {@code Thaw::thaw_slow}; one level is enough, no nesting needed (docs/backends.md has the
 * 8-line reproducer). jcoro cannot see cheaply whether its caller holds a monitor, and user code must never be able
 * to crash the JVM, so on those JDKs the default is the virtual-thread backend, whose monitors the JDK handles.
 * JDK 21 to 23 pin a continuation that holds a monitor, so there the JVM itself refuses the dangerous freeze, and
 * jcoro turns that into a clear exception; the continuation backend is the default there.
 */
final class Backends {
    private Backends() {
    }

    static final String PROPERTY = "jcoro.backend";

    /** Whether this JVM crashes on continuations switched under a caller's monitor (see the class comment). */
    static final boolean MONITOR_HAZARD = Runtime.version().feature() >= 24;

    /** Set when the virtual-thread backend was chosen for want of a better one: said once, at its first use. */
    private static boolean chosenByDefault;
    private static final java.util.concurrent.atomic.AtomicBoolean ANNOUNCED =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** The backend, or null when the settings are wrong (then PROBLEM says why, at every use). */
    private static final Backend CHOSEN;
    private static final String PROBLEM;

    static {
        String problem = null;
        Backend chosen = null;
        try {
            chosen = choose();
        } catch (IllegalStateException e) {
            problem = e.getMessage();
        }
        CHOSEN = chosen;
        PROBLEM = problem;
    }

    /** The stackful backend of this JVM. @throws IllegalStateException when -Djcoro.backend is wrong */
    static Backend active() {
        if (PROBLEM != null) {
            throw new IllegalStateException(PROBLEM);
        }
        return CHOSEN;
    }

    /** Fails, at every use, when the settings jcoro reads are wrong; called whenever a generator is made. */
    static void check() {
        if (PROBLEM != null) {
            throw new IllegalStateException(PROBLEM);
        }
    }

    static Fiber newFiber(Runnable body) {
        if (active() == Backend.CONTINUATION) {
            return new ContinuationFiber(body);
        }
        if (chosenByDefault && !ANNOUNCED.getAndSet(true)) {
            announce();
        }
        return new ThreadFiber(body);
    }

    /** The whole story, once: only bodies jcoro cannot compile get here, and both ways to speed them up. */
    private static void announce() {
        System.getLogger("io.jcoro").log(System.Logger.Level.INFO, "jcoro runs the generator bodies it cannot"
                + " compile on virtual threads, about 1 us per resume. To compile a body, make every yield a call on"
                + " its own yielder in the body's own code (-Djcoro.compile=require says why a body is not"
                + " compiled). Or choose the continuation backend, ten times faster than virtual threads:"
                + " --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -D" + PROPERTY + "=continuation"
                + (MONITOR_HAZARD ? ", safe only if no caller holds a synchronized monitor while it resumes a"
                        + " generator (on JDK " + Runtime.version().feature() + " that can crash the JVM)." : "."));
    }

    private static Backend choose() {
        String forced = System.getProperty(PROPERTY, "").trim();
        switch (forced) {
            case "virtual-thread":
                return Backend.VIRTUAL_THREAD;
            case "continuation": {
                String problem = continuationProblem();
                if (problem != null) {
                    throw new IllegalStateException("-D" + PROPERTY + "=continuation, but " + problem
                            + ": start java with --add-exports java.base/jdk.internal.vm=ALL-UNNAMED (or"
                            + " =io.jcoro when jcoro is on the module path)");
                }
                return Backend.CONTINUATION;
            }
            case "":
                break;
            default:
                throw new IllegalStateException("-D" + PROPERTY + "=" + forced
                        + ": expected continuation or virtual-thread (or no -D" + PROPERTY + " at all)");
        }
        String problem = continuationProblem();
        if (problem == null && !MONITOR_HAZARD) {
            return Backend.CONTINUATION;
        }
        chosenByDefault = true;
        return Backend.VIRTUAL_THREAD;
    }

    /**
     * Why a stackful body must not start here, or null. A body on a virtual thread that runs while its caller is
     * inside a static initializer waits for that class's initialisation, which waits for the body: a silent
     * deadlock whenever the body touches the class. Refusing every start under a static initializer is the one
     * check that cannot miss; a compiled body runs on the caller's thread and has no such problem.
     */
    static String refuseToStart(Object body) {
        if (active() != Backend.VIRTUAL_THREAD) {
            return null;
        }
        String initializing = StackWalker.getInstance().walk(frames -> frames
                .filter(f -> f.getMethodName().equals("<clinit>"))
                .map(StackWalker.StackFrame::getClassName).findFirst().orElse(null));
        if (initializing == null) {
            return null;
        }
        return "a generator body that runs on a virtual thread cannot start inside the static initializer of "
                + initializing + ": the body's thread would wait for that class's initialisation, which waits for"
                + " the body. " + io.jcoro.internal.Compiler.whyStackful(body)
                + " Make the body compilable (yields only as calls on its own yielder in its own code), or create"
                + " the generator outside the static initializer.";
    }

    /** Why the continuation backend cannot be used here, or null if it can. */
    private static String continuationProblem() {
        Module base = Object.class.getModule();
        if (!base.isExported("jdk.internal.vm", Backends.class.getModule())) {
            return "java.base does not export jdk.internal.vm to " + describe(Backends.class.getModule());
        }
        try {
            ContinuationFiber.selfTest();
            return null;
        } catch (Throwable t) {
            return "the continuation self-test failed: " + t;
        }
    }

    private static String describe(Module m) {
        return m.isNamed() ? "module " + m.getName() : "the unnamed module";
    }
}
