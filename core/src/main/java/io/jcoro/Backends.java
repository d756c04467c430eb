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

    static final Backend ACTIVE = choose();

    static Fiber newFiber(Runnable body) {
        return ACTIVE == Backend.CONTINUATION ? new ContinuationFiber(body) : new ThreadFiber(body);
    }

    private static Backend choose() {
        String forced = System.getProperty(PROPERTY, "").trim();
        System.Logger log = System.getLogger("io.jcoro");
        switch (forced) {
            case "virtual-thread":
                return Backend.VIRTUAL_THREAD;
            case "continuation": {
                String problem = continuationProblem();
                if (problem != null) {
                    throw new IllegalStateException("-D" + PROPERTY + "=continuation, but " + problem);
                }
                if (MONITOR_HAZARD) {
                    log.log(System.Logger.Level.DEBUG, "jcoro continuation backend on JDK "
                            + Runtime.version().feature() + ": do not call next/send/throwIn/close of a generator"
                            + " while holding a synchronized monitor (the JVM can crash); see docs/backends.md");
                }
                return Backend.CONTINUATION;
            }
            case "":
                break;
            default:
                throw new IllegalStateException("-D" + PROPERTY + "=" + forced
                        + ": expected 'continuation' or 'virtual-thread'");
        }
        String problem = continuationProblem();
        if (problem == null && !MONITOR_HAZARD) {
            return Backend.CONTINUATION;
        }
        String why = problem != null ? problem
                : "on JDK " + Runtime.version().feature() + " continuations crash the JVM when switched while the"
                        + " caller holds a synchronized monitor";
        String how = problem != null
                ? " For the faster continuation backend, start java with"
                        + " --add-exports java.base/jdk.internal.vm=ALL-UNNAMED (or =io.jcoro on the module path)."
                : " Code that never calls a generator while holding a monitor may choose the faster continuation"
                        + " backend with -D" + PROPERTY + "=continuation (see docs/backends.md).";
        log.log(System.Logger.Level.INFO, "jcoro runs generators on virtual threads (" + why + ")." + how);
        return Backend.VIRTUAL_THREAD;
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
