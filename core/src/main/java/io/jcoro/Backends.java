package io.jcoro;

/** Chooses the backend once per JVM, and makes fibers for it. */
final class Backends {
    private Backends() {
    }

    static final String PROPERTY = "jcoro.backend";

    static final Backend ACTIVE = choose();

    static Fiber newFiber(Runnable body) {
        return ACTIVE == Backend.CONTINUATION ? new ContinuationFiber(body) : new ThreadFiber(body);
    }

    private static Backend choose() {
        String forced = System.getProperty(PROPERTY, "").trim();
        switch (forced) {
            case "virtual-thread":
                return Backend.VIRTUAL_THREAD;
            case "continuation": {
                String problem = continuationProblem();
                if (problem != null) {
                    throw new IllegalStateException("-D" + PROPERTY + "=continuation, but " + problem);
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
        if (problem == null) {
            return Backend.CONTINUATION;
        }
        System.getLogger("io.jcoro").log(System.Logger.Level.INFO,
                "jcoro runs generators on virtual threads (" + problem + "). For the faster continuation backend,"
                        + " start java with --add-exports java.base/jdk.internal.vm=ALL-UNNAMED"
                        + " (or =io.jcoro on the module path).");
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
